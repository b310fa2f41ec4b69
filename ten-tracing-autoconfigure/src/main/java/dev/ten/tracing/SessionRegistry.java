package dev.ten.tracing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import dev.ten.tracing.internal.Guard;
import dev.ten.tracing.internal.OnceLog;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The open sessions by id. No session is lost by this bookkeeping: a session without activity for longer
 * than the idle timeout is ended ({@code idle_timeout}); when the registry is full, the least recently
 * active session is ended to make room ({@code evicted}), so that a new session can always be found by id;
 * a session opened with the id of an open one ends that one ({@code replaced}). Sessions ended this way
 * are exported like any other. Idle sessions are looked for by one daemon thread, started with the first
 * session.
 */
final class SessionRegistry {

	private final ConcurrentMap<String, RecordingSession> sessions = new ConcurrentHashMap<>();

	private final int maxOpenSessions;

	private final long idleTimeoutNanos;

	private final LongSupplier ticker;

	private final OnceLog full = new OnceLog(LogFactory.getLog(SessionRegistry.class));

	private volatile ScheduledExecutorService expiry;

	private volatile boolean closed;

	/**
	 * @param maxOpenSessions how many sessions may be open at once
	 * @param idleTimeout how long a session may go without activity, {@link Duration#ZERO} for ever
	 * @param ticker nanoseconds from an arbitrary origin, as {@link System#nanoTime()}
	 */
	SessionRegistry(int maxOpenSessions, Duration idleTimeout, LongSupplier ticker) {
		this.maxOpenSessions = maxOpenSessions;
		this.idleTimeoutNanos = idleTimeout.toNanos();
		this.ticker = ticker;
	}

	long now() {
		return this.ticker.getAsLong();
	}

	void register(RecordingSession session) {
		RecordingSession previous = this.sessions.put(session.id(), session);
		if (previous != null && previous != session) {
			previous.endBy(TenConventions.END_REASON_REPLACED);
		}
		while (this.sessions.size() > this.maxOpenSessions) {
			if (this.full.isDue()) {
				this.full.warn("Already " + this.maxOpenSessions + " agent sessions open (ten.tracing.max-open-sessions):"
					+ " the least recently active ones are ended (ten.session.end_reason=evicted) to make room."
					+ " Are sessions ended when conversations are over?");
			}
			evictLeastRecentlyActive(session);
		}
		if (this.expiry == null && this.idleTimeoutNanos > 0) {
			startExpiry();
		}
	}

	private void evictLeastRecentlyActive(RecordingSession keep) {
		RecordingSession oldest = null;
		for (RecordingSession candidate : this.sessions.values()) {
			if (candidate != keep && (oldest == null || candidate.lastActive() - oldest.lastActive() < 0)) {
				oldest = candidate;
			}
		}
		if (oldest == null) {
			return;
		}
		oldest.endBy(TenConventions.END_REASON_EVICTED);
		this.sessions.remove(oldest.id(), oldest);
	}

	/**
	 * Ends the sessions without activity for longer than the idle timeout.
	 * @return how many were ended
	 */
	int expireIdle() {
		long now = now();
		int expired = 0;
		for (RecordingSession session : this.sessions.values()) {
			if (now - session.lastActive() > this.idleTimeoutNanos) {
				session.endBy(TenConventions.END_REASON_IDLE_TIMEOUT);
				expired++;
			}
		}
		return expired;
	}

	private synchronized void startExpiry() {
		if (this.expiry != null || this.closed) {
			return;
		}
		CustomizableThreadFactory threads = new CustomizableThreadFactory("ten-tracing-session-expiry-");
		threads.setDaemon(true);
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(threads);
		long period = Math.max(TimeUnit.SECONDS.toNanos(1), Math.min(TimeUnit.MINUTES.toNanos(1), this.idleTimeoutNanos / 4));
		executor.scheduleWithFixedDelay(() -> Guard.run(this::expireIdle), period, period, TimeUnit.NANOSECONDS);
		this.expiry = executor;
	}

	RecordingSession find(String id) {
		return (id != null) ? this.sessions.get(id) : null;
	}

	void remove(RecordingSession session) {
		this.sessions.remove(session.id(), session);
	}

	int size() {
		return this.sessions.size();
	}

	List<RecordingSession> open() {
		return new ArrayList<>(this.sessions.values());
	}

	/** Stops looking for idle sessions; the sessions themselves stay open. */
	synchronized void close() {
		this.closed = true;
		if (this.expiry != null) {
			this.expiry.shutdownNow();
		}
	}

}
