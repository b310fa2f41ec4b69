package dev.ten.tracing.annotation;

/**
 * Implemented by what a {@link TracedTurn @TracedTurn} method returns, to report that the user interrupted
 * the turn.
 */
public interface TurnResult {

	/**
	 * Returns whether the user interrupted the turn; {@code true} records {@code ten.interrupted=true} and
	 * the {@code interrupted} event.
	 * @return {@code true} if the turn was interrupted
	 */
	boolean interrupted();

}
