package dev.ten.tracing.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.ten.tracing.AgentSession;
import dev.ten.tracing.AgentTracer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every approach of {@link TurnBenchmark} records the same tree with the same attribute keys and events.
 */
class VoiceTurnsTests {

	@ParameterizedTest
	@ValueSource(strings = { "rawOpenTelemetry", "tenProgrammatic", "tenAnnotations" })
	void everyApproachRecordsTheSameTurn(String approach) {
		InMemorySpanExporter spans = InMemorySpanExporter.create();
		try (ConfigurableApplicationContext context = BenchmarkApplications.start(TurnBenchmark.Application.class,
				new LlmCallsTests.InMemorySpans(spans), "management.tracing.export.enabled=false")) {
			AgentSession session = context.getBean(AgentTracer.class).startSession(TurnBenchmark.SESSION, "agent");
			Span rawSession = context.getBean(VoiceTurns.RawOpenTelemetry.class).startSession(TurnBenchmark.SESSION);
			context.getBean(approach, VoiceTurn.class).play(TurnBenchmark.SESSION, "Weather?");
			session.end();
			rawSession.end();
			Map<String, SpanData> byName = spans.getFinishedSpanItems()
				.stream()
				.filter((span) -> !span.getName().equals("agent_session"))
				.collect(Collectors.toMap(SpanData::getName, (span) -> span));
			assertThat(byName.keySet()).containsExactlyInAnyOrder("user_turn", "llm_node", "tool_call", "tts_node");
			assertThat(byName.get("tool_call").getParentSpanId()).isEqualTo(byName.get("llm_node").getSpanId());
			assertThat(byName.get("llm_node").getParentSpanId()).isEqualTo(byName.get("user_turn").getSpanId());
			assertThat(byName.get("tts_node").getParentSpanId()).isEqualTo(byName.get("user_turn").getSpanId());
			assertThat(keys(byName.get("user_turn"))).containsExactlyInAnyOrder("ten.turn_id", "ten.user_input",
					"ten.interrupted", "gen_ai.operation.name", "gen_ai.conversation.id", "gen_ai.agent.name");
			assertThat(keys(byName.get("llm_node"))).containsExactlyInAnyOrder("ten.llm.request_id",
					"gen_ai.request.model", "ten.llm.response_text", "gen_ai.usage.input_tokens",
					"gen_ai.usage.output_tokens", "gen_ai.operation.name", "gen_ai.conversation.id");
			assertThat(byName.get("llm_node").getEvents()).extracting((event) -> event.getName())
				.containsExactly("llm_response_complete");
			assertThat(keys(byName.get("tool_call"))).containsExactlyInAnyOrder("ten.tool.name", "ten.tool.arguments",
					"ten.tool.output", "ten.tool.is_error", "gen_ai.operation.name", "gen_ai.tool.name",
					"gen_ai.tool.type");
			assertThat(keys(byName.get("tts_node"))).containsExactlyInAnyOrder("ten.tts.request_id",
					"ten.tts.input_text", "gen_ai.operation.name", "gen_ai.output.type");
		}
	}

	private static List<String> keys(SpanData span) {
		return span.getAttributes().asMap().keySet().stream().map((key) -> key.getKey()).toList();
	}

}
