package dev.ten.tracing;

import java.util.Map;
import java.util.Optional;

/**
 * Entry point of TEN agent tracing: opens sessions and starts the spans of the TEN agent trace tree.
 *
 * <pre>
 * agent_session (root)
 * ├── user_turn
 * │   ├── llm_node
 * │   │   └── tool_call
 * │   └── tts_node
 * └── user_turn ...
 * </pre>
 *
 * In a Spring Boot application it is a bean; elsewhere {@link GlobalAgentTracer#get()} returns it. The
 * {@code start*} methods of this interface parent the new span by the innermost agent span current on the
 * calling thread; {@link AgentSession} starts spans parented by their session explicitly, from any thread.
 * A step started with no agent span current and no session becomes the root of a trace of its own, and a
 * warning is logged once. No method throws, whatever its arguments; when tracing is off every method is a
 * cheap no-op.
 */
public interface AgentTracer {

	/**
	 * Opens a session: a new trace whose root is an {@value TenConventions#SESSION_SPAN} span. It is never
	 * the child of a span current on the calling thread (such as an HTTP request's); it links to that span
	 * instead.
	 * @param sessionId the session id ({@code ten.session_id}), unique among open sessions
	 * @param agentName the agent's name ({@code ten.agent_name}), or {@code null}
	 * @return the open session, to {@link AgentSession#end() end} when the conversation is over
	 */
	AgentSession startSession(String sessionId, String agentName);

	/**
	 * Finds an open session by id, e.g. on a thread other than the one that opened it. When tracing is off,
	 * returns a no-op session for any id, so that agent code runs the same either way.
	 * @param sessionId the session id
	 * @return the session, empty if no session with this id is open
	 */
	Optional<AgentSession> session(String sessionId);

	/**
	 * Returns the session of the innermost agent span current on this thread, or the session made current
	 * by {@link AgentSession#makeCurrent()}.
	 * @return the current session, if any
	 */
	Optional<AgentSession> currentSession();

	/**
	 * Returns the innermost agent span of a type current on this thread, e.g. to record token usage from
	 * inside a {@code @TracedLlm} method: {@code tracer.current(LlmSpan.class).ifPresent(...)}.
	 * @param <S> the span type
	 * @param type {@link TurnSpan}, {@link LlmSpan}, {@link TtsSpan} or {@link ToolSpan}
	 * @return the span, if one of that type is current
	 */
	<S extends AgentSpan> Optional<S> current(Class<S> type);

	/**
	 * Records a custom event on the current session; the counterpart of
	 * {@code tracer.add_session_event("custom_event", key="value")}. Does nothing when no session is current.
	 * @param name the event name
	 * @param attributes the event attributes
	 */
	void addSessionEvent(String name, Map<String, ?> attributes);

	/**
	 * Starts a turn in the current session, or a turn of its own trace when no session is current.
	 * @param userInput what the user said, or {@code null}
	 * @return the turn, current on this thread until closed
	 * @see AgentSession#startTurn(CharSequence)
	 */
	TurnSpan startTurn(CharSequence userInput);

	/**
	 * Starts an LLM span under the innermost agent span current on this thread; the counterpart of
	 * {@code tracer.trace_llm(request_id=...)}.
	 * @param requestId the LLM request id, or {@code null}
	 * @return the span, current on this thread until closed
	 */
	default LlmSpan startLlm(String requestId) {
		return startLlm(requestId, null);
	}

	/**
	 * Starts an LLM span under the innermost agent span current on this thread, with the model known up
	 * front ({@code gen_ai.request.model}).
	 * @param requestId the LLM request id, or {@code null}
	 * @param model the model name, or {@code null}
	 * @return the span, current on this thread until closed
	 */
	LlmSpan startLlm(String requestId, String model);

	/**
	 * Starts a TTS span under the innermost agent span current on this thread.
	 * @param requestId the TTS request id, or {@code null}
	 * @param inputText the text to speak, or {@code null}
	 * @return the span, current on this thread until closed
	 */
	TtsSpan startTts(String requestId, CharSequence inputText);

	/**
	 * Starts a tool span under the innermost agent span current on this thread.
	 * @param toolName the tool's name
	 * @param arguments the arguments: a {@link CharSequence} is recorded as it is, anything else as JSON
	 * @return the span, current on this thread until closed
	 */
	ToolSpan startTool(String toolName, Object arguments);

	/**
	 * Runs work inside a turn span: starts it, records a failure, closes it.
	 * @param <T> the result type
	 * @param <E> the exception the work may throw
	 * @param userInput what the user said
	 * @param work the work
	 * @return what the work returned
	 * @throws E what the work threw, unchanged
	 */
	default <T, E extends Throwable> T traceTurn(CharSequence userInput, SpanWork<TurnSpan, T, E> work) throws E {
		return SpanWorkRunner.run(startTurn(userInput), work);
	}

	/**
	 * Runs work inside an LLM span; the counterpart of {@code async with tracer.trace_llm(request_id=...)}.
	 * @param <T> the result type
	 * @param <E> the exception the work may throw
	 * @param requestId the LLM request id
	 * @param work the work
	 * @return what the work returned
	 * @throws E what the work threw, unchanged
	 */
	default <T, E extends Throwable> T traceLlm(String requestId, SpanWork<LlmSpan, T, E> work) throws E {
		return SpanWorkRunner.run(startLlm(requestId), work);
	}

	/**
	 * Runs work inside a TTS span.
	 * @param <T> the result type
	 * @param <E> the exception the work may throw
	 * @param requestId the TTS request id
	 * @param inputText the text to speak
	 * @param work the work
	 * @return what the work returned
	 * @throws E what the work threw, unchanged
	 */
	default <T, E extends Throwable> T traceTts(String requestId, CharSequence inputText,
			SpanWork<TtsSpan, T, E> work) throws E {
		return SpanWorkRunner.run(startTts(requestId, inputText), work);
	}

	/**
	 * Runs work inside a tool span; a failure also records {@code ten.tool.is_error=true}.
	 * @param <T> the result type
	 * @param <E> the exception the work may throw
	 * @param toolName the tool's name
	 * @param arguments the arguments
	 * @param work the work
	 * @return what the work returned
	 * @throws E what the work threw, unchanged
	 */
	default <T, E extends Throwable> T traceTool(String toolName, Object arguments, SpanWork<ToolSpan, T, E> work)
			throws E {
		return SpanWorkRunner.run(startTool(toolName, arguments), work);
	}

	/**
	 * Returns a tracer that records nothing, what agent code gets when tracing is off.
	 * @return the no-op tracer
	 */
	static AgentTracer noop() {
		return NoopAgentTracer.INSTANCE;
	}

}
