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
	 * Marks the turn as interrupted by the user (barge-in): {@code ten.interrupted=true} and the
	 * {@value TenConventions#INTERRUPTED_EVENT} event, once. The turn's {@code llm_node} and {@code tts_node}
	 * spans still in flight end at this moment, marked {@code ten.interrupted=true}, keeping the response
	 * text streamed so far and without error status; whatever their work reports afterwards (a cancellation,
	 * an exception) is ignored. Tool calls in flight run on. The turn itself stays open until it is closed. A turn
	 * closed without this call records {@code ten.interrupted=false}.
	 */
	void interrupted();

	/**
	 * Marks the moment the user finished speaking, from which the turn's end-to-end latency
	 * ({@code ten.turn.e2e_latency}) runs until its first audio out ({@link TtsSpan#audioChunk()}). Without
	 * this call it runs from the start of the turn.
	 */
	void userInputEnded();

}
