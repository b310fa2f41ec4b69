package dev.ten.tracing.benchmarks;

import java.util.concurrent.TimeUnit;

import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.OpenTelemetry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Goal 1, streaming: one LLM call whose answer streams as a {@code Flux} of 50 tokens, consumed to the
 * end. {@code @TracedLlm} against the same span by hand with the raw OpenTelemetry API (the floor),
 * Reactor's Micrometer observation operator, and no tracing. Spring Boot's defaults as ten-tracing sets
 * them, Reactor's automatic context propagation included; nothing is exported.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class StreamingLlmBenchmark {

	@Param({ "untraced", "rawOpenTelemetry", "tenTracedLlm", "micrometerTap" })
	public String approach;

	private ConfigurableApplicationContext context;

	private StreamingLlm llm;

	@Setup
	public void start() {
		this.context = BenchmarkApplications.start(Application.class, "management.tracing.export.enabled=false");
		this.llm = this.context.getBean(this.approach, StreamingLlm.class);
	}

	@TearDown
	public void stop() {
		this.context.close();
	}

	@Benchmark
	public String streamedLlmCall() {
		return this.llm.stream("req-1", "gpt-4o").blockLast();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

		@Bean
		StreamingLlm untraced() {
			return new StreamingLlms.Untraced();
		}

		@Bean
		StreamingLlm rawOpenTelemetry(OpenTelemetry openTelemetry) {
			return new StreamingLlms.RawOpenTelemetry(openTelemetry);
		}

		@Bean
		StreamingLlm tenTracedLlm() {
			return new StreamingLlms.TenTracedLlm();
		}

		@Bean
		StreamingLlm micrometerTap(ObservationRegistry registry) {
			return new StreamingLlms.MicrometerTap(registry);
		}

	}

}
