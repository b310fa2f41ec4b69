package dev.ten.tracing.benchmarks;

import dev.ten.tracing.AgentTracer;
import io.opentelemetry.api.OpenTelemetry;
import org.openjdk.jmh.annotations.Param;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Goal 3: a whole turn in an open session (turn, LLM, tool, TTS, with the seed's attributes and events),
 * through ten-tracing's annotations and API against the same four spans by hand.
 */
public class TurnBenchmark extends SessionTurnBenchmark {

	static final String SESSION = "benchmark-session";

	@Param({ "rawOpenTelemetry", "tenProgrammatic", "tenAnnotations" })
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
		VoiceTurns.RawOpenTelemetry rawOpenTelemetry(OpenTelemetry openTelemetry) {
			return new VoiceTurns.RawOpenTelemetry(openTelemetry);
		}

		@Bean
		VoiceTurn tenProgrammatic(AgentTracer tracer) {
			return new VoiceTurns.Programmatic(tracer);
		}

		@Bean
		VoiceTurns.Tools tools() {
			return new VoiceTurns.Tools();
		}

		@Bean
		VoiceTurns.Thinker thinker(VoiceTurns.Tools tools) {
			return new VoiceTurns.Thinker(tools);
		}

		@Bean
		VoiceTurns.Speaker speaker() {
			return new VoiceTurns.Speaker();
		}

		@Bean
		VoiceTurn tenAnnotations(VoiceTurns.Thinker thinker, VoiceTurns.Speaker speaker) {
			return new VoiceTurns.Annotated(thinker, speaker);
		}

	}

}
