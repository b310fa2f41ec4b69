package dev.ten.tracing;

import java.util.function.Function;

/**
 * Decides what of the conversation's content reaches a span, and how much of any string does.
 * <p>
 * Content (what people and models said, tool arguments and output) is recorded only when capture is on,
 * and cut to {@code maxContentLength} characters with a visible marker. Other strings (ids, names) are
 * always recorded and cut to {@value #MAX_IDENTIFIER_LENGTH} characters, so no input can make a span huge.
 */
final class ContentPolicy {

	static final int MAX_IDENTIFIER_LENGTH = 256;

	private static final String MARKER = "…[truncated %d chars]";

	private final boolean capture;

	private final int maxContentLength;

	private final Function<Object, String> jsonRenderer;

	ContentPolicy(boolean capture, int maxContentLength, Function<Object, String> jsonRenderer) {
		this.capture = capture;
		this.maxContentLength = maxContentLength;
		this.jsonRenderer = jsonRenderer;
	}

	boolean captures() {
		return this.capture;
	}

	/** Content as text, or {@code null} when capture is off or there is none. */
	String content(CharSequence text) {
		return (this.capture && text != null) ? truncate(text.toString(), this.maxContentLength) : null;
	}

	/** Content of any type: text as it is, anything else as JSON; {@code null} when capture is off. */
	String contentOf(Object value) {
		if (!this.capture || value == null) {
			return null;
		}
		if (value instanceof CharSequence text) {
			return truncate(text.toString(), this.maxContentLength);
		}
		return truncate(this.jsonRenderer.apply(value), this.maxContentLength);
	}

	/** A free-form attribute value, such as a custom event's: kept, but never longer than content. */
	String text(Object value) {
		return (value != null) ? truncate(String.valueOf(value), Math.max(this.maxContentLength, MAX_IDENTIFIER_LENGTH))
				: null;
	}

	static String identifier(String value) {
		return (value != null) ? truncate(value, MAX_IDENTIFIER_LENGTH) : null;
	}

	static String truncate(String value, int maxLength) {
		return truncate(value, maxLength, value.length());
	}

	/**
	 * Cuts a value to {@code maxLength} characters, never between the two halves of a surrogate pair, and
	 * marks how many of its {@code fullLength} characters were cut.
	 * @param value the value, or its first characters if it is longer than what is at hand
	 * @param maxLength the most characters to keep
	 * @param fullLength the length of the whole value
	 */
	static String truncate(String value, int maxLength, long fullLength) {
		if (fullLength <= maxLength) {
			return value;
		}
		int cut = Math.min(maxLength, value.length());
		if (cut > 0 && Character.isHighSurrogate(value.charAt(cut - 1))) {
			cut--;
		}
		return value.substring(0, cut) + MARKER.formatted(fullLength - cut);
	}

	/** A buffer for streamed content, or {@code null} when capture is off. */
	StreamedText streamedText() {
		return this.capture ? new StreamedText(this.maxContentLength) : null;
	}

}
