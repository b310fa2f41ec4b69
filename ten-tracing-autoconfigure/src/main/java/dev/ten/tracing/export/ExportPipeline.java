package dev.ten.tracing.export;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import org.springframework.util.unit.DataSize;

/**
 * The one place where spans leave the application: it wraps the exporters that send to a collector in a
 * {@link BufferedSpanExporter}, gives the SDK's batch processor the meter provider through which its drops
 * are counted, waits for delivery at shutdown, and is what health and metrics read. The OTLP exporters' own
 * log lines (one with a stack trace per failed attempt) are switched off while it runs: it says what matters
 * once, with a hint.
 */
public final class ExportPipeline {

	/**
	 * The OTLP exporters log every failed attempt, with a stack trace, here; silenced unless the application
	 * set a level for it ({@code logging.level.io.opentelemetry.exporter.internal}).
	 */
	private static final Logger exporterLogs = Logger.getLogger("io.opentelemetry.exporter.internal");

	private final List<BufferedSpanExporter> exporters = new CopyOnWriteArrayList<>();

	private final SpanQueueTelemetry queue = new SpanQueueTelemetry();

	private final DataSize bufferSize;

	private final Duration exportTimeout;

	private final Duration shutdownTimeout;

	/**
	 * Creates the pipeline.
	 * @param bufferSize the memory budget, per collector, for spans waiting to be sent
	 * @param exportTimeout the exporters' timeout for one export
	 * @param shutdownTimeout how long shutdown waits for spans to be delivered
	 */
	public ExportPipeline(DataSize bufferSize, Duration exportTimeout, Duration shutdownTimeout) {
		this.bufferSize = bufferSize;
		this.exportTimeout = exportTimeout;
		this.shutdownTimeout = shutdownTimeout;
	}

	/**
	 * Wraps an exporter that sends to a collector; others pass unchanged.
	 * @param exporter an exporter of the application
	 * @param targetOf where an exporter sends, or {@code null} for one that does not send to a collector
	 * @return the exporter to give the SDK
	 */
	public SpanExporter wrap(SpanExporter exporter, Function<SpanExporter, ExportTarget> targetOf) {
		ExportTarget target = targetOf.apply(exporter);
		if (target == null) {
			return exporter;
		}
		if (exporterLogs.getLevel() == null) {
			exporterLogs.setLevel(Level.OFF);
		}
		BufferedSpanExporter buffered = new BufferedSpanExporter(exporter, target, this.bufferSize,
				this.exportTimeout, this.shutdownTimeout);
		if (this.exporters.isEmpty()) {
			// The SDK's one queue feeds every exporter: reported once, with the first.
			buffered.reportQueue(this.queue::queueFull, this.queue::queued);
		}
		this.exporters.add(buffered);
		return buffered;
	}

	/**
	 * Returns the meter provider to give the SDK's batch span processor, which reports its drops through it.
	 * @return the meter provider
	 */
	public MeterProvider spanQueueTelemetry() {
		return this.queue;
	}

	/**
	 * Returns the exporters that send to a collector.
	 * @return the wrapped exporters
	 */
	public List<BufferedSpanExporter> exporters() {
		return List.copyOf(this.exporters);
	}

	/**
	 * Waits for what waits to be delivered, for up to the given time; the exporters' own shutdown then
	 * waits no longer than this.
	 * @param timeout how long to wait at most
	 * @return whether everything was delivered
	 */
	public boolean awaitDelivery(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		boolean delivered = true;
		for (BufferedSpanExporter exporter : this.exporters) {
			delivered &= exporter.drain(deadline);
		}
		return delivered;
	}

}
