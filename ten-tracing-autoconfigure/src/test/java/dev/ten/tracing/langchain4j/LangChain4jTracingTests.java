package dev.ten.tracing.langchain4j;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.ten.tracing.AgentSession;
import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.InMemoryTracing;
import dev.ten.tracing.LibrarySteps;
import dev.ten.tracing.TenConventions;
import dev.ten.tracing.annotation.RequestId;
import dev.ten.tracing.annotation.SessionId;
import dev.ten.tracing.annotation.TracedLlm;
import dev.ten.tracing.annotation.TracedTool;
import dev.ten.tracing.openai.OpenAiStub;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LangChain4j chat models that take ten-tracing's listener bean, as its Spring Boot starter gives it to the
 * models it builds: each call's models, finish reason and usage fill the {@code llm_node} it runs in, summed
 * over the calls of a tool loop, also when a streaming model answers on a thread of its own.
 */
class LangChain4jTracingTests {

	private final InMemorySpanExporter spans = InMemorySpanExporter.create();

	private ConfigurableApplicationContext context;

	@BeforeEach
	void start() {
		this.context = new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.initializers((context) -> context.getBeanFactory()
				.registerSingleton("inMemorySpans", SimpleSpanProcessor.create(this.spans)))
			.run("--spring.main.banner-mode=off", "--management.tracing.export.enabled=false",
					"--management.tracing.sampling.probability=1.0");
	}

	@AfterEach
	void stop() {
		this.context.close();
	}

	@Test
	void twoModelCallsOfAToolLoopFillTheLlmSpan() {
		AgentSession session = this.context.getBean(AgentTracer.class).startSession("s-1", "agent");
		String answer = this.context.getBean(Agent.class).ask("s-1", "req-1", "Weather in Paris?");
		session.end();

		assertThat(answer).isEqualTo("It is sunny in Paris.");
		SpanData llm = single(TenConventions.LLM_SPAN);
		assertThat(llm.getAttributes().get(TenConventions.GEN_AI_REQUEST_MODEL)).isEqualTo("gpt-4o");
		assertThat(llm.getAttributes().get(TenConventions.GEN_AI_RESPONSE_MODEL)).isEqualTo(ScriptedModel.ANSWERING);
		assertThat(llm.getAttributes().get(TenConventions.GEN_AI_PROVIDER_NAME)).isEqualTo("openai");
		assertThat(llm.getAttributes().get(TenConventions.GEN_AI_USAGE_INPUT_TOKENS)).isEqualTo(92L);
		assertThat(llm.getAttributes().get(TenConventions.GEN_AI_USAGE_OUTPUT_TOKENS)).isEqualTo(17L);
		assertThat(llm.getAttributes().get(TenConventions.GEN_AI_RESPONSE_FINISH_REASONS)).containsExactly("stop");
	}

	@Test
	void aStreamingModelAnsweringOnItsOwnThreadFillsTheLlmSpan() throws Exception {
		AgentSession session = this.context.getBean(AgentTracer.class).startSession("s-2", "agent");
		String answer = this.context.getBean(Agent.class).stream("s-2", "req-2", "Weather in Paris?").get(10,
				TimeUnit.SECONDS);
		session.end();

		assertThat(answer).isEqualTo("It is sunny in Paris.");
		SpanData llm = single(TenConventions.LLM_SPAN);
		assertThat(llm.getAttributes().get(TenConventions.GEN_AI_RESPONSE_MODEL)).isEqualTo(ScriptedModel.ANSWERING);
		assertThat(llm.getAttributes().get(TenConventions.GEN_AI_USAGE_INPUT_TOKENS)).isEqualTo(42L);
		assertThat(llm.getAttributes().get(TenConventions.GEN_AI_USAGE_OUTPUT_TOKENS)).isEqualTo(7L);
		assertThat(llm.getAttributes().get(TenConventions.GEN_AI_RESPONSE_FINISH_REASONS)).containsExactly("stop");
	}

	@Test
	void anAiServiceToolCallIsOneToolSpanUnderTheLlmSpanHoldingTheToolsWork() {
		AgentSession session = this.context.getBean(AgentTracer.class).startSession("s-3", "agent");
		String answer = this.context.getBean(Agent.class).askAssistant("s-3", "req-3", "Weather in Paris?");
		session.end();

		assertThat(answer).isEqualTo("It is sunny in Paris.");
		SpanData llm = single(TenConventions.LLM_SPAN);
		SpanData tool = single(TenConventions.TOOL_SPAN);
		assertThat(tool.getParentSpanId()).isEqualTo(llm.getSpanId());
		assertThat(tool.getAttributes().get(TenConventions.TOOL_NAME)).isEqualTo("weather");
		assertThat(tool.getAttributes().get(TenConventions.GEN_AI_TOOL_CALL_ID)).isEqualTo("call_1");
		assertThat(tool.getAttributes().get(TenConventions.TOOL_ARGUMENTS)).contains("Paris");
		assertThat(tool.getAttributes().get(TenConventions.TOOL_OUTPUT)).isEqualTo("sunny");
		assertThat(tool.getAttributes().get(TenConventions.TOOL_IS_ERROR)).isFalse();
		assertThat(single("weather.lookup").getParentSpanId()).as("the tool's own work").isEqualTo(tool.getSpanId());
		assertThat(llm.getAttributes().get(TenConventions.GEN_AI_USAGE_INPUT_TOKENS)).isEqualTo(92L);
	}

	@Test
	void aFailingAiServiceToolCallIsAFailedToolSpanAndLeavesNothingCurrent() {
		AgentSession session = this.context.getBean(AgentTracer.class).startSession("s-4", "agent");
		this.context.getBean(Agent.class).askFailing("s-4", "req-4", "Weather in Paris?");
		assertThat(LibrarySteps.current()).as("what is current after the agent's call").isNull();
		session.end();

		SpanData tool = single(TenConventions.TOOL_SPAN);
		assertThat(tool.getParentSpanId()).isEqualTo(single(TenConventions.LLM_SPAN).getSpanId());
		assertThat(tool.getAttributes().get(TenConventions.TOOL_IS_ERROR)).isTrue();
	}

	@Test
	void langChain4jsOpenAiModelAgainstALocalStubFillsTheLlmSpanAndTracesTheToolCall() throws Exception {
		try (OpenAiStub openAi = new OpenAiStub()) {
			ChatModel model = OpenAiChatModel.builder()
				.baseUrl(openAi.baseUrl())
				.apiKey("test-key-not-sent-anywhere-else")
				.modelName("gpt-4o")
				.listeners(List.of(this.context.getBean(ChatModelListener.class)))
				.build();
			Assistant assistant = AiServices.builder(Assistant.class)
				.chatModel(model)
				.tools(this.context.getBean(ToolCallTracing.class).traced(this.context.getBean(WeatherTools.class)))
				.build();
			AgentTracer tracer = this.context.getBean(AgentTracer.class);
			AgentSession session = tracer.startSession("s-5", "agent");
			String answer;
			try (Scope scope = session.makeCurrent()) {
				answer = tracer.traceLlm("req-5", (llm) -> assistant.chat("Weather in Paris?"));
			}
			session.end();

			assertThat(answer).isEqualTo("It is sunny in Paris.");
			SpanData llm = single(TenConventions.LLM_SPAN);
			assertThat(llm.getAttributes().get(TenConventions.GEN_AI_REQUEST_MODEL)).isEqualTo("gpt-4o");
			assertThat(llm.getAttributes().get(TenConventions.GEN_AI_RESPONSE_MODEL))
				.isEqualTo(OpenAiStub.ANSWERING_MODEL);
			assertThat(llm.getAttributes().get(TenConventions.GEN_AI_PROVIDER_NAME)).isEqualTo("openai");
			assertThat(llm.getAttributes().get(TenConventions.GEN_AI_USAGE_INPUT_TOKENS)).as("50 + 42").isEqualTo(92L);
			assertThat(llm.getAttributes().get(TenConventions.GEN_AI_USAGE_OUTPUT_TOKENS)).as("10 + 7").isEqualTo(17L);
			SpanData tool = single(TenConventions.TOOL_SPAN);
			assertThat(tool.getParentSpanId()).isEqualTo(llm.getSpanId());
			assertThat(tool.getAttributes().get(TenConventions.GEN_AI_TOOL_CALL_ID)).isEqualTo("call_1");
			assertThat(tool.getAttributes().get(TenConventions.TOOL_OUTPUT)).isEqualTo("sunny");
			assertThat(single("weather.lookup").getParentSpanId()).isEqualTo(tool.getSpanId());
			assertThat(openAi.requests()).hasSize(2);
		}
	}

	@Test
	void aCallOutsideAnyLlmStepRecordsNothing() {
		ChatModel model = this.context.getBean(ChatModel.class);
		model.chat(ChatRequest.builder().messages(UserMessage.from("hi")).modelName("gpt-4o").build());
		assertThat(this.spans.getFinishedSpanItems()).isEmpty();
	}

	private SpanData single(String name) {
		return InMemoryTracing.single(this.spans.getFinishedSpanItems(), name);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

		@Bean
		ScriptedModel scriptedModel(List<ChatModelListener> listeners) {
			return new ScriptedModel(listeners);
		}

		@Bean
		ScriptedStreamingModel scriptedStreamingModel(List<ChatModelListener> listeners) {
			return new ScriptedStreamingModel(listeners);
		}

		@Bean
		WeatherTools weatherTools(ObservationRegistry registry) {
			return new WeatherTools(registry);
		}

		@Bean
		Agent agent(ScriptedModel model, ScriptedStreamingModel streamingModel, WeatherTools tools,
				ToolCallTracing toolCalls) {
			Assistant assistant = AiServices.builder(Assistant.class)
				.chatModel(model)
				.tools(toolCalls.traced(tools))
				.build();
			Assistant failing = AiServices.builder(Assistant.class)
				.chatModel(new ScriptedModel(List.of()))
				.tools(toolCalls.traced(new FailingTools()))
				.build();
			return new Agent(model, streamingModel, assistant, failing);
		}

	}

	static class Agent {

		private final ChatModel model;

		private final StreamingChatModel streamingModel;

		private final Assistant assistant;

		private final Assistant failing;

		Agent(ChatModel model, StreamingChatModel streamingModel, Assistant assistant, Assistant failing) {
			this.model = model;
			this.streamingModel = streamingModel;
			this.assistant = assistant;
			this.failing = failing;
		}

		@TracedLlm
		public String askFailing(@SessionId String sessionId, @RequestId String requestId, String question) {
			return this.failing.chat(question);
		}

		@TracedLlm
		public String askAssistant(@SessionId String sessionId, @RequestId String requestId, String question) {
			return this.assistant.chat(question);
		}

		/** A tool loop: the model asks for a tool, gets its result, answers. */
		@TracedLlm
		public String ask(@SessionId String sessionId, @RequestId String requestId, String question) {
			this.model.chat(ChatRequest.builder().messages(UserMessage.from(question)).modelName("gpt-4o").build());
			return this.model
				.chat(ChatRequest.builder().messages(UserMessage.from("sunny")).modelName("gpt-4o").build())
				.aiMessage()
				.text();
		}

		@TracedLlm
		public CompletableFuture<String> stream(@SessionId String sessionId, @RequestId String requestId,
				String question) {
			CompletableFuture<String> answer = new CompletableFuture<>();
			this.streamingModel.chat(ChatRequest.builder().messages(UserMessage.from(question)).modelName("gpt-4o").build(),
					new StreamingChatResponseHandler() {

						@Override
						public void onCompleteResponse(ChatResponse response) {
							answer.complete(response.aiMessage().text());
						}

						@Override
						public void onError(Throwable error) {
							answer.completeExceptionally(error);
						}

					});
			return answer;
		}

	}

	interface Assistant {

		String chat(String message);

	}

	/** A LangChain4j tool that also carries {@code @TracedTool}, whose work other instrumentation records. */
	public static class WeatherTools {

		private final ObservationRegistry registry;

		WeatherTools(ObservationRegistry registry) {
			this.registry = registry;
		}

		@Tool("The weather in a city")
		@TracedTool
		public String weather(String city) {
			return Observation.createNotStarted("weather.lookup", this.registry).observe(() -> "sunny");
		}

	}

	/** The same tool, failing. */
	public static class FailingTools {

		@Tool("The weather in a city")
		public String weather(String city) {
			throw new IllegalStateException("weather service down");
		}

	}

	/** A chat model that asks for a tool first (50 and 10 tokens), then answers (42 and 7). */
	static class ScriptedModel implements ChatModel {

		static final String ANSWERING = "gpt-4o-2024-08-06";

		private final List<ChatModelListener> listeners;

		private final AtomicInteger calls = new AtomicInteger();

		ScriptedModel(List<ChatModelListener> listeners) {
			this.listeners = listeners;
		}

		@Override
		public ChatResponse doChat(ChatRequest request) {
			boolean first = this.calls.getAndIncrement() % 2 == 0;
			AiMessage message = first ? AiMessage.from(ToolExecutionRequest.builder()
				.id("call_1")
				.name("weather")
				.arguments("{\"arg0\":\"Paris\"}")
				.build()) : AiMessage.from("It is sunny in Paris.");
			return ChatResponse.builder()
				.aiMessage(message)
				.modelName(ANSWERING)
				.tokenUsage(first ? new TokenUsage(50, 10) : new TokenUsage(42, 7))
				.finishReason(first ? FinishReason.TOOL_EXECUTION : FinishReason.STOP)
				.build();
		}

		@Override
		public List<ChatModelListener> listeners() {
			return this.listeners;
		}

		@Override
		public ModelProvider provider() {
			return ModelProvider.OPEN_AI;
		}

	}

	/** A streaming chat model that answers on a thread of its own. */
	static class ScriptedStreamingModel implements StreamingChatModel {

		private final List<ChatModelListener> listeners;

		ScriptedStreamingModel(List<ChatModelListener> listeners) {
			this.listeners = listeners;
		}

		@Override
		public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
			Thread streaming = new Thread(() -> {
				handler.onPartialResponse("It is ");
				handler.onPartialResponse("sunny in Paris.");
				handler.onCompleteResponse(ChatResponse.builder()
					.aiMessage(AiMessage.from("It is sunny in Paris."))
					.modelName(ScriptedModel.ANSWERING)
					.tokenUsage(new TokenUsage(42, 7))
					.finishReason(FinishReason.STOP)
					.build());
			}, "model-stream");
			streaming.start();
		}

		@Override
		public List<ChatModelListener> listeners() {
			return this.listeners;
		}

		@Override
		public ModelProvider provider() {
			return ModelProvider.OPEN_AI;
		}

	}

}
