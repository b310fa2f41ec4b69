package dev.ten.tracing;

import java.time.Duration;

/**
 * An {@value TenConventions#STT_SPAN} span: one speech-to-text transcription of what the user said, streamed or
 * not, under the turn. Its final transcript becomes the turn's {@code ten.user_input} when the turn was started
 * without one, and marks the end of the transcription stage of the turn's latency breakdown.
 * <p>
 * Results come in three forms, as speech-to-text services give them: interim results, each replacing the
 * previous hypothesis ({@link #interimResult(CharSequence)}); pieces of text that add up to the transcript
 * ({@link #transcriptChunk(CharSequence)}, as OpenAI's streamed transcription sends them); and the final
 * transcript ({@link #finalTranscript(CharSequence)}). Closing the span without a failure, cancellation or
 * interruption makes the text of the chunks final; otherwise the span keeps the latest result, with
 * {@code ten.stt.is_final=false}.
 */
public interface SttSpan extends AgentSpan {

	/**
	 * Records the model as {@code gen_ai.request.model}.
	 * @param model the model name
	 */
	void model(String model);

	/**
	 * Records who serves the model as {@code gen_ai.provider.name}.
	 * @param provider the provider
	 */
	void provider(String provider);

	/**
	 * Records the language of the speech as {@code ten.stt.language}.
	 * @param language the language, such as {@code en} or {@code en-US}
	 */
	void language(String language);

	/**
	 * Records how much audio was transcribed as {@code ten.stt.audio_duration}, in seconds.
	 * @param audio the audio's duration; {@code null} or negative is ignored
	 */
	void audioDuration(Duration audio);

	/**
	 * Records an interim result, a hypothesis that the next result replaces: an
	 * {@value TenConventions#STT_INTERIM_RESULT} event (the first {@value TenConventions#STT_MAX_INTERIM_EVENTS}
	 * of them, with the text when content capture is on) and the count in {@code ten.stt.interim_results}.
	 * @param text the hypothesis
	 */
	void interimResult(CharSequence text);

	/**
	 * Records a piece of the transcript that adds to the pieces before it.
	 * @param delta the piece of text
	 */
	void transcriptChunk(CharSequence delta);

	/**
	 * Records the final transcript as {@code ten.stt.transcript} with {@code ten.stt.is_final=true}, and the time
	 * since the end of the user's speech as {@code ten.stt.time_to_final_transcript}. A later call replaces it.
	 * @param transcript what the user said
	 */
	void finalTranscript(CharSequence transcript);

}
