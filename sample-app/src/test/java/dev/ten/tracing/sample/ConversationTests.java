package dev.ten.tracing.sample;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.ten.tracing.TenConventions;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's conversation, played at startup, shows every span kind and every event of the TEN tracing
 * document in one trace.
 */
@SpringBootTest(properties = { "spring.main.keep-alive=false", "management.tracing.export.enabled=false" })
class ConversationTests {

	@Autowired
	private InMemorySpanExporter spans;

	@Test
	void theDemoConversationIsOneTraceWithEverySpanKindAndEvent() {
		List<SpanData> finished = this.spans.getFinishedSpanItems();
		assertThat(finished).extracting(SpanData::getTraceId).containsOnly(finished.get(0).getTraceId());
		Map<String, List<SpanData>> byName = finished.stream().collect(Collectors.groupingBy(SpanData::getName));
		assertThat(byName.keySet()).containsExactlyInAnyOrder(TenConventions.SESSION_SPAN, TenConventions.TURN_SPAN,
				TenConventions.LLM_SPAN, TenConventions.TTS_SPAN, TenConventions.TOOL_SPAN);
		assertThat(byName.get(TenConventions.TURN_SPAN)).hasSize(4);
		assertThat(finished.stream().flatMap((span) -> span.getEvents().stream()).map(EventData::getName))
			.contains(TenConventions.USER_JOINED, TenConventions.USER_LEFT, TenConventions.TOOL_REGISTERED,
					TenConventions.LLM_RESPONSE_COMPLETE, TenConventions.INTERRUPTED_EVENT, "custom_event");

		List<SpanData> tools = byName.get(TenConventions.TOOL_SPAN);
		assertThat(tools).extracting((tool) -> tool.getAttributes().get(TenConventions.TOOL_IS_ERROR))
			.containsExactlyInAnyOrder(false, true);
		SpanData failed = tools.stream()
			.filter((tool) -> tool.getAttributes().get(TenConventions.TOOL_IS_ERROR))
			.findFirst()
			.orElseThrow();
		assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(failed.getAttributes().get(TenConventions.TOOL_ARGUMENTS)).isEqualTo("{\"city\":\"Atlantis\",\"days\":1}");
		Map<String, SpanData> byId = finished.stream().collect(Collectors.toMap(SpanData::getSpanId, (span) -> span));
		assertThat(tools).allSatisfy((tool) -> assertThat(byId.get(tool.getParentSpanId()).getName())
			.isEqualTo(TenConventions.LLM_SPAN));
		assertThat(byName.get(TenConventions.TURN_SPAN))
			.filteredOn((turn) -> turn.getAttributes().get(TenConventions.INTERRUPTED))
			.singleElement()
			.satisfies((turn) -> assertThat(turn.getAttributes().get(TenConventions.USER_INPUT)).isEqualTo("Tell me a story"));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class InMemorySpans {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

		@Bean
		SpanProcessor inMemorySpanProcessor(InMemorySpanExporter exporter) {
			return SimpleSpanProcessor.create(exporter);
		}

	}

}
