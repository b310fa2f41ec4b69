package dev.ten.tracing.export;

import java.util.List;
import java.util.stream.IntStream;

import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The buffer between the SDK and the collector: within its byte budget, oldest first, dropping the oldest
 * waiting spans one by one, never those in flight.
 */
class SpanBufferTests {

	private static final long SPAN_BYTES = SpanSizes.of(span(0));

	@Test
	void keepsSpansInTheOrderTheyCameAndSendsAtMostTheRequestSize() throws InterruptedException {
		SpanBuffer buffer = new SpanBuffer(1_000 * SPAN_BYTES);
		buffer.add(spans(0, 5));
		buffer.add(spans(5, 10));
		SpanBuffer.InFlight first = buffer.take(7, Long.MAX_VALUE, 0);
		assertThat(names(first)).containsExactly("s-00", "s-01", "s-02", "s-03", "s-04", "s-05", "s-06");
		buffer.done(first);
		assertThat(names(buffer.take(7, Long.MAX_VALUE, 0))).containsExactly("s-07", "s-08", "s-09");
		assertThat(buffer.take(7, Long.MAX_VALUE, 0)).as("nothing waits").isNull();
	}

	@Test
	void aRequestStaysWithinItsBytesButAlwaysTakesAtLeastOneSpan() throws InterruptedException {
		SpanBuffer buffer = new SpanBuffer(1_000 * SPAN_BYTES);
		buffer.add(IntStream.range(0, 10).mapToObj(SpanBufferTests::span).toList());
		assertThat(names(buffer.take(100, 3 * SPAN_BYTES, 0))).containsExactly("s-00", "s-01", "s-02");
		assertThat(names(buffer.take(100, 1, 0))).as("one span larger than the limit").containsExactly("s-03");
	}

	@Test
	void aBatchLargerThanTheBudgetKeepsItsNewestSpans() {
		SpanBuffer buffer = new SpanBuffer(10 * SPAN_BYTES);
		assertThat(buffer.add(spans(0, 25))).isEqualTo(15);
		assertThat(buffer.spans()).isEqualTo(10);
		assertThat(buffer.bytes()).isEqualTo(10 * SPAN_BYTES);
	}

	@Test
	void overTheBudgetTheOldestWaitingSpansGoOneByOneButNotThoseInFlight() throws InterruptedException {
		SpanBuffer buffer = new SpanBuffer(10 * SPAN_BYTES);
		buffer.add(spans(0, 10));
		SpanBuffer.InFlight inFlight = buffer.take(4, Long.MAX_VALUE, 0);
		assertThat(buffer.add(spans(10, 13))).as("s-04, s-05, s-06 make room").isEqualTo(3);
		assertThat(buffer.bytes()).isLessThanOrEqualTo(10 * SPAN_BYTES);
		buffer.putBack(inFlight);
		assertThat(names(buffer.take(100, Long.MAX_VALUE, 0))).containsExactly("s-00", "s-01", "s-02", "s-03", "s-07", "s-08", "s-09",
				"s-10", "s-11", "s-12");
	}

	@Test
	void whatIsInFlightCountsAgainstTheBudgetSoNewSpansWaitForRoom() throws InterruptedException {
		SpanBuffer buffer = new SpanBuffer(10 * SPAN_BYTES);
		buffer.add(spans(0, 10));
		SpanBuffer.InFlight inFlight = buffer.take(10, Long.MAX_VALUE, 0);
		assertThat(buffer.add(spans(10, 12))).isEqualTo(2);
		assertThat(buffer.spans()).isEqualTo(10);
		buffer.done(inFlight);
		assertThat(buffer.spans()).isZero();
		assertThat(buffer.bytes()).isZero();
		assertThat(buffer.awaitEmpty(0)).isTrue();
	}

	private static List<String> names(SpanBuffer.InFlight inFlight) {
		return inFlight.spans().stream().map(SpanData::getName).toList();
	}

	private static List<SpanData> spans(int from, int to) {
		return IntStream.range(from, to).mapToObj(SpanBufferTests::span).toList();
	}

	/** Spans of the same size, named in order. */
	private static SpanData span(int i) {
		return EndedSpans.named("s-%02d".formatted(i));
	}

}
