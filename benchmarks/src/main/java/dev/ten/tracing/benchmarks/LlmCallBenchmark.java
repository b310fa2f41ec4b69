package dev.ten.tracing.benchmarks;

import java.util.concurrent.TimeUnit;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.OpenTelemetry;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
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

import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Goal 1: one traced LLM call, {@code @TracedLlm} against the same span by hand with the raw OpenTelemetry
 * API (the floor), Micrometer's {@code @NewSpan} and {@code @Observed}, and no tracing. All share Spring
 * Boot's one SDK and batch processor; nothing is exported, so only the caller's cost is measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class LlmCallBenchmark {

	@Param({ "untraced", "springAopNoopAdvice", "rawOpenTelemetry", "tenTracedLlm", "micrometerNewSpan", "micrometerObserved" })
	public String approach;

	private ConfigurableApplicationContext context;

	private LlmCall call;

	@Setup
	public void start() {
		this.context = BenchmarkApplications.start(Application.class, "management.tracing.export.enabled=false",
				"management.observations.annotations.enabled=true");
		this.call = this.context.getBean(this.approach, LlmCall.class);
	}

	@TearDown
	public void stop() {
		this.context.close();
	}

	@Benchmark
	public Reply llmCall() {
		return this.call.complete("req-1", "gpt-4o", "What's the weather in Paris?");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

		@Bean
		LlmCall untraced() {
			return new LlmCalls.Untraced();
		}

		@Bean
		LlmCall springAopNoopAdvice() {
			return new LlmCalls.SpringAopNoopAdvice();
		}

		@Bean
		static Advisor noopAdvisor() {
			MethodInterceptor proceed = MethodInvocation::proceed;
			return new DefaultPointcutAdvisor(AnnotationMatchingPointcut.forMethodAnnotation(LlmCalls.NoopAdvised.class),
					proceed);
		}

		@Bean
		LlmCall rawOpenTelemetry(OpenTelemetry openTelemetry) {
			return new LlmCalls.RawOpenTelemetry(openTelemetry);
		}

		@Bean
		LlmCall tenTracedLlm() {
			return new LlmCalls.TenTracedLlm();
		}

		@Bean
		LlmCall micrometerNewSpan(Tracer tracer) {
			return new LlmCalls.MicrometerNewSpan(tracer);
		}

		@Bean
		LlmCall micrometerObserved(ObservationRegistry registry) {
			return new LlmCalls.MicrometerObserved(registry);
		}

	}

}
