package dev.ten.tracing.export;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;

/** Ended spans for the export's tests: named, without attributes, all of one size for the same name length. */
final class EndedSpans {

	private EndedSpans() {
	}

	static SpanData named(String name) {
		return TestSpanData.builder()
			.setName(name)
			.setKind(SpanKind.INTERNAL)
			.setStartEpochNanos(1)
			.setEndEpochNanos(2)
			.setHasEnded(true)
			.setStatus(StatusData.unset())
			.setAttributes(Attributes.empty())
			.setTotalRecordedEvents(0)
			.build();
	}

}
