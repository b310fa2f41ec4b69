package dev.ten.tracing.benchmarks;

import dev.ten.tracing.AgentTracer;
import io.opentelemetry.api.OpenTelemetry;
import org.openjdk.jmh.annotations.Param;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A whole cascade turn with its marks and latency breakdown (see {@link CascadeTurns}), through ten-tracing's
 * API against the same spans, attributes and events by hand.
 */
public class CascadeTurnBenchmark extends SessionTurnBenchmark {

	static final String SESSION = "cascade-session";

	@Param({ "rawOpenTelemetry", "tenProgrammatic" })
	public String approach;

	@Override
	protected String approach() {
		return this.approach;
	}

	@Override
	protected Class<?> application() {
		return Application.class;
	}

	@Override
	protected String sessionId() {
		return SESSION;
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
