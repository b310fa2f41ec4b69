package dev.ten.tracing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static dev.ten.tracing.InMemoryTracing.assertChildOf;
import static dev.ten.tracing.InMemoryTracing.attribute;
import static dev.ten.tracing.InMemoryTracing.eventNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(OutputCaptureExtension.class)
class OpenTelemetryAgentTracerTests {

	private final InMemoryTracing tracing = new InMemoryTracing();

	private final OpenTelemetryAgentTracer tracer = OpenTelemetryAgentTracer.builder(this.tracing.sdk).build();

	@AfterEach
	void leavesNothingCurrentOnTheTestThread() {
		assertThat(Context.current()).as("context left current by the test").isSameAs(Context.root());
	}

	@Test
	void recordsTheSeedTreeWithEveryAttributeAndEvent() {
		AgentSession session = this.tracer.startSession("s-1", "weather-agent");
		session.userJoined();
		session.toolRegistered("weather_api");
		session.addEvent("custom_event", Map.of("key", "value"));
		try (TurnSpan turn = session.startTurn("What's the weather in Paris?"); Scope inTurn = turn.makeCurrent()) {
			try (LlmSpan llm = this.tracer.startLlm("req-1"); Scope inLlm = llm.makeCurrent()) {
				llm.model("gpt-4o");
				try (ToolSpan tool = this.tracer.startTool("weather_api", "{\"city\":\"Paris\"}")) {
					tool.output("sunny, 21°C");
				}
				llm.usage(42, 7);
				llm.responseText("It is sunny in Paris.");
			}
			try (TtsSpan tts = this.tracer.startTts("tts-1", "It is sunny in Paris.")) {
				assertThat(tts.spanContext().isValid()).isTrue();
			}
			turn.interrupted();
		}
		session.userLeft();
		session.end();

		SpanData root = this.tracing.span(TenConventions.SESSION_SPAN);
		SpanData turn = this.tracing.span(TenConventions.TURN_SPAN);
		SpanData llm = this.tracing.span(TenConventions.LLM_SPAN);
		SpanData tool = this.tracing.span(TenConventions.TOOL_SPAN);
		SpanData tts = this.tracing.span(TenConventions.TTS_SPAN);
		assertThat(root.getParentSpanContext().isValid()).isFalse();
		assertChildOf(turn, root);
		assertChildOf(llm, turn);
		assertChildOf(tool, llm);
		assertChildOf(tts, turn);

		assertThat(attribute(root, TenConventions.SESSION_ID)).isEqualTo("s-1");
		assertThat(attribute(root, TenConventions.AGENT_NAME)).isEqualTo("weather-agent");
		assertThat(eventNames(root)).containsExactly("user_joined", "tool_registered", "custom_event", "user_left");
		assertThat(root.getEvents().get(1).getAttributes().get(TenConventions.TOOL_NAME)).isEqualTo("weather_api");
		assertThat(root.getEvents().get(2).getAttributes().asMap()).hasSize(1);

		assertThat(attribute(turn, TenConventions.TURN_ID)).isEqualTo(1L);
		assertThat(attribute(turn, TenConventions.USER_INPUT)).isEqualTo("What's the weather in Paris?");
		assertThat(attribute(turn, TenConventions.INTERRUPTED)).isTrue();
		assertThat(eventNames(turn)).containsExactly("interrupted");

		assertThat(attribute(llm, TenConventions.LLM_REQUEST_ID)).isEqualTo("req-1");
		assertThat(attribute(llm, TenConventions.GEN_AI_REQUEST_MODEL)).isEqualTo("gpt-4o");
		assertThat(attribute(llm, TenConventions.GEN_AI_USAGE_INPUT_TOKENS)).isEqualTo(42L);
		assertThat(attribute(llm, TenConventions.GEN_AI_USAGE_OUTPUT_TOKENS)).isEqualTo(7L);
		assertThat(attribute(llm, TenConventions.LLM_RESPONSE_TEXT)).isEqualTo("It is sunny in Paris.");
		assertThat(eventNames(llm)).containsExactly("llm_response_complete");

		assertThat(attribute(tool, TenConventions.TOOL_NAME)).isEqualTo("weather_api");
		assertThat(attribute(tool, TenConventions.TOOL_ARGUMENTS)).isEqualTo("{\"city\":\"Paris\"}");
		assertThat(attribute(tool, TenConventions.TOOL_OUTPUT)).isEqualTo("sunny, 21°C");
		assertThat(attribute(tool, TenConventions.TOOL_IS_ERROR)).isFalse();

		assertThat(attribute(tts, TenConventions.TTS_REQUEST_ID)).isEqualTo("tts-1");
		assertThat(attribute(tts, TenConventions.TTS_INPUT_TEXT)).isEqualTo("It is sunny in Paris.");
		assertThat(this.tracing.spans()).allSatisfy((span) -> assertThat(span.getStatus().getStatusCode())
			.isEqualTo(StatusCode.UNSET));
	}

	@Test
	void turnsAreNumberedPerSessionAndRecordNotInterrupted() {
		AgentSession first = this.tracer.startSession("a", "agent");
		AgentSession second = this.tracer.startSession("b", "agent");
		first.startTurn("one").close();
		second.startTurn("uno").close();
		first.startTurn("two").close();
		first.end();
		second.end();
		assertThat(this.tracing.spans(TenConventions.TURN_SPAN)).extracting(
				(span) -> attribute(span, TenConventions.USER_INPUT) + "#" + attribute(span, TenConventions.TURN_ID))
			.containsExactly("one#1", "uno#1", "two#2");
		assertThat(this.tracing.spans(TenConventions.TURN_SPAN))
			.allSatisfy((turn) -> assertThat(attribute(turn, TenConventions.INTERRUPTED)).isFalse());
	}

	@Test
	void sessionIsARootEvenInsideAnotherSpanAndLinksToIt() {
		Span request = this.tracing.sdk.getTracer("test").spanBuilder("http request").startSpan();
		try (Scope ignored = request.makeCurrent()) {
			this.tracer.startSession("s", "agent").end();
		}
		request.end();
		SpanData session = this.tracing.span(TenConventions.SESSION_SPAN);
		assertThat(session.getParentSpanContext().isValid()).isFalse();
		assertThat(session.getTraceId()).isNotEqualTo(request.getSpanContext().getTraceId());
		assertThat(session.getLinks()).singleElement()
			.satisfies((link) -> assertThat(link.getSpanContext()).isEqualTo(request.getSpanContext()));
	}

	@Test
	void stepsStartedThroughASessionOnAnotherThreadLandInItsOpenTurn() throws Exception {
		AgentSession session = this.tracer.startSession("s", "agent");
		TurnSpan turn = session.startTurn("hello");
		CompletableFuture.runAsync(() -> {
			AgentSession found = this.tracer.session("s").orElseThrow();
			try (LlmSpan llm = found.startLlm("r"); Scope inLlm = llm.makeCurrent()) {
				found.startTool("clock", Map.of()).close();
			}
			found.startTts("t", "hi").close();
		}).get();
		turn.close();
		session.end();
		SpanData turnSpan = this.tracing.span(TenConventions.TURN_SPAN);
		SpanData llm = this.tracing.span(TenConventions.LLM_SPAN);
		assertChildOf(llm, turnSpan);
		assertChildOf(this.tracing.span(TenConventions.TOOL_SPAN), llm);
		assertChildOf(this.tracing.span(TenConventions.TTS_SPAN), turnSpan);
	}

	@Test
	void aSessionParentsItsStepsEvenWhenAnotherSessionIsCurrent() {
		AgentSession mine = this.tracer.startSession("mine", "agent");
		AgentSession other = this.tracer.startSession("other", "agent");
		try (TurnSpan otherTurn = other.startTurn("not mine"); Scope inOther = otherTurn.makeCurrent()) {
			mine.startLlm("r").close();
		}
		mine.end();
		other.end();
		SpanData mineRoot = this.tracing.spans(TenConventions.SESSION_SPAN).stream()
			.filter((span) -> "mine".equals(attribute(span, TenConventions.SESSION_ID)))
			.findFirst()
			.orElseThrow();
		assertChildOf(this.tracing.span(TenConventions.LLM_SPAN), mineRoot);
	}

	@Test
	void sessionMadeCurrentTakesTracerLevelTurnsAndSessionEvents() {
		AgentSession session = this.tracer.startSession("s", "agent");
		try (Scope ignored = session.makeCurrent()) {
			assertThat(this.tracer.currentSession()).containsSame(session);
			this.tracer.addSessionEvent("custom_event", Map.of("key", "value", "count", 3));
			this.tracer.traceTurn("hi", (turn) -> this.tracer.traceLlm("r", (llm) -> "answer"));
		}
		assertThat(this.tracer.currentSession()).isEmpty();
		session.end();
		SpanData root = this.tracing.span(TenConventions.SESSION_SPAN);
		assertThat(root.getEvents()).singleElement().satisfies((event) -> {
			assertThat(event.getName()).isEqualTo("custom_event");
			assertThat(event.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("key")))
				.isEqualTo("value");
			assertThat(event.getAttributes().get(io.opentelemetry.api.common.AttributeKey.longKey("count")))
				.isEqualTo(3L);
		});
		SpanData turn = this.tracing.span(TenConventions.TURN_SPAN);
		assertChildOf(turn, root);
		assertChildOf(this.tracing.span(TenConventions.LLM_SPAN), turn);
	}

	@Test
	void currentFindsTheInnermostSpanOfAType() {
		AgentSession session = this.tracer.startSession("s", "agent");
		try (TurnSpan turn = session.startTurn("hi"); Scope inTurn = turn.makeCurrent();
				LlmSpan llm = this.tracer.startLlm("r"); Scope inLlm = llm.makeCurrent()) {
			try (ToolSpan tool = this.tracer.startTool("t", null); Scope inTool = tool.makeCurrent()) {
				assertThat(this.tracer.current(ToolSpan.class)).containsSame(tool);
				assertThat(this.tracer.current(LlmSpan.class)).containsSame(llm);
				assertThat(this.tracer.current(TurnSpan.class)).containsSame(turn);
				assertThat(this.tracer.current(TtsSpan.class)).isEmpty();
			}
			assertThat(this.tracer.current(ToolSpan.class)).isEmpty();
		}
		session.end();
	}

	@Test
	void failuresSetErrorStatusRecordTheExceptionAndPropagateUnchanged() {
		AgentSession session = this.tracer.startSession("s", "agent");
		IOException failure = new IOException("weather service down");
		try (TurnSpan turn = session.startTurn("weather?"); Scope inTurn = turn.makeCurrent()) {
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> this.tracer.traceLlm("r",
					(llm) -> this.tracer.traceTool("weather_api", Map.of("city", "Paris"), (tool) -> {
						throw failure;
					})))
				.isSameAs(failure);
		}
		session.end();
		SpanData tool = this.tracing.span(TenConventions.TOOL_SPAN);
		SpanData llm = this.tracing.span(TenConventions.LLM_SPAN);
		assertThat(attribute(tool, TenConventions.TOOL_IS_ERROR)).isTrue();
		for (SpanData failed : List.of(tool, llm)) {
			assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(eventNames(failed)).contains("exception");
		}
		assertThat(eventNames(llm)).doesNotContain("llm_response_complete");
		assertThat(attribute(tool, TenConventions.TOOL_ARGUMENTS)).isEqualTo("{\"city\":\"Paris\"}");
	}

	@Test
	void toolThatReportsFailureInItsOutputIsAnError() {
		try (ToolSpan tool = this.tracer.startTool("lookup", "{}")) {
			tool.output(Map.of("error", "not found"));
			tool.failed();
		}
		SpanData tool = this.tracing.span(TenConventions.TOOL_SPAN);
		assertThat(attribute(tool, TenConventions.TOOL_IS_ERROR)).isTrue();
		assertThat(attribute(tool, TenConventions.TOOL_OUTPUT)).isEqualTo("{\"error\":\"not found\"}");
	}

	@Test
	void longContentIsCutWithAVisibleMarker() {
		OpenTelemetryAgentTracer tracer = OpenTelemetryAgentTracer.builder(this.tracing.sdk).maxContentLength(10).build();
		AgentSession session = tracer.startSession("s", "agent");
		try (TurnSpan turn = session.startTurn("0123456789abcdef"); LlmSpan llm = session.startLlm("r")) {
			llm.responseText("x".repeat(25));
		}
		session.end();
		assertThat(attribute(this.tracing.span(TenConventions.TURN_SPAN), TenConventions.USER_INPUT))
			.isEqualTo("0123456789…[truncated 6 chars]");
		assertThat(attribute(this.tracing.span(TenConventions.LLM_SPAN), TenConventions.LLM_RESPONSE_TEXT))
			.isEqualTo("xxxxxxxxxx…[truncated 15 chars]");
	}

	@Test
	void truncationNeverSplitsASurrogatePair() {
		String cut = ContentPolicy.truncate("abc\uD83D\uDE00def", 4);
		assertThat(cut).isEqualTo("abc…[truncated 5 chars]");
	}

	@Test
	void noContentIsRecordedWhenCaptureIsOff() {
		OpenTelemetryAgentTracer tracer = OpenTelemetryAgentTracer.builder(this.tracing.sdk)
			.captureContent(false)
			.maxContentLength(50_000)
			.build();
		AgentSession session = tracer.startSession("s", "agent");
		CountingArguments arguments = new CountingArguments();
		try (TurnSpan turn = session.startTurn("my card number is 4111"); Scope inTurn = turn.makeCurrent()) {
			try (LlmSpan llm = tracer.startLlm("r"); Scope inLlm = llm.makeCurrent()) {
				llm.responseText("noted 4111");
				llm.responseChunk("4111");
				try (ToolSpan tool = tracer.startTool("pay", arguments)) {
					tool.output("paid with 4111");
					tool.recordException(new IllegalStateException("card 4111 declined", new IOException("4111 unknown")));
				}
			}
			tracer.startTts("t", "Your payment with 4111 went through").close();
		}
		session.end();
		List<String> keys = new ArrayList<>();
		List<String> values = new ArrayList<>();
		this.tracing.spans().forEach((span) -> {
			span.getAttributes().forEach((key, value) -> {
				keys.add(key.getKey());
				values.add(String.valueOf(value));
			});
			span.getEvents().forEach((event) -> event.getAttributes().forEach((key, value) -> {
				keys.add(key.getKey());
				values.add(String.valueOf(value));
			}));
			values.add(span.getStatus().getDescription());
		});
		assertThat(keys).doesNotContain("ten.user_input", "ten.llm.response_text", "ten.tts.input_text",
				"ten.tool.arguments", "ten.tool.output", "exception.message");
		assertThat(keys).contains("ten.turn_id", "ten.llm.request_id", "ten.tool.name", "ten.tts.request_id",
				"ten.tool.is_error", "exception.type", "exception.stacktrace");
		assertThat(values).as("what the user said, anywhere").noneMatch((value) -> value.contains("4111"));
		assertThat(arguments.reads).as("arguments are not even rendered with capture off").hasValue(0);
		SpanData tool = this.tracing.span(TenConventions.TOOL_SPAN);
		assertThat(tool.getEvents().get(0).getAttributes().get(TenConventions.EXCEPTION_STACKTRACE))
			.as("types and frames, no message")
			.startsWith("java.lang.IllegalStateException\n\tat ")
			.contains("Caused by: java.io.IOException\n");
	}

	@Test
	void badInputIsBoundedNeverThrown() {
		AgentSession session = this.tracer.startSession(null, null);
		session.userJoined();
		session.toolRegistered(null);
		session.addEvent(null, Map.of());
		Map<String, Object> odd = new HashMap<>();
		odd.put("null", null);
		odd.put(null, "no key");
		odd.put("float", 1.5f);
		odd.put("object", new Object() {
			@Override
			public String toString() {
				return "y".repeat(5000);
			}
		});
		session.addEvent("odd", odd);
		try (TurnSpan turn = session.startTurn(null); LlmSpan llm = session.startLlm("r".repeat(10_000))) {
			llm.model(null);
			llm.responseText(null);
			llm.usage(-1, -1);
			llm.recordException(null);
			llm.addEvent(null);
			try (ToolSpan tool = session.startTool(null, new SelfReferencing())) {
				tool.output(null);
			}
		}
		session.end();
		SpanData llm = this.tracing.span(TenConventions.LLM_SPAN);
		assertThat(attribute(llm, TenConventions.LLM_REQUEST_ID)).hasSizeLessThan(300).startsWith("rrrr");
		assertThat(llm.getAttributes().asMap()).doesNotContainKeys(TenConventions.GEN_AI_USAGE_INPUT_TOKENS,
				TenConventions.GEN_AI_REQUEST_MODEL);
		SpanData root = this.tracing.span(TenConventions.SESSION_SPAN);
		assertThat(attribute(root, TenConventions.SESSION_ID)).isEmpty();
		var oddEvent = root.getEvents().stream().filter((event) -> event.getName().equals("odd")).findFirst().orElseThrow();
		assertThat(oddEvent.getAttributes().asMap()).hasSize(2);
		assertThat(oddEvent.getAttributes().get(io.opentelemetry.api.common.AttributeKey.doubleKey("float")))
			.isEqualTo(1.5);
		assertThat(oddEvent.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("object")))
			.hasSizeLessThan(1100);
		assertThat(attribute(this.tracing.span(TenConventions.TOOL_SPAN), TenConventions.TOOL_ARGUMENTS))
			.isNotEmpty();
	}

	@Test
	void aTurnWithNoSessionStartsATraceOfItsOwn() {
		try (TurnSpan turn = this.tracer.startTurn("hello?"); Scope inTurn = turn.makeCurrent()) {
			this.tracer.startLlm("r").close();
		}
		SpanData turn = this.tracing.span(TenConventions.TURN_SPAN);
		assertThat(turn.getParentSpanContext().isValid()).isFalse();
		assertThat(attribute(turn, TenConventions.TURN_ID)).isEqualTo(1L);
		assertChildOf(this.tracing.span(TenConventions.LLM_SPAN), turn);
		assertThat(this.tracing.spans(TenConventions.SESSION_SPAN)).isEmpty();
	}

	@Test
	void closingTwiceOrOnAnotherThreadIsHarmless() throws Exception {
		AgentSession session = this.tracer.startSession("s", "agent");
		TurnSpan turn = CompletableFuture.supplyAsync(() -> session.startTurn("hi")).get();
		try (LlmSpan llm = session.startLlm("unrelated"); Scope inLlm = llm.makeCurrent()) {
			turn.close();
			assertThat(this.tracer.current(LlmSpan.class)).containsSame(llm);
		}
		turn.close();
		assertThat(this.tracer.current(AgentSpan.class)).isEmpty();
		assertThat(this.tracing.spans(TenConventions.TURN_SPAN)).hasSize(1);
		session.end();
		session.end();
		assertThat(this.tracing.spans(TenConventions.SESSION_SPAN)).hasSize(1);
	}

	@Test
	void aTurnStartedOnAPooledThreadAndClosedOnAnotherLeavesNothingThereForLaterWork() throws Exception {
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try {
			AgentSession session = this.tracer.startSession("s", "agent");
			TurnSpan turn = pool.submit(() -> {
				TurnSpan started = session.startTurn("hi");
				try (Scope inTurn = started.makeCurrent()) {
					this.tracer.traceLlm("req-1", (llm) -> "hello");
				}
				return started;
			}).get();
			CompletableFuture.runAsync(turn::close).get();
			Span unrelated = pool.submit(() -> {
				Span client = this.tracing.sdk.getTracer("http-client").spanBuilder("http get").startSpan();
				client.end();
				return client;
			}).get();
			session.end();
			SpanData client = this.tracing.span("http get");
			assertThat(client.getParentSpanContext().isValid()).as("a parent for unrelated work").isFalse();
			assertThat(client.getTraceId()).isNotEqualTo(session.spanContext().getTraceId());
			assertThat(unrelated.getSpanContext().isValid()).isTrue();
			assertThat(pool.submit(() -> Span.current().getSpanContext().isValid()).get()).isFalse();
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void startingAStepDoesNotMakeItCurrent() {
		AgentSession session = this.tracer.startSession("s", "agent");
		TurnSpan turn = session.startTurn("hi");
		assertThat(Span.current().getSpanContext().isValid()).isFalse();
		assertThat(this.tracer.current(TurnSpan.class)).isEmpty();
		try (Scope inTurn = turn.makeCurrent()) {
			assertThat(Span.current().getSpanContext()).isEqualTo(turn.spanContext());
			assertThat(this.tracer.current(TurnSpan.class)).containsSame(turn);
		}
		assertThat(Span.current().getSpanContext().isValid()).isFalse();
		turn.close();
		session.end();
	}

	@Test
	void endedSessionsCannotBeFoundAndShutdownEndsTheRest() {
		AgentSession ended = this.tracer.startSession("ended", "agent");
		this.tracer.startSession("open", "agent");
		ended.end();
		assertThat(this.tracer.session("ended")).isEmpty();
		assertThat(this.tracer.session("open")).isPresent();
		this.tracer.close();
		assertThat(this.tracer.openSessions()).isZero();
		assertThat(this.tracing.spans(TenConventions.SESSION_SPAN))
			.extracting((span) -> attribute(span, TenConventions.SESSION_ID) + ":"
					+ attribute(span, TenConventions.SESSION_END_REASON))
			.containsExactlyInAnyOrder("ended:null", "open:shutdown");
	}

	@Test
	void atTheCapTheLeastRecentlyActiveSessionIsEndedAndTheNewOneIsFindable() {
		AtomicLong ticker = new AtomicLong();
		OpenTelemetryAgentTracer tracer = OpenTelemetryAgentTracer.builder(this.tracing.sdk)
			.maxOpenSessions(2)
			.ticker(ticker::get)
			.build();
		AgentSession first = tracer.startSession("1", "agent");
		ticker.addAndGet(1_000);
		tracer.startSession("2", "agent");
		ticker.addAndGet(1_000);
		first.startTurn("still talking").close();
		ticker.addAndGet(1_000);
		AgentSession third = tracer.startSession("3", "agent");

		assertThat(tracer.openSessions()).isEqualTo(2);
		assertThat(tracer.session("3")).containsSame(third);
		assertThat(tracer.session("1")).containsSame(first);
		assertThat(tracer.session("2")).isEmpty();
		assertThat(endReasons()).containsExactly("2:evicted");
		first.end();
		third.end();
	}

	@Test
	void aSessionIdleForLongerThanTheTimeoutIsEndedAndExported() {
		AtomicLong ticker = new AtomicLong();
		OpenTelemetryAgentTracer tracer = OpenTelemetryAgentTracer.builder(this.tracing.sdk)
			.sessionIdleTimeout(Duration.ofMinutes(30))
			.ticker(ticker::get)
			.build();
		AgentSession idle = tracer.startSession("idle", "agent");
		TurnSpan abandoned = idle.startTurn("hello?");
		AgentSession busy = tracer.startSession("busy", "agent");
		ticker.addAndGet(Duration.ofMinutes(20).toNanos());
		busy.userJoined();
		ticker.addAndGet(Duration.ofMinutes(20).toNanos());

		assertThat(tracer.expireIdleSessions()).isEqualTo(1);

		assertThat(tracer.session("idle")).isEmpty();
		assertThat(tracer.session("busy")).isPresent();
		assertThat(endReasons()).containsExactly("idle:idle_timeout");
		assertThat(this.tracing.span(TenConventions.TURN_SPAN).getName()).as("its open turn is exported too")
			.isEqualTo(TenConventions.TURN_SPAN);
		abandoned.close();
		busy.end();
		tracer.close();
	}

	@Test
	void aSessionOpenedWithTheIdOfAnOpenOneEndsThatOne() {
		AgentSession first = this.tracer.startSession("same", "agent");
		AgentSession second = this.tracer.startSession("same", "agent");
		assertThat(this.tracer.session("same")).containsSame(second);
		assertThat(endReasons()).containsExactly("same:replaced");
		first.end();
		second.end();
		assertThat(this.tracing.spans(TenConventions.SESSION_SPAN)).hasSize(2);
	}

	@Test
	void stepsOfAnEndedSessionRecordNothingAndSaySoOnce(CapturedOutput output) {
		AgentSession session = this.tracer.startSession("s", "agent");
		TurnSpan turn = session.startTurn("hi");
		session.end();
		session.startTurn("too late").close();
		session.startLlm("too late").close();
		try (Scope inTurn = turn.makeCurrent()) {
			this.tracer.startTts("tts-late", "too late").close();
			this.tracer.traceTool("late_tool", null, (tool) -> "ran anyway");
		}
		turn.close();
		assertThat(this.tracing.spans()).extracting(SpanData::getName)
			.containsExactlyInAnyOrder(TenConventions.SESSION_SPAN, TenConventions.TURN_SPAN);
		assertThat(output).containsOnlyOnce("started in an agent session that has already ended");
	}

	@Test
	void builderRejectsNonsense() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> OpenTelemetryAgentTracer.builder(this.tracing.sdk).maxContentLength(0))
			.withMessageContaining("maxContentLength");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> OpenTelemetryAgentTracer.builder(null));
	}

	@Test
	void noopTracerRecordsNothingAndNeverFails() {
		AgentTracer noop = AgentTracer.noop();
		AgentSession session = noop.startSession("s", "agent");
		assertThat(session.id()).isEqualTo("s");
		assertThat(noop.session("elsewhere")).get().extracting(AgentSession::id).isEqualTo("elsewhere");
		try (Scope ignored = session.makeCurrent(); TurnSpan turn = session.startTurn("hi")) {
			turn.interrupted();
			String answer = noop.traceLlm("r", (llm) -> {
				llm.usage(1, 2);
				return "answer";
			});
			assertThat(answer).isEqualTo("answer");
			assertThat(noop.current(LlmSpan.class)).isEmpty();
		}
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> noop.traceTool("t", null, (tool) -> {
			throw new UncheckedIOException(new IOException("boom"));
		}));
		assertThat(GlobalAgentTracer.get()).isNotNull();
	}

	@Test
	void withCaptureOnAnExceptionsMessageAndStackTraceAreCutLikeContent() {
		OpenTelemetryAgentTracer tracer = OpenTelemetryAgentTracer.builder(this.tracing.sdk).maxContentLength(100).build();
		tracer.traceTool("t", null, (tool) -> {
			tool.recordException(new IllegalStateException("m".repeat(500), new IOException("cause")));
			return null;
		});
		var event = this.tracing.span(TenConventions.TOOL_SPAN).getEvents().get(0);
		assertThat(event.getName()).isEqualTo(TenConventions.EXCEPTION_EVENT);
		assertThat(event.getAttributes().get(TenConventions.EXCEPTION_TYPE)).isEqualTo("java.lang.IllegalStateException");
		assertThat(event.getAttributes().get(TenConventions.EXCEPTION_MESSAGE))
			.isEqualTo("m".repeat(100) + "…[truncated 400 chars]");
		assertThat(event.getAttributes().get(TenConventions.EXCEPTION_STACKTRACE))
			.startsWith("java.lang.IllegalStateException: mmm")
			.endsWith("…[truncated]")
			.hasSize(100 + "…[truncated]".length());
	}

	@Test
	void nonTextContentIsRenderedNoFurtherThanTheLimit() {
		CountingList huge = new CountingList(10_000_000);
		try (ToolSpan tool = this.tracer.startTool("t", huge)) {
			tool.output(Map.of("ok", true));
		}
		assertThat(attribute(this.tracing.span(TenConventions.TOOL_SPAN), TenConventions.TOOL_ARGUMENTS))
			.startsWith("[\"item\",\"item\"")
			.endsWith("…[truncated]")
			.hasSize(1000 + "…[truncated]".length());
		assertThat(huge.reads.get()).as("elements read to render 1,000 characters").isLessThan(10_000);
	}

	@Test
	void controlCharactersInIdsNamesAndEventKeysAreReplaced() {
		AgentSession session = this.tracer.startSession("s\u0000-1\u001b[31m", "agent\u0007");
		session.addEvent("custom\u0000event", Map.of("key\u001b", "value"));
		session.startLlm("req\u0000", "gpt\u009b4o").close();
		session.end();
		SpanData root = this.tracing.span(TenConventions.SESSION_SPAN);
		assertThat(attribute(root, TenConventions.SESSION_ID)).isEqualTo("s\uFFFD-1\uFFFD[31m");
		assertThat(attribute(root, TenConventions.AGENT_NAME)).isEqualTo("agent\uFFFD");
		assertThat(root.getEvents().get(0).getName()).isEqualTo("custom\uFFFDevent");
		assertThat(root.getEvents().get(0).getAttributes().asMap().keySet())
			.extracting(io.opentelemetry.api.common.AttributeKey::getKey)
			.containsExactly("key\uFFFD");
		SpanData llm = this.tracing.span(TenConventions.LLM_SPAN);
		assertThat(attribute(llm, TenConventions.LLM_REQUEST_ID)).isEqualTo("req\uFFFD");
		assertThat(attribute(llm, TenConventions.GEN_AI_REQUEST_MODEL)).isEqualTo("gpt\uFFFD4o");
	}

	@Test
	void aFailureRacingTheCloseIsWhollyRecordedOrWhollyIgnored() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			for (int i = 0; i < 500; i++) {
				ToolSpan tool = this.tracer.startTool("race", null);
				CyclicBarrier start = new CyclicBarrier(2);
				Future<?> failing = threads.submit(() -> {
					await(start);
					tool.recordException(new IOException("boom"));
				});
				Future<?> closing = threads.submit(() -> {
					await(start);
					tool.close();
				});
				failing.get();
				closing.get();
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(this.tracing.spans(TenConventions.TOOL_SPAN)).hasSize(500).allSatisfy((tool) -> {
			boolean error = tool.getStatus().getStatusCode() == StatusCode.ERROR;
			assertThat(eventNames(tool).contains(TenConventions.EXCEPTION_EVENT)).isEqualTo(error);
			assertThat(attribute(tool, TenConventions.TOOL_IS_ERROR)).isEqualTo(error);
		});
	}

	@Test
	void aCancellationRacingAnInterruptionSetsOneOfThemNeverBoth() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(2);
		AgentSession session = this.tracer.startSession("s", "agent");
		try {
			for (int i = 0; i < 300; i++) {
				TurnSpan turn = session.startTurn("turn " + i);
				LlmSpan llm = session.startLlm("req-" + i);
				CyclicBarrier start = new CyclicBarrier(2);
				Future<?> interrupting = threads.submit(() -> {
					await(start);
					session.interrupt();
				});
				Future<?> cancelling = threads.submit(() -> {
					await(start);
					turn.cancelled();
					llm.cancelled();
				});
				interrupting.get();
				cancelling.get();
				llm.close();
				turn.close();
			}
		}
		finally {
			threads.shutdownNow();
		}
		session.end();
		List<SpanData> steps = new ArrayList<>(this.tracing.spans(TenConventions.TURN_SPAN));
		steps.addAll(this.tracing.spans(TenConventions.LLM_SPAN));
		assertThat(steps).hasSize(600).allSatisfy((step) -> {
			boolean interrupted = Boolean.TRUE.equals(attribute(step, TenConventions.INTERRUPTED));
			boolean cancelled = Boolean.TRUE.equals(attribute(step, TenConventions.CANCELLED));
			assertThat(interrupted && cancelled).as("%s interrupted and cancelled", step.getName()).isFalse();
		});
	}

	private List<String> endReasons() {
		return this.tracing.spans(TenConventions.SESSION_SPAN)
			.stream()
			.filter((span) -> attribute(span, TenConventions.SESSION_END_REASON) != null)
			.map((span) -> attribute(span, TenConventions.SESSION_ID) + ":"
					+ attribute(span, TenConventions.SESSION_END_REASON))
			.toList();
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Tool arguments that count how often they are looked at. */
	static final class CountingArguments {

		final AtomicInteger reads = new AtomicInteger();

		public String getCard() {
			this.reads.incrementAndGet();
			return "4111";
		}

		@Override
		public String toString() {
			this.reads.incrementAndGet();
			return "card 4111";
		}

	}

	/** A long list that counts the elements read from it. */
	static final class CountingList extends AbstractList<String> {

		final AtomicInteger reads = new AtomicInteger();

		private final int size;

		CountingList(int size) {
			this.size = size;
		}

		@Override
		public String get(int index) {
			this.reads.incrementAndGet();
			return "item";
		}

		@Override
		public int size() {
			return this.size;
		}

	}

	static final class SelfReferencing {

		public SelfReferencing getSelf() {
			return this;
		}

	}

}
