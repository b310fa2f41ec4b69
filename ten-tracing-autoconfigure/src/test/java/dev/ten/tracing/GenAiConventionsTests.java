package dev.ten.tracing;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Beside the contract's {@code ten.*} keys, every step carries the OpenTelemetry GenAI keys that
 * GenAI-aware backends read, and only keys and operations that the GenAI conventions define.
 */
class GenAiConventionsTests {

	private final InMemoryTracing tracing = new InMemoryTracing();

	private final OpenTelemetryAgentTracer tracer = OpenTelemetryAgentTracer.builder(this.tracing.sdk).build();

	@Test
	void everyStepSaysItsGenAiOperationAndTheConversationItBelongsTo() {
		playTurn();
		SpanData session = this.tracing.span(TenConventions.SESSION_SPAN);
		SpanData turn = this.tracing.span(TenConventions.TURN_SPAN);
		SpanData llm = this.tracing.span(TenConventions.LLM_SPAN);
		SpanData tool = this.tracing.span(TenConventions.TOOL_SPAN);
		SpanData tts = this.tracing.span(TenConventions.TTS_SPAN);
		assertThat(session.getAttributes().get(TenConventions.GEN_AI_CONVERSATION_ID)).isEqualTo("call-42");
		assertThat(turn.getAttributes().get(TenConventions.GEN_AI_OPERATION_NAME)).isEqualTo("invoke_agent");
		assertThat(turn.getAttributes().get(TenConventions.GEN_AI_CONVERSATION_ID)).isEqualTo("call-42");
		assertThat(turn.getAttributes().get(TenConventions.GEN_AI_AGENT_NAME)).isEqualTo("weather-agent");
		assertThat(llm.getAttributes().get(TenConventions.GEN_AI_OPERATION_NAME)).isEqualTo("chat");
		assertThat(llm.getAttributes().get(TenConventions.GEN_AI_CONVERSATION_ID)).isEqualTo("call-42");
		assertThat(tool.getAttributes().get(TenConventions.GEN_AI_OPERATION_NAME)).isEqualTo("execute_tool");
		assertThat(tool.getAttributes().get(TenConventions.GEN_AI_TOOL_NAME)).isEqualTo("weather_api");
		assertThat(tool.getAttributes().get(TenConventions.GEN_AI_TOOL_TYPE)).isEqualTo("function");
		assertThat(tts.getAttributes().get(TenConventions.GEN_AI_OPERATION_NAME)).isEqualTo("text_to_speech");
		assertThat(tts.getAttributes().get(TenConventions.GEN_AI_OUTPUT_TYPE)).isEqualTo("speech");
		SpanData stt = this.tracing.span(TenConventions.STT_SPAN);
		assertThat(stt.getAttributes().get(TenConventions.GEN_AI_OPERATION_NAME)).isEqualTo("speech_to_text");
		assertThat(stt.getAttributes().get(TenConventions.GEN_AI_PROVIDER_NAME)).isEqualTo("deepgram");
	}

	@Test
	void providerModelThatAnsweredAudioUsageFinishReasonsAndToolCallIdAreRecordedWhenGiven() {
		AgentSession session = this.tracer.startSession("call-7", "weather-agent");
		try (TurnSpan turn = session.startTurn("Weather?"); Scope inTurn = turn.makeCurrent()) {
			try (LlmSpan llm = this.tracer.startLlm("req-1", "gpt-4o"); Scope inLlm = llm.makeCurrent()) {
				llm.provider("openai");
				llm.responseModel("gpt-4o-2024-08-06");
				llm.usage(420, 96);
				llm.audioUsage(400, -1);
				llm.finishReasons("tool_calls", null, "stop");
				try (ToolSpan tool = this.tracer.startTool("weather_api", "{}")) {
					tool.callId("call_mszuSIzqtI65i1wAUOE8w5H4");
				}
			}
		}
		session.end();
		SpanData llm = this.tracing.span(TenConventions.LLM_SPAN);
		assertThat(llm.getAttributes().get(TenConventions.GEN_AI_PROVIDER_NAME)).isEqualTo("openai");
		assertThat(llm.getAttributes().get(TenConventions.GEN_AI_REQUEST_MODEL)).isEqualTo("gpt-4o");
		assertThat(llm.getAttributes().get(TenConventions.GEN_AI_RESPONSE_MODEL)).isEqualTo("gpt-4o-2024-08-06");
		assertThat(llm.getAttributes().get(TenConventions.GEN_AI_USAGE_AUDIO_INPUT_TOKENS)).isEqualTo(400L);
		assertThat(llm.getAttributes().get(TenConventions.GEN_AI_USAGE_AUDIO_OUTPUT_TOKENS)).as("not reported").isNull();
		assertThat(llm.getAttributes().get(TenConventions.GEN_AI_RESPONSE_FINISH_REASONS)).containsExactly("tool_calls",
				"stop");
		assertThat(this.tracing.span(TenConventions.TOOL_SPAN).getAttributes().get(TenConventions.GEN_AI_TOOL_CALL_ID))
			.isEqualTo("call_mszuSIzqtI65i1wAUOE8w5H4");
	}

	@Test
	void stepsOutsideASessionClaimNoConversation() {
		try (LlmSpan llm = this.tracer.startLlm("req-1", "gpt-4o")) {
			llm.responseText("hello");
		}
		SpanData llm = this.tracing.span(TenConventions.LLM_SPAN);
		assertThat(llm.getAttributes().get(TenConventions.GEN_AI_OPERATION_NAME)).isEqualTo("chat");
		assertThat(llm.getAttributes().get(TenConventions.GEN_AI_CONVERSATION_ID)).isNull();
	}

	@Test
	void aSessionWithoutAnIdClaimsNoConversationSoUnrelatedSessionsAreNotJoined() {
		AgentSession session = this.tracer.startSession(null, "agent");
		session.startTurn("hello").close();
		session.end();
		assertThat(this.tracing.exporter.getFinishedSpanItems())
			.allSatisfy((span) -> assertThat(span.getAttributes().get(TenConventions.GEN_AI_CONVERSATION_ID)).isNull());
	}

	@Test
	void everyGenAiKeyRecordedIsOneTheConventionsDefine() throws IOException {
		playTurn();
		Set<String> defined = lines("semconv/gen-ai-attributes.txt");
		Set<String> operations = lines("semconv/gen-ai-operations.txt");
		List<SpanData> spans = this.tracing.exporter.getFinishedSpanItems();
		Set<String> recorded = spans.stream()
			.flatMap((span) -> span.getAttributes().asMap().keySet().stream())
			.map(AttributeKey::getKey)
			.filter((key) -> key.startsWith("gen_ai."))
			.collect(Collectors.toSet());
		assertThat(recorded).as("what a turn recorded").contains("gen_ai.operation.name",
				"gen_ai.response.time_to_first_chunk", "gen_ai.usage.input_tokens");
		assertThat(defined).as("gen_ai.* keys recorded that the conventions do not define").containsAll(recorded);
		assertThat(spans).map((span) -> span.getAttributes().get(TenConventions.GEN_AI_OPERATION_NAME))
			.filteredOn((operation) -> operation != null)
			.allSatisfy((operation) -> assertThat(operations).contains(operation));
	}

	@Test
	void withTheProposalsOnATurnSaysHowItEnded() {
		OpenTelemetryAgentTracer proposing = OpenTelemetryAgentTracer.builder(this.tracing.sdk)
			.genAiProposals(true)
			.build();
		AgentSession session = proposing.startSession("call-9", "agent");
		session.startTurn("first").close();
		try (TurnSpan turn = session.startTurn("second")) {
			turn.interrupted();
		}
		try (TurnSpan turn = session.startTurn("third")) {
			turn.recordException(new IllegalStateException("model down"));
		}
		session.startTurn("fourth");
		proposing.close();
		assertThat(this.tracing.spans(TenConventions.TURN_SPAN)).map((turn) -> List.of(
				turn.getAttributes().get(TenConventions.USER_INPUT),
				String.valueOf(turn.getAttributes().get(TenConventions.GEN_AI_AGENT_INVOCATION_END_REASON))))
			.containsExactlyInAnyOrder(List.of("first", "completed"), List.of("second", "interrupted"),
					List.of("third", "null"), List.of("fourth", "session_closed"));
	}

	@Test
	void withoutTheProposalsNoProposedKeyIsRecorded() {
		playTurn();
		assertThat(this.tracing.span(TenConventions.TURN_SPAN).getAttributes()
			.get(TenConventions.GEN_AI_AGENT_INVOCATION_END_REASON)).isNull();
	}

	@Test
	void everyGenAiKeyDeclaredIsOneTheConventionsDefineOrAProposalBehindTheSwitch() throws IOException {
		Set<String> defined = new HashSet<>(lines("semconv/gen-ai-attributes.txt"));
		defined.addAll(lines("semconv/gen-ai-proposals.txt"));
		List<String> declared = Arrays.stream(TenConventions.class.getFields())
			.filter((field) -> Modifier.isStatic(field.getModifiers()) && field.getType() == AttributeKey.class)
			.map(GenAiConventionsTests::key)
			.filter((key) -> key.startsWith("gen_ai."))
			.toList();
		assertThat(declared).isNotEmpty().allSatisfy((key) -> assertThat(defined).contains(key));
	}

	private void playTurn() {
		AgentSession session = this.tracer.startSession("call-42", "weather-agent");
		try (TurnSpan turn = session.startTurn("Weather in Paris?"); Scope inTurn = turn.makeCurrent()) {
			try (SttSpan stt = this.tracer.startStt("stt-1", "nova-3")) {
				stt.provider("deepgram");
				stt.finalTranscript("Weather in Paris?");
			}
			turn.userInputEnded();
			try (LlmSpan llm = this.tracer.startLlm("req-1", "gpt-4o"); Scope inLlm = llm.makeCurrent()) {
				Flux.just("Sunny", " today").doOnNext(llm::responseChunk).blockLast();
				try (ToolSpan tool = this.tracer.startTool("weather_api", "{\"city\":\"Paris\"}")) {
					tool.output("sunny");
				}
				llm.usage(42, 7);
			}
			try (TtsSpan tts = this.tracer.startTts("tts-1", "Sunny today")) {
				tts.audioChunk();
			}
		}
		session.end();
	}

	private static String key(Field field) {
		try {
			return ((AttributeKey<?>) field.get(null)).getKey();
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Set<String> lines(String resource) throws IOException {
		try (InputStream in = GenAiConventionsTests.class.getClassLoader().getResourceAsStream(resource)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.collect(Collectors.toSet());
		}
	}

}
