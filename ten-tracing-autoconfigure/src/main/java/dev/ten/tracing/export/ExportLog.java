package dev.ten.tracing.export;

import java.time.Duration;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.unit.DataSize;

/**
 * What the export says in the log: one WARN when spans stop getting through, one WARN when spans start
 * being lost, one INFO when delivery recovers, one line at shutdown when spans were left; never a stack
 * trace per attempt, never a header value.
 */
final class ExportLog {

	private static final Log logger = LogFactory.getLog(ExportLog.class);

	private final ExportTarget target;

	private final DataSize budget;

	/** Guarded by {@code this}: spans lost since the current episode of loss began, -1 when none. */
	private long lostInEpisode = -1;

	ExportLog(ExportTarget target, DataSize budget) {
		this.target = target;
		this.budget = budget;
	}

	void failing(ExportFailure failure) {
		logger.warn("Spans cannot reach the collector at " + this.target.endpoint() + " (" + this.target.transport()
				+ "): " + failure.summary() + "." + hint(failure) + " They are kept in memory, up to "
				+ this.budget.toMegabytes() + " MB (ten.tracing.buffer-size), and sent when it answers again.");
	}

	synchronized void lost(DropCause cause, long spans, long totalSoFar) {
		if (this.lostInEpisode < 0) {
			logger.warn("Spans are being lost (" + cause.tag() + "): " + spans + " now, " + totalSoFar
					+ " in all since start. " + explain(cause) + " Counts are in the health details and metrics.");
			this.lostInEpisode = 0;
		}
		this.lostInEpisode += spans;
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
			case REJECTED -> "The collector refused them for good.";
			case SHUTDOWN -> "The application stopped before they were delivered.";
		};
	}

	private static String seconds(Duration duration) {
		return String.format("%.1f", duration.toMillis() / 1000.0);
	}

}
