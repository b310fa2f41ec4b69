package dev.ten.tracing;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.ten.tracing.InMemoryTracing.assertChildOf;
import static dev.ten.tracing.InMemoryTracing.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A scripted streaming voice pipeline on a test clock: speech-to-text, an LLM stream that calls a tool,
 * sentence-by-sentence synthesis, playback and barge-in. Every segment of each turn's latency breakdown is
 * asserted, and on every turn of every scenario the segments add up to the end-to-end latency.
 */
class LatencyBreakdownTests {

	private final TestClock clock = TestClock.create();

	private final InMemoryTracing tracing = new InMemoryTracing(this.clock);

	private final OpenTelemetryAgentTracer tracer = OpenTelemetryAgentTracer.builder(this.tracing.sdk).build();

	/** Where the scenario's milliseconds count from. */
	private long zero;

	@AfterEach
	void everyTurnAddsUp() {
		assertThat(Context.current()).as("context left current by the test").isSameAs(Context.root());
		for (SpanData turn : this.tracing.spans(TenConventions.TURN_SPAN)) {
			Double e2e = attribute(turn, TenConventions.TURN_E2E_LATENCY);
			double sum = segments(turn).values().stream().mapToDouble(Double::doubleValue).sum();
			if (e2e == null) {
				assertThat(segments(turn)).as("breakdown of a turn without a wait").isEmpty();
				continue;
			}
			assertThat(segments(turn).values()).as("segments of turn %s", attribute(turn, TenConventions.TURN_ID))
				.allSatisfy((seconds) -> assertThat(seconds).isGreaterThanOrEqualTo(0.0));
			assertThat(sum).as("segments of turn %s sum to its e2e", attribute(turn, TenConventions.TURN_ID))
				.isCloseTo(e2e, within(1e-9));
		}
	}

	@Test
	void aStreamedTurnWithAToolBreaksItsWaitIntoSegmentsThatAddUp() {
		AgentSession session = this.tracer.startSession("s-1", "weather-agent");
		start();
		TurnSpan turn = session.startTurn(null);
		SttSpan stt = session.startStt("stt-1", "nova-3");
		stt.language("en");
		at(300);
		stt.interimResult("What's");
		at(600);
		stt.interimResult("What's the weather");
		at(1000);
		turn.userInputEnded();
		at(1100);
		turn.endOfTurnDetected();
		at(1250);
		stt.finalTranscript("What's the weather in Paris?");
		stt.audioDuration(Duration.ofMillis(1000));
		stt.close();
		at(1270);
		LlmSpan decide = session.startLlm("req-1", "gpt-4o");
		at(1470);
		decide.responseChunk(null);
		at(1500);
		decide.close();
		ToolSpan weather = session.startTool("weather", Map.of("city", "Paris"));
		at(1800);
		weather.output("sunny, 20 C");
		weather.close();
		at(1810);
		LlmSpan answer = session.startLlm("req-2", "gpt-4o");
		at(2010);
		answer.responseChunk("It's sunny");
		at(2060);
		answer.responseChunk(" in Paris.");
		at(2070);
		TtsSpan first = session.startTts("tts-1", "It's sunny in Paris.");
		at(2100);
		answer.responseChunk(" Around 20 degrees.");
		at(2190);
		first.audioChunk(Duration.ofMillis(800));
		at(2230);
		turn.playbackStarted();
		at(2300);
		answer.close();
		first.audioChunk(Duration.ofMillis(700));
		first.close();
		TtsSpan second = session.startTts("tts-2", "Around 20 degrees.");
		at(2400);
		second.audioChunk(Duration.ofMillis(1200));
		at(2500);
		second.close();
		at(4000);
		turn.close();
		session.end();

		SpanData turnSpan = this.tracing.span(TenConventions.TURN_SPAN);
		assertThat(attribute(turnSpan, TenConventions.TURN_E2E_LATENCY)).isCloseTo(1.230, within(1e-9));
		assertThat(segments(turnSpan)).containsOnlyKeys(TenConventions.TURN_LATENCY_END_OF_TURN,
				TenConventions.TURN_LATENCY_TRANSCRIPTION, TenConventions.TURN_LATENCY_LLM_FIRST_TOKEN,
				TenConventions.TURN_LATENCY_TOOLS, TenConventions.TURN_LATENCY_FIRST_SENTENCE,
				TenConventions.TURN_LATENCY_TTS_FIRST_BYTE, TenConventions.TURN_LATENCY_PLAYBACK_START,
				TenConventions.TURN_LATENCY_UNATTRIBUTED);
		assertSegment(turnSpan, TenConventions.TURN_LATENCY_END_OF_TURN, 0.100);
		assertSegment(turnSpan, TenConventions.TURN_LATENCY_TRANSCRIPTION, 0.150);
		// The first LLM call (it asked for the tool) and the second one until its first token.
		assertSegment(turnSpan, TenConventions.TURN_LATENCY_LLM_FIRST_TOKEN, 0.230 + 0.200);
		assertSegment(turnSpan, TenConventions.TURN_LATENCY_TOOLS, 0.300);
		assertSegment(turnSpan, TenConventions.TURN_LATENCY_FIRST_SENTENCE, 0.050);
		assertSegment(turnSpan, TenConventions.TURN_LATENCY_TTS_FIRST_BYTE, 0.120);
		assertSegment(turnSpan, TenConventions.TURN_LATENCY_PLAYBACK_START, 0.040);
		// Between stages: transcript to LLM, tool to LLM, first sentence to synthesis.
		assertSegment(turnSpan, TenConventions.TURN_LATENCY_UNATTRIBUTED, 0.020 + 0.010 + 0.010);
		assertThat(attribute(turnSpan, TenConventions.TURN_LATENCY_MISSING)).isNull();
		assertThat(attribute(turnSpan, TenConventions.TURN_LATENCY_PARALLEL)).isNull();
		assertThat(attribute(turnSpan, TenConventions.USER_INPUT)).as("from the final transcript")
			.isEqualTo("What's the weather in Paris?");
		assertThat(attribute(turnSpan, TenConventions.INTERRUPTED)).isFalse();

		SpanData sttSpan = this.tracing.span(TenConventions.STT_SPAN);
		assertChildOf(sttSpan, turnSpan);
		assertThat(attribute(sttSpan, TenConventions.GEN_AI_OPERATION_NAME)).isEqualTo("speech_to_text");
		assertThat(attribute(sttSpan, TenConventions.GEN_AI_REQUEST_MODEL)).isEqualTo("nova-3");
		assertThat(attribute(sttSpan, TenConventions.STT_REQUEST_ID)).isEqualTo("stt-1");
		assertThat(attribute(sttSpan, TenConventions.STT_LANGUAGE)).isEqualTo("en");
		assertThat(attribute(sttSpan, TenConventions.STT_TRANSCRIPT)).isEqualTo("What's the weather in Paris?");
		assertThat(attribute(sttSpan, TenConventions.STT_IS_FINAL)).isTrue();
		assertThat(attribute(sttSpan, TenConventions.STT_AUDIO_DURATION)).isEqualTo(1.0);
		assertThat(attribute(sttSpan, TenConventions.STT_TIME_TO_FINAL_TRANSCRIPT)).isCloseTo(0.250, within(1e-9));
		assertThat(attribute(sttSpan, TenConventions.STT_INTERIM_RESULTS)).isEqualTo(2L);
		assertThat(sttSpan.getEvents()).extracting(EventData::getName)
			.containsExactly(TenConventions.STT_INTERIM_RESULT, TenConventions.STT_INTERIM_RESULT);
		assertThat(sttSpan.getEvents().get(1).getAttributes().get(TenConventions.STT_TRANSCRIPT))
			.isEqualTo("What's the weather");
		assertThat(sttSpan.getEvents().get(1).getEpochNanos() - sttSpan.getStartEpochNanos())
			.isEqualTo(Duration.ofMillis(600).toNanos());

		List<SpanData> tts = this.tracing.spans(TenConventions.TTS_SPAN);
		assertThat(tts).extracting((span) -> attribute(span, TenConventions.TTS_AUDIO_DURATION))
			.containsExactlyInAnyOrder(1.5, 1.2);
	}

	@Test
	void aBargeInRecordsItsCauseThePlayoutPositionAndTheTextTheUserHeard() {
		AgentSession session = this.tracer.startSession("s-2", "story-agent");
		start();
		TurnSpan turn = session.startTurn(null);
		SttSpan stt = session.startStt("stt-2", null);
		at(400);
		stt.transcriptChunk("Tell me");
		at(700);
		stt.transcriptChunk(" a story");
		turn.userInputEnded();
		at(900);
		stt.close();
		LlmSpan llm = session.startLlm("req-3", "gpt-4o");
		at(1200);
		llm.responseChunk("Once upon a time.");
		TtsSpan first = session.startTts("tts-1", "Once upon a time.");
		at(1300);
		llm.responseChunk(" There was a fox.");
		first.audioChunk(Duration.ofMillis(1000));
		first.close();
		TtsSpan second = session.startTts("tts-2", "There was a fox.");
		turn.playbackStarted();
		at(1400);
		second.audioChunk(Duration.ofMillis(1000));
		at(1500);
		llm.responseChunk(" It ran into the woods.");
		TtsSpan third = session.startTts("tts-3", "It ran into the woods.");
		at(2800);
		session.interruptBy(InterruptionCause.USER_SPEECH);
		llm.close();
		second.close();
		third.close();
		turn.close();
		session.end();

		SpanData turnSpan = this.tracing.span(TenConventions.TURN_SPAN);
		assertThat(attribute(turnSpan, TenConventions.INTERRUPTED)).isTrue();
		assertThat(attribute(turnSpan, TenConventions.INTERRUPTION_CAUSE)).isEqualTo("user_speech");
		// Playback started at 1300 ms, cut at 2800: 1.5 s of the 2 s synthesised.
		assertThat(attribute(turnSpan, TenConventions.INTERRUPTION_PLAYOUT_POSITION)).isCloseTo(1.5, within(1e-9));
		// The first sentence whole, half of the second's audio: "There wa" cut back to a whole word.
		assertThat(attribute(turnSpan, TenConventions.INTERRUPTION_HEARD_TEXT)).isEqualTo("Once upon a time. There");
		assertThat(attribute(turnSpan, TenConventions.USER_INPUT)).as("the chunks, final when the stream completed")
			.isEqualTo("Tell me a story");
		SpanData sttSpan = this.tracing.span(TenConventions.STT_SPAN);
		assertThat(attribute(sttSpan, TenConventions.STT_IS_FINAL)).isTrue();
		assertThat(attribute(sttSpan, TenConventions.STT_TIME_TO_FINAL_TRANSCRIPT)).isCloseTo(0.2, within(1e-9));

		// Speech ended at 700, playback at 1300: no end-of-turn mark, so that segment is absent and listed.
		assertThat(attribute(turnSpan, TenConventions.TURN_E2E_LATENCY)).isCloseTo(0.6, within(1e-9));
		assertThat(segments(turnSpan)).doesNotContainKey(TenConventions.TURN_LATENCY_END_OF_TURN);
		assertSegment(turnSpan, TenConventions.TURN_LATENCY_TRANSCRIPTION, 0.2);
		assertSegment(turnSpan, TenConventions.TURN_LATENCY_LLM_FIRST_TOKEN, 0.3);
		assertSegment(turnSpan, TenConventions.TURN_LATENCY_FIRST_SENTENCE, 0.0);
		assertSegment(turnSpan, TenConventions.TURN_LATENCY_TTS_FIRST_BYTE, 0.1);
		assertSegment(turnSpan, TenConventions.TURN_LATENCY_PLAYBACK_START, 0.0);
		assertSegment(turnSpan, TenConventions.TURN_LATENCY_UNATTRIBUTED, 0.0);
		assertThat(attribute(turnSpan, TenConventions.TURN_LATENCY_MISSING)).containsExactly("end_of_turn_detection");

		SpanData thirdSpan = this.tracing.spans(TenConventions.TTS_SPAN).stream()
			.filter((span) -> "tts-3".equals(attribute(span, TenConventions.TTS_REQUEST_ID)))
			.findFirst()
			.orElseThrow();
		assertThat(attribute(thirdSpan, TenConventions.INTERRUPTED)).as("cut by the barge-in").isTrue();
	}

	@Test
	void thePlayoutPositionTheApplicationReportsWinsOverTheClock() {
		AgentSession session = this.tracer.startSession("s-3", "agent");
		start();
		TurnSpan turn = session.startTurn("Tell me a story");
		turn.userInputEnded();
		TtsSpan tts = session.startTts("tts-1", "Once upon a time there was a fox.");
		at(200);
		tts.audioChunk(Duration.ofMillis(2000));
		turn.playbackStarted();
		at(1000);
		turn.playbackPosition(Duration.ofMillis(500));
		at(1200);
		turn.interruptedBy(InterruptionCause.PROGRAMMATIC);
		tts.close();
		turn.close();
		session.end();

		SpanData turnSpan = this.tracing.span(TenConventions.TURN_SPAN);
		assertThat(attribute(turnSpan, TenConventions.INTERRUPTION_CAUSE)).isEqualTo("programmatic");
		assertThat(attribute(turnSpan, TenConventions.INTERRUPTION_PLAYOUT_POSITION)).isCloseTo(0.5, within(1e-9));
		// A quarter of 33 characters is 8: "Once upo", back to "Once".
		assertThat(attribute(turnSpan, TenConventions.INTERRUPTION_HEARD_TEXT)).isEqualTo("Once");
		assertThat(attribute(turnSpan, TenConventions.USER_INPUT)).isEqualTo("Tell me a story");
	}

	@Test
	void theHeardShareOfASentenceIsOfTheWholeTextThoughOnlyItsBeginningIsRecorded() {
		OpenTelemetryAgentTracer shortContent = OpenTelemetryAgentTracer.builder(this.tracing.sdk)
			.maxContentLength(40)
			.build();
		AgentSession session = shortContent.startSession("s-12", "agent");
		start();
		TurnSpan turn = session.startTurn("Tell me");
		turn.userInputEnded();
		// 80 characters, of which the span keeps 40 and the truncation marker.
		String sentence = "Once upon a time in a land far far away, there lived a fox who traced its words.";
		assertThat(sentence).hasSize(80);
		TtsSpan tts = session.startTts("tts-1", sentence);
		at(100);
		tts.audioChunk(Duration.ofMillis(4000));
		turn.playbackStarted();
		at(1100);
		session.interruptBy(InterruptionCause.USER_SPEECH);
		TtsSpan later = session.startTts("tts-2", sentence);
		later.close();
		tts.close();
		turn.close();
		session.end();

		// A quarter of the audio is a quarter of the 80 characters, not of what the span kept.
		assertThat(attribute(this.tracing.span(TenConventions.TURN_SPAN), TenConventions.INTERRUPTION_HEARD_TEXT))
			.isEqualTo("Once upon a time in");
	}

	@Test
	void aShareReachingPastWhatWasRecordedIsTheRecordedBeginningMarkedTruncated() {
		OpenTelemetryAgentTracer shortContent = OpenTelemetryAgentTracer.builder(this.tracing.sdk)
			.maxContentLength(20)
			.build();
		AgentSession session = shortContent.startSession("s-13", "agent");
		start();
		TurnSpan turn = session.startTurn("Tell me");
		TtsSpan tts = session.startTts("tts-1",
				"Once upon a time in a land far far away, there lived a fox who traced its words.");
		tts.audioChunk(Duration.ofMillis(4000));
		turn.playbackPosition(Duration.ofMillis(3000));
		turn.interrupted();
		tts.close();
		turn.close();
		session.end();

		assertThat(attribute(this.tracing.span(TenConventions.TURN_SPAN), TenConventions.INTERRUPTION_HEARD_TEXT))
			.isEqualTo("Once upon a time in…[truncated 41 chars]");
	}

	@Test
	void aNewTurnInterruptsTheOpenOneAndWithoutAudioNothingWasHeard() {
		AgentSession session = this.tracer.startSession("s-4", "agent");
		start();
		TurnSpan first = session.startTurn("Hello");
		first.userInputEnded();
		LlmSpan llm = session.startLlm("req-1", "gpt-4o");
		at(300);
		try (TurnSpan second = session.startTurn("Hello?")) {
			second.userInputEnded();
			llm.close();
		}
		first.close();
		session.end();

		SpanData firstSpan = this.tracing.spans(TenConventions.TURN_SPAN).stream()
			.filter((span) -> attribute(span, TenConventions.TURN_ID) == 1L)
			.findFirst()
			.orElseThrow();
		assertThat(attribute(firstSpan, TenConventions.INTERRUPTION_CAUSE)).isEqualTo("new_turn");
		assertThat(attribute(firstSpan, TenConventions.INTERRUPTION_PLAYOUT_POSITION)).isEqualTo(0.0);
		assertThat(attribute(firstSpan, TenConventions.INTERRUPTION_HEARD_TEXT)).isEmpty();
		assertThat(attribute(firstSpan, TenConventions.TURN_E2E_LATENCY)).as("no audio, no wait to measure").isNull();
	}

	@Test
	void missingMarksLeaveTheirSegmentsOutAndSaySo() {
		AgentSession session = this.tracer.startSession("s-5", "agent");
		start();
		TurnSpan turn = session.startTurn("What time is it?");
		at(100);
		String reply = session.traceLlm("req-1", (llm) -> {
			at(700);
			llm.responseText("It is noon");
			return "It is noon";
		});
		at(750);
		try (TtsSpan tts = session.startTts("tts-1", reply)) {
			at(900);
			tts.audioChunk();
		}
		turn.close();
		session.end();

		SpanData turnSpan = this.tracing.span(TenConventions.TURN_SPAN);
		// No end of speech: the wait runs from the start of the turn.
		assertThat(attribute(turnSpan, TenConventions.TURN_E2E_LATENCY)).isCloseTo(0.9, within(1e-9));
		assertThat(segments(turnSpan)).containsOnlyKeys(TenConventions.TURN_LATENCY_LLM_FIRST_TOKEN,
				TenConventions.TURN_LATENCY_FIRST_SENTENCE, TenConventions.TURN_LATENCY_TTS_FIRST_BYTE,
				TenConventions.TURN_LATENCY_UNATTRIBUTED);
		// A response not streamed: its first token comes with all of it.
		assertSegment(turnSpan, TenConventions.TURN_LATENCY_LLM_FIRST_TOKEN, 0.6);
		assertSegment(turnSpan, TenConventions.TURN_LATENCY_FIRST_SENTENCE, 0.0);
		assertSegment(turnSpan, TenConventions.TURN_LATENCY_TTS_FIRST_BYTE, 0.15);
		assertSegment(turnSpan, TenConventions.TURN_LATENCY_UNATTRIBUTED, 0.1 + 0.05);
		assertThat(attribute(turnSpan, TenConventions.TURN_LATENCY_MISSING)).containsExactly("user_speech_end",
				"end_of_turn_detection", "transcription", "playback_start");
	}

	@Test
	void aTurnWithOnlyItsEndsMarkedIsAllUnattributed() {
		AgentSession session = this.tracer.startSession("s-6", "agent");
		start();
		TurnSpan turn = session.startTurn("Hi");
		turn.userInputEnded();
		at(500);
		turn.playbackStarted();
		turn.close();
		session.end();

		SpanData turnSpan = this.tracing.span(TenConventions.TURN_SPAN);
		assertThat(attribute(turnSpan, TenConventions.TURN_E2E_LATENCY)).isCloseTo(0.5, within(1e-9));
		assertThat(segments(turnSpan)).containsOnlyKeys(TenConventions.TURN_LATENCY_UNATTRIBUTED);
		assertThat(attribute(turnSpan, TenConventions.TURN_LATENCY_MISSING)).containsExactly("end_of_turn_detection",
				"transcription", "llm_time_to_first_token", "llm_first_sentence", "tts_time_to_first_byte");
	}

	@Test
	void workDoneInParallelIsCountedOnceOnTheCriticalPathAndListed() {
		AgentSession session = this.tracer.startSession("s-7", "agent");
		start();
		TurnSpan turn = session.startTurn(null);
		SttSpan stt = session.startStt("stt-1", "nova-3");
		turn.userInputEnded();
		at(100);
		// Preemptive generation: the LLM starts on an interim transcript, before the final one.
		LlmSpan llm = session.startLlm("req-1", "gpt-4o");
		at(300);
		stt.finalTranscript("Book a table");
		stt.close();
		at(500);
		llm.responseChunk("Done.");
		TtsSpan tts = session.startTts("tts-1", "Done.");
		at(600);
		tts.audioChunk();
		tts.close();
		llm.close();
		turn.close();
		session.end();

		SpanData turnSpan = this.tracing.span(TenConventions.TURN_SPAN);
		assertThat(attribute(turnSpan, TenConventions.TURN_E2E_LATENCY)).isCloseTo(0.6, within(1e-9));
		// 100-300 ms both ran: the LLM, which the first audio waited for longer, takes it.
		assertSegment(turnSpan, TenConventions.TURN_LATENCY_TRANSCRIPTION, 0.1);
		assertSegment(turnSpan, TenConventions.TURN_LATENCY_LLM_FIRST_TOKEN, 0.4);
		assertSegment(turnSpan, TenConventions.TURN_LATENCY_TTS_FIRST_BYTE, 0.1);
		assertThat(attribute(turnSpan, TenConventions.TURN_LATENCY_PARALLEL)).containsExactly("transcription");
	}

	@Test
	void aToolThatAnLlmCallWaitsForCountsAsToolsNotAsTheLlm() {
		AgentSession session = this.tracer.startSession("s-10", "agent");
		start();
		TurnSpan turn = session.startTurn("Weather in Paris?");
		turn.userInputEnded();
		at(100);
		// One LLM step around a library's tool loop (Spring AI): the tool call is its child.
		LlmSpan llm = session.startLlm("req-1", "gpt-4o");
		at(300);
		try (Scope inLlm = llm.makeCurrent(); ToolSpan tool = this.tracer.startTool("weather", "{}")) {
			at(600);
		}
		at(900);
		llm.responseChunk("Sunny.");
		TtsSpan tts = session.startTts("tts-1", "Sunny.");
		at(1000);
		tts.audioChunk();
		tts.close();
		llm.close();
		turn.close();
		session.end();

		SpanData turnSpan = this.tracing.span(TenConventions.TURN_SPAN);
		assertSegment(turnSpan, TenConventions.TURN_LATENCY_TOOLS, 0.3);
		assertSegment(turnSpan, TenConventions.TURN_LATENCY_LLM_FIRST_TOKEN, 0.5);
		assertSegment(turnSpan, TenConventions.TURN_LATENCY_UNATTRIBUTED, 0.1);
		assertThat(attribute(turnSpan, TenConventions.TURN_LATENCY_PARALLEL)).as("nested, not parallel").isNull();
	}

	@Test
	void aTranscriptOfLaterSpeechChangesNeitherTheBreakdownNorWhatTheUserSaid() {
		AgentSession session = this.tracer.startSession("s-11", "agent");
		start();
		TurnSpan turn = session.startTurn(null);
		SttSpan first = session.startStt("stt-1", null);
		turn.userInputEnded();
		at(200);
		first.finalTranscript("Tell me a joke");
		first.close();
		TtsSpan tts = session.startTts("tts-1", "Why did the span cross the road?");
		at(500);
		tts.audioChunk();
		// The user speaks again: a transcription still under this turn, after its audio was out.
		SttSpan later = session.startStt("stt-2", null);
		at(900);
		later.finalTranscript("Stop");
		later.close();
		session.interrupt();
		SttSpan afterCut = session.startStt("stt-3", null);
		afterCut.finalTranscript("Another one");
		afterCut.close();
		tts.close();
		turn.close();
		session.end();

		SpanData turnSpan = this.tracing.span(TenConventions.TURN_SPAN);
		assertThat(attribute(turnSpan, TenConventions.USER_INPUT)).isEqualTo("Tell me a joke");
		assertThat(attribute(turnSpan, TenConventions.TURN_E2E_LATENCY)).isCloseTo(0.5, within(1e-9));
		assertSegment(turnSpan, TenConventions.TURN_LATENCY_TRANSCRIPTION, 0.2);
		assertSegment(turnSpan, TenConventions.TURN_LATENCY_TTS_FIRST_BYTE, 0.3);
		assertThat(this.tracing.spans(TenConventions.STT_SPAN))
			.filteredOn((span) -> !"stt-1".equals(attribute(span, TenConventions.STT_REQUEST_ID)))
			.hasSize(2)
			.allSatisfy((span) -> assertThat(attribute(span, TenConventions.STT_TIME_TO_FINAL_TRANSCRIPT)).isNull());
	}

	@Test
	void interimResultsAreBoundedAndATranscriptNeverFinalSaysSo() {
		AgentSession session = this.tracer.startSession("s-8", "agent");
		start();
		TurnSpan turn = session.startTurn(null);
		SttSpan stt = session.startStt("stt-1", null);
		for (int i = 1; i <= 40; i++) {
			stt.interimResult("word ".repeat(i));
		}
		session.interrupt();
		stt.cancelled();
		stt.close();
		turn.close();
		session.end();

		SpanData sttSpan = this.tracing.span(TenConventions.STT_SPAN);
		assertThat(sttSpan.getEvents()).hasSize(TenConventions.STT_MAX_INTERIM_EVENTS);
		assertThat(attribute(sttSpan, TenConventions.STT_INTERIM_RESULTS)).isEqualTo(40L);
		assertThat(attribute(sttSpan, TenConventions.STT_IS_FINAL)).isFalse();
		assertThat(attribute(sttSpan, TenConventions.STT_TRANSCRIPT)).as("the latest hypothesis")
			.isEqualTo("word ".repeat(40));
		assertThat(attribute(this.tracing.span(TenConventions.TURN_SPAN), TenConventions.USER_INPUT))
			.as("not from a transcript never final").isNull();
	}

	@Test
	void anAgentTurnHasNoWaitToBreakDown() {
		AgentSession session = this.tracer.startSession("s-9", "agent");
		start();
		try (TurnSpan turn = session.startAgentTurn(); TtsSpan tts = session.startTts("tts-1", "Welcome!")) {
			at(200);
			tts.audioChunk();
			turn.playbackStarted();
		}
		session.end();

		assertThat(segments(this.tracing.span(TenConventions.TURN_SPAN))).isEmpty();
	}

	private void start() {
		this.zero = this.clock.now();
	}

	/** Moves the clock to this many milliseconds after the scenario's start. */
	private void at(long millis) {
		long target = this.zero + Duration.ofMillis(millis).toNanos();
		this.clock.advance(Duration.ofNanos(target - this.clock.now()));
	}

	private static void assertSegment(SpanData turn, AttributeKey<Double> segment, double seconds) {
		assertThat(attribute(turn, segment)).as(segment.getKey()).isNotNull().isCloseTo(seconds, within(1e-9));
	}

	/** The turn's {@code ten.turn.latency.*} attributes. */
	@SuppressWarnings("unchecked")
	private static Map<AttributeKey<Double>, Double> segments(SpanData turn) {
		Map<AttributeKey<Double>, Double> segments = new java.util.LinkedHashMap<>();
		turn.getAttributes().forEach((key, value) -> {
			if (key.getKey().startsWith(TenConventions.TURN_LATENCY_PREFIX)) {
				segments.put((AttributeKey<Double>) key, (Double) value);
			}
		});
		return segments;
	}

}
