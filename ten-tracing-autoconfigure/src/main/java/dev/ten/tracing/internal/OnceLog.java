package dev.ten.tracing.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;

/**
 * A warning that is worth saying once: the first occurrence is logged at WARN, every later one at DEBUG
 * only, so that a condition repeated on every call never floods the log.
 */
public final class OnceLog {

	private final Log logger;

	private final AtomicBoolean logged = new AtomicBoolean();

	/**
	 * Creates a warning for a logger.
	 * @param logger where it is logged
	 */
	public OnceLog(Log logger) {
		this.logger = logger;
	}

	/**
	 * Returns whether a warning would be logged now, so that its message is built only then: before the
	 * first warning, or when DEBUG is on.
	 * @return {@code true} if {@link #warn(String)} would log
	 */
	public boolean isDue() {
		return !this.logged.get() || this.logger.isDebugEnabled();
	}

	/**
	 * Logs the warning: at WARN the first time, at DEBUG afterwards.
	 * @param message what to say
	 */
	public void warn(String message) {
		warn(message, null);
	}

	/**
	 * Logs the warning with its cause: at WARN with the stack trace the first time, at DEBUG afterwards.
	 * @param message what to say
	 * @param cause the cause, or {@code null}
	 */
	public void warn(String message, Throwable cause) {
		if (this.logged.compareAndSet(false, true)) {
			this.logger.warn(message + " (Logged once.)", cause);
		}
		else if (this.logger.isDebugEnabled()) {
			this.logger.debug(message, cause);
		}
	}

	/**
	 * Returns whether the warning has been logged at WARN.
	 * @return {@code true} once it has
	 */
	public boolean hasLogged() {
		return this.logged.get();
	}

	Log logger() {
		return this.logger;
	}

}
