package dev.ten.tracing;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.ten.tracing.InMemoryTracing.assertChildOf;
import static dev.ten.tracing.InMemoryTracing.attribute;
import static dev.ten.tracing.InMemoryTracing.eventNames;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streaming steps, the latencies a caller feels, and barge-in, through the programmatic API.
 */
class StreamingAndBargeInTests {

	private final TestClock clock = TestClock.create();

	private final InMemoryTracing tracing = new InMemoryTracing(this.clock);

	private final OpenTelemetryAgentTracer tracer = OpenTelemetryAgentTracer.builder(this.tracing.sdk).build();

	private final ExecutorService otherThread = Executors.newSingleThreadExecutor();

	@AfterEach
	void leavesNothingCurrent() {
		this.otherThread.shutdownNow();
		assertThat(Context.current()).as("context left current by the test").isSameAs(Context.root());
	}

	@Test
	void aStreamedLlmResponseRecordsTimeToFirstTokenAndTheTextOfItsChunks() {
		AgentSession session = this.tracer.startSession("s-1", "agent");
		try (TurnSpan turn = session.startTurn("hi"); LlmSpan llm = session.startLlm("req-1", "gpt-4o")) {
			this.clock.advance(Duration.ofMillis(300));
			llm.responseChunk("Hel");
			this.clock.advance(Duration.ofMillis(100));
			llm.responseChunk(null);
			llm.responseChunk("lo!");
		}
		session.end();

		SpanData llm = this.tracing.span(TenConventions.LLM_SPAN);
		assertThat(attribute(llm, TenConventions.LLM_TIME_TO_FIRST_TOKEN)).isEqualTo(0.3);
		assertThat(attribute(llm, TenConventions.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK)).isEqualTo(0.3);
		assertThat(seconds(llm)).isEqualTo(0.4);
		assertThat(attribute(llm, TenConventions.LLM_RESPONSE_TEXT)).isEqualTo("Hello!");
		assertThat(eventNames(llm)).containsExactly(TenConventions.LLM_RESPONSE_COMPLETE);
	}

	@Test
	void streamedTextIsBoundedAndMarkedWithTheExactNumberOfCharactersCut() {
		OpenTelemetryAgentTracer shortContent = OpenTelemetryAgentTracer.builder(this.tracing.sdk)
			.maxContentLength(5)
			.build();
		try (LlmSpan llm = shortContent.startLlm("req-1")) {
			for (int i = 0; i < 1000; i++) {
				llm.responseChunk("Hello world ");
			}
		}
		assertThat(attribute(this.tracing.span(TenConventions.LLM_SPAN), TenConventions.LLM_RESPONSE_TEXT))
			.isEqualTo("Hello…[truncated 11995 chars]");
	}

	@Test
	void anExplicitResponseTextWinsOverStreamedChunks() {
		try (LlmSpan llm = this.tracer.startLlm("req-1")) {
			llm.responseChunk("Hel");
			llm.responseText("Hello, edited");
		}
		assertThat(attribute(this.tracing.span(TenConventions.LLM_SPAN), TenConventions.LLM_RESPONSE_TEXT))
			.isEqualTo("Hello, edited");
	}

	@Test
	void chunksAreNotRecordedWithContentCaptureOffButTimeToFirstTokenIs() {
		OpenTelemetryAgentTracer private_ = OpenTelemetryAgentTracer.builder(this.tracing.sdk)
			.captureContent(false)
			.build();
		try (LlmSpan llm = private_.startLlm("req-1")) {
			llm.responseChunk("secret");
		}
		SpanData llm = this.tracing.span(TenConventions.LLM_SPAN);
		assertThat(attribute(llm, TenConventions.LLM_RESPONSE_TEXT)).isNull();
		assertThat(attribute(llm, TenConventions.LLM_TIME_TO_FIRST_TOKEN)).isNotNull();
	}

	@Test
	void firstAudioRecordsTimeToFirstByteAndTheTurnsEndToEndLatencyFromTheEndOfUserInput() {
		AgentSession session = this.tracer.startSession("s-1", "agent");
		try (TurnSpan turn = session.startTurn("hi")) {
			this.clock.advance(Duration.ofMillis(500));
			turn.userInputEnded();
			this.clock.advance(Duration.ofMillis(200));
			try (TtsSpan tts = session.startTts("tts-1", "Hello!")) {
				this.clock.advance(Duration.ofMillis(300));
				tts.audioChunk();
				this.clock.advance(Duration.ofMillis(200));
				tts.audioChunk();
			}
		}
		session.end();

		SpanData turn = this.tracing.span(TenConventions.TURN_SPAN);
		SpanData tts = this.tracing.span(TenConventions.TTS_SPAN);
		assertThat(attribute(tts, TenConventions.TTS_TIME_TO_FIRST_BYTE)).isEqualTo(0.3);
		assertThat(attribute(turn, TenConventions.TURN_E2E_LATENCY))
			.as("from the end of user input to the first audio, not from the start of the turn")
			.isEqualTo(0.5);
		assertThat(seconds(turn)).isEqualTo(1.2);
	}

	@Test
	void bargeInEndsTheInFlightLlmAndTtsAtThatMomentKeepingPartialTextWithoutError() throws Exception {
		AgentSession session = this.tracer.startSession("s-1", "agent");
		TurnSpan turn = session.startTurn("Tell me a long story");
		LlmSpan llm = session.startLlm("req-1", "gpt-4o");
		llm.responseChunk("Once upon ");
		TtsSpan tts = session.startTts("tts-1", "Once upon");
		tts.audioChunk();
		ToolSpan tool = session.startTool("lookup", "{}");

		this.otherThread.submit(session::interrupt).get(5, TimeUnit.SECONDS);

		assertThat(this.tracing.spans(TenConventions.LLM_SPAN)).as("llm ended by the interruption").hasSize(1);
		assertThat(this.tracing.spans(TenConventions.TTS_SPAN)).as("tts ended by the interruption").hasSize(1);
		assertThat(this.tracing.spans(TenConventions.TOOL_SPAN)).as("tools run on").isEmpty();
		assertThat(this.tracing.spans(TenConventions.TURN_SPAN)).as("the turn stays open").isEmpty();

		// What the cancelled work reports afterwards changes nothing.
		llm.responseChunk("a time");
		llm.recordException(new CancellationException("stream disposed"));
		tts.recordException(new IllegalStateException("socket closed"));
		tool.close();
		tts.close();
		llm.close();
		turn.close();
		session.end();

		SpanData llmData = this.tracing.span(TenConventions.LLM_SPAN);
		SpanData ttsData = this.tracing.span(TenConventions.TTS_SPAN);
		SpanData turnData = this.tracing.span(TenConventions.TURN_SPAN);
		assertThat(attribute(llmData, TenConventions.INTERRUPTED)).isTrue();
		assertThat(attribute(llmData, TenConventions.LLM_RESPONSE_TEXT)).isEqualTo("Once upon ");
		assertThat(eventNames(llmData)).isEmpty();
		assertThat(llmData.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		assertThat(attribute(ttsData, TenConventions.INTERRUPTED)).isTrue();
		assertThat(ttsData.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		assertThat(eventNames(ttsData)).isEmpty();
		assertThat(attribute(turnData, TenConventions.INTERRUPTED)).isTrue();
		assertThat(eventNames(turnData)).containsExactly(TenConventions.INTERRUPTED_EVENT);
		assertThat(attribute(this.tracing.span(TenConventions.TOOL_SPAN), TenConventions.INTERRUPTED)).isNull();
		assertThat(llmData.getEndEpochNanos()).isLessThanOrEqualTo(turnData.getEndEpochNanos());
	}

	@Test
	void aTurnStartedWhileThePreviousIsOpenInterruptsAndEndsIt() {
		AgentSession session = this.tracer.startSession("s-1", "agent");
		TurnSpan first = session.startTurn("Tell me a story");
		LlmSpan llm = session.startLlm("req-1");
		llm.responseChunk("Once");
		TurnSpan second = this.otherThreadStartsTurn(session, "Stop, what time is it?");

		SpanData firstData = this.tracing.span(TenConventions.TURN_SPAN);
		assertThat(attribute(firstData, TenConventions.TURN_ID)).isEqualTo(1L);
		assertThat(attribute(firstData, TenConventions.INTERRUPTED)).isTrue();
		assertThat(attribute(this.tracing.span(TenConventions.LLM_SPAN), TenConventions.INTERRUPTED)).isTrue();

		llm.close();
		first.close();
		this.clock.advance(Duration.ofMillis(100));
		second.close();
		session.end();
		SpanData root = this.tracing.span(TenConventions.SESSION_SPAN);
		SpanData secondData = this.tracing.spans(TenConventions.TURN_SPAN).get(1);
		assertThat(attribute(secondData, TenConventions.TURN_ID)).isEqualTo(2L);
		assertThat(attribute(secondData, TenConventions.INTERRUPTED)).isFalse();
		assertChildOf(firstData, root);
		assertChildOf(secondData, root);
		assertThat(firstData.getEndEpochNanos()).as("ended when the next turn started")
			.isEqualTo(secondData.getStartEpochNanos());
	}

	@Test
	void aGreetingIsAnAgentTurnOfTheSessionsTrace() {
		AgentSession session = this.tracer.startSession("s-1", "agent");
		CompletableFuture.runAsync(() -> {
			try (TurnSpan greeting = session.startAgentTurn(); TtsSpan tts = session.startTts("tts-0", "Hi there!")) {
				tts.audioChunk();
			}
		}).join();
		session.end();

		SpanData root = this.tracing.span(TenConventions.SESSION_SPAN);
		SpanData greeting = this.tracing.span(TenConventions.TURN_SPAN);
		assertChildOf(greeting, root);
		assertChildOf(this.tracing.span(TenConventions.TTS_SPAN), greeting);
		assertThat(attribute(greeting, TenConventions.TURN_ID)).isEqualTo(1L);
		assertThat(attribute(greeting, TenConventions.TURN_INITIATOR)).isEqualTo(TenConventions.INITIATOR_AGENT);
		assertThat(attribute(greeting, TenConventions.TURN_E2E_LATENCY)).as("no user input to measure from").isNull();
		assertThat(attribute(greeting, TenConventions.USER_INPUT)).isNull();
	}

	@Test
	void aSpanStartedOnOneThreadIsMadeCurrentAndEndedOnAnother() throws Exception {
		LlmSpan llm = this.tracer.startLlm("req-1");
		assertThat(this.tracer.current(LlmSpan.class)).isEmpty();
		assertThat(Context.current()).isSameAs(Context.root());
		this.otherThread.submit(() -> {
			try (var scope = llm.makeCurrent(); ToolSpan tool = this.tracer.startTool("lookup", null)) {
				tool.output("ok");
			}
			llm.close();
		}).get(5, TimeUnit.SECONDS);
		assertChildOf(this.tracing.span(TenConventions.TOOL_SPAN), this.tracing.span(TenConventions.LLM_SPAN));
	}

	@Test
	void aCancelledStepIsMarkedAndIsNotAnError() {
		try (LlmSpan llm = this.tracer.startLlm("req-1")) {
			llm.responseChunk("Hel");
			llm.cancelled();
		}
		SpanData llm = this.tracing.span(TenConventions.LLM_SPAN);
		assertThat(attribute(llm, TenConventions.CANCELLED)).isTrue();
		assertThat(llm.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		assertThat(eventNames(llm)).as("a cancelled response did not complete").isEmpty();
		assertThat(attribute(llm, TenConventions.LLM_RESPONSE_TEXT)).isEqualTo("Hel");
	}

	@Test
	void aStepStartedInATurnAlreadyInterruptedIsCutAtOnce() {
		AgentSession session = this.tracer.startSession("s-1", "agent");
		try (TurnSpan turn = session.startTurn("Tell me a story")) {
			session.interrupt();
			TtsSpan late = session.startTts("tts-2", "And then...");
			assertThat(this.tracing.spans(TenConventions.TTS_SPAN)).as("ended when it started").hasSize(1);
			late.close();
		}
		session.end();
		assertThat(attribute(this.tracing.span(TenConventions.TTS_SPAN), TenConventions.INTERRUPTED)).isTrue();
	}

	@Test
	void aStepClosedOnAnotherThreadStillGivesWayToItsParentInContextsCarriedElsewhere() throws Exception {
		AgentSession session = this.tracer.startSession("s-1", "agent");
		TurnSpan turn = session.startTurn("hi");
		LlmSpan llm = session.startLlm("req-1");
		Context carried;
		try (var inLlm = llm.makeCurrent()) {
			carried = Context.current();
		}
		this.otherThread.submit(llm::close).get(5, TimeUnit.SECONDS);
		CompletableFuture.runAsync(() -> {
			try (var scope = carried.makeCurrent(); TtsSpan tts = this.tracer.startTts("tts-1", "Hi")) {
				assertThat(tts.spanContext().isValid()).isTrue();
			}
		}).get(5, TimeUnit.SECONDS);
		turn.close();
		session.end();
		assertChildOf(this.tracing.span(TenConventions.TTS_SPAN), this.tracing.span(TenConventions.TURN_SPAN));
	}

	@Test
	void withAnObservationRegistryThatRecordsNothingTheSpanStillTravelsInTheReactorContext() {
		OpenTelemetryAgentTracer tracer = OpenTelemetryAgentTracer.builder(this.tracing.sdk)
			.observationRegistry(ObservationRegistry.NOOP)
			.build();
		AgentSession session = tracer.startSession("s-1", "agent");
		try (LlmSpan llm = session.startLlm("req-1")) {
			assertThat(AgentReactorContext.of(llm).hasKey(AgentSpanThreadLocalAccessor.KEY)).isTrue();
		}
		session.end();
	}

	private TurnSpan otherThreadStartsTurn(AgentSession session, String input) {
		try {
			return this.otherThread.submit(() -> session.startTurn(input)).get(5, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static double seconds(SpanData span) {
		return (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1e9;
	}

}
