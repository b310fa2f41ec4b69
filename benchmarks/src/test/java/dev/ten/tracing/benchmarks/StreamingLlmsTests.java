package dev.ten.tracing.benchmarks;

import dev.ten.tracing.TenConventions;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming benchmark compares like with like: the raw API and {@code @TracedLlm} record the same
 * span, ended with the stream, with the same attributes and event.
 */
class StreamingLlmsTests {

	@ParameterizedTest
	@ValueSource(strings = { "rawOpenTelemetry", "tenTracedLlm" })
	void bothApproachesRecordTheSameStreamedLlmSpan(String approach) {
		InMemorySpanExporter spans = InMemorySpanExporter.create();
		try (ConfigurableApplicationContext context = BenchmarkApplications.start(
				StreamingLlmBenchmark.Application.class, new LlmCallsTests.InMemorySpans(spans),
				"management.tracing.export.enabled=false")) {
			String last = context.getBean(approach, StreamingLlm.class).stream("req-1", "gpt-4o").blockLast();
			assertThat(last).isEqualTo("tok49 ");
			SpanData span = spans.getFinishedSpanItems()
				.stream()
				.filter((candidate) -> candidate.getName().equals(TenConventions.LLM_SPAN))
				.findFirst()
				.orElseThrow(() -> new AssertionError(approach + " recorded " + spans.getFinishedSpanItems()));
			assertThat(span.getAttributes().asMap().keySet()).extracting((key) -> key.getKey())
				.containsExactlyInAnyOrder("ten.llm.request_id", "gen_ai.request.model", "ten.llm.response_text",
						"ten.llm.time_to_first_token", "gen_ai.response.time_to_first_chunk", "gen_ai.operation.name");
			assertThat(span.getAttributes().get(TenConventions.LLM_RESPONSE_TEXT))
				.isEqualTo(String.join("", StreamingLlm.TOKENS));
			assertThat(span.getEvents()).extracting((event) -> event.getName())
				.containsExactly(TenConventions.LLM_RESPONSE_COMPLETE);
		}
	}

}
