package dev.ten.tracing.export;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import dev.ten.tracing.internal.Guard;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import org.springframework.util.unit.DataSize;

/**
 * The one wrapper around the exporter that sends spans to the collector. It takes each batch at once, so
 * that the SDK's batch processor never waits on the network and its queue does not overflow while the
 * collector is slow or away; keeps the spans in a {@link SpanBuffer} within a memory budget; and one thread
 * of its own sends them, oldest first, again and again while the collector cannot take them, until it can.
 * Every span it cannot deliver is counted by cause and said in the log; its state is what health and
 * metrics show. The wrapped exporter's own retry should be off: this wrapper retries, and sees each failure
 * at once.
 */
public final class BufferedSpanExporter implements SpanExporter {

	private static final Duration FIRST_RETRY = Duration.ofMillis(250);

	private static final Duration LONGEST_RETRY = Duration.ofSeconds(5);

	/** Spans sent in one request at most, as the SDK's batch processor does by default. */
	private static final int MAX_REQUEST = 512;

	/**
	 * Estimated bytes of one request at most, beyond its first span: well under the 4 MiB that gRPC servers
	 * take by default, and about the 1 MB that proxies often allow, as the wire form is smaller than the
	 * estimate.
	 */
	private static final long MAX_REQUEST_BYTES = 1024 * 1024;

	private final SpanExporter delegate;

	private final SpanBuffer buffer;

	private final ExportState state;

	private final ExportLog log;

	private final Duration exportTimeout;

	private final Duration shutdownTimeout;

	private final Thread sender;

	private final List<Flush> flushes = new ArrayList<>();

	/** The sender's own: spans per request, halved when a collector finds a request too large. */
	private int requestLimit = MAX_REQUEST;

	/** The sender's own: the batch processor's drops already said in the log. */
	private long queueFullSaid;

	private volatile LongSupplier queueFull = () -> 0;

	private volatile LongSupplier queued = () -> 0;

	private volatile boolean shutDown;

	/** Set by a drain at shutdown: the exporter's own shutdown waits no longer. */
	private volatile Long drainDeadline;

	/** Spans accepted, and spans delivered or dropped: a flush waits until the second reaches the first. */
	private long accepted;

	private long settled;

	/**
	 * Wraps an exporter.
	 * @param delegate the exporter that sends to the collector, with its own retry off
	 * @param target where it sends, as it may be shown
	 * @param bufferSize the memory budget for spans waiting to be sent
	 * @param exportTimeout the delegate's own export timeout
	 * @param shutdownTimeout how long shutdown waits for the buffer to be delivered
	 */
	public BufferedSpanExporter(SpanExporter delegate, ExportTarget target, DataSize bufferSize,
			Duration exportTimeout, Duration shutdownTimeout) {
		this(delegate, target, bufferSize, exportTimeout, shutdownTimeout, Clock.systemUTC());
	}

	BufferedSpanExporter(SpanExporter delegate, ExportTarget target, DataSize bufferSize, Duration exportTimeout,
			Duration shutdownTimeout, Clock clock) {
		this.delegate = delegate;
		this.buffer = new SpanBuffer(bufferSize.toBytes());
		this.state = new ExportState(target, clock);
		this.log = new ExportLog(target, bufferSize);
		this.exportTimeout = exportTimeout;
		this.shutdownTimeout = shutdownTimeout;
		this.sender = new Thread(this::sendUntilShutdown, "ten-tracing-export");
		this.sender.setDaemon(true);
		this.sender.start();
	}

	/**
	 * Counts the spans that the SDK's batch processor dropped because its queue was full, and the spans in
	 * its queue, so that health and metrics show them with this exporter's own.
	 * @param queueFull spans dropped so far by the batch processor
	 * @param queued spans now in the batch processor's queue
	 */
	public void reportQueue(LongSupplier queueFull, LongSupplier queued) {
		this.queueFull = queueFull;
		this.queued = queued;
	}

	/**
	 * Returns the state of the export now.
	 * @return the snapshot
	 */
	public ExportSnapshot snapshot() {
		return this.state.snapshot(this.buffer.spans(), this.buffer.bytes(), this.queueFull, this.queued);
	}

	/**
	 * Returns the session events that the SDK dropped beyond its limit per span, as reported on the wire.
	 * @return the count so far
	 */
	public long droppedEvents() {
		return this.state.droppedEvents();
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		try {
			List<SpanData> batch = new ArrayList<>(spans);
			if (this.shutDown) {
				drop(DropCause.SHUTDOWN, batch.size());
				return CompletableResultCode.ofFailure();
			}
			this.state.droppedEvents(DroppedEventCounts.restore(batch));
			synchronized (this) {
				this.accepted += batch.size();
			}
			long dropped = this.buffer.add(batch);
			if (dropped > 0) {
				drop(DropCause.BUFFER_FULL, dropped);
				settle(dropped);
			}
		}
		catch (Throwable ex) {
			Guard.failed(ex);
		}
		return CompletableResultCode.ofSuccess();
	}

	private void sendUntilShutdown() {
		Duration retry = FIRST_RETRY;
		while (!(this.shutDown && Thread.currentThread().isInterrupted())) {
			try {
				sayQueueLoss();
				SpanBuffer.InFlight chunk = this.buffer.take(this.requestLimit, MAX_REQUEST_BYTES,
						TimeUnit.SECONDS.toNanos(1));
				if (chunk != null) {
					retry = deliver(chunk, retry);
				}
			}
			catch (InterruptedException ex) {
				if (this.shutDown) {
					return;
				}
				// Not from shutdown: nothing asked this thread to stop.
			}
			catch (Throwable ex) {
				keepSending(ex);
			}
		}
	}

	/**
	 * Sends a chunk once and settles it, or puts it back to be sent again; whatever happens, the chunk ends
	 * delivered, dropped and counted, or back in the buffer.
	 * @return the wait before the next attempt after a failure
	 */
	private Duration deliver(SpanBuffer.InFlight chunk, Duration retry) throws InterruptedException {
		boolean settled = false;
		try {
			ExportFailure failure = send(chunk.spans());
			if (failure == null) {
				this.buffer.done(chunk);
				settled = true;
				delivered(chunk.size());
				this.requestLimit = Math.min(MAX_REQUEST, this.requestLimit * 2);
				return FIRST_RETRY;
			}
			if (failure.handling() == ExportFailure.Handling.SPLIT && chunk.size() > 1) {
				this.requestLimit = Math.max(1, chunk.size() / 2);
				return retry;
			}
			if (failure.handling() != ExportFailure.Handling.RETRY) {
				this.buffer.done(chunk);
				settled = true;
				rejected(failure, chunk.size());
				return retry;
			}
			if (this.shutDown) {
				return retry;
			}
			this.buffer.putBack(chunk);
			settled = true;
			failed(failure);
			failFlushes();
			Thread.sleep(retry.toMillis());
			return (retry.compareTo(LONGEST_RETRY.dividedBy(2)) < 0) ? retry.multipliedBy(2) : LONGEST_RETRY;
		}
		finally {
			if (!settled) {
				this.buffer.putBack(chunk);
			}
		}
	}

	private void delivered(int spans) {
		Instant downSince = this.state.since();
		if (this.state.succeeded(spans)) {
			this.log.recovered(downSince, this.state.now());
		}
		else {
			this.log.delivering(this.state.now());
		}
		settle(spans);
	}

	private void rejected(ExportFailure failure, int spans) {
		this.state.refused();
		this.state.dropped(DropCause.REJECTED, spans);
		this.log.rejected(failure, spans, this.state.dropped(DropCause.REJECTED), this.state.now());
		settle(spans);
	}

	/** Says in the log when the batch processor started dropping spans, as the other causes are said. */
	private void sayQueueLoss() {
		long total = this.queueFull.getAsLong();
		if (total > this.queueFullSaid) {
			this.log.lost(DropCause.QUEUE_FULL, total - this.queueFullSaid, total, this.state.now());
			this.queueFullSaid = total;
		}
	}

	/** Whatever went wrong, the sender goes on: spans must not wait for a thread that is gone. */
	private void keepSending(Throwable failure) {
		try {
			Guard.failed(failure);
		}
		catch (Throwable fatal) {
			// Even an error of the JVM: stopping this thread would leave spans waiting for nobody.
		}
		try {
			Thread.sleep(FIRST_RETRY.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Sends spans once; the failure, or {@code null} when the collector took them. */
	private ExportFailure send(List<SpanData> spans) {
		try {
			CompletableResultCode result = this.delegate.export(spans);
			result.join(this.exportTimeout.plusSeconds(2).toNanos(), TimeUnit.NANOSECONDS);
			if (!result.isDone()) {
				return ExportFailure.timedOut(this.state.target());
			}
			return result.isSuccess() ? null : ExportFailure.of(result.getFailureThrowable(), this.state.target());
		}
		catch (Throwable ex) {
			return ExportFailure.of(ex, this.state.target());
		}
	}

	private void failed(ExportFailure failure) {
		if (this.state.failed(failure)) {
			this.log.failing(failure);
		}
	}

	private void drop(DropCause cause, long spans) {
		this.state.dropped(cause, spans);
		this.log.lost(cause, spans, this.state.dropped(cause), this.state.now());
	}

	/**
	 * Completes when the spans accepted so far have been settled (delivered, or dropped and counted), and fails
	 * as soon as an export fails, so that no caller waits on a collector that is away.
	 */
	@Override
	public CompletableResultCode flush() {
		synchronized (this) {
			if (this.settled >= this.accepted) {
				return CompletableResultCode.ofSuccess();
			}
			if (this.state.status() == ExportStatus.DOWN) {
				return CompletableResultCode.ofFailure();
			}
			Flush flush = new Flush(this.accepted, new CompletableResultCode());
			this.flushes.add(flush);
			return flush.result();
		}
	}

	/** Spans are delivered or dropped; the flushes waiting for them complete, outside the lock. */
	private void settle(long spans) {
		List<Flush> completed = new ArrayList<>();
		synchronized (this) {
			this.settled += spans;
			for (Iterator<Flush> pending = this.flushes.iterator(); pending.hasNext();) {
				Flush flush = pending.next();
				if (this.settled >= flush.upTo()) {
					completed.add(flush);
					pending.remove();
				}
			}
		}
		completed.forEach((flush) -> flush.result().succeed());
	}

	private void failFlushes() {
		List<Flush> failed;
		synchronized (this) {
			failed = new ArrayList<>(this.flushes);
			this.flushes.clear();
		}
		failed.forEach((flush) -> flush.result().fail());
	}

	/**
	 * Waits until no span waits, or until the deadline, which also bounds {@link #shutdown()}'s wait.
	 * @param deadline a {@link System#nanoTime()} value
	 * @return whether everything was delivered
	 */
	boolean drain(long deadline) {
		this.drainDeadline = deadline;
		try {
			return this.buffer.awaitEmpty(deadline - System.nanoTime());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Sends what waits, for up to the shutdown timeout (or until the deadline of an earlier
	 * {@link ExportPipeline#awaitDelivery drain}), then stops: spans still waiting are counted as lost and said
	 * in one line; then the wrapped exporter shuts down.
	 */
	@Override
	public CompletableResultCode shutdown() {
		if (this.shutDown) {
			return CompletableResultCode.ofSuccess();
		}
		this.shutDown = true;
		Long deadline = this.drainDeadline;
		long now = System.nanoTime();
		boolean drainedForThisShutdown = deadline != null && now - deadline < this.shutdownTimeout.toNanos();
		long wait = drainedForThisShutdown ? Math.max(0, deadline - now) : this.shutdownTimeout.toNanos();
		try {
			this.buffer.awaitEmpty(wait);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.sender.interrupt();
		try {
			this.sender.join(TimeUnit.SECONDS.toMillis(2));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		long left = this.buffer.spans();
		if (left > 0) {
			this.state.dropped(DropCause.SHUTDOWN, left);
			this.log.leftAtShutdown(left, this.shutdownTimeout);
		}
		failFlushes();
		try {
			return this.delegate.shutdown();
		}
		catch (Throwable ex) {
			Guard.failed(ex);
			return CompletableResultCode.ofFailure();
		}
	}

	@Override
	public String toString() {
		return "BufferedSpanExporter[" + this.state.target().endpoint() + ", " + this.state.target().transport() + "]";
	}

	/** A flush waiting for the spans accepted up to a count to be settled. */
	private record Flush(long upTo, CompletableResultCode result) {
	}

}
