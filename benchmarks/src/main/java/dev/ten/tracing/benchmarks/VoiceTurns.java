package dev.ten.tracing.benchmarks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.ten.tracing.AgentSession;
import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.LlmSpan;
import dev.ten.tracing.TenConventions;
import dev.ten.tracing.ToolSpan;
import dev.ten.tracing.TtsSpan;
import dev.ten.tracing.TurnSpan;
import dev.ten.tracing.annotation.Model;
import dev.ten.tracing.annotation.RequestId;
import dev.ten.tracing.annotation.SessionId;
import dev.ten.tracing.annotation.ToolArguments;
import dev.ten.tracing.annotation.TracedLlm;
import dev.ten.tracing.annotation.TracedTool;
import dev.ten.tracing.annotation.TracedTts;
import dev.ten.tracing.annotation.TracedTurn;
import dev.ten.tracing.annotation.TtsInput;
import dev.ten.tracing.annotation.UserInput;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * The same turn traced three ways.
 */
final class VoiceTurns {

	static final String ARGUMENTS = "{\"city\":\"Paris\"}";

	static final String FORECAST = "sunny, 21";

	private VoiceTurns() {
	}

	/** ten-tracing's annotations on the agent's own classes. */
	static class Annotated implements VoiceTurn {

		private final Thinker thinker;

		private final Speaker speaker;

		Annotated(Thinker thinker, Speaker speaker) {
			this.thinker = thinker;
			this.speaker = speaker;
		}

		@Override
		@TracedTurn
		public String play(@SessionId String sessionId, @UserInput String utterance) {
			Reply reply = this.thinker.think("req-1", "gpt-4o");
			this.speaker.speak("tts-1", reply.text());
			return "completed";
		}

	}

	/** The LLM step of {@link Annotated}; calls the tool. */
	static class Thinker {

		private final Tools tools;

		Thinker(Tools tools) {
			this.tools = tools;
		}

		@TracedLlm
		public Reply think(@RequestId String requestId, @Model String model) {
			this.tools.weather(ARGUMENTS);
			return Reply.ANSWER;
		}

	}

	/** The tool step of {@link Annotated}. */
	static class Tools {

		@TracedTool("weather_api")
		public String weather(@ToolArguments String arguments) {
			return FORECAST;
		}

	}

	/** The TTS step of {@link Annotated}. */
	static class Speaker {

		@TracedTts
		public void speak(@RequestId String requestId, @TtsInput String text) {
		}

	}

	/** ten-tracing's programmatic API. */
	static class Programmatic implements VoiceTurn {

		private final AgentTracer tracer;

		Programmatic(AgentTracer tracer) {
			this.tracer = tracer;
		}

		@Override
		public String play(String sessionId, String utterance) {
			AgentSession session = this.tracer.session(sessionId).orElseThrow();
			try (TurnSpan turn = session.startTurn(utterance); Scope inTurn = turn.makeCurrent()) {
				try (LlmSpan llm = this.tracer.startLlm("req-1", "gpt-4o"); Scope inLlm = llm.makeCurrent()) {
					try (ToolSpan tool = this.tracer.startTool("weather_api", ARGUMENTS); Scope inTool = tool.makeCurrent()) {
						tool.output(FORECAST);
					}
					llm.usage(Reply.ANSWER.inputTokens(), Reply.ANSWER.outputTokens());
					llm.responseText(Reply.ANSWER.text());
				}
				try (TtsSpan tts = this.tracer.startTts("tts-1", Reply.ANSWER.text()); Scope inTts = tts.makeCurrent()) {
					return "completed";
				}
			}
		}

	}

	/** The floor: the four spans by hand with the raw OpenTelemetry API, parented explicitly. */
	static class RawOpenTelemetry implements VoiceTurn {

		final Tracer tracer;

		final Map<String, Context> sessions = new ConcurrentHashMap<>();

		final Map<String, AtomicLong> turns = new ConcurrentHashMap<>();

		RawOpenTelemetry(OpenTelemetry openTelemetry) {
			this.tracer = openTelemetry.getTracer("benchmark");
		}

		Span startSession(String sessionId) {
			Span session = this.tracer.spanBuilder(TenConventions.SESSION_SPAN)
				.setNoParent()
				.setAttribute(TenConventions.SESSION_ID, sessionId)
				.setAttribute(TenConventions.GEN_AI_CONVERSATION_ID, sessionId)
				.setAttribute(TenConventions.AGENT_NAME, "agent")
				.startSpan();
			this.sessions.put(sessionId, Context.root().with(session));
			this.turns.put(sessionId, new AtomicLong());
			return session;
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
				.setAttribute(TenConventions.USER_INPUT, utterance)
				.startSpan();
			Context turnContext = session.with(turn);
			try (Scope ignored = turnContext.makeCurrent()) {
				Span llm = this.tracer.spanBuilder(TenConventions.LLM_SPAN)
					.setParent(turnContext)
					.setAttribute(TenConventions.GEN_AI_OPERATION_NAME, TenConventions.OPERATION_CHAT)
					.setAttribute(TenConventions.GEN_AI_CONVERSATION_ID, sessionId)
					.setAttribute(TenConventions.LLM_REQUEST_ID, "req-1")
					.setAttribute(TenConventions.GEN_AI_REQUEST_MODEL, "gpt-4o")
					.startSpan();
				Context llmContext = turnContext.with(llm);
				try (Scope llmScope = llmContext.makeCurrent()) {
					Span tool = this.tracer.spanBuilder(TenConventions.TOOL_SPAN)
						.setParent(llmContext)
						.setAttribute(TenConventions.GEN_AI_OPERATION_NAME, TenConventions.OPERATION_EXECUTE_TOOL)
						.setAttribute(TenConventions.GEN_AI_TOOL_TYPE, TenConventions.TOOL_TYPE_FUNCTION)
						.setAttribute(TenConventions.TOOL_NAME, "weather_api")
						.setAttribute(TenConventions.GEN_AI_TOOL_NAME, "weather_api")
						.setAttribute(TenConventions.TOOL_ARGUMENTS, ARGUMENTS)
						.startSpan();
					try (Scope toolScope = llmContext.with(tool).makeCurrent()) {
						tool.setAttribute(TenConventions.TOOL_OUTPUT, FORECAST);
					}
					finally {
						tool.setAttribute(TenConventions.TOOL_IS_ERROR, false);
						tool.end();
					}
					llm.setAttribute(TenConventions.GEN_AI_USAGE_INPUT_TOKENS, Reply.ANSWER.inputTokens());
					llm.setAttribute(TenConventions.GEN_AI_USAGE_OUTPUT_TOKENS, Reply.ANSWER.outputTokens());
					llm.setAttribute(TenConventions.LLM_RESPONSE_TEXT, Reply.ANSWER.text());
				}
				finally {
					llm.addEvent(TenConventions.LLM_RESPONSE_COMPLETE);
					llm.end();
				}
				Span tts = this.tracer.spanBuilder(TenConventions.TTS_SPAN)
					.setParent(turnContext)
					.setAttribute(TenConventions.GEN_AI_OPERATION_NAME, TenConventions.OPERATION_TEXT_TO_SPEECH)
					.setAttribute(TenConventions.GEN_AI_OUTPUT_TYPE, TenConventions.OUTPUT_TYPE_SPEECH)
					.setAttribute(TenConventions.TTS_REQUEST_ID, "tts-1")
					.setAttribute(TenConventions.TTS_INPUT_TEXT, Reply.ANSWER.text())
					.startSpan();
				try (Scope ttsScope = turnContext.with(tts).makeCurrent()) {
					return "completed";
				}
				finally {
					tts.end();
				}
			}
			finally {
				turn.setAttribute(TenConventions.INTERRUPTED, false);
				turn.end();
			}
		}

	}

}
