package dev.ten.tracing.annotation;

import java.time.Duration;
import java.util.List;

import dev.ten.tracing.AgentSession;
import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.InMemoryTracing;
import dev.ten.tracing.TenConventions;
import dev.ten.tracing.TurnSpan;
import dev.ten.tracing.autoconfigure.TenTracingAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.ten.tracing.InMemoryTracing.assertChildOf;
import static dev.ten.tracing.InMemoryTracing.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link TracedStt @TracedStt} methods, blocking and streamed, inside a turn.
 */
class TracedSttTests {

	private final TestClock clock = TestClock.create();

	private final InMemoryTracing tracing = new InMemoryTracing(this.clock);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, TenTracingAutoConfiguration.class))
		.withBean(OpenTelemetry.class, () -> this.tracing.sdk)
		.withBean(TestClock.class, () -> this.clock)
		.withUserConfiguration(SpeechConfiguration.class);

	@AfterEach
	void leavesNothingCurrent() {
		assertThat(Context.current()).isSameAs(Context.root());
	}

	@Test
	void aTranscriptReturnedIsFinalAndBecomesWhatTheUserSaid() {
		this.runner.run((context) -> {
			AgentTracer tracer = context.getBean(AgentTracer.class);
			Speech speech = context.getBean(Speech.class);
			AgentSession session = tracer.startSession("s-1", "agent");
			try (TurnSpan turn = session.startTurn(null); Scope scope = turn.makeCurrent()) {
				turn.userInputEnded();
				assertThat(speech.transcribe("stt-1", "whisper-1")).isEqualTo("What's the weather?");
			}
			session.end();

			SpanData stt = this.tracing.span(TenConventions.STT_SPAN);
			SpanData turn = this.tracing.span(TenConventions.TURN_SPAN);
			assertChildOf(stt, turn);
			assertThat(attribute(stt, TenConventions.STT_REQUEST_ID)).isEqualTo("stt-1");
			assertThat(attribute(stt, TenConventions.GEN_AI_REQUEST_MODEL)).isEqualTo("whisper-1");
			assertThat(attribute(stt, TenConventions.STT_TRANSCRIPT)).isEqualTo("What's the weather?");
			assertThat(attribute(stt, TenConventions.STT_IS_FINAL)).isTrue();
			assertThat(attribute(stt, TenConventions.STT_TIME_TO_FINAL_TRANSCRIPT)).isCloseTo(0.3, within(1e-9));
			assertThat(attribute(turn, TenConventions.USER_INPUT)).isEqualTo("What's the weather?");
		});
	}

	@Test
	void streamedPiecesOfTextAddUpToATranscriptFinalWhenTheStreamCompletes() {
		this.runner.run((context) -> {
			AgentTracer tracer = context.getBean(AgentTracer.class);
			Speech speech = context.getBean(Speech.class);
			AgentSession session = tracer.startSession("s-2", "agent");
			try (TurnSpan turn = session.startTurn(null); Scope scope = turn.makeCurrent()) {
				assertThat(speech.streamDeltas().collectList().block()).hasSize(3);
			}
			session.end();

			SpanData stt = this.tracing.span(TenConventions.STT_SPAN);
			assertThat(attribute(stt, TenConventions.STT_TRANSCRIPT)).isEqualTo("Tell me a story");
			assertThat(attribute(stt, TenConventions.STT_IS_FINAL)).isTrue();
			assertThat(attribute(this.tracing.span(TenConventions.TURN_SPAN), TenConventions.USER_INPUT))
				.isEqualTo("Tell me a story");
		});
	}

	@Test
	void streamedResultsAreInterimOrFinalAsTheySay() {
		this.runner.run((context) -> {
			AgentTracer tracer = context.getBean(AgentTracer.class);
			Speech speech = context.getBean(Speech.class);
			AgentSession session = tracer.startSession("s-3", "agent");
			try (TurnSpan turn = session.startTurn("typed input"); Scope scope = turn.makeCurrent()) {
				speech.streamResults().blockLast();
			}
			session.end();

			SpanData stt = this.tracing.span(TenConventions.STT_SPAN);
			assertThat(stt.getEvents()).extracting(EventData::getName)
				.containsExactly(TenConventions.STT_INTERIM_RESULT, TenConventions.STT_INTERIM_RESULT);
			assertThat(attribute(stt, TenConventions.STT_INTERIM_RESULTS)).isEqualTo(2L);
			assertThat(attribute(stt, TenConventions.STT_TRANSCRIPT)).isEqualTo("Book a table for two");
			assertThat(attribute(stt, TenConventions.STT_IS_FINAL)).isTrue();
			assertThat(attribute(stt, TenConventions.STT_LANGUAGE)).isEqualTo("en");
			assertThat(attribute(this.tracing.span(TenConventions.TURN_SPAN), TenConventions.USER_INPUT))
				.as("the turn's own input is kept").isEqualTo("typed input");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class SpeechConfiguration {

		@Bean
		Speech speech(TestClock clock) {
			return new Speech(clock);
		}

	}

	static class Speech {

		private final TestClock clock;

		Speech(TestClock clock) {
			this.clock = clock;
		}

		@TracedStt
		String transcribe(@RequestId String requestId, @Model String model) {
			this.clock.advance(Duration.ofMillis(300));
			return "What's the weather?";
		}

		@TracedStt
		Flux<String> streamDeltas() {
			return Flux.just("Tell", " me", " a story");
		}

		@TracedStt
		Flux<SttResult> streamResults() {
			return Flux.fromIterable(List.of(SttResult.interim("Book"), SttResult.interim("Book a table"),
					new SttResult("Book a table for two", true, "en")));
		}

	}

}
