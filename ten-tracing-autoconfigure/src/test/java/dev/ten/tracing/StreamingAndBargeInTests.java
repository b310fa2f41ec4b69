package dev.ten.tracing;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
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

	private final InMemoryTracing tracing = new InMemoryTracing();

	private final OpenTelemetryAgentTracer tracer = OpenTelemetryAgentTracer.builder(this.tracing.sdk).build();

	private final ExecutorService otherThread = Executors.newSingleThreadExecutor();

	@AfterEach
	void leavesNothingCurrent() {
		this.otherThread.shutdownNow();
		assertThat(Context.current()).as("context left current by the test").isSameAs(Context.root());
	}

	@Test
	void aStreamedLlmResponseRecordsTimeToFirstTokenAndTheTextOfItsChunks() throws Exception {
		AgentSession session = this.tracer.startSession("s-1", "agent");
		try (TurnSpan turn = session.startTurn("hi"); LlmSpan llm = session.startLlm("req-1", "gpt-4o")) {
			Thread.sleep(30);
			llm.responseChunk("Hel");
			Thread.sleep(10);
			llm.responseChunk(null);
			llm.responseChunk("lo!");
		}
		session.end();

		SpanData llm = this.tracing.span(TenConventions.LLM_SPAN);
		double ttft = attribute(llm, TenConventions.LLM_TIME_TO_FIRST_TOKEN);
		assertThat(ttft).isGreaterThanOrEqualTo(0.030).isLessThan(seconds(llm));
		assertThat(attribute(llm, TenConventions.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK)).isEqualTo(ttft);
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
	void firstAudioRecordsTimeToFirstByteAndTheTurnsEndToEndLatencyFromTheEndOfUserInput() throws Exception {
		AgentSession session = this.tracer.startSession("s-1", "agent");
		try (TurnSpan turn = session.startTurn("hi")) {
			Thread.sleep(50);
			turn.userInputEnded();
			Thread.sleep(20);
			try (TtsSpan tts = session.startTts("tts-1", "Hello!")) {
				Thread.sleep(30);
				tts.audioChunk();
				Thread.sleep(20);
				tts.audioChunk();
			}
		}
		session.end();

		SpanData turn = this.tracing.span(TenConventions.TURN_SPAN);
		SpanData tts = this.tracing.span(TenConventions.TTS_SPAN);
		double ttfb = attribute(tts, TenConventions.TTS_TIME_TO_FIRST_BYTE);
		double e2e = attribute(turn, TenConventions.TURN_E2E_LATENCY);
		assertThat(ttfb).isGreaterThanOrEqualTo(0.030).isLessThan(seconds(tts) - 0.015);
		assertThat(e2e).as("from the end of user input, not the start of the turn")
			.isGreaterThanOrEqualTo(0.050)
			.isLessThan(seconds(turn) - 0.050);
		assertThat(e2e).isGreaterThan(ttfb);
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
		second.close();
		session.end();
		SpanData root = this.tracing.span(TenConventions.SESSION_SPAN);
		SpanData secondData = this.tracing.spans(TenConventions.TURN_SPAN).get(1);
		assertThat(attribute(secondData, TenConventions.TURN_ID)).isEqualTo(2L);
		assertThat(attribute(secondData, TenConventions.INTERRUPTED)).isFalse();
		assertChildOf(firstData, root);
		assertChildOf(secondData, root);
		assertThat(firstData.getEndEpochNanos()).isLessThanOrEqualTo(secondData.getStartEpochNanos() + 1_000_000);
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
	void aDetachedSpanLeavesItsThreadAndEndsWhereTheWorkEnds() throws Exception {
		LlmSpan llm = this.tracer.startLlm("req-1");
		assertThat(this.tracer.current(LlmSpan.class)).containsSame(llm);
		llm.detach();
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
		Context carried = Context.current();
		this.otherThread.submit(llm::close).get(5, TimeUnit.SECONDS);
		CompletableFuture.runAsync(() -> {
			try (var scope = carried.makeCurrent(); TtsSpan tts = this.tracer.startTts("tts-1", "Hi")) {
				assertThat(tts.spanContext().isValid()).isTrue();
			}
		}).get(5, TimeUnit.SECONDS);
		llm.detach();
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
			return this.otherThread.submit(() -> {
				TurnSpan turn = session.startTurn(input);
				turn.detach();
				return turn;
			}).get(5, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static double seconds(SpanData span) {
		return (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1e9;
	}

}
