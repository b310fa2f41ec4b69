package dev.ten.tracing.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.ten.tracing.AgentSession;
import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.TenConventions;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Both approaches of {@link CascadeTurnBenchmark} record the same tree, attribute keys and events, so that
 * neither figure comes from recording less.
 */
class CascadeTurnsTests {

	@Test
	void bothApproachesRecordTheSameTurn() {
		Map<String, Recorded> raw = play("rawOpenTelemetry");
		Map<String, Recorded> ten = play("tenProgrammatic");
		assertThat(ten.keySet()).containsExactly("llm_node", "stt_node", "tool_call", "tts_node", "user_turn");
		assertThat(raw).isEqualTo(ten);
	}

	@Test
	void theTenTurnsSegmentsAddUpToItsWait() {
		SpanData turn = playInto("tenProgrammatic").stream()
			.filter((span) -> span.getName().equals(TenConventions.TURN_SPAN))
			.findFirst()
			.orElseThrow();
		double sum = TenConventions.TURN_LATENCY_SEGMENTS.stream()
			.map((key) -> turn.getAttributes().get(key))
			.filter((seconds) -> seconds != null)
			.mapToDouble(Double::doubleValue)
			.sum();
		assertThat(sum).isCloseTo(turn.getAttributes().get(TenConventions.TURN_E2E_LATENCY), within(1e-9));
	}

	/** Per span name (one each, or the TTS twice): parent name, attribute keys and event names. */
	private static Map<String, Recorded> play(String approach) {
		List<SpanData> finished = playInto(approach).stream()
			.filter((span) -> !span.getName().equals(TenConventions.SESSION_SPAN))
			.toList();
		Map<String, String> names = finished.stream()
			.collect(Collectors.toMap(SpanData::getSpanId, SpanData::getName));
		return finished.stream()
			.collect(Collectors.toMap(SpanData::getName,
					(span) -> new Recorded(names.getOrDefault(span.getParentSpanId(), "(session)"),
							span.getAttributes().asMap().keySet().stream().map((key) -> key.getKey())
								.collect(Collectors.toSet()),
							span.getEvents().stream().map(EventData::getName).toList()),
					(first, second) -> first, TreeMap::new));
	}

	/** The spans of one turn, read before the application closes (closing clears the exporter). */
	private static List<SpanData> playInto(String approach) {
		InMemorySpanExporter spans = InMemorySpanExporter.create();
		try (ConfigurableApplicationContext context = BenchmarkApplications.start(CascadeTurnBenchmark.Application.class,
				new LlmCallsTests.InMemorySpans(spans), "management.tracing.export.enabled=false")) {
			AgentSession session = context.getBean(AgentTracer.class)
				.startSession(CascadeTurnBenchmark.SESSION, "agent");
			Span rawSession = context.getBean(CascadeTurns.RawOpenTelemetry.class)
				.startSession(CascadeTurnBenchmark.SESSION);
			context.getBean(approach, VoiceTurn.class).play(CascadeTurnBenchmark.SESSION, "Weather?");
			session.end();
			rawSession.end();
			return spans.getFinishedSpanItems();
		}
	}

	private record Recorded(String parent, Set<String> keys, List<String> events) {
	}

}
