package dev.ten.tracing.sample;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.ten.tracing.TenConventions;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The sample's conversation, played at startup, shows every span kind and event of the TEN tracing
 * document in one trace, with streaming latencies, a greeting and a barge-in.
 */
@SpringBootTest(properties = { "spring.main.keep-alive=false", "management.tracing.export.enabled=false" })
class ConversationTests {

	/**
	 * Not a bean: Spring Boot's batch processor feeds every SpanExporter bean, so an exporter bean with a
	 * processor of its own would see every span twice once the batch delay passes.
	 */
	private static final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final InMemorySpanExporter spans = exporter;

	@Test
	void theDemoConversationIsOneTraceWithEverySpanKindAndEvent() {
		List<SpanData> finished = this.spans.getFinishedSpanItems();
		assertThat(finished).extracting(SpanData::getTraceId).containsOnly(finished.get(0).getTraceId());
		Map<String, List<SpanData>> byName = finished.stream().collect(Collectors.groupingBy(SpanData::getName));
		assertThat(byName.keySet()).containsExactlyInAnyOrder(TenConventions.SESSION_SPAN, TenConventions.TURN_SPAN,
				TenConventions.STT_SPAN, TenConventions.LLM_SPAN, TenConventions.TTS_SPAN, TenConventions.TOOL_SPAN);
		assertThat(turns(byName)).extracting((turn) -> attribute(turn, TenConventions.TURN_ID))
			.containsExactly(1L, 2L, 3L, 4L);
		assertThat(finished.stream().flatMap((span) -> span.getEvents().stream()).map(EventData::getName))
			.contains(TenConventions.USER_JOINED, TenConventions.USER_LEFT, TenConventions.TOOL_REGISTERED,
					TenConventions.LLM_RESPONSE_COMPLETE, TenConventions.INTERRUPTED_EVENT, "custom_event");
		assertThat(finished).filteredOn((span) -> !"custom-id".equals(attribute(span, TenConventions.LLM_REQUEST_ID)))
			.allSatisfy((span) -> assertThat(parentOf(span, finished)).as("parent of %s", span.getName())
				.isEqualTo(expectedParent(span.getName())));
		assertThat(byName.get(TenConventions.LLM_SPAN))
			.filteredOn((span) -> "custom-id".equals(attribute(span, TenConventions.LLM_REQUEST_ID)))
			.singleElement()
			.satisfies((custom) -> assertThat(parentOf(custom, finished)).as("traceLlm in the session's scope")
				.isEqualTo(TenConventions.SESSION_SPAN));
	}

	@Test
	void theGreetingIsAnAgentTurnWithStreamedAudio() {
		SpanData greeting = turns(byName()).get(0);
		assertThat(attribute(greeting, TenConventions.TURN_INITIATOR)).isEqualTo(TenConventions.INITIATOR_AGENT);
		assertThat(attribute(greeting, TenConventions.USER_INPUT)).isNull();
		assertThat(children(greeting, TenConventions.TTS_SPAN)).singleElement()
			.satisfies((tts) -> assertThat(attribute(tts, TenConventions.TTS_TIME_TO_FIRST_BYTE)).isPositive());
	}

	@Test
	void answeredTurnsRecordTimeToFirstTokenFirstAudioAndEndToEndLatency() {
		SpanData paris = turns(byName()).get(1);
		assertThat(attribute(paris, TenConventions.USER_INPUT)).isEqualTo("What's the weather in Paris?");
		assertThat(attribute(paris, TenConventions.INTERRUPTED)).isFalse();
		SpanData llm = children(paris, TenConventions.LLM_SPAN).get(0);
		assertThat(attribute(llm, TenConventions.LLM_RESPONSE_TEXT)).isEqualTo("It is sunny and 21 degrees in Paris.");
		assertThat(attribute(llm, TenConventions.LLM_TIME_TO_FIRST_TOKEN)).isPositive();
		assertThat(attribute(llm, TenConventions.GEN_AI_USAGE_OUTPUT_TOKENS)).isEqualTo(8L);
		SpanData tool = children(llm, TenConventions.TOOL_SPAN).get(0);
		assertThat(attribute(tool, TenConventions.TOOL_ARGUMENTS)).isEqualTo("{\"city\":\"Paris\",\"days\":1}");
		double ttfb = attribute(children(paris, TenConventions.TTS_SPAN).get(0), TenConventions.TTS_TIME_TO_FIRST_BYTE);
		assertThat(attribute(paris, TenConventions.TURN_E2E_LATENCY))
			.as("the user waits for the LLM's first sentence and the first audio of its synthesis")
			.isGreaterThan(ttfb);

		SpanData stt = children(paris, TenConventions.STT_SPAN).get(0);
		assertThat(attribute(stt, TenConventions.STT_TRANSCRIPT)).isEqualTo("What's the weather in Paris?");
		assertThat(attribute(stt, TenConventions.STT_IS_FINAL)).isTrue();
		assertThat(attribute(stt, TenConventions.CANCELLED)).as("the stream ran to its end").isNull();
		assertThat(attribute(stt, TenConventions.STT_INTERIM_RESULTS)).as("a hypothesis per word").isEqualTo(5L);
		assertThat(attribute(stt, TenConventions.STT_TIME_TO_FINAL_TRANSCRIPT)).isPositive();

		SpanData atlantis = turns(byName()).get(2);
		SpanData failed = children(children(atlantis, TenConventions.LLM_SPAN).get(0), TenConventions.TOOL_SPAN).get(0);
		assertThat(attribute(failed, TenConventions.TOOL_IS_ERROR)).isTrue();
		assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
	}

	@Test
	void everyAnsweredTurnsWaitBreaksDownIntoSegmentsThatAddUp() {
		List<SpanData> answered = turns(byName()).subList(1, 4);
		for (SpanData turn : answered) {
			double e2e = attribute(turn, TenConventions.TURN_E2E_LATENCY);
			double segments = TenConventions.TURN_LATENCY_SEGMENTS.stream()
				.map((key) -> attribute(turn, key))
				.filter((seconds) -> seconds != null)
				.mapToDouble(Double::doubleValue)
				.sum();
			assertThat(segments).as("segments of turn %s", attribute(turn, TenConventions.TURN_ID))
				.isCloseTo(e2e, within(1e-9));
			assertThat(attribute(turn, TenConventions.TURN_LATENCY_MISSING)).as("every mark reported").isNull();
			assertThat(attribute(turn, TenConventions.TURN_LATENCY_TRANSCRIPTION)).isNotNull();
			assertThat(attribute(turn, TenConventions.TURN_LATENCY_LLM_FIRST_TOKEN)).isPositive();
		}
		assertThat(attribute(answered.get(0), TenConventions.TURN_LATENCY_TOOLS)).as("the weather tool").isPositive();
	}

	@Test
	void theBargeInEndsTheStoryMidStreamWithItsPartialTextAndNoError() {
		SpanData story = turns(byName()).get(3);
		assertThat(attribute(story, TenConventions.USER_INPUT)).isEqualTo("Tell me a story");
		assertThat(attribute(story, TenConventions.INTERRUPTED)).isTrue();
		assertThat(attribute(story, TenConventions.INTERRUPTION_CAUSE)).isEqualTo("user_speech");
		assertThat(attribute(story, TenConventions.INTERRUPTION_PLAYOUT_POSITION)).as("at least the 10 frames waited for")
			.isGreaterThanOrEqualTo(0.2);
		assertThat(ScriptedLlm.STORY).as("heard: the story's sentences as far as their audio played")
			.startsWith(attribute(story, TenConventions.INTERRUPTION_HEARD_TEXT));
		assertThat(attribute(story, TenConventions.INTERRUPTION_HEARD_TEXT)).startsWith("Once upon a time,");
		SpanData llm = children(story, TenConventions.LLM_SPAN).get(0);
		assertThat(attribute(llm, TenConventions.INTERRUPTED)).isTrue();
		assertThat(attribute(llm, TenConventions.LLM_RESPONSE_TEXT)).startsWith("Once upon a time, a voice agent");
		assertThat(eventNames(llm)).as("the story never completed").doesNotContain(TenConventions.LLM_RESPONSE_COMPLETE);
		assertThat(children(story, TenConventions.TTS_SPAN))
			.anySatisfy((tts) -> assertThat(attribute(tts, TenConventions.INTERRUPTED)).isTrue());
		assertThat(this.spans.getFinishedSpanItems()).filteredOn((span) -> span.getSpanId().equals(story.getSpanId())
				|| span.getParentSpanId().equals(story.getSpanId()))
			.allSatisfy((span) -> assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET));
	}

	private Map<String, List<SpanData>> byName() {
		return this.spans.getFinishedSpanItems().stream().collect(Collectors.groupingBy(SpanData::getName));
	}

	private static List<String> eventNames(SpanData span) {
		return span.getEvents().stream().map(EventData::getName).toList();
	}

	private static List<SpanData> turns(Map<String, List<SpanData>> byName) {
		return byName.get(TenConventions.TURN_SPAN)
			.stream()
			.sorted((a, b) -> Long.compare(attribute(a, TenConventions.TURN_ID), attribute(b, TenConventions.TURN_ID)))
			.toList();
	}

	private List<SpanData> children(SpanData parent, String name) {
		return this.spans.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getName().equals(name) && span.getParentSpanId().equals(parent.getSpanId()))
			.sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos()))
			.toList();
	}

	private static String parentOf(SpanData span, List<SpanData> all) {
		return all.stream()
			.filter((candidate) -> candidate.getSpanId().equals(span.getParentSpanId()))
			.map(SpanData::getName)
			.findFirst()
			.orElse("(root)");
	}

	private static String expectedParent(String name) {
		return switch (name) {
			case TenConventions.SESSION_SPAN -> "(root)";
			case TenConventions.TOOL_SPAN -> TenConventions.LLM_SPAN;
			case TenConventions.STT_SPAN, TenConventions.LLM_SPAN, TenConventions.TTS_SPAN -> TenConventions.TURN_SPAN;
			default -> TenConventions.SESSION_SPAN;
		};
	}

	private static <T> T attribute(SpanData span, AttributeKey<T> key) {
		return span.getAttributes().get(key);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class InMemorySpans {

		@Bean
		SpanProcessor inMemorySpanProcessor() {
			return SimpleSpanProcessor.create(exporter);
		}

	}

}
