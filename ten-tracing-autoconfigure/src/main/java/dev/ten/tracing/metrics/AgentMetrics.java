package dev.ten.tracing.metrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.ten.tracing.TenConventions;
import dev.ten.tracing.internal.Guard;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * The agent's latencies, tool calls, interruptions and token spend as Micrometer meters, read from the agent
 * spans as they end, so that they agree with the traces. See the README's metrics table for names, units and
 * tags. Latencies are histograms in seconds with buckets from 10 ms to 30 s; while a span's trace is sampled,
 * it is current as its latencies are recorded, so that a registry with exemplars (Prometheus) points a bucket
 * at the trace. Tags have few values (agent, model, provider, tool, error type), never a session id.
 */
public final class AgentMetrics implements SpanProcessor, SmartInitializingSingleton {

	/** Bucket boundaries of every latency histogram: what a voice caller can tell apart, 10 ms to 30 s. */
	static final Duration[] LATENCY_BUCKETS = Stream.of(10, 20, 50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000,
			5000, 10_000, 20_000, 30_000).map(Duration::ofMillis).toArray(Duration[]::new);

	static final String OPERATION_DURATION = "gen_ai.client.operation.duration";

	static final String TIME_TO_FIRST_CHUNK = "gen_ai.client.operation.time_to_first_chunk";

	static final String INPUT_TOKENS = "gen_ai.client.inference.usage.input_tokens";

	static final String OUTPUT_TOKENS = "gen_ai.client.inference.usage.output_tokens";

	static final String TURN_LATENCY = "ten.turn.e2e_latency";

	static final String TURN_INTERRUPTIONS = "ten.turn.interruptions";

	static final String TURN_LATENCY_SEGMENT = "ten.turn.latency";

	/** Tag of {@value #TURN_LATENCY_SEGMENT}: the segment's name, as in {@code ten.turn.latency.<segment>}. */
	static final String SEGMENT = "segment";

	static final String TTS_TIME_TO_FIRST_BYTE = "ten.tts.time_to_first_byte";

	static final String TOOL_DURATION = "ten.tool.duration";

	static final String TOOL_ERRORS = "ten.tool.errors";

	private static final String ERROR_TYPE = "error.type";

	private static final String TOKEN_MODALITY = "gen_ai.token.modality";

	private static final String UNKNOWN = "unknown";

	/** Where Micrometer's Prometheus registries live, the ones that keep exemplars. */
	private static final String PROMETHEUS_REGISTRIES = "io.micrometer.prometheus";

	private final Supplier<MeterRegistry> registrySupplier;

	/** The meters, made at the first span that ends: a registry may need the tracer, which needs this. */
	private volatile Meters meters;

	/**
	 * Creates the metrics.
	 * @param registry where the meters go, looked up when the first agent span ends; {@code null} from it
	 * records nothing
	 */
	public AgentMetrics(Supplier<MeterRegistry> registry) {
		this.registrySupplier = registry;
	}

	/** Looks the registry up once the application's beans exist, rather than on an agent's thread. */
	@Override
	public void afterSingletonsInstantiated() {
		Guard.run(this::meters);
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
	}

	@Override
	public boolean isStartRequired() {
		return false;
	}

	@Override
	public void onEnd(ReadableSpan span) {
		if (!TenConventions.INSTRUMENTATION_SCOPE.equals(span.getInstrumentationScopeInfo().getName())) {
			return;
		}
		try {
			Meters meters = meters();
			if (meters == null) {
				return;
			}
			switch (span.getName()) {
				case TenConventions.TURN_SPAN -> turn(meters, span);
				case TenConventions.LLM_SPAN -> llm(meters, span);
				case TenConventions.TTS_SPAN -> tts(meters, span);
				case TenConventions.TOOL_SPAN -> tool(meters, span);
				case TenConventions.STT_SPAN -> stt(meters, span);
				default -> {
				}
			}
		}
		catch (Throwable ex) {
			// No capturing lambda: this runs for every agent span that ends.
			Guard.failed(ex);
		}
	}

	@Override
	public boolean isEndRequired() {
		return true;
	}

	private static void turn(Meters meters, ReadableSpan span) {
		Tags tags = Tags.of(tag(span.getAttribute(TenConventions.GEN_AI_AGENT_NAME)));
		Double latency = span.getAttribute(TenConventions.TURN_E2E_LATENCY);
		if (latency != null) {
			try (Scope trace = meters.inTrace(span)) {
				meters.turnLatency.withTags(tags).record(nanos(latency), TimeUnit.NANOSECONDS);
				for (AttributeKey<Double> key : TenConventions.TURN_LATENCY_SEGMENTS) {
					Double segment = span.getAttribute(key);
					if (segment != null) {
						meters.turnLatencySegment.withTags(tags.and(SEGMENT, segmentName(key)))
							.record(nanos(segment), TimeUnit.NANOSECONDS);
					}
				}
			}
		}
		if (Boolean.TRUE.equals(span.getAttribute(TenConventions.INTERRUPTED))) {
			meters.interruptions
				.withTags(tags.and(tag(TenConventions.INTERRUPTION_CAUSE, span.getAttribute(TenConventions.INTERRUPTION_CAUSE))))
				.increment();
		}
	}

	private static void llm(Meters meters, ReadableSpan span) {
		Tags model = operation(TenConventions.OPERATION_CHAT, span);
		Tags outcome = model.and(errorType(span));
		Double firstChunk = span.getAttribute(TenConventions.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK);
		try (Scope trace = meters.inTrace(span)) {
			meters.operationDuration.withTags(outcome).record(span.getLatencyNanos(), TimeUnit.NANOSECONDS);
			if (firstChunk != null) {
				meters.timeToFirstChunk.withTags(model).record(nanos(firstChunk), TimeUnit.NANOSECONDS);
			}
		}
		tokens(meters.inputTokens, model, span.getAttribute(TenConventions.GEN_AI_USAGE_INPUT_TOKENS),
				span.getAttribute(TenConventions.GEN_AI_USAGE_AUDIO_INPUT_TOKENS));
		tokens(meters.outputTokens, model, span.getAttribute(TenConventions.GEN_AI_USAGE_OUTPUT_TOKENS),
				span.getAttribute(TenConventions.GEN_AI_USAGE_AUDIO_OUTPUT_TOKENS));
	}

	private static void tts(Meters meters, ReadableSpan span) {
		Tags operation = operation(TenConventions.OPERATION_TEXT_TO_SPEECH, span);
		Double firstByte = span.getAttribute(TenConventions.TTS_TIME_TO_FIRST_BYTE);
		try (Scope trace = meters.inTrace(span)) {
			meters.operationDuration.withTags(operation.and(errorType(span))).record(span.getLatencyNanos(), TimeUnit.NANOSECONDS);
			if (firstByte != null) {
				meters.ttsTimeToFirstByte.withTags(Tags.empty()).record(nanos(firstByte), TimeUnit.NANOSECONDS);
			}
		}
	}

	private static void stt(Meters meters, ReadableSpan span) {
		Tags outcome = operation(TenConventions.OPERATION_SPEECH_TO_TEXT, span).and(errorType(span));
		try (Scope trace = meters.inTrace(span)) {
			meters.operationDuration.withTags(outcome).record(span.getLatencyNanos(), TimeUnit.NANOSECONDS);
		}
	}

	private static void tool(Meters meters, ReadableSpan span) {
		Tags tool = Tags.of(tag(TenConventions.GEN_AI_TOOL_NAME, span.getAttribute(TenConventions.GEN_AI_TOOL_NAME)));
		Tag error = errorType(span);
		boolean failed = Boolean.TRUE.equals(span.getAttribute(TenConventions.TOOL_IS_ERROR))
				|| span.getAttribute(TenConventions.ERROR_TYPE) != null;
		try (Scope trace = meters.inTrace(span)) {
			meters.toolDuration.withTags(tool.and(error)).record(span.getLatencyNanos(), TimeUnit.NANOSECONDS);
		}
		if (failed) {
			meters.toolErrors.withTags(tool).increment();
		}
	}

	/** The same tag keys for every operation: registries such as Prometheus require it of one meter name. */
	private static Tags operation(String operation, ReadableSpan span) {
		return Tags.of(Tag.of(TenConventions.GEN_AI_OPERATION_NAME.getKey(), operation),
				tag(TenConventions.GEN_AI_PROVIDER_NAME, span.getAttribute(TenConventions.GEN_AI_PROVIDER_NAME)),
				tag(TenConventions.GEN_AI_REQUEST_MODEL, span.getAttribute(TenConventions.GEN_AI_REQUEST_MODEL)));
	}

	/** A direction's tokens, split by modality: those reported as audio, and the rest as text. */
	private static void tokens(MeterProvider<Counter> counter, Tags tags, Long total, Long audio) {
		long audioTokens = (audio != null && audio > 0) ? audio : 0;
		long textTokens = (total != null) ? Math.max(total - audioTokens, 0) : 0;
		if (textTokens > 0) {
			counter.withTags(tags.and(TOKEN_MODALITY, "text")).increment(textTokens);
		}
		if (audioTokens > 0) {
			counter.withTags(tags.and(TOKEN_MODALITY, "audio")).increment(audioTokens);
		}
	}

	/** The meters, or {@code null} when the application has no registry. */
	private Meters meters() {
		Meters meters = this.meters;
		if (meters == null) {
			MeterRegistry registry = this.registrySupplier.get();
			meters = (registry != null) ? new Meters(registry) : Meters.NONE;
			this.meters = meters;
		}
		return (meters != Meters.NONE) ? meters : null;
	}

	private static long nanos(double seconds) {
		return Math.round(seconds * 1e9);
	}

	/** The exception type a failed step recorded, else {@code none}. */
	private static Tag errorType(ReadableSpan span) {
		String type = span.getAttribute(TenConventions.ERROR_TYPE);
		return Tag.of(ERROR_TYPE, (type != null && !type.isEmpty()) ? type : "none");
	}

	private static Tag tag(String agentName) {
		return tag(TenConventions.GEN_AI_AGENT_NAME, agentName);
	}

	private static String segmentName(AttributeKey<Double> key) {
		return key.getKey().substring(TenConventions.TURN_LATENCY_PREFIX.length());
	}

	private static Tag tag(AttributeKey<String> key, String value) {
		return Tag.of(key.getKey(), (value != null && !value.isEmpty()) ? value : UNKNOWN);
	}

	/** The meters, by name, each taking its tags per recording. */
	private static final class Meters {

		/** What an application without a registry gets: nothing is recorded. */
		static final Meters NONE = new Meters();

		final MeterProvider<Timer> turnLatency;

		final MeterProvider<Timer> turnLatencySegment;

		final MeterProvider<Counter> interruptions;

		final MeterProvider<Timer> operationDuration;

		final MeterProvider<Timer> timeToFirstChunk;

		final MeterProvider<Timer> ttsTimeToFirstByte;

		final MeterProvider<Timer> toolDuration;

		final MeterProvider<Counter> toolErrors;

		final MeterProvider<Counter> inputTokens;

		final MeterProvider<Counter> outputTokens;

		/** Whether the registry keeps exemplars, which read the current span: Prometheus's does. */
		private final boolean exemplars;

		private Meters() {
			this.exemplars = false;
			this.turnLatency = null;
			this.turnLatencySegment = null;
			this.interruptions = null;
			this.operationDuration = null;
			this.timeToFirstChunk = null;
			this.ttsTimeToFirstByte = null;
			this.toolDuration = null;
			this.toolErrors = null;
			this.inputTokens = null;
			this.outputTokens = null;
		}

		Meters(MeterRegistry registry) {
			this.exemplars = keepsExemplars(registry);
			this.turnLatency = latency(registry, TURN_LATENCY,
					"Seconds from the end of the user's speech to the turn's first audio (or its playback)");
			this.turnLatencySegment = latency(registry, TURN_LATENCY_SEGMENT,
					"Seconds of a turn's wait spent in one segment of its latency breakdown");
			this.interruptions = Counter.builder(TURN_INTERRUPTIONS)
				.description("Turns cut short by the user speaking or a new turn")
				.withRegistry(registry);
			this.operationDuration = latency(registry, OPERATION_DURATION, "Seconds a GenAI operation took");
			this.timeToFirstChunk = latency(registry, TIME_TO_FIRST_CHUNK,
					"Seconds to the first chunk of a streamed response");
			this.ttsTimeToFirstByte = latency(registry, TTS_TIME_TO_FIRST_BYTE,
					"Seconds from the start of a synthesis to its first audio");
			this.toolDuration = latency(registry, TOOL_DURATION, "Seconds a tool call took");
			this.toolErrors = Counter.builder(TOOL_ERRORS)
				.description("Tool calls that failed or reported an error")
				.withRegistry(registry);
			this.inputTokens = tokens(registry, INPUT_TOKENS, "Input tokens used");
			this.outputTokens = tokens(registry, OUTPUT_TOKENS, "Output tokens used");
		}

		/**
		 * Makes the span's trace current for the recording of its latencies when the registry keeps exemplars,
		 * so that the bucket points at the trace; a trace that is not sampled is not exported, so it is not
		 * pointed at. Making a context current costs what Spring Boot's context wrappers do (the log MDC), so
		 * not for registries that would not use it. A scope, not a callback: nothing is allocated per span.
		 * @return the scope to close after recording
		 */
		Scope inTrace(ReadableSpan span) {
			if (!this.exemplars || !span.getSpanContext().isSampled()) {
				return Scope.noop();
			}
			return Context.root().with(Span.wrap(span.getSpanContext())).makeCurrent();
		}

		private static boolean keepsExemplars(MeterRegistry registry) {
			if (registry instanceof CompositeMeterRegistry composite) {
				return composite.getRegistries().stream().anyMatch(Meters::keepsExemplars);
			}
			return registry.getClass().getName().startsWith(PROMETHEUS_REGISTRIES);
		}

		private static MeterProvider<Timer> latency(MeterRegistry registry, String name, String description) {
			return Timer.builder(name)
				.description(description)
				.serviceLevelObjectives(LATENCY_BUCKETS)
				.withRegistry(registry);
		}

		private static MeterProvider<Counter> tokens(MeterRegistry registry, String name, String description) {
			return Counter.builder(name).description(description).baseUnit("tokens").withRegistry(registry);
		}

	}

	/** For tests: every meter name this records. */
	static List<String> names() {
		return List.of(TURN_LATENCY, TURN_LATENCY_SEGMENT, TURN_INTERRUPTIONS, OPERATION_DURATION, TIME_TO_FIRST_CHUNK, INPUT_TOKENS,
				OUTPUT_TOKENS, TTS_TIME_TO_FIRST_BYTE, TOOL_DURATION, TOOL_ERRORS);
	}

}
