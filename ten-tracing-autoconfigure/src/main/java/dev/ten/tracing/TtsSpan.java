package dev.ten.tracing;

/**
 * A {@value TenConventions#TTS_SPAN} span: one text-to-speech synthesis.
 */
public interface TtsSpan extends AgentSpan {

	/**
	 * Records the text sent to TTS as {@code ten.tts.input_text}, truncated, unless content capture is off.
	 * Use it when the text is known only after the span started.
	 * @param text the text to speak
	 */
	void inputText(CharSequence text);

	/**
	 * Records that audio came out of TTS. The first call records the time to first byte, in seconds since the
	 * span started, as {@code ten.tts.time_to_first_byte}, and completes the turn's end-to-end latency
	 * ({@link TurnSpan#userInputEnded()}).
	 */
	void audioChunk();

}
