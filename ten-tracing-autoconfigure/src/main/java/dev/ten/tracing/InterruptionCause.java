package dev.ten.tracing;

/**
 * What cut a turn short, recorded as {@code ten.interruption.cause} on the interrupted turn.
 */
public enum InterruptionCause {

	/** The user spoke over the agent: a barge-in. */
	USER_SPEECH(TenConventions.CAUSE_USER_SPEECH),

	/** The next turn started while this one was still open. */
	NEW_TURN(TenConventions.CAUSE_NEW_TURN),

	/** The application cut the turn for reasons of its own (a timeout, a moderation rule, a hang-up). */
	PROGRAMMATIC(TenConventions.CAUSE_PROGRAMMATIC);

	private final String value;

	InterruptionCause(String value) {
		this.value = value;
	}

	/**
	 * Returns the value recorded as {@code ten.interruption.cause}.
	 * @return the value
	 */
	public String value() {
		return this.value;
	}

}
