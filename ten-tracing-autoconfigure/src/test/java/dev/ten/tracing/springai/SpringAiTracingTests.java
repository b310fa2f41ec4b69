package dev.ten.tracing.springai;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import dev.ten.tracing.AgentSession;
import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.TenConventions;
import dev.ten.tracing.TurnSpan;
import dev.ten.tracing.annotation.RequestId;
import dev.ten.tracing.annotation.SessionId;
import dev.ten.tracing.annotation.TracedLlm;
import dev.ten.tracing.annotation.TracedTool;
import dev.ten.tracing.openai.OpenAiStub;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.ai.audio.transcription.TranscriptionModel;
import org.springframework.ai.audio.tts.TextToSpeechModel;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.openai.OpenAiAudioSpeechModel;
import org.springframework.ai.openai.OpenAiAudioTranscriptionModel;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ByteArrayResource;

import static dev.ten.tracing.InMemoryTracing.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Spring AI {@code ChatClient} with a tool, against a local OpenAI-compatible stub: the {@code llm_node} it
 * runs in carries the models, finish reasons and usage summed over the tool loop, and each tool call is one
 * {@code tool_call} span under it, holding the tool's own work; blocking, streamed on another thread, with an
 * HTTP-server observation in scope, and with or without {@code @TracedTool} on the tool.
 */
class SpringAiTracingTests {

	private static final AttributeKey<String> SPRING_AI_KIND = AttributeKey.stringKey("spring.ai.kind");

	private InMemorySpanExporter spans;

	private OpenAiStub openAi;

	private ConfigurableApplicationContext context;

	@BeforeEach
	void start() throws IOException {
		this.openAi = new OpenAiStub();
		this.context = run();
	}

	private ConfigurableApplicationContext run(String... arguments) {
		InMemorySpanExporter spans = InMemorySpanExporter.create();
		this.spans = spans;
		return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.initializers((context) -> context.getBeanFactory()
				.registerSingleton("inMemorySpans", SimpleSpanProcessor.create(spans)))
			.run(Stream.concat(Stream.of("--spring.main.banner-mode=off", "--management.tracing.export.enabled=false",
					"--management.tracing.sampling.probability=1.0", "--spring.ai.openai.base-url=" + this.openAi.baseUrl(),
					"--spring.ai.openai.chat.options.model=gpt-4o"), Stream.of(arguments))
				.toArray(String[]::new));
	}

	@AfterEach
	void stop() {
		this.context.close();
		this.openAi.close();
	}

	@Test
	void aBlockingToolLoopFillsTheLlmSpanAndMakesOneToolSpanPerCall() {
		Agent agent = this.context.getBean(Agent.class);
		AgentSession session = tracer().startSession("s-1", "weather-agent");
		String answer = agent.ask("s-1", "req-1", "What is the weather in Paris?");
		session.end();

		assertThat(answer).isEqualTo("It is sunny in Paris.");
		List<SpanData> finished = this.spans.getFinishedSpanItems();
		SpanData llm = single(finished, TenConventions.LLM_SPAN);
		assertLlmFilledByBothModelCalls(llm);
		SpanData tool = single(finished, TenConventions.TOOL_SPAN);
		assertOneToolCallUnder(finished, tool, llm);
		assertThat(tool.getAttributes().get(TenConventions.TOOL_OUTPUT)).isEqualTo("\"sunny\"");
		assertThat(chatSpans(finished)).as("Spring AI's chat spans, one per model call, under the llm_node")
			.hasSize(2)
			.allSatisfy((chat) -> assertThat(isUnder(finished, chat, llm)).isTrue());
		assertThat(finished.stream().filter(named("POST"))).as("the HTTP calls to the model")
			.hasSize(2)
			.allSatisfy((call) -> assertThat(isUnder(finished, call, llm)).isTrue());
	}

	@Test
	void aStreamSubscribedOnAnotherThreadWithAnHttpServerObservationInScopeIsFilledFromItsChunks() {
		Agent agent = this.context.getBean(Agent.class);
		ObservationRegistry registry = this.context.getBean(ObservationRegistry.class);
		Observation.createNotStarted("http.server.requests", registry).observe(() -> {
			AgentSession session = tracer().startSession("s-2", "weather-agent");
			List<String> chunks = agent.stream("s-2", "req-2", "What is the weather in Paris?")
				.subscribeOn(Schedulers.boundedElastic())
				.collectList()
				.block(Duration.ofSeconds(30));
			assertThat(String.join("", chunks)).isEqualTo("It is sunny in Paris.");
			session.end();
		});

		// Spring AI ends its chat_client span after the stream's last signal has reached the subscriber.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.spans.getFinishedSpanItems().stream().anyMatch(named("spring_ai chat_client")));
		List<SpanData> finished = this.spans.getFinishedSpanItems();
		SpanData llm = single(finished, TenConventions.LLM_SPAN);
		assertLlmFilledByBothModelCalls(llm);
		assertThat(llm.getAttributes().get(TenConventions.LLM_RESPONSE_TEXT)).isEqualTo("It is sunny in Paris.");
		SpanData tool = single(finished, TenConventions.TOOL_SPAN);
		assertOneToolCallUnder(finished, tool, llm);
		assertThat(chatSpans(finished)).hasSize(2).allSatisfy((chat) -> assertThat(isUnder(finished, chat, llm)).isTrue());
		assertThat(this.openAi.requests()).as("Spring AI asks for usage in the stream's last chunk")
			.allSatisfy((request) -> assertThat(request).contains("\"include_usage\":true"));
	}

	@Test
	void springAisOwnFinalOpenAiAudioModelsAreLeftInjectableByTheirClassUnlessAsked() {
		assertThat(this.context.getBean(OpenAiAudioTranscriptionModel.class)).isNotNull();
		assertThat(this.context.getBean(OpenAiAudioSpeechModel.class)).isNotNull();
	}

	@Test
	void springAisOwnOpenAiAudioModelsInsideATurnAreItsSttAndTtsSteps() {
		this.context.close();
		this.context = run("--ten.tracing.spring-ai.proxy-final-audio-models=true");
		TranscriptionModel transcription = this.context.getBean(TranscriptionModel.class);
		assertThat(Proxy.isProxyClass(transcription.getClass())).as("Spring AI's final OpenAI model, by its interfaces")
			.isTrue();
		TextToSpeechModel speech = this.context.getBean(TextToSpeechModel.class);
		ByteArrayResource audio = new ByteArrayResource(new byte[1600]) {

			@Override
			public String getFilename() {
				return "question.wav";
			}

		};
		AgentSession session = tracer().startSession("s-audio", "weather-agent");
		try (TurnSpan turn = session.startTurn(null); Scope scope = turn.makeCurrent()) {
			turn.userInputEnded();
			assertThat(transcription.transcribe(audio)).isEqualTo(OpenAiStub.TRANSCRIPT);
			assertThat(String.join("", transcription.streamTranscribe(audio).collectList().block(Duration.ofSeconds(30))))
				.isEqualTo(OpenAiStub.TRANSCRIPT);
			assertThat(speech.call("It is sunny in Paris.")).isEqualTo(OpenAiStub.SPEECH);
		}
		session.end();

		List<SpanData> finished = this.spans.getFinishedSpanItems();
		SpanData turn = single(finished, TenConventions.TURN_SPAN);
		List<SpanData> stt = finished.stream().filter(named(TenConventions.STT_SPAN)).toList();
		assertThat(stt).as("the call and the stream").hasSize(2).allSatisfy((span) -> {
			assertThat(span.getParentSpanId()).isEqualTo(turn.getSpanId());
			assertThat(span.getAttributes().get(TenConventions.STT_TRANSCRIPT)).isEqualTo(OpenAiStub.TRANSCRIPT);
			assertThat(span.getAttributes().get(TenConventions.STT_IS_FINAL)).isTrue();
			assertThat(span.getAttributes().get(TenConventions.GEN_AI_REQUEST_MODEL)).as("the model's default options")
				.isEqualTo("whisper-1");
		});
		SpanData tts = single(finished, TenConventions.TTS_SPAN);
		assertThat(tts.getParentSpanId()).isEqualTo(turn.getSpanId());
		assertThat(tts.getAttributes().get(TenConventions.TTS_INPUT_TEXT)).isEqualTo("It is sunny in Paris.");
		assertThat(tts.getAttributes().get(TenConventions.GEN_AI_REQUEST_MODEL)).as("Spring AI's default options")
			.isNotBlank();
		assertThat(tts.getAttributes().get(TenConventions.TTS_VOICE)).isNotBlank();
		assertThat(tts.getAttributes().get(TenConventions.TTS_TIME_TO_FIRST_BYTE)).isNotNull();
		assertThat(turn.getAttributes().get(TenConventions.USER_INPUT)).isEqualTo(OpenAiStub.TRANSCRIPT);
		assertThat(turn.getAttributes().get(TenConventions.TURN_E2E_LATENCY)).isNotNull();
		assertThat(this.openAi.requests()).as("the stub was asked to transcribe twice, once streamed")
			.filteredOn((request) -> request.contains("question.wav"))
			.hasSize(2);
	}

	@Test
	void switchedOffSpringAiToolCallsKeepTheirOwnSpans() {
		this.context.close();
		this.context = run("--ten.tracing.spring-ai.enabled=false");
		AgentSession session = tracer().startSession("s-5", "weather-agent");
		this.context.getBean(Agent.class).askWithPlainTool("s-5", "req-5", "What is the weather in Paris?");
		session.end();

		List<SpanData> finished = this.spans.getFinishedSpanItems();
		assertThat(finished).noneMatch(named(TenConventions.TOOL_SPAN));
		assertThat(isUnder(finished, single(finished, "execute_tool weather"), single(finished, TenConventions.LLM_SPAN)))
			.isTrue();
		assertThat(single(finished, TenConventions.LLM_SPAN).getAttributes().get(TenConventions.GEN_AI_USAGE_INPUT_TOKENS))
			.isNull();
	}

	@Test
	void aToolWithoutTracedToolIsStillOneToolSpan() {
		Agent agent = this.context.getBean(Agent.class);
		AgentSession session = tracer().startSession("s-3", "weather-agent");
		agent.askWithPlainTool("s-3", "req-3", "What is the weather in Paris?");
		session.end();

		List<SpanData> finished = this.spans.getFinishedSpanItems();
		SpanData llm = single(finished, TenConventions.LLM_SPAN);
		SpanData tool = single(finished, TenConventions.TOOL_SPAN);
		assertOneToolCallUnder(finished, tool, llm);
		assertThat(tool.getAttributes().get(TenConventions.TOOL_OUTPUT)).as("the result Spring AI gave the model")
			.isEqualTo("\"sunny\"");
	}

	@Test
	void aFailingToolCallIsAFailedToolSpan() {
		Agent agent = this.context.getBean(Agent.class);
		AgentSession session = tracer().startSession("s-4", "weather-agent");
		agent.askWithFailingTool("s-4", "req-4", "What is the weather in Paris?");
		session.end();

		List<SpanData> finished = this.spans.getFinishedSpanItems();
		SpanData tool = single(finished, TenConventions.TOOL_SPAN);
		assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(tool.getAttributes().get(TenConventions.TOOL_IS_ERROR)).isTrue();
		assertThat(finished).noneMatch(named("execute_tool weather"));
	}

	@Test
	void springAiCallsOutsideAnyAgentStepAreLeftAsSpringAiRecordsThem() {
		Agent agent = this.context.getBean(Agent.class);
		assertThat(agent.askUntraced("What is the weather in Paris?")).isEqualTo("It is sunny in Paris.");

		List<SpanData> finished = this.spans.getFinishedSpanItems();
		assertThat(finished).noneMatch(named(TenConventions.TOOL_SPAN)).noneMatch(named(TenConventions.LLM_SPAN));
		SpanData springAiTool = single(finished, "execute_tool weather");
		assertThat(springAiTool.getAttributes().get(SPRING_AI_KIND)).isEqualTo("tool_call");
		assertThat(springAiTool.getAttributes().get(TenConventions.TOOL_NAME)).isNull();
		assertThat(chatSpans(finished)).hasSize(2);
	}

	private static void assertLlmFilledByBothModelCalls(SpanData llm) {
		assertThat(llm.getAttributes().get(TenConventions.GEN_AI_REQUEST_MODEL)).isEqualTo("gpt-4o");
		assertThat(llm.getAttributes().get(TenConventions.GEN_AI_RESPONSE_MODEL))
			.isEqualTo(OpenAiStub.ANSWERING_MODEL);
		assertThat(llm.getAttributes().get(TenConventions.GEN_AI_PROVIDER_NAME)).isEqualTo("openai");
		assertThat(llm.getAttributes().get(TenConventions.GEN_AI_USAGE_INPUT_TOKENS)).as("50 + 42").isEqualTo(92L);
		assertThat(llm.getAttributes().get(TenConventions.GEN_AI_USAGE_OUTPUT_TOKENS)).as("10 + 7").isEqualTo(17L);
		assertThat(llm.getAttributes().get(TenConventions.GEN_AI_RESPONSE_FINISH_REASONS)).containsExactly("stop");
		assertThat(llm.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
	}

	private static void assertOneToolCallUnder(List<SpanData> finished, SpanData tool, SpanData llm) {
		assertThat(finished).as("Spring AI's own tool span is the tool_call").noneMatch(named("execute_tool weather"));
		assertThat(tool.getParentSpanId()).as("parent of the tool_call").isEqualTo(llm.getSpanId());
		assertThat(tool.getAttributes().get(TenConventions.TOOL_NAME)).isEqualTo("weather");
		assertThat(tool.getAttributes().get(TenConventions.GEN_AI_TOOL_NAME)).isEqualTo("weather");
		assertThat(tool.getAttributes().get(TenConventions.GEN_AI_TOOL_CALL_ID)).isEqualTo("call_1");
		assertThat(tool.getAttributes().get(TenConventions.GEN_AI_OPERATION_NAME)).isEqualTo("execute_tool");
		assertThat(tool.getAttributes().get(TenConventions.TOOL_ARGUMENTS)).contains("Paris");
		SpanData lookup = single(finished, "weather.lookup");
		assertThat(lookup.getParentSpanId()).as("the tool's own work, on a Reactor scheduler")
			.isEqualTo(tool.getSpanId());
	}

	private static List<SpanData> chatSpans(List<SpanData> finished) {
		return finished.stream().filter((span) -> span.getName().startsWith("chat ")).toList();
	}

	private static boolean isUnder(List<SpanData> finished, SpanData span, SpanData ancestor) {
		String parentId = span.getParentSpanId();
		for (int depth = 0; depth < 20; depth++) {
			if (parentId.equals(ancestor.getSpanId())) {
				return true;
			}
			String id = parentId;
			SpanData parent = finished.stream().filter((candidate) -> candidate.getSpanId().equals(id)).findFirst().orElse(null);
			if (parent == null) {
				return false;
			}
			parentId = parent.getParentSpanId();
		}
		return false;
	}

	private static Predicate<SpanData> named(String name) {
		return (span) -> span.getName().equals(name);
	}

	private AgentTracer tracer() {
		return this.context.getBean(AgentTracer.class);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

		@Bean
		WeatherTools weatherTools(ObservationRegistry registry) {
			return new WeatherTools(registry);
		}

		@Bean
		Agent agent(ChatClient.Builder chatClient, WeatherTools tools, ObservationRegistry registry) {
			return new Agent(chatClient.build(), tools, new PlainWeatherTools(registry), new FailingWeatherTools());
		}

	}

	static class Agent {

		private final ChatClient chat;

		private final WeatherTools tools;

		private final PlainWeatherTools plainTools;

		private final FailingWeatherTools failingTools;

		Agent(ChatClient chat, WeatherTools tools, PlainWeatherTools plainTools, FailingWeatherTools failingTools) {
			this.chat = chat;
			this.tools = tools;
			this.plainTools = plainTools;
			this.failingTools = failingTools;
		}

		@TracedLlm
		public String ask(@SessionId String sessionId, @RequestId String requestId, String question) {
			return this.chat.prompt().user(question).tools(this.tools).call().content();
		}

		@TracedLlm
		public Flux<String> stream(@SessionId String sessionId, @RequestId String requestId, String question) {
			return this.chat.prompt().user(question).tools(this.tools).stream().content();
		}

		@TracedLlm
		public String askWithPlainTool(@SessionId String sessionId, @RequestId String requestId, String question) {
			return this.chat.prompt().user(question).tools(this.plainTools).call().content();
		}

		@TracedLlm
		public String askWithFailingTool(@SessionId String sessionId, @RequestId String requestId, String question) {
			return this.chat.prompt().user(question).tools(this.failingTools).call().content();
		}

		public String askUntraced(String question) {
			return this.chat.prompt().user(question).tools(this.plainTools).call().content();
		}

	}

	/** A tool that also carries {@code @TracedTool}, whose work runs on a Reactor scheduler. */
	public static class WeatherTools {

		private final ObservationRegistry registry;

		WeatherTools(ObservationRegistry registry) {
			this.registry = registry;
		}

		@Tool(description = "The weather in a city")
		@TracedTool
		public String weather(String city) {
			return lookup(this.registry);
		}

	}

	/** The same tool without {@code @TracedTool}. */
	public static class PlainWeatherTools {

		private final ObservationRegistry registry;

		PlainWeatherTools(ObservationRegistry registry) {
			this.registry = registry;
		}

		@Tool(description = "The weather in a city")
		public String weather(String city) {
			return lookup(this.registry);
		}

	}

	/** A tool whose every call fails. */
	public static class FailingWeatherTools {

		@Tool(description = "The weather in a city")
		public String weather(String city) {
			throw new IllegalStateException("weather service down");
		}

	}

	/** Work that Micrometer-instrumented code records, done on a Reactor scheduler. */
	static String lookup(ObservationRegistry registry) {
		return Mono.fromCallable(() -> Observation.createNotStarted("weather.lookup", registry).observe(() -> "sunny"))
			.subscribeOn(Schedulers.parallel())
			.block(Duration.ofSeconds(10));
	}

}
