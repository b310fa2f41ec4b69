package dev.ten.tracing.export;

import java.time.Duration;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.unit.DataSize;

/**
 * What the export says in the log: one WARN when spans stop getting through, one WARN when spans start
 * being lost, one INFO when delivery recovers or, when loss happened with the collector up, once a minute
 * has passed without loss; one line at shutdown when spans were left; never a stack trace per attempt, never
 * a header value.
 */
final class ExportLog {

	/** Loss with the collector up is over once this long has passed without any. */
	static final Duration QUIET = Duration.ofMinutes(1);

	private static final Log logger = LogFactory.getLog(ExportLog.class);

	private final ExportTarget target;

	private final DataSize budget;

	/** Guarded by {@code this}: spans lost since the current episode of loss began, -1 when none. */
	private long lostInEpisode = -1;

	/** Guarded by {@code this}: when the current episode began, and when it last lost spans. */
	private Instant episodeStart;

	private Instant lastLoss;

	ExportLog(ExportTarget target, DataSize budget) {
		this.target = target;
		this.budget = budget;
	}

	void failing(ExportFailure failure) {
		logger.warn("Spans cannot reach the collector at " + this.target.endpoint() + " (" + this.target.transport()
				+ "): " + failure.summary() + "." + hint(failure) + " They are kept in memory, up to "
				+ this.budget.toMegabytes() + " MB (ten.tracing.buffer-size), and sent when it answers again.");
	}

	void lost(DropCause cause, long spans, long totalSoFar, Instant now) {
		lost(cause, spans, totalSoFar, now, explain(cause));
	}

	/** The collector refused spans for good: lost, said with what it answered. */
	void rejected(ExportFailure failure, long spans, long totalSoFar, Instant now) {
		lost(DropCause.REJECTED, spans, totalSoFar, now, "The collector refused them for good: "
				+ failure.summary() + "; sending them again cannot help." + hint(failure));
	}

	private synchronized void lost(DropCause cause, long spans, long totalSoFar, Instant now, String why) {
		if (this.lostInEpisode < 0) {
			logger.warn("Spans are being lost (" + cause.tag() + "): " + spans + " now, " + totalSoFar
					+ " in all since start. " + why + " Counts are in the health details and metrics.");
			this.lostInEpisode = 0;
			this.episodeStart = now;
		}
		this.lostInEpisode += spans;
		this.lastLoss = now;
	}

	/** Spans were delivered, the collector having been up: a loss that has stopped for a while is said over. */
	synchronized void delivering(Instant now) {
		if (this.lostInEpisode >= 0 && Duration.between(this.lastLoss, now).compareTo(QUIET) >= 0) {
			logger.info("Spans are no longer being lost: " + this.lostInEpisode + " were lost between "
					+ this.episodeStart + " and " + this.lastLoss + ".");
			this.lostInEpisode = -1;
		}
	}

	synchronized void recovered(Instant downSince, Instant now) {
		long lost = Math.max(0, this.lostInEpisode);
		this.lostInEpisode = -1;
		Duration outage = (downSince != null) ? Duration.between(downSince, now) : Duration.ZERO;
		logger.info("Spans reach the collector at " + this.target.endpoint() + " again, after "
				+ seconds(outage) + " s; " + ((lost == 0) ? "none were lost, all kept were delivered."
						: lost + " were lost while it was down."));
	}

	void leftAtShutdown(long spans, Duration timeout) {
		if (spans > 0) {
			logger.warn(spans + " span(s) could not be delivered to " + this.target.endpoint()
					+ " before shutdown (ten.tracing.shutdown-timeout=" + timeout.toMillis() + "ms) and are lost.");
		}
	}

	private static String hint(ExportFailure failure) {
		String hint = failure.hint();
		if (hint == null) {
			return "";
		}
		return " Hint: " + hint + (hint.endsWith("?") || hint.endsWith(".") ? "" : ".");
	}

	private static String explain(DropCause cause) {
		return switch (cause) {
			case QUEUE_FULL -> "Spans ended faster than the batch processor could take them: raise"
					+ " ten.tracing.max-queue-size.";
			case BUFFER_FULL -> "The collector has been unreachable long enough to fill ten.tracing.buffer-size;"
					+ " the oldest waiting spans are dropped first.";
			case REJECTED -> "The collector refused them for good; sending them again cannot help.";
			case SHUTDOWN -> "The application stopped before they were delivered.";
		};
	}

	private static String seconds(Duration duration) {
		return String.format("%.1f", duration.toMillis() / 1000.0);
	}

}
