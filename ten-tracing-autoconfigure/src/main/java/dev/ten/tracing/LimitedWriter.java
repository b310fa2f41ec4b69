package dev.ten.tracing;

import java.io.IOException;
import java.io.Writer;

/**
 * A writer that keeps at most a given number of characters and stops its producer at the limit, so that
 * rendering a huge value (a 10 MB tool argument, a deep stack trace) costs no more than the limit. The
 * producer is stopped by {@link LimitReached}, an exception without a stack trace.
 */
final class LimitedWriter extends Writer {

	private final StringBuilder kept;

	private final int limit;

	private boolean limitReached;

	LimitedWriter(int limit) {
		this.limit = limit;
		this.kept = new StringBuilder(Math.min(limit, 256));
	}

	@Override
	public void write(char[] chars, int offset, int length) throws IOException {
		int room = this.limit - this.kept.length();
		if (length <= room) {
			this.kept.append(chars, offset, length);
			return;
		}
		this.kept.append(chars, offset, room);
		stop();
	}

	@Override
	public void write(String text, int offset, int length) throws IOException {
		int room = this.limit - this.kept.length();
		if (length <= room) {
			this.kept.append(text, offset, offset + length);
			return;
		}
		this.kept.append(text, offset, offset + room);
		stop();
	}

	@Override
	public void write(int c) throws IOException {
		if (this.kept.length() >= this.limit) {
			stop();
		}
		this.kept.append((char) c);
	}

	@Override
	public Writer append(CharSequence text) throws IOException {
		String value = String.valueOf(text);
		write(value, 0, value.length());
		return this;
	}

	private void stop() throws LimitReached {
		int length = this.kept.length();
		if (length > 0 && Character.isHighSurrogate(this.kept.charAt(length - 1))) {
			this.kept.setLength(length - 1);
		}
		this.limitReached = true;
		throw LimitReached.INSTANCE;
	}

	boolean limitReached() {
		return this.limitReached;
	}

	/** What was kept, marked when the producer was stopped at the limit. */
	String result() {
		return this.limitReached ? this.kept + ContentPolicy.TRUNCATED : this.kept.toString();
	}

	@Override
	public void flush() {
	}

	@Override
	public void close() {
	}

	/** Stops a producer at the limit. */
	static final class LimitReached extends IOException {

		static final LimitReached INSTANCE = new LimitReached();

		private LimitReached() {
			super("limit reached");
		}

		@Override
		public synchronized Throwable fillInStackTrace() {
			return this;
		}

	}

}
