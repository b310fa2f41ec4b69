package dev.ten.tracing.readme;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.ten.tracing.AgentSession;
import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.TenConventions;
import dev.ten.tracing.TurnSpan;
import dev.ten.tracing.readme.AnnotatedAgent.VoiceAgent;
import dev.ten.tracing.readme.StreamingAgent.StreamingVoiceAgent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.PropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The README's examples do what the README says they do.
 */
@SpringBootTest(classes = MyAgent.class,
		properties = { "management.tracing.export.enabled=false", "spring.main.web-application-type=none" })
@Import(ReadmeExamplesTests.InMemorySpans.class)
class ReadmeExamplesTests {

	/** Not a bean: Spring Boot's batch processor feeds every exporter bean. */
	private static final InMemorySpanExporter spans = InMemorySpanExporter.create();

	@Autowired
	private AgentTracer tracer;

	@Autowired
	private VoiceAgent voiceAgent;

	@Autowired
	private StreamingVoiceAgent streamingAgent;

	@BeforeEach
	void forgetEarlierSpans() {
		spans.reset();
	}

	@Test
	void theAnnotatedAgentRecordsTheSeedTree() {
		AgentSession session = this.tracer.startSession("s-1", "weather-agent");
		this.voiceAgent.onUserSpeech("s-1", "What's the weather in Paris?");
		session.end();
		SpanData turn = only(TenConventions.TURN_SPAN);
		SpanData llm = only(TenConventions.LLM_SPAN);
		assertParent(turn, only(TenConventions.SESSION_SPAN));
		assertParent(llm, turn);
		assertParent(only(TenConventions.TOOL_SPAN), llm);
		assertParent(only(TenConventions.TTS_SPAN), turn);
		assertThat(attribute(turn, TenConventions.USER_INPUT)).isEqualTo("What's the weather in Paris?");
		assertThat(attribute(llm, TenConventions.GEN_AI_REQUEST_MODEL)).isEqualTo("gpt-4o");
		assertThat(attribute(llm, TenConventions.GEN_AI_USAGE_OUTPUT_TOKENS)).isEqualTo(7L);
		assertThat(attribute(only(TenConventions.TOOL_SPAN), TenConventions.TOOL_ARGUMENTS))
			.isEqualTo("{\"city\":\"Paris\",\"days\":1}");
		assertThat(attribute(only(TenConventions.TTS_SPAN), TenConventions.TTS_INPUT_TEXT)).isEqualTo("It is sunny in Paris.");
	}

	@Test
	void theStreamingAgentSpeaksSentenceBySentenceAndRecordsTheLatencies() {
		AgentSession session = this.tracer.startSession("s-2", "weather-agent");
		List<byte[]> audio = this.streamingAgent.respond("s-2", "Weather?").collectList().block(Duration.ofSeconds(30));
		session.end();
		assertThat(audio).hasSize(4);
		SpanData turn = only(TenConventions.TURN_SPAN);
		SpanData llm = only(TenConventions.LLM_SPAN);
		assertParent(llm, turn);
		assertThat(named(TenConventions.TTS_SPAN)).extracting((tts) -> attribute(tts, TenConventions.TTS_INPUT_TEXT))
			.containsExactly("It is sunny. ", "Enjoy! ");
		assertThat(named(TenConventions.TTS_SPAN)).allSatisfy((tts) -> assertParent(tts, turn));
		assertThat(attribute(llm, TenConventions.LLM_RESPONSE_TEXT)).isEqualTo("It is sunny. Enjoy! ");
		assertThat(attribute(llm, TenConventions.LLM_TIME_TO_FIRST_TOKEN)).isNotNull();
		assertThat(attribute(llm, TenConventions.GEN_AI_USAGE_INPUT_TOKENS)).isEqualTo(42L);
		assertThat(attribute(turn, TenConventions.TURN_E2E_LATENCY)).isNotNull();
	}

	@Test
	void theProgrammaticExampleRecordsTheSeedsEventsAndTree() {
		new ProgrammaticAgent(this.tracer, (prompt) -> "Sunny.", (text) -> {
		}, null).converse();
		SpanData session = only(TenConventions.SESSION_SPAN);
		SpanData turn = only(TenConventions.TURN_SPAN);
		assertThat(session.getEvents()).extracting(EventData::getName)
			.containsExactly(TenConventions.USER_JOINED, TenConventions.TOOL_REGISTERED, "custom_event",
					TenConventions.USER_LEFT);
		assertParent(turn, session);
		assertParent(only(TenConventions.LLM_SPAN), turn);
		assertParent(only(TenConventions.TTS_SPAN), turn);
		assertThat(attribute(only(TenConventions.LLM_SPAN), TenConventions.LLM_RESPONSE_TEXT)).isEqualTo("Sunny.");
		assertThat(attribute(only(TenConventions.TTS_SPAN), TenConventions.TTS_TIME_TO_FIRST_BYTE)).isNotNull();
	}

	@Test
	void aSpanMadeCurrentIsWhatOtherInstrumentationSeesUntilTheScopeCloses() {
		AgentSession session = this.tracer.startSession("s-3", "weather-agent");
		AtomicReference<SpanContext> seen = new AtomicReference<>();
		new ProgrammaticAgent(this.tracer, (prompt) -> {
			seen.set(Span.current().getSpanContext());
			return "Rain.";
		}, null, null).current(session);
		assertThat(Span.current().getSpanContext().isValid()).isFalse();
		session.end();
		assertThat(seen.get().getSpanId()).isEqualTo(only(TenConventions.LLM_SPAN).getSpanId());
	}

	@Test
	void aStreamTracedByHandEndsWithItsText() {
		AgentSession session = this.tracer.startSession("s-4", "weather-agent");
		new ProgrammaticAgent(this.tracer, null, null, (prompt) -> Flux.just("Hel", "lo")).streamByHand(session, "hi");
		session.end();
		assertThat(attribute(only(TenConventions.LLM_SPAN), TenConventions.LLM_RESPONSE_TEXT)).isEqualTo("Hello");
	}

	@Test
	void aBargeInEndsTheStepsInFlightAsInterrupted() {
		AgentSession session = this.tracer.startSession("s-5", "weather-agent");
		TurnSpan turn = session.startTurn("Tell me a story");
		ProgrammaticAgent agent = new ProgrammaticAgent(this.tracer, null, null,
				(prompt) -> Flux.<String>never().startWith("Once "));
		Disposable playback = agent.streamByHand(session, "story");
		agent.bargeIn(session, playback);
		turn.close();
		session.end();
		assertThat(attribute(only(TenConventions.LLM_SPAN), TenConventions.INTERRUPTED)).isTrue();
		assertThat(attribute(only(TenConventions.LLM_SPAN), TenConventions.LLM_RESPONSE_TEXT)).isEqualTo("Once ");
		assertThat(only(TenConventions.TURN_SPAN).getEvents()).extracting(EventData::getName)
			.containsExactly(TenConventions.INTERRUPTED_EVENT);
	}

	@Test
	void theVoicePipelineBreaksTheWaitDownAndItsInterruptionSaysWhatTheCallerHeard() {
		AgentSession session = this.tracer.startSession("s-6", "weather-agent");
		TurnSpan turn = session.startTurn(null);
		VoicePipelineAgent agent = new VoicePipelineAgent(new VoicePipelineAgent.Recognizer() {

			@Override
			public String partial() {
				return "What's the";
			}

			@Override
			public String finish() {
				return "What's the weather in Paris?";
			}

		}, (question) -> List.of("It is sunny in Paris.", "Take sunglasses."),
				(sentence) -> List.of(new VoicePipelineAgent.AudioFrame(new byte[0], Duration.ofSeconds(1))),
				new VoicePipelineAgent.Player() {

					@Override
					public void play(VoicePipelineAgent.AudioFrame frame) {
					}

					@Override
					public Duration played() {
						return Duration.ofMillis(1500);
					}

				});
		agent.respond(session, turn);
		agent.bargeIn(session, turn);
		turn.close();
		session.end();

		SpanData turnSpan = only(TenConventions.TURN_SPAN);
		assertParent(only(TenConventions.STT_SPAN), turnSpan);
		assertThat(attribute(turnSpan, TenConventions.USER_INPUT)).isEqualTo("What's the weather in Paris?");
		double segments = TenConventions.TURN_LATENCY_SEGMENTS.stream()
			.map((key) -> attribute(turnSpan, key))
			.filter((seconds) -> seconds != null)
			.mapToDouble(Double::doubleValue)
			.sum();
		assertThat(segments).isCloseTo(attribute(turnSpan, TenConventions.TURN_E2E_LATENCY), within(1e-9));
		assertThat(attribute(turnSpan, TenConventions.TURN_LATENCY_MISSING)).as("every mark reported").isNull();
		assertThat(attribute(turnSpan, TenConventions.INTERRUPTION_CAUSE)).isEqualTo("user_speech");
		assertThat(attribute(turnSpan, TenConventions.INTERRUPTION_PLAYOUT_POSITION)).isEqualTo(1.5);
		assertThat(attribute(turnSpan, TenConventions.INTERRUPTION_HEARD_TEXT)).isEqualTo("It is sunny in Paris. Take");
	}

	@Test
	void tracingConfigInCodeSetsTheDefaultsOfTheApplication() {
		MyAgent.main(new String[] { "--spring.main.web-application-type=none", "--spring.main.banner-mode=off" });
		try {
			PropertySource<?> defaults = MyAgent.started.getEnvironment().getPropertySources().get("defaultProperties");
			assertThat(defaults.getProperty("ten.tracing.service-name")).isEqualTo("ten-voice-agent");
			assertThat(defaults.getProperty("ten.tracing.otlp-endpoint")).isEqualTo("http://localhost:4317");
			assertThat(MyAgent.started.getEnvironment().getProperty("ten.tracing.service-name"))
				.as("the sample's application.yml, a configuration file, overrides the default from code")
				.isEqualTo("ten-sample-agent");
		}
		finally {
			MyAgent.started.close();
		}
	}

	private static List<SpanData> named(String name) {
		return spans.getFinishedSpanItems().stream().filter((span) -> span.getName().equals(name)).toList();
	}

	private static SpanData only(String name) {
		List<SpanData> named = named(name);
		assertThat(named).as("spans named %s", name).hasSize(1);
		return named.get(0);
	}

	private static void assertParent(SpanData child, SpanData parent) {
		assertThat(child.getTraceId()).as("trace of %s", child.getName()).isEqualTo(parent.getTraceId());
		assertThat(child.getParentSpanId()).as("parent of %s", child.getName()).isEqualTo(parent.getSpanId());
	}

	private static <T> T attribute(SpanData span, AttributeKey<T> key) {
		return span.getAttributes().get(key);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class InMemorySpans {

		@Bean
		SpanProcessor readmeSpans() {
			return SimpleSpanProcessor.create(spans);
		}

	}

}
