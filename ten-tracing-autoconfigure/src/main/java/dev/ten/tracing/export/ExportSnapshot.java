package dev.ten.tracing.export;

import java.time.Instant;
import java.util.Map;

/**
 * The state of the export at one moment: what health and metrics show. Never holds a header value or
 * credentials.
 *
 * @param status whether spans reach the collector
 * @param since when the status last changed, {@code null} before the first export
 * @param endpoint where spans go, with any user information and query removed
 * @param transport {@code grpc} or {@code http}
 * @param exported spans the collector accepted
 * @param failedExports export attempts that failed
 * @param dropped spans lost, by cause
 * @param waiting spans waiting to be sent: in the buffer, and in the SDK's queue where known
 * @param bufferedBytes the estimated memory the buffered spans take
 * @param lastSuccess when an export last succeeded, or {@code null}
 * @param lastFailure when an export last failed, or {@code null}
 * @param error what the last failure was, while the export is down, or {@code null}
 * @param hint what to change when the failure's cause is recognised, or {@code null}
 */
public record ExportSnapshot(ExportStatus status, Instant since, String endpoint, String transport, long exported,
		long failedExports, Map<DropCause, Long> dropped, long waiting, long bufferedBytes, Instant lastSuccess,
		Instant lastFailure, String error, String hint) {

	/**
	 * Returns the spans lost, all causes together.
	 * @return the total
	 */
	public long droppedTotal() {
		return this.dropped.values().stream().mapToLong(Long::longValue).sum();
	}

}
