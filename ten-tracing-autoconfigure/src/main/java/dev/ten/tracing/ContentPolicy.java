package dev.ten.tracing;

import dev.ten.tracing.internal.Guard;
import dev.ten.tracing.internal.SafeStrings;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;

/**
 * Decides what of the conversation's content reaches a span, how much of any string does, and how many
 * events a span keeps.
 * <p>
 * Content (what people and models said, tool arguments and output, exception messages) is recorded only
 * when capture is on, and then cut to {@code maxContentLength} characters with a visible marker; with capture
 * off it is never even rendered. Other strings (ids, names, event keys) are always recorded, cut to
 * {@value #MAX_IDENTIFIER_LENGTH} characters, with control characters replaced, so that no input can make a
 * span huge or unreadable. Nothing here throws: a value that cannot be read becomes a placeholder.
 */
final class ContentPolicy {

	static final int MAX_IDENTIFIER_LENGTH = 256;

	/** Marks a value cut at the limit without knowing how long it was. */
	static final String TRUNCATED = "…[truncated]";

	private static final String TRUNCATED_CHARS = "…[truncated %d chars]";

	private static final char REPLACEMENT = '\uFFFD';

	private final boolean capture;

	private final int maxContentLength;

	private final int maxEventsPerSpan;

	private final JsonRenderers.Renderer renderer;

	ContentPolicy(boolean capture, int maxContentLength, int maxEventsPerSpan, JsonRenderers.Renderer renderer) {
		this.capture = capture;
		this.maxContentLength = maxContentLength;
		this.maxEventsPerSpan = maxEventsPerSpan;
		this.renderer = renderer;
	}

	/** How many of the events given to a span the SDK dropped beyond its limit per span. */
	int eventsDropped(int eventsGiven) {
		return Math.max(0, eventsGiven - this.maxEventsPerSpan);
	}

	boolean captures() {
		return this.capture;
	}

	/** Characters kept per content attribute. */
	int maxContentLength() {
		return this.maxContentLength;
	}

	/** Content as text, or {@code null} when capture is off or there is none. */
	String content(CharSequence text) {
		return (this.capture && text != null) ? cut(text, this.maxContentLength) : null;
	}

	/**
	 * Content of any type: text as it is, anything else as JSON (rendered no further than the limit);
	 * {@code null} when capture is off, without looking at the value.
	 */
	String contentOf(Object value) {
		if (!this.capture || value == null) {
			return null;
		}
		if (value instanceof CharSequence text) {
			return cut(text, this.maxContentLength);
		}
		return this.renderer.render(value, this.maxContentLength);
	}

	/** A free-form attribute value, such as a custom event's: kept, but never longer than content. */
	String text(Object value) {
		if (value == null) {
			return null;
		}
		int limit = Math.max(this.maxContentLength, MAX_IDENTIFIER_LENGTH);
		return (value instanceof CharSequence text) ? cut(text, limit) : cut(SafeStrings.valueOf(value), limit);
	}

	/**
	 * The attributes of the exception event of a failure: its type always; with capture on its message and
	 * stack trace, cut like content; with capture off a stack trace of types and frames without any message.
	 */
	Attributes exception(Throwable failure) {
		AttributesBuilder attributes = Attributes.builder()
			.put(TenConventions.EXCEPTION_TYPE, failure.getClass().getName())
			.put(TenConventions.EXCEPTION_STACKTRACE,
					ThrowableText.render(failure, this.capture, this.maxContentLength));
		if (this.capture) {
			String message = ThrowableText.message(failure);
			if (message != null) {
				attributes.put(TenConventions.EXCEPTION_MESSAGE, cut(message, this.maxContentLength));
			}
		}
		return attributes.build();
	}

	/** A buffer for streamed content, or {@code null} when capture is off. */
	StreamedText streamedText() {
		return this.capture ? new StreamedText(this.maxContentLength) : null;
	}

	/** An id or a name: cut to {@value #MAX_IDENTIFIER_LENGTH} characters, control characters replaced. */
	static String identifier(String value) {
		return (value != null) ? withoutControlCharacters(cut(value, MAX_IDENTIFIER_LENGTH)) : null;
	}

	/** Cuts text to {@code limit} characters, copying no more than that; never throws. */
	static String cut(CharSequence text, int limit) {
		try {
			int length = text.length();
			if (length <= limit) {
				return text.toString();
			}
			int cut = limit;
			if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
				cut--;
			}
			String head = (text instanceof String string) ? string.substring(0, cut)
					: new StringBuilder(cut).append(text, 0, cut).toString();
			return head + TRUNCATED_CHARS.formatted(length - cut);
		}
		catch (Throwable ex) {
			Guard.failed(ex);
			return SafeStrings.unreadable(text, ex);
		}
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
		return value.substring(0, cut) + TRUNCATED_CHARS.formatted(fullLength - cut);
	}

	static String truncate(String value, int maxLength) {
		return truncate(value, maxLength, value.length());
	}

	/** Replaces C0 and C1 control characters (NUL, ESC, DEL...) so that ids and names stay printable. */
	static String withoutControlCharacters(String value) {
		int length = value.length();
		for (int i = 0; i < length; i++) {
			if (isControl(value.charAt(i))) {
				char[] chars = value.toCharArray();
				for (int j = i; j < length; j++) {
					if (isControl(chars[j])) {
						chars[j] = REPLACEMENT;
					}
				}
				return new String(chars);
			}
		}
		return value;
	}

	private static boolean isControl(char c) {
		return c < 0x20 || (c >= 0x7F && c <= 0x9F);
	}

}
