package dev.ten.tracing.internal;

import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The one guard between tracing and agent code: whatever goes wrong inside tracing (a user object whose
 * {@code toString()} throws, a span processor that fails, a bug of ours) is logged once and never reaches
 * the agent. Only errors of the virtual machine itself ({@link OutOfMemoryError} and the like, but not a
 * {@link StackOverflowError}) are rethrown, as no library should swallow them.
 * <p>
 * Code that runs on every traced call (starting a step, making it current, recording a result, ending it)
 * catches {@code Throwable} itself and hands it to {@link #failed(Throwable)}, rather than passing a lambda
 * to {@link #run(Runnable)}: the one call site inside {@code run} sees every lambda of the library, too many
 * for the JIT to inline through, which measurably slowed the annotated path (see BENCHMARKS.md).
 */
public final class Guard {

	private static final OnceLog failure = new OnceLog(LogFactory.getLog(Guard.class));

	private Guard() {
	}

	/**
	 * Runs tracing work; a failure is logged once and otherwise ignored.
	 * @param action the tracing work
	 */
	public static void run(Runnable action) {
		try {
			action.run();
		}
		catch (Throwable ex) {
			failed(ex);
		}
	}

	/**
	 * Runs tracing work that produces a value.
	 * @param <T> the value type
	 * @param action the tracing work
	 * @param fallback what to return when it fails
	 * @return the value, or the fallback
	 */
	public static <T> T call(Supplier<T> action, T fallback) {
		try {
			return action.get();
		}
		catch (Throwable ex) {
			failed(ex);
			return fallback;
		}
	}

	/**
	 * Handles a failure caught inside tracing: logs the first one with its stack trace, the later ones at
	 * debug level.
	 * @param ex what went wrong
	 */
	public static void failed(Throwable ex) {
		if (ex instanceof VirtualMachineError fatal && !(ex instanceof StackOverflowError)) {
			throw fatal;
		}
		if (ex instanceof InterruptedException) {
			Thread.currentThread().interrupt();
		}
		failure.warn("Tracing failed and was skipped; the agent carried on unaffected", ex);
	}

	/** The log of tracing failures, for tests. */
	static Log log() {
		return failure.logger();
	}

}
