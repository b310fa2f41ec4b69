package dev.ten.tracing.benchmarks;

import java.util.List;

import dev.ten.tracing.InMemoryTracing;
import dev.ten.tracing.OpenTelemetryAgentTracer;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every approach of {@link BareLlmCallBenchmark} records the same span.
 */
class BareLlmCallsTests {

	@ParameterizedTest
	@ValueSource(strings = { "rawOpenTelemetry", "tenProgrammatic", "tenTracedLlm" })
	void everyApproachRecordsOneLlmSpanWithTheSameAttributesAndOneEvent(String approach) {
		InMemoryTracing tracing = new InMemoryTracing();
		OpenTelemetryAgentTracer tracer = OpenTelemetryAgentTracer.builder(tracing.sdk).build();
		LlmCall call = switch (approach) {
			case "rawOpenTelemetry" -> new LlmCalls.RawOpenTelemetry(tracing.sdk);
			case "tenProgrammatic" -> new BareLlmCallBenchmark.Programmatic(tracer);
			default -> BareLlmCallBenchmark.proxied(new LlmCalls.TenTracedLlm(), tracer);
		};
		assertThat(call.complete("req-1", "gpt-4o", "prompt")).isSameAs(Reply.ANSWER);
		List<SpanData> spans = tracing.spans("llm_node");
		assertThat(spans).hasSize(1);
		assertThat(spans.get(0).getAttributes().asMap().keySet()).extracting((key) -> key.getKey())
			.containsExactlyInAnyOrder("ten.llm.request_id", "gen_ai.request.model", "ten.llm.response_text",
					"gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens", "gen_ai.operation.name");
		assertThat(spans.get(0).getEvents()).extracting((event) -> event.getName())
			.containsExactly("llm_response_complete");
	}

}
