package dev.ten.tracing.export;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounterBuilder;
import io.opentelemetry.api.metrics.DoubleGaugeBuilder;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongCounterBuilder;
import io.opentelemetry.api.metrics.LongGaugeBuilder;
import io.opentelemetry.api.metrics.LongUpDownCounterBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.metrics.ObservableDoubleGauge;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import io.opentelemetry.api.metrics.ObservableLongCounter;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.opentelemetry.context.Context;

/**
 * The one place where the SDK's batch span processor says how many spans it dropped because its queue was
 * full, and how many wait in it: it reports both only through a {@link MeterProvider}. Given to the
 * processor as its meter provider, this keeps the counter it adds dropped spans to ({@code processedSpans}
 * with {@code dropped=true}) and the callback of its {@code queueSize} gauge; every other instrument, of the
 * processor or of the exporters, records nothing.
 */
final class SpanQueueTelemetry implements MeterProvider {

	private static final String BATCH_PROCESSOR_SCOPE = "io.opentelemetry.sdk.trace";

	private static final AttributeKey<Boolean> DROPPED = AttributeKey.booleanKey("dropped");

	private static final Meter NOOP = MeterProvider.noop().get("noop");

	private final LongAdder queueFull = new LongAdder();

	private volatile Consumer<ObservableLongMeasurement> queueSize;

	/** Spans the batch processor dropped because its queue was full. */
	long queueFull() {
		return this.queueFull.sum();
	}

	/** Spans now waiting in the batch processor's queue; 0 when it has not said. */
	long queued() {
		Consumer<ObservableLongMeasurement> callback = this.queueSize;
		if (callback == null) {
			return 0;
		}
		long[] size = { 0 };
		callback.accept(new LongMeasurement(size));
		return size[0];
	}

	@Override
	public MeterBuilder meterBuilder(String instrumentationScopeName) {
		boolean processor = BATCH_PROCESSOR_SCOPE.equals(instrumentationScopeName);
		return new MeterBuilder() {
			@Override
			public MeterBuilder setSchemaUrl(String schemaUrl) {
				return this;
			}

			@Override
			public MeterBuilder setInstrumentationVersion(String instrumentationVersion) {
				return this;
			}

			@Override
			public Meter build() {
				return processor ? new ProcessorMeter() : NOOP;
			}
		};
	}

	/** The batch processor's meter: its two instruments are kept, the rest record nothing. */
	private final class ProcessorMeter implements Meter {

		@Override
		public LongCounterBuilder counterBuilder(String name) {
			LongCounterBuilder noop = NOOP.counterBuilder(name);
			return "processedSpans".equals(name) ? new ProcessedSpans(noop) : noop;
		}

		@Override
		public LongUpDownCounterBuilder upDownCounterBuilder(String name) {
			return NOOP.upDownCounterBuilder(name);
		}

		@Override
		public DoubleHistogramBuilder histogramBuilder(String name) {
			return NOOP.histogramBuilder(name);
		}

		@Override
		public DoubleGaugeBuilder gaugeBuilder(String name) {
			DoubleGaugeBuilder noop = NOOP.gaugeBuilder(name);
			return "queueSize".equals(name) ? new QueueSize(noop) : noop;
		}

	}

	/** Counts the spans added with {@code dropped=true}. */
	private final class ProcessedSpans implements LongCounterBuilder {

		private final LongCounterBuilder noop;

		ProcessedSpans(LongCounterBuilder noop) {
			this.noop = noop;
		}

		@Override
		public LongCounterBuilder setDescription(String description) {
			return this;
		}

		@Override
		public LongCounterBuilder setUnit(String unit) {
			return this;
		}

		@Override
		public DoubleCounterBuilder ofDoubles() {
			return this.noop.ofDoubles();
		}

		@Override
		public ObservableLongCounter buildWithCallback(Consumer<ObservableLongMeasurement> callback) {
			return this.noop.buildWithCallback(callback);
		}

		@Override
		public LongCounter build() {
			return new LongCounter() {
				@Override
				public void add(long value) {
				}

				@Override
				public void add(long value, Attributes attributes) {
					if (Boolean.TRUE.equals(attributes.get(DROPPED))) {
						SpanQueueTelemetry.this.queueFull.add(value);
					}
				}

				@Override
				public void add(long value, Attributes attributes, Context context) {
					add(value, attributes);
				}
			};
		}

	}

	/** Keeps the callback that reads the queue's size. */
	private final class QueueSize implements DoubleGaugeBuilder {

		private final DoubleGaugeBuilder noop;

		QueueSize(DoubleGaugeBuilder noop) {
			this.noop = noop;
		}

		@Override
		public DoubleGaugeBuilder setDescription(String description) {
			return this;
		}

		@Override
		public DoubleGaugeBuilder setUnit(String unit) {
			return this;
		}

		@Override
		public ObservableDoubleGauge buildWithCallback(Consumer<ObservableDoubleMeasurement> callback) {
			return this.noop.buildWithCallback(callback);
		}

		@Override
		public LongGaugeBuilder ofLongs() {
			LongGaugeBuilder longs = this.noop.ofLongs();
			return new LongGaugeBuilder() {
				@Override
				public LongGaugeBuilder setDescription(String description) {
					return this;
				}

				@Override
				public LongGaugeBuilder setUnit(String unit) {
					return this;
				}

				@Override
				public ObservableLongGauge buildWithCallback(Consumer<ObservableLongMeasurement> callback) {
					SpanQueueTelemetry.this.queueSize = callback;
					return longs.buildWithCallback(callback);
				}
			};
		}

	}

	/** Takes what a gauge callback records. */
	private record LongMeasurement(long[] value) implements ObservableLongMeasurement {

		@Override
		public void record(long measured) {
			this.value[0] = measured;
		}

		@Override
		public void record(long measured, Attributes attributes) {
			this.value[0] = measured;
		}

	}

}
