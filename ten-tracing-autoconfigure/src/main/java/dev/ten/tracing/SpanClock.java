package dev.ten.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.ReadableSpan;

import org.springframework.util.ClassUtils;

/**
 * Time since a span started, read from the OpenTelemetry SDK's own clock, so that latencies agree with the
 * span's timestamps on the timeline and cost nothing until they are measured.
 */
final class SpanClock {

	private static final boolean SDK_PRESENT = ClassUtils.isPresent("io.opentelemetry.sdk.trace.ReadableSpan",
			SpanClock.class.getClassLoader());

	private SpanClock() {
	}

	/**
	 * Nanoseconds since the span started.
	 * @param span the span
	 * @return the nanoseconds, or {@code -1} for a span that the SDK does not record
	 */
	static long nanosSinceStart(Span span) {
		return (SDK_PRESENT && span instanceof ReadableSpan readable) ? readable.getLatencyNanos() : -1;
	}

	static double seconds(long nanos) {
		return nanos / 1e9;
	}

}
