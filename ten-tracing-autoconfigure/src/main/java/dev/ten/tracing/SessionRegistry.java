package dev.ten.tracing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The open sessions by id, bounded so that sessions nobody ends cannot exhaust memory. A session opened
 * while the registry is full is still traced, but cannot be found by id; that is logged once.
 */
final class SessionRegistry {

	private static final Log logger = LogFactory.getLog(SessionRegistry.class);

	private final ConcurrentMap<String, RecordingSession> sessions = new ConcurrentHashMap<>();

	private final int maxOpenSessions;

	private volatile boolean fullLogged;

	SessionRegistry(int maxOpenSessions) {
		this.maxOpenSessions = maxOpenSessions;
	}

	void register(RecordingSession session) {
		if (this.sessions.size() >= this.maxOpenSessions) {
			if (!this.fullLogged) {
				this.fullLogged = true;
				logger.warn("Already " + this.maxOpenSessions + " agent sessions open (ten.tracing.max-open-sessions):"
						+ " new sessions are traced but cannot be found by id until some end. Are sessions ended?"
						+ " (Logged once.)");
			}
			return;
		}
		RecordingSession previous = this.sessions.put(session.id(), session);
		if (previous != null && logger.isDebugEnabled()) {
			logger.debug("Agent session " + session.id() + " opened again; lookups by id now find the new one");
		}
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

}
