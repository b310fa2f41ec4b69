package dev.ten.tracing;

import java.util.Map;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;

/**
 * An open {@value TenConventions#SESSION_SPAN}: one conversation, the root of its own trace.
 * <p>
 * A session is not tied to a thread: it lives from {@link AgentTracer#startSession} until {@link #end()},
 * and any thread may start turns and steps in it. Spans started through a session are parented by it
 * explicitly, never by whatever happens to be current on the calling thread, so concurrent sessions never
 * mix. No method throws, whatever its arguments.
 */
public interface AgentSession extends AutoCloseable {

	/**
	 * Returns the session identifier ({@code ten.session_id}).
	 * @return the session id
	 */
	String id();

	/** Records the {@value TenConventions#USER_JOINED} event. */
	void userJoined();

	/** Records the {@value TenConventions#USER_LEFT} event. */
	void userLeft();

	/**
	 * Records the {@value TenConventions#TOOL_REGISTERED} event with {@code ten.tool.name}.
	 * @param toolName the tool's name
	 */
	void toolRegistered(String toolName);

	/**
	 * Records a custom event on the session span; the counterpart of {@code add_session_event(name, **attrs)}.
	 * @param name the event name
	 * @param attributes the event attributes, converted as in {@link AgentSpan#addEvent(String, Map)}
	 */
	void addEvent(String name, Map<String, ?> attributes);

	/**
	 * Starts the session's next turn and makes it current on this thread. Turns are numbered 1, 2, ... per
	 * session. A turn still open when the next one starts was overtaken by the user: it is
	 * {@link TurnSpan#interrupted() interrupted} and ends at this moment.
	 * @param userInput what the user said, or {@code null} if not known yet
	 * @return the turn, to close when the turn is over
	 */
	TurnSpan startTurn(CharSequence userInput);

	/**
	 * Starts a turn that the agent begins, such as a greeting or a proactive prompt: a turn of this session's
	 * trace like any other, numbered in sequence, marked {@code ten.turn.initiator=agent}, with no end-to-end
	 * latency (no user input to measure from).
	 * @return the turn, to close when the turn is over
	 */
	TurnSpan startAgentTurn();

	/**
	 * The user barged in: {@link TurnSpan#interrupted() interrupts} the open turn, ending its LLM and TTS
	 * spans still in flight. Does nothing when no turn is open.
	 */
	void interrupt();

	/**
	 * Starts an LLM span in this session. Its parent is the innermost span of this session current on this
	 * thread, else the session's open turn, else the session.
	 * @param requestId the LLM request id, or {@code null}
	 * @return the span, current on this thread until closed
	 */
	default LlmSpan startLlm(String requestId) {
		return startLlm(requestId, null);
	}

	/**
	 * Starts an LLM span in this session with the model known up front, parented as in
	 * {@link #startLlm(String)}.
	 * @param requestId the LLM request id, or {@code null}
	 * @param model the model name ({@code gen_ai.request.model}), or {@code null}
	 * @return the span, current on this thread until closed
	 */
	LlmSpan startLlm(String requestId, String model);

	/**
	 * Starts a TTS span in this session, parented as in {@link #startLlm(String)}.
	 * @param requestId the TTS request id, or {@code null}
	 * @param inputText the text to speak, or {@code null}
	 * @return the span, current on this thread until closed
	 */
	TtsSpan startTts(String requestId, CharSequence inputText);

	/**
	 * Starts a tool span in this session, parented as in {@link #startLlm(String)}.
	 * @param toolName the tool's name
	 * @param arguments the arguments: a {@link CharSequence} is recorded as it is, anything else as JSON
	 * @return the span, current on this thread until closed
	 */
	ToolSpan startTool(String toolName, Object arguments);

	/**
	 * Makes this session current on this thread, so that {@link AgentTracer#startTurn} and un-parameterised
	 * {@code @TracedTurn} methods called inside the scope belong to it.
	 * @return the scope to close, on this thread, to restore what was current before
	 */
	Scope makeCurrent();

	/**
	 * Returns the OpenTelemetry identity of the session span; its trace id is the session's trace id.
	 * @return the span context, invalid for a session that is not recorded
	 */
	SpanContext spanContext();

	/** Ends the session span. Turns and steps started afterwards land in no trace of this session. */
	void end();

	/** Same as {@link #end()}. */
	@Override
	default void close() {
		end();
	}

}
