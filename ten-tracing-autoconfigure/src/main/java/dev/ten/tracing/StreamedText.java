package dev.ten.tracing;

/**
 * The text of a streamed response as it arrives, keeping no more than a content attribute can hold while
 * counting all of it, so that a long stream costs bounded memory and its truncation marker is exact. Not
 * thread-safe: its owner guards it.
 */
final class StreamedText {

	private final StringBuilder kept = new StringBuilder();

	private final int limit;

	private long length;

	StreamedText(int limit) {
		this.limit = limit;
	}

	void append(CharSequence chunk) {
		this.length += chunk.length();
		int room = this.limit - this.kept.length();
		if (room > 0) {
			this.kept.append(chunk, 0, Math.min(room, chunk.length()));
		}
	}

	boolean isEmpty() {
		return this.length == 0;
	}

	/** The text, cut to the limit with the same marker as {@link ContentPolicy#truncate(String, int)}. */
	String render() {
		return ContentPolicy.truncate(this.kept.toString(), this.limit, this.length);
	}

}
