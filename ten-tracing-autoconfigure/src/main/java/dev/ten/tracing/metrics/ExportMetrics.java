package dev.ten.tracing.metrics;

import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

import dev.ten.tracing.export.BufferedSpanExporter;
import dev.ten.tracing.export.DropCause;
import dev.ten.tracing.export.ExportPipeline;
import dev.ten.tracing.export.ExportSnapshot;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The export's counts as Micrometer meters, read from the export's state when the registry publishes:
 * <ul>
 * <li>{@code ten.tracing.spans.exported}: spans the collector accepted (counter);</li>
 * <li>{@code ten.tracing.spans.dropped}, tag {@code cause} = {@code queue_full}, {@code buffer_full},
 * {@code rejected} or {@code shutdown}: spans lost (counter);</li>
 * <li>{@code ten.tracing.spans.waiting}: spans waiting to be sent (gauge);</li>
 * <li>{@code ten.tracing.export.buffer}: estimated memory of the spans waiting, in bytes (gauge);</li>
 * <li>{@code ten.tracing.export.failures}: export attempts that failed (counter);</li>
 * <li>{@code ten.tracing.events.dropped}: events beyond the SDK's limit per span (counter).</li>
 * </ul>
 * Summed over the collectors spans are sent to, usually one.
 */
public final class ExportMetrics implements MeterBinder {

	private final ExportPipeline pipeline;

	/**
	 * Creates the metrics.
	 * @param pipeline the export pipeline
	 */
	public ExportMetrics(ExportPipeline pipeline) {
		this.pipeline = pipeline;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder("ten.tracing.spans.exported", this, sum(ExportSnapshot::exported))
			.description("Spans the collector accepted")
			.baseUnit("spans")
			.register(registry);
		for (DropCause cause : DropCause.values()) {
			FunctionCounter
				.builder("ten.tracing.spans.dropped", this,
						sum((snapshot) -> snapshot.dropped().getOrDefault(cause, 0L)))
				.description("Spans lost on their way to the collector, by cause")
				.baseUnit("spans")
				.tag("cause", cause.tag())
				.register(registry);
		}
		Gauge.builder("ten.tracing.spans.waiting", this, sum(ExportSnapshot::waiting))
			.description("Spans waiting to be sent to the collector")
			.baseUnit("spans")
			.register(registry);
		Gauge.builder("ten.tracing.export.buffer", this, sum(ExportSnapshot::bufferedBytes))
			.description("Estimated memory of the spans waiting to be sent")
			.baseUnit("bytes")
			.register(registry);
		FunctionCounter.builder("ten.tracing.export.failures", this, sum(ExportSnapshot::failedExports))
			.description("Export attempts that failed")
			.register(registry);
		FunctionCounter
			.builder("ten.tracing.events.dropped", this,
					// Every exporter is given the same spans: the count of one is the count.
					(metrics) -> metrics.pipeline.exporters()
						.stream()
						.mapToLong(BufferedSpanExporter::droppedEvents)
						.max()
						.orElse(0))
			.description("Span events beyond the SDK's limit per span, reported on the wire as dropped")
			.baseUnit("events")
			.register(registry);
	}

	private static ToDoubleFunction<ExportMetrics> sum(ToLongFunction<ExportSnapshot> value) {
		return (metrics) -> metrics.pipeline.exporters()
			.stream()
			.map(BufferedSpanExporter::snapshot)
			.mapToLong(value)
			.sum();
	}

}
