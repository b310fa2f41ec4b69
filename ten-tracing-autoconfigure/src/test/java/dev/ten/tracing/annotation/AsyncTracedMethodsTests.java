package dev.ten.tracing.annotation;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ten.tracing.AgentSession;
import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.InMemoryTracing;
import dev.ten.tracing.TenConventions;
import dev.ten.tracing.autoconfigure.TenTracingAutoConfiguration;
import dev.ten.tracing.autoconfigure.TenTracingPropagationAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static dev.ten.tracing.InMemoryTracing.assertChildOf;
import static dev.ten.tracing.InMemoryTracing.attribute;
import static dev.ten.tracing.InMemoryTracing.eventNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.condition.JRE.JAVA_21;

/**
 * {@code @Traced*} methods whose work goes on after they return: their spans end when the work ends, and
 * the work, wherever it runs, belongs to them.
 */
class AsyncTracedMethodsTests {

	private static final Duration WORK = Duration.ofSeconds(1);

	private static final Duration FIRST_TOKEN = Duration.ofMillis(250);

	private final TestClock clock = TestClock.create();

	private final InMemoryTracing tracing = new InMemoryTracing(this.clock);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, TaskExecutionAutoConfiguration.class,
				TenTracingAutoConfiguration.class, TenTracingPropagationAutoConfiguration.class))
		.withPropertyValues("spring.reactor.context-propagation=auto")
		.withBean(OpenTelemetry.class, () -> this.tracing.sdk)
		.withBean(TestClock.class, () -> this.clock)
		.withUserConfiguration(AgentConfiguration.class);

	@AfterEach
	void leavesNothingCurrent() {
		Hooks.disableAutomaticContextPropagation();
		assertThat(Context.current()).isSameAs(Context.root());
	}

	enum Outcome {

		SUCCESS, ERROR, CANCEL

	}

	@ParameterizedTest
	@EnumSource(Outcome.class)
	void aCompletableFutureEndsItsSpanWhenItCompletes(Outcome outcome) {
		this.runner.run((context) -> {
			Llm llm = context.getBean(Llm.class);
			LlmBackend backend = context.getBean(LlmBackend.class);
			CompletableFuture<String> future = llm.future("req-1");
			long returnedAt = this.clock.now();
			assertThat(this.tracing.spans()).as("ended at return").isEmpty();
			this.clock.advance(WORK);
			switch (outcome) {
				case SUCCESS -> backend.pending.complete("Sunny");
				case ERROR -> backend.pending.completeExceptionally(new IOException("LLM unreachable"));
				case CANCEL -> {
					future.cancel(true);
					assertThat(backend.pending).as("cancelling the caller's future cancels the work").isCancelled();
				}
			}
			assertEndedAtCompletion(outcome, returnedAt);
		});
	}

	@ParameterizedTest
	@EnumSource(Outcome.class)
	void aMonoEndsItsSpanWhenItCompletesFailsOrIsCancelled(Outcome outcome) {
		this.runner.run((context) -> {
			Llm llm = context.getBean(Llm.class);
			LlmBackend backend = context.getBean(LlmBackend.class);
			Mono<String> mono = llm.mono("req-1");
			long returnedAt = this.clock.now();
			Disposable subscription = mono.subscribe((value) -> {
			}, (failure) -> {
			});
			assertThat(this.tracing.spans()).as("ended at return or subscription").isEmpty();
			this.clock.advance(WORK);
			switch (outcome) {
				case SUCCESS -> backend.reply.tryEmitValue("Sunny");
				case ERROR -> backend.reply.tryEmitError(new IOException("LLM unreachable"));
				case CANCEL -> subscription.dispose();
			}
			assertEndedAtCompletion(outcome, returnedAt);
		});
	}

	@ParameterizedTest
	@EnumSource(Outcome.class)
	void aFluxEndsItsSpanWhenItCompletesFailsOrIsCancelled(Outcome outcome) {
		this.runner.run((context) -> {
			Llm llm = context.getBean(Llm.class);
			LlmBackend backend = context.getBean(LlmBackend.class);
			Flux<String> flux = llm.stream("req-1");
			long returnedAt = this.clock.now();
			Disposable subscription = flux.subscribe((value) -> {
			}, (failure) -> {
			});
			this.clock.advance(FIRST_TOKEN);
			backend.tokens.tryEmitNext("Sun");
			this.clock.advance(WORK.minus(FIRST_TOKEN));
			switch (outcome) {
				case SUCCESS -> {
					backend.tokens.tryEmitNext("ny");
					backend.tokens.tryEmitComplete();
				}
				case ERROR -> backend.tokens.tryEmitError(new IOException("LLM unreachable"));
				case CANCEL -> subscription.dispose();
			}
			SpanData span = assertEndedAtCompletion(outcome, returnedAt);
			assertThat(attribute(span, TenConventions.LLM_TIME_TO_FIRST_TOKEN)).as("on the span's own clock")
				.isEqualTo(0.25);
			assertThat(attribute(span, TenConventions.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK)).isEqualTo(0.25);
			assertThat(attribute(span, TenConventions.LLM_RESPONSE_TEXT))
				.isEqualTo((outcome == Outcome.SUCCESS) ? "Sunny" : "Sun");
		});
	}

	@Test
	void everyChunkIsRecordedWhenReactorFusesTheStreamWithWhatReadsIt() {
		this.runner.run((context) -> {
			List<String> sentences = context.getBean(Llm.class)
				.chunks("req-1")
				.bufferUntil((chunk) -> chunk.endsWith(". "))
				.map((words) -> String.join("", words))
				.concatMap(Flux::just)
				.collectList()
				.block(Duration.ofSeconds(5));
			assertThat(sentences).containsExactly("It is sunny. ", "Enjoy! ");
			assertThat(attribute(this.tracing.span(TenConventions.LLM_SPAN), TenConventions.LLM_RESPONSE_TEXT))
				.isEqualTo("It is sunny. Enjoy! ");
		});
	}

	@Test
	void rxJavaResultsAreTracedPerSubscriptionAndHandedBackAsTheirOwnType() {
		this.runner.run((context) -> {
			Llm llm = context.getBean(Llm.class);
			AtomicInteger calls = context.getBean(LlmBackend.class).calls;
			Single<String> single = llm.single("req-single");
			Flowable<String> flowable = llm.flowable("req-flowable");
			assertThat(calls).as("nothing runs before subscription").hasValue(0);
			assertThat(single.blockingGet()).isEqualTo("Sunny");
			assertThat(flowable.toList().blockingGet()).containsExactly("Sun", "ny");
			assertThat(calls).hasValue(2);
			List<SpanData> spans = this.tracing.spans(TenConventions.LLM_SPAN);
			assertThat(spans).extracting((span) -> attribute(span, TenConventions.LLM_REQUEST_ID))
				.containsExactly("req-single", "req-flowable");
			assertThat(spans).allSatisfy((span) -> {
				assertThat(attribute(span, TenConventions.LLM_RESPONSE_TEXT)).isEqualTo("Sunny");
				assertThat(eventNames(span)).containsExactly(TenConventions.LLM_RESPONSE_COMPLETE);
			});
			assertThat(attribute(spans.get(1), TenConventions.LLM_TIME_TO_FIRST_TOKEN)).as("streamed").isNotNull();
		});
	}

	@Test
	void aPublisherIsTracedPerSubscriptionNeverWhenUnsubscribedAndEachRetryIsACallOfItsOwn() {
		this.runner.run((context) -> {
			Llm llm = context.getBean(Llm.class);
			AtomicInteger calls = context.getBean(LlmBackend.class).calls;
			llm.flaky("req-1");
			assertThat(calls).as("the method runs when subscribed, not when called").hasValue(0);
			String answer = llm.flaky("req-2").retry(1).block(Duration.ofSeconds(5));
			assertThat(answer).isEqualTo("Sunny");
			assertThat(calls).hasValue(2);
			List<SpanData> spans = this.tracing.spans(TenConventions.LLM_SPAN);
			assertThat(spans).extracting((span) -> span.getStatus().getStatusCode())
				.containsExactly(StatusCode.ERROR, StatusCode.UNSET);
			assertThat(spans).allSatisfy((span) -> assertThat(attribute(span, TenConventions.LLM_REQUEST_ID))
				.isEqualTo("req-2"));
			assertThat(attribute(spans.get(1), TenConventions.LLM_RESPONSE_TEXT)).isEqualTo("Sunny");
		});
	}

	@Test
	void whenTheCallerTimesOutTheWorkIsCancelledAndItsSpanEndsWithTheTimeout() {
		this.runner.run((context) -> {
			LlmBackend backend = context.getBean(LlmBackend.class);
			CompletableFuture<String> answer = context.getBean(Llm.class).future("req-1");
			answer.completeExceptionally(new TimeoutException("no answer in time"));
			assertThat(backend.pending).isCancelled();
			SpanData span = this.tracing.span(TenConventions.LLM_SPAN);
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(span.getEvents().get(0).getAttributes().asMap().values())
				.contains(TimeoutException.class.getName());
		});
	}

	@Test
	void aFailureWithoutCauseStillReachesTheCaller() {
		this.runner.run((context) -> {
			LlmBackend backend = context.getBean(LlmBackend.class);
			CompletableFuture<String> answer = context.getBean(Llm.class).future("req-1");
			backend.pending.completeExceptionally(new CompletionException("bare", null));
			assertThat(answer).isCompletedExceptionally();
			assertThat(this.tracing.span(TenConventions.LLM_SPAN).getStatus().getStatusCode())
				.isEqualTo(StatusCode.ERROR);
		});
	}

	@Test
	void aContinuationBelongsToTheCallersSpanWhicheverThreadCompletesTheWork() {
		this.runner.run((context) -> {
			AgentSession session = context.getBean(AgentTracer.class).startSession("s-1", "agent");
			LlmBackend backend = context.getBean(LlmBackend.class);
			CompletableFuture<Void> turn = context.getBean(Voice.class).respondLater("s-1", "hi");
			Thread completer = new Thread(() -> backend.pending.complete("Sunny"));
			completer.start();
			completer.join();
			turn.get(5, TimeUnit.SECONDS);
			session.end();
			SpanData turnSpan = this.tracing.span(TenConventions.TURN_SPAN);
			assertChildOf(this.tracing.span(TenConventions.LLM_SPAN), turnSpan);
			assertChildOf(this.tracing.span(TenConventions.TTS_SPAN), turnSpan);
		});
	}

	private SpanData assertEndedAtCompletion(Outcome outcome, long returnedAt) {
		SpanData span = this.tracing.span(TenConventions.LLM_SPAN);
		assertThat(span.getEndEpochNanos() - returnedAt).as("ended when the work ended, not at return")
			.isEqualTo(WORK.toNanos());
		switch (outcome) {
			case SUCCESS -> {
				assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
				assertThat(eventNames(span)).containsExactly(TenConventions.LLM_RESPONSE_COMPLETE);
				assertThat(attribute(span, TenConventions.LLM_RESPONSE_TEXT)).isEqualTo("Sunny");
			}
			case ERROR -> {
				assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
				assertThat(eventNames(span)).containsExactly("exception");
				assertThat(span.getEvents().get(0).getAttributes().asMap().values())
					.contains(IOException.class.getName(), "LLM unreachable");
			}
			case CANCEL -> {
				assertThat(span.getStatus().getStatusCode()).as("a cancellation is not an error")
					.isEqualTo(StatusCode.UNSET);
				assertThat(attribute(span, TenConventions.CANCELLED)).isTrue();
				assertThat(eventNames(span)).isEmpty();
			}
		}
		return span;
	}

	@Test
	void aStreamingTtsRecordsTimeToFirstAudioAndTheTurnsEndToEndLatency() {
		this.runner.run((context) -> {
			AgentSession session = context.getBean(AgentTracer.class).startSession("s-1", "agent");
			Voice voice = context.getBean(Voice.class);
			List<byte[]> audio = voice.speak("s-1", "Hello there").collectList().block(Duration.ofSeconds(5));
			session.end();
			assertThat(audio).hasSize(3);
			SpanData turn = this.tracing.span(TenConventions.TURN_SPAN);
			SpanData tts = this.tracing.span(TenConventions.TTS_SPAN);
			assertChildOf(tts, turn);
			assertThat(attribute(tts, TenConventions.TTS_TIME_TO_FIRST_BYTE)).isEqualTo(0.050);
			assertThat(attribute(turn, TenConventions.TURN_E2E_LATENCY)).as("from the start of the turn")
				.isEqualTo(0.050);
		});
	}

	@Test
	void workAtSubscriptionAndInOperatorsOnOtherThreadsBelongsToTheSpan() {
		this.runner.run((context) -> {
			AgentSession session = context.getBean(AgentTracer.class).startSession("s-1", "agent");
			List<String> answer;
			try (Scope scope = session.makeCurrent()) {
				answer = context.getBean(Llm.class).streamWithTools("req-1").collectList().block(Duration.ofSeconds(5));
			}
			session.end();
			assertThat(answer).containsExactly("Paris: sunny", "Rome: rainy");
			SpanData llmSpan = this.tracing.span(TenConventions.LLM_SPAN);
			List<SpanData> tools = this.tracing.spans(TenConventions.TOOL_SPAN);
			assertThat(tools).hasSize(3);
			assertThat(tools).allSatisfy((tool) -> assertChildOf(tool, llmSpan));
			assertChildOf(llmSpan, this.tracing.span(TenConventions.SESSION_SPAN));
		});
	}

	@Test
	void whatTheSubscriberOfAStreamStartsIsNotPartOfTheStreamsStep() {
		this.runner.run((context) -> {
			AgentSession session = context.getBean(AgentTracer.class).startSession("s-1", "agent");
			Voice voice = context.getBean(Voice.class);
			voice.speakWhileStreaming("s-1", "Count").block(Duration.ofSeconds(5));
			voice.speakWhileStreamingFromOtherThreads("s-1", "Weather").block(Duration.ofSeconds(5));
			session.end();

			List<SpanData> turns = this.tracing.spans(TenConventions.TURN_SPAN);
			List<SpanData> speech = this.tracing.spans(TenConventions.TTS_SPAN);
			assertThat(turns).hasSize(2);
			assertThat(speech).hasSize(4);
			assertThat(speech).allSatisfy((tts) -> assertThat(tts.getParentSpanId()).as("parent of a tts_node")
				.isIn(turns.get(0).getSpanId(), turns.get(1).getSpanId()));
			assertThat(this.tracing.spans(TenConventions.LLM_SPAN))
				.allSatisfy((llm) -> assertThat(turns).anySatisfy((turn) -> assertChildOf(llm, turn)));
		});
	}

	@Test
	void anAsyncMethodAndATaskOnTheApplicationExecutorAreChildrenOfTheSpanThatHandedThemOver() {
		this.runner.run((context) -> {
			AgentSession session = context.getBean(AgentTracer.class).startSession("s-1", "agent");
			String answer;
			try (Scope scope = session.makeCurrent()) {
				answer = context.getBean(Llm.class).thinkWithAsyncTools("req-1");
			}
			session.end();
			assertThat(answer).isEqualTo("sunny/rainy");
			SpanData llmSpan = this.tracing.span(TenConventions.LLM_SPAN);
			List<SpanData> tools = this.tracing.spans(TenConventions.TOOL_SPAN);
			assertThat(tools).extracting((tool) -> attribute(tool, TenConventions.TOOL_NAME))
				.containsExactlyInAnyOrder("async_weather", "executor_weather");
			assertThat(tools).allSatisfy((tool) -> assertChildOf(tool, llmSpan));
		});
	}

	@Test
	@EnabledForJreRange(min = JAVA_21)
	void aVirtualThreadIsAChildOfTheSpanThatStartedIt() {
		this.runner.run((context) -> {
			AgentSession session = context.getBean(AgentTracer.class).startSession("s-1", "agent");
			String answer;
			try (Scope scope = session.makeCurrent()) {
				answer = context.getBean(Llm.class).thinkOnVirtualThread("req-1");
			}
			session.end();
			assertThat(answer).isEqualTo("sunny");
			assertChildOf(this.tracing.span(TenConventions.TOOL_SPAN), this.tracing.span(TenConventions.LLM_SPAN));
		});
	}

	@Test
	void bargeInEndsTheStreamingStepsOfTheTurnAsInterruptedAndTheCancellationIsNoError() {
		this.runner.run((context) -> {
			AgentSession session = context.getBean(AgentTracer.class).startSession("s-1", "agent");
			LlmBackend backend = context.getBean(LlmBackend.class);
			Disposable response = context.getBean(Voice.class).respond("s-1", "Tell me a story").subscribe();
			backend.tokens.tryEmitNext("Once upon ");
			session.interrupt();
			response.dispose();
			session.end();

			SpanData turn = this.tracing.span(TenConventions.TURN_SPAN);
			SpanData llmSpan = this.tracing.span(TenConventions.LLM_SPAN);
			assertChildOf(llmSpan, turn);
			assertThat(attribute(turn, TenConventions.INTERRUPTED)).isTrue();
			assertThat(attribute(turn, TenConventions.CANCELLED)).as("the interruption's consequence").isNull();
			assertThat(eventNames(turn)).containsExactly(TenConventions.INTERRUPTED_EVENT);
			assertThat(attribute(llmSpan, TenConventions.INTERRUPTED)).isTrue();
			assertThat(attribute(llmSpan, TenConventions.LLM_RESPONSE_TEXT)).isEqualTo("Once upon ");
			assertThat(attribute(llmSpan, TenConventions.CANCELLED)).as("ended by the interruption, before").isNull();
			assertThat(this.tracing.spans()).allSatisfy((span) -> assertThat(span.getStatus().getStatusCode())
				.as("status of %s", span.getName())
				.isEqualTo(StatusCode.UNSET));
		});
	}

	@Test
	void anAnnotatedGreetingIsAnAgentTurnOfTheSession() {
		this.runner.run((context) -> {
			AgentSession session = context.getBean(AgentTracer.class).startSession("s-1", "agent");
			context.getBean(Voice.class).greet("s-1").block(Duration.ofSeconds(5));
			session.end();
			SpanData greeting = this.tracing.span(TenConventions.TURN_SPAN);
			assertChildOf(greeting, this.tracing.span(TenConventions.SESSION_SPAN));
			assertThat(attribute(greeting, TenConventions.TURN_INITIATOR)).isEqualTo(TenConventions.INITIATOR_AGENT);
			assertChildOf(this.tracing.span(TenConventions.TTS_SPAN), greeting);
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class AgentConfiguration {

		@Bean
		Tools tools() {
			return new Tools();
		}

		@Bean
		LlmBackend llmBackend() {
			return new LlmBackend();
		}

		@Bean
		Llm llm(LlmBackend backend, Tools tools, ThreadPoolTaskExecutor applicationTaskExecutor) {
			return new Llm(backend, tools, applicationTaskExecutor);
		}

		@Bean
		Tts tts(TestClock clock) {
			return new Tts(clock);
		}

		@Bean
		Voice voice(Llm llm, Tts tts) {
			return new Voice(llm, tts);
		}

	}

	/** What the LLM will answer, driven by the test. */
	static class LlmBackend {

		final CompletableFuture<String> pending = new CompletableFuture<>();

		final Sinks.One<String> reply = Sinks.one();

		final Sinks.Many<String> tokens = Sinks.many().unicast().onBackpressureBuffer();

		final AtomicInteger calls = new AtomicInteger();

	}

	static class Llm {

		private final LlmBackend backend;

		private final Tools tools;

		private final ThreadPoolTaskExecutor executor;

		Llm(LlmBackend backend, Tools tools, ThreadPoolTaskExecutor executor) {
			this.backend = backend;
			this.tools = tools;
			this.executor = executor;
		}

		@TracedLlm
		public CompletableFuture<String> future(@RequestId String requestId) {
			return this.backend.pending;
		}

		@TracedLlm
		public Mono<String> mono(@RequestId String requestId) {
			return this.backend.reply.asMono();
		}

		@TracedLlm
		public Flux<String> stream(@RequestId String requestId) {
			return this.backend.tokens.asFlux();
		}

		@TracedLlm
		public Flux<String> chunks(@RequestId String requestId) {
			return Flux.just("It is sunny. ", "Enjoy! ");
		}

		@TracedLlm
		public Single<String> single(@RequestId String requestId) {
			this.backend.calls.incrementAndGet();
			return Single.just("Sunny");
		}

		@TracedLlm
		public Flowable<String> flowable(@RequestId String requestId) {
			this.backend.calls.incrementAndGet();
			return Flowable.just("Sun", "ny");
		}

		/** Fails on its first call, answers on the next. */
		@TracedLlm
		public Mono<String> flaky(@RequestId String requestId) {
			return (this.backend.calls.incrementAndGet() == 1) ? Mono.error(new IOException("overloaded"))
					: Mono.just("Sunny");
		}

		@TracedLlm
		public Flux<String> sentences(@RequestId String requestId) {
			return Flux.just("One.", "Two.");
		}

		@TracedLlm
		public Flux<String> streamWithTools(@RequestId String requestId) {
			return Mono.fromCallable(() -> this.tools.weather("Paris"))
				.subscribeOn(Schedulers.boundedElastic())
				.flatMapMany((paris) -> Flux.just("Paris: " + paris, "Rome"))
				.publishOn(Schedulers.parallel())
				.map((line) -> line.equals("Rome") ? "Rome: " + this.tools.weather("Rome") : line)
				.concatWith(Mono.fromCallable(() -> this.tools.weather("Oslo")).then(Mono.empty()));
		}

		@TracedLlm
		public String thinkWithAsyncTools(@RequestId String requestId) throws Exception {
			CompletableFuture<String> async = this.tools.asyncWeather("Paris");
			String fromExecutor = this.executor.submit(() -> this.tools.executorWeather("Rome"))
				.get(5, TimeUnit.SECONDS);
			return async.get(5, TimeUnit.SECONDS) + "/" + fromExecutor;
		}

		@TracedLlm
		public String thinkOnVirtualThread(@RequestId String requestId) throws Exception {
			SimpleAsyncTaskExecutor virtualThreads = new SimpleAsyncTaskExecutor("virtual-");
			virtualThreads.setVirtualThreads(true);
			virtualThreads.setTaskDecorator(new ContextPropagatingTaskDecorator());
			return virtualThreads.submitCompletable(() -> {
				assertThat(Thread.currentThread().toString()).startsWith("VirtualThread");
				return this.tools.weather("Paris");
			}).get(5, TimeUnit.SECONDS);
		}

	}

	/** Its first audio comes 50 ms after it starts, on the spans' clock. */
	static class Tts {

		static final Duration FIRST_AUDIO = Duration.ofMillis(50);

		private final TestClock clock;

		Tts(TestClock clock) {
			this.clock = clock;
		}

		@TracedTts
		public Flux<byte[]> synthesize(@TtsInput String text) {
			return Mono.fromRunnable(() -> this.clock.advance(FIRST_AUDIO))
				.thenMany(Flux.interval(Duration.ofMillis(5)).take(3))
				.map((i) -> new byte[160]);
		}

	}

	static class Voice {

		private final Llm llm;

		private final Tts tts;

		Voice(Llm llm, Tts tts) {
			this.llm = llm;
			this.tts = tts;
		}

		@TracedTurn
		public Flux<byte[]> speak(@SessionId String sessionId, @UserInput String text) {
			return this.tts.synthesize(text);
		}

		@TracedTurn
		public Mono<Void> respond(@SessionId String sessionId, @UserInput String text) {
			return this.llm.stream("req-1").collectList().flatMapMany((sentences) -> this.tts.synthesize("...")).then();
		}

		/** Speaks each sentence as the LLM streams it: the speech belongs to the turn, not to the LLM call. */
		@TracedTurn
		public Mono<Void> speakWhileStreaming(@SessionId String sessionId, @UserInput String text) {
			return this.llm.sentences("req-1").concatMap(this.tts::synthesize).then();
		}

		/** The same with an LLM stream whose operators run on other threads. */
		@TracedTurn
		public Mono<Void> speakWhileStreamingFromOtherThreads(@SessionId String sessionId, @UserInput String text) {
			return this.llm.streamWithTools("req-1").concatMap(this.tts::synthesize).then();
		}

		/** Speaks once the LLM's future completes, in a continuation started without a session id. */
		@TracedTurn
		public CompletableFuture<Void> respondLater(@SessionId String sessionId, @UserInput String text) {
			return this.llm.future("req-1").thenCompose((answer) -> this.tts.synthesize(answer).then().toFuture());
		}

		@TracedTurn(agentInitiated = true)
		public Mono<Void> greet(@SessionId String sessionId) {
			return this.tts.synthesize("Hi there!").then();
		}

	}

	static class Tools {

		@TracedTool
		public String weather(String city) {
			return city.equals("Rome") ? "rainy" : "sunny";
		}

		@TracedTool("async_weather")
		@Async
		public CompletableFuture<String> asyncWeather(String city) {
			return CompletableFuture.completedFuture(weatherOf(city));
		}

		@TracedTool("executor_weather")
		public String executorWeather(String city) {
			return weatherOf(city);
		}

		private static String weatherOf(String city) {
			return city.equals("Rome") ? "rainy" : "sunny";
		}

	}

}
