package dev.ten.tracing.annotation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.ten.tracing.AgentSession;
import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.InMemoryTracing;
import dev.ten.tracing.TenConventions;
import dev.ten.tracing.autoconfigure.TenTracingAutoConfiguration;
import dev.ten.tracing.autoconfigure.TenTracingPropagationAutoConfiguration;
import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.ten.tracing.InMemoryTracing.attribute;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many conversations at once, each turn's steps hopping across shared executors and Reactor schedulers:
 * every span lands in its own session's trace under the right parent.
 */
class ConcurrentAsyncSessionsTests {

	private static final int SESSIONS = 1_000;

	private final InMemoryTracing tracing = new InMemoryTracing();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, TenTracingAutoConfiguration.class,
				TenTracingPropagationAutoConfiguration.class))
		.withPropertyValues("spring.reactor.context-propagation=auto")
		.withBean(OpenTelemetry.class, () -> this.tracing.sdk)
		.withUserConfiguration(AgentConfiguration.class);

	@AfterEach
	void resetReactor() {
		Hooks.disableAutomaticContextPropagation();
	}

	@Test
	void aThousandConcurrentSessionsWithAsyncStepsKeepEverySpanInItsTraceUnderItsParent() {
		this.runner.run((context) -> {
			AgentTracer tracer = context.getBean(AgentTracer.class);
			Agent agent = context.getBean(Agent.class);
			ExecutorService callers = Executors.newFixedThreadPool(16);
			List<CompletableFuture<Void>> turns = new ArrayList<>();
			List<AgentSession> sessions = new ArrayList<>();
			for (int i = 0; i < SESSIONS; i++) {
				String id = "session-" + i;
				AgentSession session = tracer.startSession(id, "agent");
				sessions.add(session);
				turns.add(CompletableFuture.supplyAsync(() -> agent.respond(id, "question of " + id), callers)
					.thenCompose((turn) -> turn));
			}
			CompletableFuture.allOf(turns.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
			sessions.forEach(AgentSession::end);
			callers.shutdown();

			Map<String, List<SpanData>> byTrace = this.tracing.spans()
				.stream()
				.collect(Collectors.groupingBy(SpanData::getTraceId));
			assertThat(byTrace).as("one trace per session").hasSize(SESSIONS);
			byTrace.values().forEach(ConcurrentAsyncSessionsTests::assertOneWholeConversation);
		});
	}

	private static void assertOneWholeConversation(List<SpanData> trace) {
		Map<String, SpanData> byName = trace.stream().collect(Collectors.toMap(SpanData::getName, (span) -> span));
		assertThat(byName).as("spans of one trace").hasSize(5);
		SpanData session = byName.get(TenConventions.SESSION_SPAN);
		SpanData turn = byName.get(TenConventions.TURN_SPAN);
		SpanData llm = byName.get(TenConventions.LLM_SPAN);
		SpanData tool = byName.get(TenConventions.TOOL_SPAN);
		SpanData tts = byName.get(TenConventions.TTS_SPAN);
		String id = attribute(session, TenConventions.SESSION_ID);
		assertThat(turn.getParentSpanId()).isEqualTo(session.getSpanId());
		assertThat(llm.getParentSpanId()).isEqualTo(turn.getSpanId());
		assertThat(tool.getParentSpanId()).isEqualTo(llm.getSpanId());
		assertThat(tts.getParentSpanId()).isEqualTo(turn.getSpanId());
		assertThat(attribute(turn, TenConventions.USER_INPUT)).isEqualTo("question of " + id);
		assertThat(attribute(tool, TenConventions.TOOL_ARGUMENTS)).contains(id);
		assertThat(attribute(tts, TenConventions.TTS_INPUT_TEXT)).isEqualTo("answer for " + id);
		assertThat(turn.getEndEpochNanos()).as("the turn ends after its last step")
			.isGreaterThanOrEqualTo(tts.getEndEpochNanos());
		assertThat(llm.getEndEpochNanos()).isGreaterThanOrEqualTo(tool.getEndEpochNanos());
	}

	@Configuration(proxyBeanMethods = false)
	static class AgentConfiguration {

		@Bean(destroyMethod = "shutdown")
		ExecutorService sharedExecutor() {
			return ContextExecutorService.wrap(Executors.newFixedThreadPool(4),
					() -> ContextSnapshotFactory.builder().build().captureAll());
		}

		@Bean
		Tools tools() {
			return new Tools();
		}

		@Bean
		Brain brain(ExecutorService sharedExecutor, Tools tools) {
			return new Brain(sharedExecutor, tools);
		}

		@Bean
		Mouth mouth() {
			return new Mouth();
		}

		@Bean
		Agent agent(Brain brain, Mouth mouth) {
			return new Agent(brain, mouth);
		}

	}

	static class Agent {

		private final Brain brain;

		private final Mouth mouth;

		Agent(Brain brain, Mouth mouth) {
			this.brain = brain;
			this.mouth = mouth;
		}

		/** Thinks on the shared executor, then speaks on a Reactor scheduler in the continuation. */
		@TracedTurn
		public CompletableFuture<Void> respond(@SessionId String sessionId, @UserInput String question) {
			return this.brain.think(sessionId).thenCompose((answer) -> this.mouth.speak(answer).then().toFuture());
		}

	}

	static class Brain {

		private final ExecutorService executor;

		private final Tools tools;

		Brain(ExecutorService executor, Tools tools) {
			this.executor = executor;
			this.tools = tools;
		}

		@TracedLlm
		public CompletableFuture<String> think(@RequestId String sessionId) {
			return CompletableFuture.supplyAsync(() -> this.tools.lookup(sessionId), this.executor);
		}

	}

	static class Tools {

		@TracedTool
		public String lookup(String sessionId) {
			return "answer for " + sessionId;
		}

	}

	static class Mouth {

		@TracedTts
		public Mono<byte[]> speak(@TtsInput String text) {
			return Mono.fromCallable(() -> new byte[16])
				.subscribeOn(Schedulers.parallel())
				.delayElement(Duration.ofMillis(1));
		}

	}

}
