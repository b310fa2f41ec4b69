package dev.ten.tracing.annotation;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import dev.ten.tracing.AgentSession;
import dev.ten.tracing.AgentSpan;
import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.InMemoryTracing;
import dev.ten.tracing.LlmSpan;
import dev.ten.tracing.TenConventions;
import dev.ten.tracing.ToolSpan;
import dev.ten.tracing.TtsSpan;
import dev.ten.tracing.TurnSpan;
import dev.ten.tracing.autoconfigure.TenTracingAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.ten.tracing.InMemoryTracing.assertChildOf;
import static dev.ten.tracing.InMemoryTracing.attribute;
import static dev.ten.tracing.InMemoryTracing.eventNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TracedAnnotationsTests {

	private final InMemoryTracing tracing = new InMemoryTracing();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, TenTracingAutoConfiguration.class))
		.withBean(OpenTelemetry.class, () -> this.tracing.sdk)
		.withUserConfiguration(AgentConfiguration.class);

	@AfterEach
	void leavesNothingCurrent() {
		assertThat(Context.current()).isSameAs(Context.root());
	}

	@Test
	void theProviderAnLlmMethodNamesAndTheAudioUsageAndFinishReasonsItReturnsAreRecorded() {
		this.runner.withBean(OpenAiBrain.class, OpenAiBrain::new).run((context) -> {
			context.getBean(OpenAiBrain.class).ask("Hello");
			SpanData llm = this.tracing.span(TenConventions.LLM_SPAN);
			assertThat(llm.getAttributes().get(TenConventions.GEN_AI_PROVIDER_NAME)).isEqualTo("openai");
			assertThat(llm.getAttributes().get(TenConventions.GEN_AI_OPERATION_NAME)).isEqualTo("chat");
			assertThat(llm.getAttributes().get(TenConventions.GEN_AI_USAGE_INPUT_TOKENS)).isEqualTo(120L);
			assertThat(llm.getAttributes().get(TenConventions.GEN_AI_USAGE_AUDIO_INPUT_TOKENS)).isEqualTo(100L);
			assertThat(llm.getAttributes().get(TenConventions.GEN_AI_USAGE_AUDIO_OUTPUT_TOKENS)).isNull();
			assertThat(llm.getAttributes().get(TenConventions.GEN_AI_RESPONSE_FINISH_REASONS)).containsExactly("stop");
		});
	}

	@Test
	void annotatedMethodsBuildTheSeedTreeWithAttributesFromArgumentsAndResults() {
		this.runner.run((context) -> {
			AgentSession session = context.getBean(AgentTracer.class).startSession("s-1", "weather-agent");
			Reply reply = context.getBean(VoiceAgent.class).turn("s-1", "Weather in Paris?");
			session.end();
			assertThat(reply.text()).isEqualTo("Sunny in Paris");

			SpanData root = this.tracing.span(TenConventions.SESSION_SPAN);
			SpanData turn = this.tracing.span(TenConventions.TURN_SPAN);
			SpanData llm = this.tracing.span(TenConventions.LLM_SPAN);
			SpanData tool = this.tracing.span(TenConventions.TOOL_SPAN);
			SpanData tts = this.tracing.span(TenConventions.TTS_SPAN);
			assertChildOf(turn, root);
			assertChildOf(llm, turn);
			assertChildOf(tool, llm);
			assertChildOf(tts, turn);

			assertThat(attribute(turn, TenConventions.TURN_ID)).isEqualTo(1L);
			assertThat(attribute(turn, TenConventions.USER_INPUT)).isEqualTo("Weather in Paris?");
			assertThat(attribute(turn, TenConventions.INTERRUPTED)).isFalse();
			assertThat(attribute(llm, TenConventions.LLM_REQUEST_ID)).isEqualTo("req-Weather in Paris?");
			assertThat(attribute(llm, TenConventions.GEN_AI_REQUEST_MODEL)).as("the @Model argument").isEqualTo("gpt-4o");
			assertThat(attribute(llm, TenConventions.GEN_AI_RESPONSE_MODEL)).as("the model the result reports")
				.isEqualTo("gpt-4o-2024");
			assertThat(attribute(llm, TenConventions.GEN_AI_USAGE_INPUT_TOKENS)).isEqualTo(12L);
			assertThat(attribute(llm, TenConventions.GEN_AI_USAGE_OUTPUT_TOKENS)).isEqualTo(4L);
			assertThat(attribute(llm, TenConventions.LLM_RESPONSE_TEXT)).isEqualTo("Sunny in Paris");
			assertThat(eventNames(llm)).containsExactly(TenConventions.LLM_RESPONSE_COMPLETE);
			assertThat(attribute(tool, TenConventions.TOOL_NAME)).isEqualTo("weather_api");
			assertThat(attribute(tool, TenConventions.TOOL_ARGUMENTS)).isEqualTo("{\"city\":\"Paris\",\"days\":3}");
			assertThat(attribute(tool, TenConventions.TOOL_OUTPUT)).isEqualTo("{\"sky\":\"sunny\"}");
			assertThat(attribute(tool, TenConventions.TOOL_IS_ERROR)).isFalse();
			assertThat(attribute(tts, TenConventions.TTS_REQUEST_ID)).isEqualTo("tts-1");
			assertThat(attribute(tts, TenConventions.TTS_INPUT_TEXT)).isEqualTo("Sunny in Paris");
		});
	}

	@Test
	void sessionIdParameterParentsTheTurnWhicheverThreadCallsIt() {
		this.runner.run((context) -> {
			AgentSession session = context.getBean(AgentTracer.class).startSession("s-2", "agent");
			VoiceAgent agent = context.getBean(VoiceAgent.class);
			CompletableFuture.supplyAsync(() -> turn(agent, "s-2", "first")).get();
			CompletableFuture.supplyAsync(() -> turn(agent, "s-2", "second")).get();
			session.end();
			SpanData root = this.tracing.span(TenConventions.SESSION_SPAN);
			assertThat(this.tracing.spans(TenConventions.TURN_SPAN)).hasSize(2).allSatisfy((turn) -> assertChildOf(turn, root));
			assertThat(this.tracing.spans(TenConventions.TURN_SPAN)).extracting((turn) -> attribute(turn, TenConventions.TURN_ID))
				.containsExactly(1L, 2L);
		});
	}

	@Test
	void aTurnResultReportsAnInterruption() {
		this.runner.run((context) -> {
			context.getBean(AgentTracer.class).startSession("s", "agent");
			context.getBean(VoiceAgent.class).interruptedTurn("s", "wait, stop");
			SpanData turn = this.tracing.span(TenConventions.TURN_SPAN);
			assertThat(attribute(turn, TenConventions.INTERRUPTED)).isTrue();
			assertThat(eventNames(turn)).containsExactly(TenConventions.INTERRUPTED_EVENT);
		});
	}

	@Test
	void exceptionsPropagateUnchangedAndMarkEverySpanOnTheirWay() {
		this.runner.run((context) -> {
			context.getBean(AgentTracer.class).startSession("s", "agent");
			IOException thrown = new IOException("weather service down");
			context.getBean(WeatherTools.class).failWith(thrown);
			assertThatExceptionOfType(IOException.class)
				.isThrownBy(() -> context.getBean(VoiceAgent.class).turn("s", "Weather?"))
				.isSameAs(thrown);
			SpanData tool = this.tracing.span(TenConventions.TOOL_SPAN);
			assertThat(attribute(tool, TenConventions.TOOL_IS_ERROR)).isTrue();
			for (String name : new String[] { TenConventions.TOOL_SPAN, TenConventions.LLM_SPAN, TenConventions.TURN_SPAN }) {
				SpanData span = this.tracing.span(name);
				assertThat(span.getStatus().getStatusCode()).as(name).isEqualTo(StatusCode.ERROR);
				assertThat(span.getEvents()).as(name).anySatisfy((event) -> {
					assertThat(event.getName()).isEqualTo("exception");
					assertThat(event.getAttributes().asMap().toString()).contains("weather service down");
				});
			}
			assertThat(eventNames(this.tracing.span(TenConventions.LLM_SPAN)))
				.doesNotContain(TenConventions.LLM_RESPONSE_COMPLETE);
		});
	}

	@Test
	void aToolResultCanReportAnErrorWithoutThrowing() {
		this.runner.run((context) -> {
			context.getBean(WeatherTools.class).lookup("{\"q\":\"x\"}");
			SpanData tool = this.tracing.span(TenConventions.TOOL_SPAN);
			assertThat(attribute(tool, TenConventions.TOOL_NAME)).isEqualTo("lookup");
			assertThat(attribute(tool, TenConventions.TOOL_ARGUMENTS)).isEqualTo("{\"q\":\"x\"}");
			assertThat(attribute(tool, TenConventions.TOOL_OUTPUT)).isEqualTo("no result");
			assertThat(attribute(tool, TenConventions.TOOL_IS_ERROR)).isTrue();
			assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		});
	}

	@Test
	void annotationsOnAnInterfaceAreHonoured() {
		this.runner.run((context) -> {
			String answer = context.getBean(Answering.class).answer("r-9");
			assertThat(answer).isEqualTo("42");
			SpanData llm = this.tracing.span(TenConventions.LLM_SPAN);
			assertThat(attribute(llm, TenConventions.LLM_REQUEST_ID)).isEqualTo("r-9");
			assertThat(attribute(llm, TenConventions.LLM_RESPONSE_TEXT)).isEqualTo("42");
		});
	}

	@Test
	void aTurnForAnUnknownSessionStartsATraceOfItsOwn() {
		this.runner.run((context) -> {
			context.getBean(VoiceAgent.class).turn("never-started", "hello?");
			SpanData turn = this.tracing.span(TenConventions.TURN_SPAN);
			assertThat(turn.getParentSpanContext().isValid()).isFalse();
			assertChildOf(this.tracing.span(TenConventions.LLM_SPAN), turn);
		});
	}

	@Test
	void aFailingTracerNeverReachesAgentCode() {
		this.runner.withBean(AgentTracer.class, FailingTracer::new).run((context) -> {
			assertThat(AopUtils.isAopProxy(context.getBean(VoiceAgent.class))).isTrue();
			Reply reply = context.getBean(VoiceAgent.class).turn("s", "hi");
			assertThat(reply.text()).isEqualTo("Sunny in Paris");
			IOException thrown = new IOException("down");
			context.getBean(WeatherTools.class).failWith(thrown);
			assertThatExceptionOfType(IOException.class)
				.isThrownBy(() -> context.getBean(VoiceAgent.class).turn("s", "again"))
				.isSameAs(thrown);
		});
	}

	@Test
	void spansAreReachableFromInsideAnnotatedMethods() {
		this.runner.run((context) -> {
			context.getBean(Answering.class).answerWithUsage();
			assertThat(attribute(this.tracing.span(TenConventions.LLM_SPAN), TenConventions.GEN_AI_USAGE_OUTPUT_TOKENS))
				.isEqualTo(99L);
		});
	}

	@Test
	void hostileArgumentsAndResultsNeverReachTheAgentAndTheMethodStillRuns() {
		this.runner.run((context) -> {
			Hostile hostile = context.getBean(Hostile.class);
			HostileResult result = new HostileResult();
			assertThat(hostile.turn(new Unprintable(), new Unprintable(), result)).isSameAs(result);
			assertThat(hostile.llm(new Unprintable(), new Unprintable(), result)).isSameAs(result);
			assertThat(hostile.tool(new Unprintable(), result)).isSameAs(result);
			assertThat(hostile.tts(new Unprintable(), new Unprintable())).isEqualTo("spoken");
			assertThat(this.tracing.spans()).extracting(SpanData::getName)
				.containsExactlyInAnyOrder(TenConventions.TURN_SPAN, TenConventions.LLM_SPAN, TenConventions.TOOL_SPAN,
						TenConventions.TTS_SPAN);
			assertThat(attribute(this.tracing.span(TenConventions.TOOL_SPAN), TenConventions.TOOL_ARGUMENTS))
				.contains("[unreadable");
		});
	}

	@Test
	void withCaptureOffToolArgumentsAreNeverRendered() {
		this.runner.withPropertyValues("ten.tracing.capture-content=false").run((context) -> {
			Secret secret = new Secret();
			context.getBean(WeatherTools.class).secretLookup(secret, 3);
			SpanData tool = this.tracing.span(TenConventions.TOOL_SPAN);
			assertThat(attribute(tool, TenConventions.TOOL_ARGUMENTS)).isNull();
			assertThat(attribute(tool, TenConventions.TOOL_OUTPUT)).isNull();
			assertThat(secret.reads).as("the argument was never looked at").hasValue(0);
		});
	}

	@Test
	void anAsyncTurnStartedOnAPooledThreadAndCompletedOnAnotherLeavesThatThreadClean() {
		this.runner.run((context) -> {
			AgentTracer tracer = context.getBean(AgentTracer.class);
			AgentSession session = tracer.startSession("s-pool", "agent");
			VoiceAgent agent = context.getBean(VoiceAgent.class);
			CompletableFuture<String> work = new CompletableFuture<>();
			java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
			try {
				CompletableFuture<String> turn = pool.submit(() -> agent.laterTurn("s-pool", "hi", work)).get();
				Thread completer = new Thread(() -> work.complete("done"));
				completer.start();
				completer.join();
				assertThat(turn.get()).isEqualTo("done");
				pool.submit(() -> this.tracing.sdk.getTracer("http-client").spanBuilder("http get").startSpan().end())
					.get();
			}
			finally {
				pool.shutdownNow();
			}
			session.end();
			SpanData client = this.tracing.span("http get");
			assertThat(client.getParentSpanContext().isValid()).isFalse();
			assertThat(client.getTraceId()).isNotEqualTo(session.spanContext().getTraceId());
			assertChildOf(this.tracing.span(TenConventions.TURN_SPAN), this.tracing.span(TenConventions.SESSION_SPAN));
		});
	}

	private static Reply turn(VoiceAgent agent, String sessionId, String input) {
		try {
			return agent.turn(sessionId, input);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	record Reply(String text, boolean interrupted) implements TurnResult {
	}

	/** Annotated methods given arguments that cannot be printed, returning results that cannot be read. */
	static class Hostile {

		@TracedTurn
		public HostileResult turn(@SessionId Object sessionId, @UserInput Object input, HostileResult result) {
			return result;
		}

		@TracedLlm
		public HostileResult llm(@RequestId Object requestId, @Model Object model, HostileResult result) {
			return result;
		}

		@TracedTool
		public HostileResult tool(Object argument, HostileResult result) {
			return result;
		}

		@TracedTts
		public String tts(@RequestId Object requestId, @TtsInput Object text) {
			return "spoken";
		}

	}

	/** Its toString() and getters throw. */
	static final class Unprintable {

		public String getValue() {
			throw new IllegalStateException("getter");
		}

		@Override
		public String toString() {
			throw new IllegalStateException("toString");
		}

	}

	/** A result of every kind whose every method throws. */
	static final class HostileResult implements TurnResult, LlmResult, ToolResult {

		@Override
		public boolean interrupted() {
			throw new IllegalStateException("interrupted");
		}

		@Override
		public CharSequence responseText() {
			throw new IllegalStateException("responseText");
		}

		@Override
		public String model() {
			throw new IllegalStateException("model");
		}

		@Override
		public Object output() {
			throw new IllegalStateException("output");
		}

		@Override
		public boolean isError() {
			throw new IllegalStateException("isError");
		}

	}

	/** Counts every read of itself, by getter or toString(). */
	static final class Secret {

		final java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();

		public String getCardNumber() {
			this.reads.incrementAndGet();
			return "4111";
		}

		@Override
		public String toString() {
			this.reads.incrementAndGet();
			return "4111";
		}

	}

	record Answer(String text, String model, Long inputTokens, Long outputTokens) implements LlmResult {

		@Override
		public CharSequence responseText() {
			return this.text;
		}

	}

	static class OpenAiBrain {

		@TracedLlm(provider = "openai")
		LlmResult ask(String prompt) {
			return new SpokenReply();
		}

	}

	/** What a speech-to-speech model reports: audio input tokens within the total, and why it stopped. */
	static final class SpokenReply implements LlmResult {

		@Override
		public CharSequence responseText() {
			return "Hi";
		}

		@Override
		public Long inputTokens() {
			return 120L;
		}

		@Override
		public Long audioInputTokens() {
			return 100L;
		}

		@Override
		public List<String> finishReasons() {
			return List.of("stop");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AgentConfiguration {

		@Bean
		WeatherTools weatherTools() {
			return new WeatherTools();
		}

		@Bean
		Brain brain(WeatherTools tools) {
			return new Brain(tools);
		}

		@Bean
		Voice voice() {
			return new Voice();
		}

		@Bean
		VoiceAgent voiceAgent(Brain brain, Voice voice) {
			return new VoiceAgent(brain, voice);
		}

		@Bean
		Answering answering(AgentTracer tracer) {
			return new SimpleAnswering(tracer);
		}

		@Bean
		Hostile hostile() {
			return new Hostile();
		}

	}

	static class VoiceAgent {

		private final Brain brain;

		private final Voice voice;

		VoiceAgent(Brain brain, Voice voice) {
			this.brain = brain;
			this.voice = voice;
		}

		@TracedTurn
		public Reply turn(@SessionId String sessionId, @UserInput String input) throws IOException {
			Answer answer = this.brain.think("req-" + input, input, "gpt-4o");
			this.voice.speak("tts-1", answer.text());
			return new Reply(answer.text(), false);
		}

		@TracedTurn
		public Reply interruptedTurn(@SessionId String sessionId, @UserInput String input) {
			return new Reply("I was saying", true);
		}

		@TracedTurn
		public CompletableFuture<String> laterTurn(@SessionId String sessionId, @UserInput String input,
				CompletableFuture<String> work) {
			return work;
		}

	}

	static class Brain {

		private final WeatherTools tools;

		Brain(WeatherTools tools) {
			this.tools = tools;
		}

		@TracedLlm
		public Answer think(@RequestId String requestId, String prompt, @Model String model) throws IOException {
			Map<String, String> weather = this.tools.weather("Paris", 3);
			return new Answer("Sunny in " + "Paris", model + "-2024", 12L, (long) weather.size() * 4);
		}

	}

	static class WeatherTools {

		private final AtomicReference<IOException> failure = new AtomicReference<>();

		public void failWith(IOException ex) {
			this.failure.set(ex);
		}

		@TracedTool("weather_api")
		public Map<String, String> weather(String city, int days) throws IOException {
			IOException ex = this.failure.get();
			if (ex != null) {
				throw ex;
			}
			return Map.of("sky", "sunny");
		}

		@TracedTool
		public Secret secretLookup(Secret secret, int days) {
			return secret;
		}

		@TracedTool
		public ToolResult lookup(@ToolArguments String query) {
			return new ToolResult() {
				@Override
				public Object output() {
					return "no result";
				}

				@Override
				public boolean isError() {
					return true;
				}
			};
		}

	}

	static class Voice {

		@TracedTts
		public void speak(@RequestId String requestId, @TtsInput String text) {
		}

	}

	interface Answering {

		@TracedLlm
		String answer(@RequestId String requestId);

		@TracedLlm
		void answerWithUsage();

	}

	static class SimpleAnswering implements Answering {

		private final AgentTracer tracer;

		SimpleAnswering(AgentTracer tracer) {
			this.tracer = tracer;
		}

		@Override
		public String answer(String requestId) {
			return "42";
		}

		@Override
		public void answerWithUsage() {
			this.tracer.current(LlmSpan.class).ifPresent((llm) -> llm.usage(1, 99));
		}

	}

	/** A tracer whose every span operation fails. */
	static class FailingTracer implements AgentTracer {

		@Override
		public AgentSession startSession(String sessionId, String agentName) {
			throw new IllegalStateException("tracer broken");
		}

		@Override
		public Optional<AgentSession> session(String sessionId) {
			return Optional.empty();
		}

		@Override
		public Optional<AgentSession> currentSession() {
			return Optional.empty();
		}

		@Override
		public <S extends AgentSpan> Optional<S> current(Class<S> type) {
			return Optional.empty();
		}

		@Override
		public void addSessionEvent(String name, Map<String, ?> attributes) {
		}

		@Override
		public TurnSpan startTurn(CharSequence userInput) {
			return (TurnSpan) brokenSpan(TurnSpan.class);
		}

		@Override
		public TurnSpan startAgentTurn() {
			throw new IllegalStateException("tracer broken");
		}

		@Override
		public LlmSpan startLlm(String requestId, String model) {
			throw new IllegalStateException("tracer broken");
		}

		@Override
		public TtsSpan startTts(String requestId, CharSequence inputText) {
			return (TtsSpan) brokenSpan(TtsSpan.class);
		}

		@Override
		public ToolSpan startTool(String toolName, Object arguments) {
			return (ToolSpan) brokenSpan(ToolSpan.class);
		}

		private static Object brokenSpan(Class<?> type) {
			return java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
					(proxy, method, args) -> {
						throw new IllegalStateException("span broken: " + method.getName());
					});
		}

	}

}
