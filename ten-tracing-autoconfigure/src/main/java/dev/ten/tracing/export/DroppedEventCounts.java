package dev.ten.tracing.export;

import java.util.List;

import dev.ten.tracing.TenConventions;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * Puts back the number of events a span was given beyond the SDK's limit, which Micrometer Tracing's exporter
 * bridge loses on the way to the exporter (it reports the events kept as all there were), so that OTLP's
 * {@code dropped_events_count} says it. Agent spans carry the number as {@link TenConventions#DROPPED_EVENTS}.
 */
final class DroppedEventCounts {

	private DroppedEventCounts() {
	}

	/**
	 * Gives each span that carries the number its count back, replacing it in the list.
	 * @return the events dropped from all the spans
	 */
	static long restore(List<SpanData> spans) {
		long dropped = 0;
		for (int i = 0; i < spans.size(); i++) {
			SpanData span = spans.get(i);
			int kept = span.getEvents().size();
			Long given = span.getAttributes().get(TenConventions.DROPPED_EVENTS);
			if (given != null && given > span.getTotalRecordedEvents() - kept) {
				span = new WithDroppedEvents(span, kept + (int) Math.min(given, Integer.MAX_VALUE - kept));
				spans.set(i, span);
			}
			dropped += span.getTotalRecordedEvents() - kept;
		}
		return dropped;
	}

	private static final class WithDroppedEvents extends DelegatingSpanData {

		private final int totalRecordedEvents;

		WithDroppedEvents(SpanData delegate, int totalRecordedEvents) {
			super(delegate);
			this.totalRecordedEvents = totalRecordedEvents;
		}

		@Override
		public int getTotalRecordedEvents() {
			return this.totalRecordedEvents;
		}

	}

}
