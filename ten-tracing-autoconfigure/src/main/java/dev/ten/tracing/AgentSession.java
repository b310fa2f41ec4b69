package dev.ten.tracing;

import java.util.Map;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;

/**
 * An open {@value TenConventions#SESSION_SPAN}: one conversation, the root of its own trace.
 * <p>
 * A session is not tied to a thread: it lives from {@link AgentTracer#startSession} until {@link #end()},
 * and any thread may start turns and steps in it. The steps it starts ({@link AgentSteps}) are parented by it
 * explicitly, never by whatever happens to be current on the calling thread, so concurrent sessions never
 * mix: their parent is the innermost span of this session current on the calling thread, else the session's
 * open turn, else the session itself. Turns are numbered 1, 2, ... per session.
 * <p>
 * A session that the agent never ends is ended for it, marked with {@code ten.session.end_reason}: after
 * {@code ten.tracing.session-idle-timeout} without activity, when {@code ten.tracing.max-open-sessions}
 * sessions are open and it is the least recently active, and at shutdown. Steps started in an ended session
 * record nothing (a warning says so once). No method throws, whatever its arguments.
 */
public interface AgentSession extends AgentSteps, AutoCloseable {

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
	 * The user barged in: {@link TurnSpan#interrupted() interrupts} the open turn, ending its LLM and TTS
	 * spans still in flight. Does nothing when no turn is open.
	 */
	void interrupt();

	/**
	 * {@link TurnSpan#interruptedBy(InterruptionCause) Interrupts} the open turn for the given cause. Does nothing
	 * when no turn is open.
	 * @param cause what cut the turn short
	 */
	default void interruptBy(InterruptionCause cause) {
		interrupt();
	}

	/**
	 * Makes this session current on this thread, so that {@link AgentTracer} steps and un-parameterised
	 * {@code @Traced*} methods called inside the scope belong to it.
	 * @return the scope to close, on this thread, to restore what was current before
	 */
	Scope makeCurrent();

	/**
	 * Returns the OpenTelemetry identity of the session span; its trace id is the session's trace id.
	 * @return the span context, invalid for a session that is not recorded
	 */
	SpanContext spanContext();

	/** Ends the session span. Turns and steps started afterwards record nothing. */
	void end();

	/** Same as {@link #end()}. */
	@Override
	default void close() {
		end();
	}

}
