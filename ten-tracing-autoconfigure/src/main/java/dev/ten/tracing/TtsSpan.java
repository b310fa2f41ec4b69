package dev.ten.tracing;

import java.time.Duration;

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

	/**
	 * Records audio out as {@link #audioChunk()} does, with how long it plays: the sum is recorded as
	 * {@code ten.tts.audio_duration}, and lets an interruption tell which of the turn's sentences the user
	 * heard.
	 * @param audio how long the chunk plays; {@code null} or negative counts as unknown
	 */
	default void audioChunk(Duration audio) {
		audioChunk();
	}

	/**
	 * Records the model as {@code gen_ai.request.model}.
	 * @param model the model name
	 */
	default void model(String model) {
	}

	/**
	 * Records the voice as {@code ten.tts.voice}.
	 * @param voice the voice
	 */
	default void voice(String voice) {
	}

}
