package dev.ten.tracing;

/**
 * A {@value TenConventions#TURN_SPAN} span: one user-agent interaction within a session.
 */
public interface TurnSpan extends AgentSpan {

	/**
	 * Returns the turn number within its session, starting at 1.
	 * @return the value of {@code ten.turn_id}
	 */
	long turnId();

	/**
	 * Marks the turn as interrupted by the user: {@code ten.interrupted=true} and the
	 * {@value TenConventions#INTERRUPTED_EVENT} event, once. A turn closed without this call records
	 * {@code ten.interrupted=false}.
	 */
	void interrupted();

}
