package dev.ten.tracing.export;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * The spans waiting for the collector, oldest first, within a memory budget. When new spans would go over the
 * budget, the oldest waiting spans are dropped one by one to make room: during an outage the newest spans
 * belong to the conversations still going on, which is what is looked at when the collector is back. The
 * spans being sent are never dropped; they go back to the front if sending fails.
 */
final class SpanBuffer {

	private final long maxBytes;

	private final Deque<Waiting> waiting = new ArrayDeque<>();

	/** Guarded by {@code this}: spans and bytes waiting and in flight. */
	private long spans;

	private long bytes;

	SpanBuffer(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	/**
	 * Adds spans at the back.
	 * @return how many spans were dropped to keep within the budget, the new ones included
	 */
	long add(List<SpanData> batch) {
		List<Waiting> entries = new ArrayList<>(batch.size());
		for (SpanData span : batch) {
			entries.add(new Waiting(span, SpanSizes.of(span)));
		}
		synchronized (this) {
			for (Waiting entry : entries) {
				this.waiting.addLast(entry);
				this.spans++;
				this.bytes += entry.bytes();
			}
			long dropped = 0;
			while (this.bytes > this.maxBytes && !this.waiting.isEmpty()) {
				Waiting oldest = this.waiting.removeFirst();
				this.spans--;
				this.bytes -= oldest.bytes();
				dropped++;
			}
			notifyAll();
			return dropped;
		}
	}

	/**
	 * Takes the oldest waiting spans to send, up to {@code maxSpans} and, beyond the first, up to
	 * {@code maxBytes}; waits for some up to the given time.
	 * @return the spans to send, or {@code null} when none came
	 */
	synchronized InFlight take(int maxSpans, long maxBytes, long waitNanos) throws InterruptedException {
		long deadline = System.nanoTime() + waitNanos;
		while (this.waiting.isEmpty()) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return null;
			}
			TimeUnit.NANOSECONDS.timedWait(this, left);
		}
		List<Waiting> taken = new ArrayList<>(Math.min(maxSpans, this.waiting.size()));
		long takenBytes = 0;
		while (taken.size() < maxSpans && !this.waiting.isEmpty()
				&& (taken.isEmpty() || takenBytes + this.waiting.peekFirst().bytes() <= maxBytes)) {
			Waiting next = this.waiting.removeFirst();
			taken.add(next);
			takenBytes += next.bytes();
		}
		return new InFlight(taken);
	}

	/** The spans in flight are done with: delivered, or refused for good. */
	synchronized void done(InFlight inFlight) {
		this.spans -= inFlight.entries.size();
		this.bytes -= inFlight.bytes();
		notifyAll();
	}

	/** Sending the spans in flight failed: they go back to the front, to be sent first. */
	synchronized void putBack(InFlight inFlight) {
		for (int i = inFlight.entries.size() - 1; i >= 0; i--) {
			this.waiting.addFirst(inFlight.entries.get(i));
		}
		notifyAll();
	}

	synchronized long spans() {
		return this.spans;
	}

	synchronized long bytes() {
		return this.bytes;
	}

	/** Waits until no span waits, or the time is up. */
	synchronized boolean awaitEmpty(long waitNanos) throws InterruptedException {
		long deadline = System.nanoTime() + waitNanos;
		while (this.spans > 0) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return false;
			}
			TimeUnit.NANOSECONDS.timedWait(this, left);
		}
		return true;
	}

	/** A span waiting, with its estimated size. */
	private record Waiting(SpanData span, long bytes) {
	}

	/** Spans taken to send. */
	static final class InFlight {

		private final List<Waiting> entries;

		private final List<SpanData> spans;

		private InFlight(List<Waiting> entries) {
			this.entries = entries;
			this.spans = entries.stream().map(Waiting::span).toList();
		}

		List<SpanData> spans() {
			return this.spans;
		}

		int size() {
			return this.entries.size();
		}

		private long bytes() {
			return this.entries.stream().mapToLong(Waiting::bytes).sum();
		}

	}

}
