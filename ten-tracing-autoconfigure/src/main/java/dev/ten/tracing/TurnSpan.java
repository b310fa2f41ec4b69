package dev.ten.tracing;

import java.time.Duration;

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
	 * closed without this call records {@code ten.interrupted=false}. The cause recorded is
	 * {@link InterruptionCause#USER_SPEECH}; see {@link #interruptedBy(InterruptionCause)}.
	 */
	void interrupted();

	/**
	 * Marks the turn as interrupted, as {@link #interrupted()} does, recording what cut it short as
	 * {@code ten.interruption.cause}. With it the turn records how much of the agent's audio had played
	 * ({@code ten.interruption.playout_position}) and, with content capture on, the text the user heard
	 * ({@code ten.interruption.heard_text}); see {@link #playbackStarted()}.
	 * @param cause the cause; {@code null} is taken as {@link InterruptionCause#USER_SPEECH}
	 */
	default void interruptedBy(InterruptionCause cause) {
		interrupted();
	}

	/**
	 * Marks the moment the user finished speaking, from which the turn's end-to-end latency
	 * ({@code ten.turn.e2e_latency}) runs until its first audio out ({@link TtsSpan#audioChunk()}), or the start
	 * of its playback when reported ({@link #playbackStarted()}). Without this call it runs from the start of
	 * the turn, and the latency breakdown lists {@code user_speech_end} as missing. The first call counts.
	 */
	void userInputEnded();

	/**
	 * Marks the moment the application's end-of-turn detection decided that the user had finished: the end of
	 * the {@code end_of_turn_detection} segment of the latency breakdown. The first call counts.
	 */
	default void endOfTurnDetected() {
	}

	/**
	 * Marks the moment the agent's first audio started to play on the caller's side: the end of the turn's
	 * end-to-end latency (else its first audio out), and where the playout position of an interruption is
	 * counted from. The first call counts.
	 */
	default void playbackStarted() {
	}

	/**
	 * Reports how much of the agent's audio in this turn has played so far, as the application's audio output
	 * counts it; an interruption records the latest report as its playout position. Without reports the
	 * position is the time since playback started ({@link #playbackStarted()}, else the first audio out), no
	 * more than the audio synthesised ({@link TtsSpan#audioChunk(Duration)}).
	 * @param played audio played since the turn's playback started; {@code null} or negative is ignored
	 */
	default void playbackPosition(Duration played) {
	}

}
