package dev.ten.tracing.annotation;

/**
 * A speech-to-text result that a {@link TracedStt @TracedStt} method returns or streams.
 *
 * @param text what was recognised
 * @param isFinal whether the result is final: an interim result is a hypothesis that the next one replaces
 * @param language the language recognised, such as {@code en}, or {@code null}
 */
public record SttResult(CharSequence text, boolean isFinal, String language) {

	/**
	 * An interim result.
	 * @param text the hypothesis
	 * @return the result
	 */
	public static SttResult interim(CharSequence text) {
		return new SttResult(text, false, null);
	}

	/**
	 * A final result.
	 * @param text the transcript
	 * @return the result
	 */
	public static SttResult finalResult(CharSequence text) {
		return new SttResult(text, true, null);
	}

}
