package dev.ten.tracing.benchmarks;

import java.util.concurrent.TimeUnit;

import dev.ten.tracing.AgentSession;
import dev.ten.tracing.AgentTracer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
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
 * A whole cascade turn with its marks and latency breakdown (see {@link CascadeTurns}), through ten-tracing's
 * API against the same spans, attributes and events by hand.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class CascadeTurnBenchmark {

	static final String SESSION = "cascade-session";

	@Param({ "rawOpenTelemetry", "tenProgrammatic" })
	public String approach;

	private ConfigurableApplicationContext context;

	private VoiceTurn turn;

	private AgentSession session;

	private Span rawSession;

	@Setup
	public void start() {
		this.context = BenchmarkApplications.start(Application.class, "management.tracing.export.enabled=false");
		this.turn = this.context.getBean(this.approach, VoiceTurn.class);
		this.session = this.context.getBean(AgentTracer.class).startSession(SESSION, "agent");
		this.rawSession = this.context.getBean(CascadeTurns.RawOpenTelemetry.class).startSession(SESSION);
	}

	@TearDown
	public void stop() {
		this.session.end();
		this.rawSession.end();
		this.context.close();
	}

	@Benchmark
	public String wholeTurn() {
		return this.turn.play(SESSION, "What's the weather in Paris?");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

		@Bean
		CascadeTurns.RawOpenTelemetry rawOpenTelemetry(OpenTelemetry openTelemetry) {
			return new CascadeTurns.RawOpenTelemetry(openTelemetry);
		}

		@Bean
		VoiceTurn tenProgrammatic(AgentTracer tracer) {
			return new CascadeTurns.Programmatic(tracer);
		}

	}

}
