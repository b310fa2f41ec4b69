package dev.ten.tracing.export;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * What is known about the export to one collector: counts, the last outcomes, and whether spans get
 * through. Written by the export, read by health and metrics.
 */
final class ExportState {

	private final ExportTarget target;

	private final Clock clock;

	private final Map<DropCause, LongAdder> dropped = new EnumMap<>(DropCause.class);

	private final AtomicLong exported = new AtomicLong();

	private final AtomicLong failedExports = new AtomicLong();

	private final LongAdder droppedEvents = new LongAdder();

	private volatile ExportStatus status = ExportStatus.UNKNOWN;

	private volatile Instant since;

	private volatile Instant lastSuccess;

	private volatile Instant lastFailure;

	private volatile ExportFailure failure;

	ExportState(ExportTarget target, Clock clock) {
		this.target = target;
		this.clock = clock;
		for (DropCause cause : DropCause.values()) {
			this.dropped.put(cause, new LongAdder());
		}
	}

	ExportTarget target() {
		return this.target;
	}

	Instant now() {
		return this.clock.instant();
	}

	ExportStatus status() {
		return this.status;
	}

	Instant since() {
		return this.since;
	}

	/**
	 * An export succeeded.
	 * @return whether the export was down until now
	 */
	boolean succeeded(int spans) {
		Instant now = now();
		this.exported.addAndGet(spans);
		this.lastSuccess = now;
		this.failure = null;
		return changeStatus(ExportStatus.UP, now) == ExportStatus.DOWN;
	}

	/**
	 * An export failed.
	 * @return whether it was up, or not yet known, until now
	 */
	boolean failed(ExportFailure failure) {
		Instant now = now();
		this.failedExports.incrementAndGet();
		this.lastFailure = now;
		this.failure = failure;
		return changeStatus(ExportStatus.DOWN, now) != ExportStatus.DOWN;
	}

	/**
	 * The collector refused spans for good: a failed export, though not an outage (later spans may well be
	 * taken), so the status stays as it is.
	 */
	void refused() {
		this.failedExports.incrementAndGet();
		this.lastFailure = now();
	}

	private synchronized ExportStatus changeStatus(ExportStatus next, Instant now) {
		ExportStatus previous = this.status;
		if (previous != next) {
			this.status = next;
			this.since = now;
		}
		return previous;
	}

	void dropped(DropCause cause, long spans) {
		if (spans > 0) {
			this.dropped.get(cause).add(spans);
		}
	}

	long dropped(DropCause cause) {
		return this.dropped.get(cause).sum();
	}

	void droppedEvents(long events) {
		if (events > 0) {
			this.droppedEvents.add(events);
		}
	}

	long droppedEvents() {
		return this.droppedEvents.sum();
	}

	long exported() {
		return this.exported.get();
	}

	long failedExports() {
		return this.failedExports.get();
	}

	ExportSnapshot snapshot(long bufferedSpans, long bufferedBytes, LongSupplier queueFull, LongSupplier queued) {
		Map<DropCause, Long> drops = new EnumMap<>(DropCause.class);
		this.dropped.forEach((cause, count) -> drops.put(cause, count.sum()));
		drops.merge(DropCause.QUEUE_FULL, queueFull.getAsLong(), Long::sum);
		ExportFailure current = this.failure;
		return new ExportSnapshot(this.status, this.since, this.target.endpoint(), this.target.transport(),
				this.exported.get(), this.failedExports.get(), Map.copyOf(drops), bufferedSpans + queued.getAsLong(),
				bufferedBytes, this.lastSuccess, this.lastFailure, (current != null) ? current.summary() : null,
				(current != null) ? current.hint() : null);
	}

}
