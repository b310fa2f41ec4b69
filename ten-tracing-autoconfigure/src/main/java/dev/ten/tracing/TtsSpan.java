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

}
