package dev.ten.tracing.export;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * Estimates how much memory a span waiting for export takes: a fixed share for the span's objects and ids,
 * plus its name, attributes, events and links by the length of their text. An estimate, not a measurement:
 * it keeps the buffer's budget honest to within a small factor without walking the heap.
 */
final class SpanSizes {

	/**
	 * The span data object, its context, ids, timestamps, status, resource reference and lists, and the copy
	 * that Micrometer's exporter bridge makes of it. Calibrated against the heap that waiting spans were seen
	 * to hold (BENCHMARKS.md, "Collector outages").
	 */
	private static final long SPAN = 800;

	/** An attribute's entry, key object and boxed or string value with their headers, without the text. */
	private static final long ATTRIBUTE = 100;

	/** An event's or link's object and its attributes map, without the attributes. */
	private static final long EVENT = 96;

	private SpanSizes() {
	}

	/** What a span counts for when its parts cannot be read. */
	private static final long UNREADABLE = 4096;

	/**
	 * Returns the estimated size of a span; never fails.
	 * @param span the span
	 * @return its estimated size in bytes
	 */
	static long of(SpanData span) {
		try {
			return estimate(span);
		}
		catch (RuntimeException ex) {
			return UNREADABLE;
		}
	}

	private static long estimate(SpanData span) {
		long bytes = SPAN + span.getName().length() + of(span.getAttributes());
		for (EventData event : span.getEvents()) {
			bytes += EVENT + event.getName().length() + of(event.getAttributes());
		}
		for (LinkData link : span.getLinks()) {
			bytes += EVENT + of(link.getAttributes());
		}
		return bytes;
	}

	private static long of(Attributes attributes) {
		long[] bytes = { 0 };
		attributes.forEach((key, value) -> bytes[0] += ATTRIBUTE + key.getKey().length() + valueSize(value));
		return bytes[0];
	}

	private static long valueSize(Object value) {
		if (value instanceof String text) {
			return text.length();
		}
		if (value instanceof List<?> list) {
			long size = 16L * list.size();
			for (Object element : list) {
				size += (element instanceof String text) ? text.length() : 0;
			}
			return size;
		}
		return 0;
	}

}
