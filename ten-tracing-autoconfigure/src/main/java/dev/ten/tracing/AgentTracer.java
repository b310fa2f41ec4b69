package dev.ten.tracing;

import java.util.Map;
import java.util.Optional;

/**
 * Entry point of TEN agent tracing: opens sessions and starts the spans of the TEN agent trace tree.
 *
 * <pre>
 * agent_session (root)
 * ├── user_turn
 * │   ├── stt_node
 * │   ├── llm_node
 * │   │   └── tool_call
 * │   └── tts_node
 * └── user_turn ...
 * </pre>
 *
 * In a Spring Boot application it is a bean; elsewhere {@link GlobalAgentTracer#get()} returns it. The
 * steps it starts ({@link AgentSteps}) are parented by the innermost agent span current on the calling
 * thread; {@link AgentSession} starts steps parented by their session explicitly, from any thread. A step
 * started with no agent span current and no session becomes the root of a trace of its own, and a warning is
 * logged once. No method throws, whatever its arguments; when tracing is off every method is a cheap no-op.
 */
public interface AgentTracer extends AgentSteps {

	/**
	 * Opens a session: a new trace whose root is an {@value TenConventions#SESSION_SPAN} span. It is never
	 * the child of a span current on the calling thread (such as an HTTP request's); it links to that span
	 * instead. Opening a session with the id of one still open ends that one
	 * ({@code ten.session.end_reason=replaced}).
	 * @param sessionId the session id ({@code ten.session_id})
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
	 * @param type {@link TurnSpan}, {@link SttSpan}, {@link LlmSpan}, {@link TtsSpan} or {@link ToolSpan}
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
	 * @return the turn, not yet current anywhere
	 */
	@Override
	TurnSpan startTurn(CharSequence userInput);

	/**
	 * Starts an agent-initiated turn in the current session, or one of its own trace when no session is
	 * current.
	 * @return the turn, not yet current anywhere
	 */
	@Override
	TurnSpan startAgentTurn();

	/**
	 * Starts an LLM span under the innermost agent span current on this thread.
	 * @param requestId the LLM request id, or {@code null}
	 * @param model the model name, or {@code null}
	 * @return the span, not yet current anywhere
	 */
	@Override
	LlmSpan startLlm(String requestId, String model);

	/**
	 * Starts a TTS span under the innermost agent span current on this thread.
	 * @param requestId the TTS request id, or {@code null}
	 * @param inputText the text to speak, or {@code null}
	 * @return the span, not yet current anywhere
	 */
	@Override
	TtsSpan startTts(String requestId, CharSequence inputText);

	/**
	 * Starts a tool span under the innermost agent span current on this thread.
	 * @param toolName the tool's name
	 * @param arguments the arguments: a {@link CharSequence} is recorded as it is, anything else as JSON
	 * @return the span, not yet current anywhere
	 */
	@Override
	ToolSpan startTool(String toolName, Object arguments);

	/**
	 * Returns a tracer that records nothing, what agent code gets when tracing is off.
	 * @return the no-op tracer
	 */
	static AgentTracer noop() {
		return NoopAgentTracer.INSTANCE;
	}

}
