package dev.ten.tracing;

import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import dev.ten.tracing.internal.Guard;
import dev.ten.tracing.internal.SafeStrings;

/**
 * Renders a failure's stack trace the way {@code printStackTrace()} does, causes included, into a bounded
 * buffer that stops the rendering at the limit. With messages off it lists types and frames only, so that
 * what a user said never leaves the process through an exception. Never throws.
 */
final class ThrowableText {

	private static final int MAX_CAUSES = 16;

	private ThrowableText() {
	}

	static String render(Throwable failure, boolean messages, int limit) {
		LimitedWriter out = new LimitedWriter(limit);
		try {
			write(out, failure, messages);
		}
		catch (LimitedWriter.LimitReached ex) {
			// Stopped at the limit: what was written is kept, marked.
		}
		catch (IOException | RuntimeException ex) {
			Guard.failed(ex);
		}
		return out.result();
	}

	/** The failure's message, or {@code null}; a {@code getMessage()} that throws gives a placeholder. */
	static String message(Throwable failure) {
		try {
			return failure.getMessage();
		}
		catch (Throwable ex) {
			Guard.failed(ex);
			return SafeStrings.unreadable(failure, ex);
		}
	}

	private static void write(LimitedWriter out, Throwable failure, boolean messages) throws IOException {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		StackTraceElement[] enclosing = new StackTraceElement[0];
		Throwable current = failure;
		for (int depth = 0; current != null && depth < MAX_CAUSES && seen.add(current); depth++) {
			if (depth > 0) {
				out.append("Caused by: ");
			}
			out.append(current.getClass().getName());
			String message = messages ? message(current) : null;
			if (message != null) {
				out.append(": ").append(message);
			}
			out.append('\n');
			StackTraceElement[] frames = current.getStackTrace();
			int inCommon = framesInCommon(frames, enclosing);
			for (int i = 0; i < frames.length - inCommon; i++) {
				out.append("\tat ").append(String.valueOf(frames[i])).append('\n');
			}
			if (inCommon > 0) {
				out.append("\t... ").append(String.valueOf(inCommon)).append(" more\n");
			}
			enclosing = frames;
			current = cause(current);
		}
	}

	private static Throwable cause(Throwable failure) {
		try {
			return failure.getCause();
		}
		catch (Throwable ex) {
			Guard.failed(ex);
			return null;
		}
	}

	private static int framesInCommon(StackTraceElement[] frames, StackTraceElement[] enclosing) {
		int m = frames.length - 1;
		int n = enclosing.length - 1;
		int inCommon = 0;
		while (m >= 0 && n >= 0 && frames[m].equals(enclosing[n])) {
			m--;
			n--;
			inCommon++;
		}
		return inCommon;
	}

}
