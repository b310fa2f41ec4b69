package dev.ten.tracing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.ten.tracing.sampling.AgentSessionSampler;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.ten.tracing.InMemoryTracing.attribute;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many sessions at once, their turns and steps handled on whichever pool thread is free: every trace must
 * hold exactly its own session's spans, correctly parented.
 */
class ConcurrentSessionsTests {

	private static final int SESSIONS = 200;

	private static final int TURNS = 3;

	private static final int SPANS_PER_TURN = 4;

	private final ExecutorService pool = Executors.newFixedThreadPool(16);

	@AfterEach
	void stopPool() throws InterruptedException {
		this.pool.shutdownNow();
		assertThat(this.pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void everyTraceHoldsExactlyItsOwnSessionsSpans() {
		InMemoryTracing tracing = new InMemoryTracing();
		AgentTracer tracer = OpenTelemetryAgentTracer.builder(tracing.sdk).build();

		runConversations(tracer);

		List<SpanData> spans = tracing.spans();
		assertThat(spans).hasSize(SESSIONS * (1 + TURNS * SPANS_PER_TURN));
		Map<String, List<SpanData>> byTrace = spans.stream().collect(Collectors.groupingBy(SpanData::getTraceId));
		assertThat(byTrace).hasSize(SESSIONS);
		byTrace.values().forEach(ConcurrentSessionsTests::assertOneWholeSession);
	}

	@Test
	void samplingDecidesPerSessionWholeOrNothing() {
		InMemoryTracing tracing = new InMemoryTracing(new AgentSessionSampler(0.5, Sampler.alwaysOff()));
		AgentTracer tracer = OpenTelemetryAgentTracer.builder(tracing.sdk).build();

		runConversations(tracer);

		Map<String, List<SpanData>> byTrace = tracing.spans()
			.stream()
			.collect(Collectors.groupingBy(SpanData::getTraceId));
		assertThat(byTrace.size()).as("sampled sessions").isBetween(SESSIONS / 4, SESSIONS * 3 / 4);
		byTrace.values().forEach(ConcurrentSessionsTests::assertOneWholeSession);
	}

	private void runConversations(AgentTracer tracer) {
		List<CompletableFuture<Void>> conversations = new ArrayList<>();
		for (int i = 0; i < SESSIONS; i++) {
			String sessionId = "session-" + i;
			conversations.add(CompletableFuture.supplyAsync(() -> tracer.startSession(sessionId, "agent"), this.pool)
				.thenCompose((session) -> playTurns(tracer, sessionId, 1))
				.thenAcceptAsync((ignored) -> tracer.session(sessionId).orElseThrow().end(), this.pool));
		}
		conversations.forEach(CompletableFuture::join);
	}

	/** Each turn starts on one pool thread and its TTS runs on another, found by session id. */
	private CompletableFuture<Void> playTurns(AgentTracer tracer, String sessionId, int turn) {
		if (turn > TURNS) {
			return CompletableFuture.completedFuture(null);
		}
		return CompletableFuture.supplyAsync(() -> {
			AgentSession session = tracer.session(sessionId).orElseThrow();
			TurnSpan turnSpan = session.startTurn(sessionId + " turn " + turn);
			try (Scope inTurn = turnSpan.makeCurrent()) {
				tracer.traceLlm(sessionId + "/llm/" + turn,
						(llm) -> tracer.traceTool("lookup", Map.of("session", sessionId), (tool) -> "found"));
			}
			return turnSpan;
		}, this.pool).thenApplyAsync((turnSpan) -> {
			tracer.session(sessionId).orElseThrow().startTts(sessionId + "/tts/" + turn, "ok").close();
			return turnSpan;
		}, this.pool).thenAccept((turnSpan) -> {
			// Closed away from the thread that started it: the span still ends correctly.
			turnSpan.close();
		}).thenCompose((ignored) -> playTurns(tracer, sessionId, turn + 1));
	}

	private static void assertOneWholeSession(List<SpanData> trace) {
		List<SpanData> roots = trace.stream().filter((span) -> span.getName().equals(TenConventions.SESSION_SPAN)).toList();
		assertThat(roots).hasSize(1);
		SpanData root = roots.get(0);
		String sessionId = attribute(root, TenConventions.SESSION_ID);
		assertThat(trace).hasSize(1 + TURNS * SPANS_PER_TURN);
		Map<String, SpanData> byId = trace.stream().collect(Collectors.toMap(SpanData::getSpanId, (span) -> span));
		List<SpanData> turns = trace.stream().filter((span) -> span.getName().equals(TenConventions.TURN_SPAN)).toList();
		assertThat(turns).extracting((span) -> attribute(span, TenConventions.TURN_ID))
			.containsExactlyInAnyOrder(1L, 2L, 3L);
		for (SpanData span : trace) {
			SpanData parent = byId.get(span.getParentSpanId());
			switch (span.getName()) {
				case TenConventions.SESSION_SPAN -> assertThat(span.getParentSpanContext().isValid()).isFalse();
				case TenConventions.TURN_SPAN -> {
					assertThat(parent).isSameAs(root);
					assertThat(attribute(span, TenConventions.USER_INPUT)).startsWith(sessionId + " turn ");
				}
				case TenConventions.LLM_SPAN -> {
					assertThat(parent.getName()).isEqualTo(TenConventions.TURN_SPAN);
					assertThat(attribute(span, TenConventions.LLM_REQUEST_ID))
						.isEqualTo(sessionId + "/llm/" + attribute(parent, TenConventions.TURN_ID));
				}
				case TenConventions.TTS_SPAN -> {
					assertThat(parent.getName()).isEqualTo(TenConventions.TURN_SPAN);
					assertThat(attribute(span, TenConventions.TTS_REQUEST_ID))
						.isEqualTo(sessionId + "/tts/" + attribute(parent, TenConventions.TURN_ID));
				}
				case TenConventions.TOOL_SPAN -> {
					assertThat(parent.getName()).isEqualTo(TenConventions.LLM_SPAN);
					assertThat(attribute(span, TenConventions.TOOL_ARGUMENTS)).contains(sessionId + "\"");
				}
				default -> throw new AssertionError("unexpected span " + span.getName());
			}
		}
		assertThat(Set.copyOf(trace.stream().map(SpanData::getTraceId).toList())).hasSize(1);
	}

}
