package dev.ten.tracing.benchmarks;

import java.time.Duration;

import dev.ten.tracing.AgentSession;
import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.LlmSpan;
import dev.ten.tracing.SttSpan;
import dev.ten.tracing.TenConventions;
import dev.ten.tracing.ToolSpan;
import dev.ten.tracing.TtsSpan;
import dev.ten.tracing.TurnSpan;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * A whole cascade turn traced two ways: speech-to-text with interim results, the end of speech and the
 * end-of-turn decision, an LLM stream of {@value #CHUNKS} chunks that calls a tool, two sentences synthesised
 * in {@value #FRAMES} frames each, and the playback start; the turn ends with its latency breakdown.
 */
final class CascadeTurns {

	static final int CHUNKS = 20;

	static final int FRAMES = 5;

	static final String TRANSCRIPT = "What's the weather in Paris?";

	static final String[] INTERIM = { "What's", "What's the weather", "What's the weather in" };

	static final String[] SENTENCES = { "It is sunny in Paris.", "Take your sunglasses." };

	static final String CHUNK = "word ";

	static final Duration FRAME = Duration.ofMillis(20);

	private CascadeTurns() {
	}

	/** ten-tracing's programmatic API, reporting the marks. */
	static class Programmatic implements VoiceTurn {

		private final AgentTracer tracer;

		Programmatic(AgentTracer tracer) {
			this.tracer = tracer;
		}

		@Override
		public String play(String sessionId, String utterance) {
			AgentSession session = this.tracer.session(sessionId).orElseThrow();
			try (TurnSpan turn = session.startTurn(null)) {
				try (SttSpan stt = session.startStt("stt-1", "nova-3")) {
					for (String interim : INTERIM) {
						stt.interimResult(interim);
					}
					turn.userInputEnded();
					turn.endOfTurnDetected();
					stt.finalTranscript(TRANSCRIPT);
				}
				try (LlmSpan llm = session.startLlm("req-1", "gpt-4o"); Scope inLlm = llm.makeCurrent()) {
					try (ToolSpan tool = this.tracer.startTool("weather_api", VoiceTurns.ARGUMENTS)) {
						tool.output(VoiceTurns.FORECAST);
					}
					llm.responseChunk(SENTENCES[0]);
					for (int i = 1; i < CHUNKS; i++) {
						llm.responseChunk(CHUNK);
					}
				}
				for (String sentence : SENTENCES) {
					try (TtsSpan tts = session.startTts(null, sentence)) {
						for (int frame = 0; frame < FRAMES; frame++) {
							tts.audioChunk(FRAME);
							turn.playbackStarted();
						}
					}
				}
			}
			return "completed";
		}

	}

	/**
	 * The floor: the same spans, attributes and events by hand with the raw OpenTelemetry API, the marks taken
	 * with {@code System.nanoTime()} and the segments computed as plain differences of a chain known in advance
	 * (no overlap to resolve).
	 */
	static class RawOpenTelemetry extends VoiceTurns.RawOpenTelemetry {

		RawOpenTelemetry(OpenTelemetry openTelemetry) {
			super(openTelemetry);
		}

		@Override
		public String play(String sessionId, String utterance) {
			Context session = this.sessions.get(sessionId);
			Span turn = this.tracer.spanBuilder(TenConventions.TURN_SPAN)
				.setParent(session)
				.setAttribute(TenConventions.TURN_ID, this.turns.get(sessionId).incrementAndGet())
				.setAttribute(TenConventions.GEN_AI_OPERATION_NAME, TenConventions.OPERATION_INVOKE_AGENT)
				.setAttribute(TenConventions.GEN_AI_CONVERSATION_ID, sessionId)
				.setAttribute(TenConventions.GEN_AI_AGENT_NAME, "agent")
				.startSpan();
			Context turnContext = session.with(turn);
			Span stt = this.tracer.spanBuilder(TenConventions.STT_SPAN)
				.setParent(turnContext)
				.setAttribute(TenConventions.GEN_AI_OPERATION_NAME, TenConventions.OPERATION_SPEECH_TO_TEXT)
				.setAttribute(TenConventions.STT_REQUEST_ID, "stt-1")
				.setAttribute(TenConventions.GEN_AI_REQUEST_MODEL, "nova-3")
				.startSpan();
			for (String interim : INTERIM) {
				stt.addEvent(TenConventions.STT_INTERIM_RESULT, Attributes.of(TenConventions.STT_TRANSCRIPT, interim));
			}
			long speechEnd = System.nanoTime();
			long endOfTurn = System.nanoTime();
			long transcribed = System.nanoTime();
			stt.setAttribute(TenConventions.STT_TRANSCRIPT, TRANSCRIPT);
			stt.setAttribute(TenConventions.STT_TIME_TO_FINAL_TRANSCRIPT, seconds(transcribed - speechEnd));
			turn.setAttribute(TenConventions.USER_INPUT, TRANSCRIPT);
			stt.setAttribute(TenConventions.STT_INTERIM_RESULTS, (long) INTERIM.length);
			stt.setAttribute(TenConventions.STT_IS_FINAL, true);
			stt.end();

			long llmStart = System.nanoTime();
			Span llm = this.tracer.spanBuilder(TenConventions.LLM_SPAN)
				.setParent(turnContext)
				.setAttribute(TenConventions.GEN_AI_OPERATION_NAME, TenConventions.OPERATION_CHAT)
				.setAttribute(TenConventions.GEN_AI_CONVERSATION_ID, sessionId)
				.setAttribute(TenConventions.LLM_REQUEST_ID, "req-1")
				.setAttribute(TenConventions.GEN_AI_REQUEST_MODEL, "gpt-4o")
				.startSpan();
			Context llmContext = turnContext.with(llm);
			long toolStart;
			long toolEnd;
			long firstToken;
			StringBuilder text = new StringBuilder();
			try (Scope inLlm = llmContext.makeCurrent()) {
				toolStart = System.nanoTime();
				Span tool = this.tracer.spanBuilder(TenConventions.TOOL_SPAN)
					.setParent(llmContext)
					.setAttribute(TenConventions.GEN_AI_OPERATION_NAME, TenConventions.OPERATION_EXECUTE_TOOL)
					.setAttribute(TenConventions.GEN_AI_TOOL_TYPE, TenConventions.TOOL_TYPE_FUNCTION)
					.setAttribute(TenConventions.TOOL_NAME, "weather_api")
					.setAttribute(TenConventions.GEN_AI_TOOL_NAME, "weather_api")
					.setAttribute(TenConventions.TOOL_ARGUMENTS, VoiceTurns.ARGUMENTS)
					.startSpan();
				tool.setAttribute(TenConventions.TOOL_OUTPUT, VoiceTurns.FORECAST);
				tool.setAttribute(TenConventions.TOOL_IS_ERROR, false);
				tool.end();
				toolEnd = System.nanoTime();
				firstToken = System.nanoTime();
				double ttft = seconds(firstToken - llmStart);
				llm.setAttribute(TenConventions.LLM_TIME_TO_FIRST_TOKEN, ttft);
				llm.setAttribute(TenConventions.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK, ttft);
				text.append(SENTENCES[0]);
				for (int i = 1; i < CHUNKS; i++) {
					text.append(CHUNK);
				}
			}
			llm.setAttribute(TenConventions.LLM_RESPONSE_TEXT, text.toString());
			llm.addEvent(TenConventions.LLM_RESPONSE_COMPLETE);
			llm.end();

			long firstAudio = 0;
			long synthesis = 0;
			long playback = 0;
			for (String sentence : SENTENCES) {
				long ttsStart = System.nanoTime();
				Span tts = this.tracer.spanBuilder(TenConventions.TTS_SPAN)
					.setParent(turnContext)
					.setAttribute(TenConventions.GEN_AI_OPERATION_NAME, TenConventions.OPERATION_TEXT_TO_SPEECH)
					.setAttribute(TenConventions.GEN_AI_OUTPUT_TYPE, TenConventions.OUTPUT_TYPE_SPEECH)
					.setAttribute(TenConventions.TTS_INPUT_TEXT, sentence)
					.startSpan();
				long audio = 0;
				for (int frame = 0; frame < FRAMES; frame++) {
					if (frame == 0) {
						long now = System.nanoTime();
						tts.setAttribute(TenConventions.TTS_TIME_TO_FIRST_BYTE, seconds(now - ttsStart));
						if (firstAudio == 0) {
							firstAudio = now;
							synthesis = ttsStart;
							playback = System.nanoTime();
						}
					}
					audio += FRAME.toNanos();
				}
				tts.setAttribute(TenConventions.TTS_AUDIO_DURATION, seconds(audio));
				tts.end();
			}
			turn.setAttribute(TenConventions.TURN_E2E_LATENCY, seconds(playback - speechEnd));
			turn.setAttribute(TenConventions.TURN_LATENCY_END_OF_TURN, seconds(endOfTurn - speechEnd));
			turn.setAttribute(TenConventions.TURN_LATENCY_TRANSCRIPTION, seconds(transcribed - endOfTurn));
			turn.setAttribute(TenConventions.TURN_LATENCY_LLM_FIRST_TOKEN,
					seconds((toolStart - llmStart) + (firstToken - toolEnd)));
			turn.setAttribute(TenConventions.TURN_LATENCY_TOOLS, seconds(toolEnd - toolStart));
			turn.setAttribute(TenConventions.TURN_LATENCY_FIRST_SENTENCE, 0.0);
			turn.setAttribute(TenConventions.TURN_LATENCY_TTS_FIRST_BYTE, seconds(firstAudio - synthesis));
			turn.setAttribute(TenConventions.TURN_LATENCY_PLAYBACK_START, seconds(playback - firstAudio));
			turn.setAttribute(TenConventions.TURN_LATENCY_UNATTRIBUTED,
					seconds((llmStart - transcribed) + (synthesis - firstToken)));
			turn.setAttribute(TenConventions.INTERRUPTED, false);
			turn.end();
			return "completed";
		}

		private static double seconds(long nanos) {
			return nanos / 1e9;
		}

	}

}
