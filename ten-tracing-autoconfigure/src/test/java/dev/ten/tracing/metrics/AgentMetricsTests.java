package dev.ten.tracing.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.ten.tracing.AgentSession;
import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.LlmSpan;
import dev.ten.tracing.SttSpan;
import dev.ten.tracing.TenConventions;
import dev.ten.tracing.ToolSpan;
import dev.ten.tracing.TtsSpan;
import dev.ten.tracing.TurnSpan;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent's meters after a scripted session: names, units, tags and values, which agree with the spans they
 * are read from; no tag with many values; exemplars that carry the trace id; every session counted whatever
 * the sampling; nothing when tracing is off.
 */
class AgentMetricsTests {

	private static final Set<String> LOW_CARDINALITY_TAGS = Set.of("gen_ai.agent.name", "gen_ai.operation.name",
			"gen_ai.provider.name", "gen_ai.request.model", "error.type", "gen_ai.tool.name", "gen_ai.token.modality", "segment", "ten.interruption.cause");

	private static final Offset<Double> ONE_NANOSECOND = Offset.offset(1e-9);

	private final InMemorySpanExporter spans = InMemorySpanExporter.create();

	private ConfigurableApplicationContext context;

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void aScriptedSessionGivesMetersThatAgreeWithItsSpans() {
		start();
		playSession("s-1");
		MeterRegistry registry = this.context.getBean(MeterRegistry.class);
		List<SpanData> finished = this.spans.getFinishedSpanItems();

		SpanData llm = named(finished, TenConventions.LLM_SPAN).get(0);
		Timer chat = registry.get(AgentMetrics.OPERATION_DURATION)
			.tags("gen_ai.operation.name", "chat", "gen_ai.provider.name", "openai", "gen_ai.request.model", "gpt-4o",
					"error.type", "none")
			.timer();
		assertThat(chat.count()).isEqualTo(1);
		assertThat(chat.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(nanos(llm));
		assertThat(registry.get(AgentMetrics.TIME_TO_FIRST_CHUNK).timer().totalTime(TimeUnit.SECONDS))
			.isCloseTo(llm.getAttributes().get(TenConventions.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK), ONE_NANOSECOND);

		assertThat(tokens(registry, AgentMetrics.INPUT_TOKENS, "text")).isEqualTo(70);
		assertThat(tokens(registry, AgentMetrics.INPUT_TOKENS, "audio")).isEqualTo(30);
		assertThat(tokens(registry, AgentMetrics.OUTPUT_TOKENS, "text")).isEqualTo(20);
		assertThat(registry.find(AgentMetrics.OUTPUT_TOKENS).tag("gen_ai.token.modality", "audio").counter()).isNull();
		assertThat(registry.get(AgentMetrics.INPUT_TOKENS).counter().getId().getBaseUnit()).isEqualTo("tokens");

		List<SpanData> tools = named(finished, TenConventions.TOOL_SPAN);
		assertThat(registry.get(AgentMetrics.TOOL_DURATION).tags("gen_ai.tool.name", "weather", "error.type", "none")
			.timer()
			.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(nanos(tools.get(0)));
		assertThat(registry.get(AgentMetrics.TOOL_DURATION)
			.tags("gen_ai.tool.name", "weather", "error.type", IllegalStateException.class.getName())
			.timer()
			.count()).isEqualTo(1);
		assertThat(registry.get(AgentMetrics.TOOL_ERRORS).tags("gen_ai.tool.name", "weather").counter().count())
			.isEqualTo(1);

		SpanData tts = named(finished, TenConventions.TTS_SPAN).get(0);
		assertThat(registry.get(AgentMetrics.TTS_TIME_TO_FIRST_BYTE).timer().totalTime(TimeUnit.SECONDS))
			.isCloseTo(tts.getAttributes().get(TenConventions.TTS_TIME_TO_FIRST_BYTE), ONE_NANOSECOND);
		assertThat(registry.get(AgentMetrics.OPERATION_DURATION).tags("gen_ai.operation.name", "text_to_speech")
			.timer()
			.count()).isEqualTo(1);

		List<SpanData> turns = named(finished, TenConventions.TURN_SPAN);
		Timer turnLatency = registry.get(AgentMetrics.TURN_LATENCY).tags("gen_ai.agent.name", "weather-agent").timer();
		assertThat(turnLatency.count()).as("the turn that played audio").isEqualTo(1);
		assertThat(turnLatency.totalTime(TimeUnit.SECONDS))
			.isCloseTo(turns.get(0).getAttributes().get(TenConventions.TURN_E2E_LATENCY), ONE_NANOSECOND);
		assertThat(registry.get(AgentMetrics.TURN_INTERRUPTIONS).tags("ten.interruption.cause", "user_speech")
			.counter()
			.count()).isEqualTo(1);

		double segments = registry.get(AgentMetrics.TURN_LATENCY_SEGMENT)
			.timers()
			.stream()
			.mapToDouble((timer) -> timer.totalTime(TimeUnit.SECONDS))
			.sum();
		assertThat(segments).as("the breakdown's meters add up to the turn's wait")
			.isCloseTo(turns.get(0).getAttributes().get(TenConventions.TURN_E2E_LATENCY), Offset.offset(1e-8));
		assertThat(registry.get(AgentMetrics.TURN_LATENCY_SEGMENT).tags("segment", "transcription").timer()
			.totalTime(TimeUnit.SECONDS))
			.isCloseTo(turns.get(0).getAttributes().get(TenConventions.TURN_LATENCY_TRANSCRIPTION), ONE_NANOSECOND);
		assertThat(registry.get(AgentMetrics.OPERATION_DURATION)
			.tags("gen_ai.operation.name", "speech_to_text", "gen_ai.request.model", "nova-3")
			.timer()
			.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(nanos(named(finished, TenConventions.STT_SPAN).get(0)));
	}

	@Test
	void latencyHistogramsHaveVoiceBucketsAndOnlyLowCardinalityTags() {
		start();
		playSession("s-1");
		playSession("s-2");
		MeterRegistry registry = this.context.getBean(MeterRegistry.class);
		List<Meter> agentMeters = registry.getMeters()
			.stream()
			.filter((meter) -> AgentMetrics.names().contains(meter.getId().getName()))
			.toList();
		assertThat(agentMeters).extracting((meter) -> meter.getId().getName())
			.containsAll(AgentMetrics.names());
		Set<String> definedGenAiKeys = definedGenAiKeys();
		for (Meter meter : agentMeters) {
			for (Tag tag : meter.getId().getTags()) {
				assertThat(LOW_CARDINALITY_TAGS).as("tag of %s", meter.getId()).contains(tag.getKey());
				assertThat(tag.getValue()).as("tag of %s", meter.getId()).isNotIn("s-1", "s-2");
				if (tag.getKey().startsWith("gen_ai.")) {
					assertThat(definedGenAiKeys).as("a gen_ai key the conventions define").contains(tag.getKey());
				}
			}
		}
		Timer chat = registry.get(AgentMetrics.OPERATION_DURATION).tags("gen_ai.operation.name", "chat").timer();
		assertThat(chat.count()).as("one meter for both sessions").isEqualTo(2);
		assertThat(Stream.of(chat.takeSnapshot().histogramCounts()).map((bucket) -> bucket.bucket(TimeUnit.SECONDS)))
			.containsSubsequence(0.01, 0.1, 1.0, 10.0, 30.0);
	}

	@Test
	void latencyBucketsCarryExemplarsThatPointAtTheTrace() {
		start();
		playSession("s-1");
		PrometheusMeterRegistry prometheus = this.context.getBean(PrometheusMeterRegistry.class);
		String traceId = named(this.spans.getFinishedSpanItems(), TenConventions.LLM_SPAN).get(0).getTraceId();
		String scrape = prometheus.scrape("application/openmetrics-text; version=1.0.0; charset=utf-8");
		List<String> exemplarLines = scrape.lines()
			.filter((line) -> line.startsWith("gen_ai_client_operation_duration_seconds_bucket")
					|| line.startsWith("ten_turn_e2e_latency_seconds_bucket"))
			.filter((line) -> line.contains("trace_id="))
			.toList();
		assertThat(exemplarLines).isNotEmpty().allSatisfy((line) -> assertThat(line).contains(traceId));
		assertThat(scrape).as("Prometheus names of the token counters")
			.contains("gen_ai_client_inference_usage_input_tokens_total{")
			.contains("gen_ai_client_inference_usage_output_tokens_total{");
	}

	@Test
	void everySessionIsCountedAlsoWhenItsTraceIsNotSampled() {
		start("--ten.tracing.sampling-probability=0.0");
		playSession("s-1");
		MeterRegistry registry = this.context.getBean(MeterRegistry.class);
		assertThat(this.spans.getFinishedSpanItems()).as("nothing exported").isEmpty();
		assertThat(registry.get(AgentMetrics.OPERATION_DURATION).tags("gen_ai.operation.name", "chat").timer().count())
			.isEqualTo(1);
		assertThat(tokens(registry, AgentMetrics.INPUT_TOKENS, "text")).isEqualTo(70);
		PrometheusMeterRegistry prometheus = this.context.getBean(PrometheusMeterRegistry.class);
		assertThat(prometheus.scrape("application/openmetrics-text; version=1.0.0; charset=utf-8"))
			.as("no exemplar points at a trace that was not exported")
			.doesNotContain("trace_id=");
	}

	@Test
	void nothingIsMeasuredWhenTracingIsOff() {
		start("--ten.tracing.enabled=false");
		playSession("s-1");
		assertThat(this.context.getBeansOfType(AgentMetrics.class)).isEmpty();
		MeterRegistry registry = this.context.getBean(MeterRegistry.class);
		assertThat(registry.getMeters()).noneMatch((meter) -> AgentMetrics.names().contains(meter.getId().getName()));
	}

	@Test
	void metricsCanBeSwitchedOff() {
		start("--ten.tracing.metrics.enabled=false");
		playSession("s-1");
		assertThat(this.context.getBeansOfType(AgentMetrics.class)).isEmpty();
		assertThat(this.spans.getFinishedSpanItems()).isNotEmpty();
	}

	/**
	 * One session: a turn with an LLM call (usage with audio, a streamed chunk), a tool that works, a tool that
	 * fails, and TTS that plays; then a turn interrupted by the user.
	 */
	private void playSession(String sessionId) {
		AgentTracer tracer = this.context.getBean(AgentTracer.class);
		AgentSession session = tracer.startSession(sessionId, "weather-agent");
		try (TurnSpan turn = session.startTurn("weather?")) {
			try (SttSpan stt = session.startStt("stt-1", "nova-3")) {
				turn.userInputEnded();
				stt.finalTranscript("weather?");
			}
			try (LlmSpan llm = session.startLlm("req-1", "gpt-4o")) {
				llm.provider("openai");
				llm.usage(100, 20);
				llm.audioUsage(30, 0);
				llm.responseChunk("It is ");
				try (ToolSpan tool = session.startTool("weather", "Paris")) {
					tool.output("sunny");
				}
				try (ToolSpan tool = session.startTool("weather", "Lyon")) {
					tool.recordException(new IllegalStateException("down"));
				}
			}
			try (TtsSpan tts = session.startTts("tts-1", "It is sunny.")) {
				tts.audioChunk();
			}
		}
		try (TurnSpan turn = session.startTurn("tell me a story")) {
			turn.interrupted();
		}
		session.end();
	}

	private void start(String... arguments) {
		this.context = new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.initializers((context) -> context.getBeanFactory()
				.registerSingleton("inMemorySpans", SimpleSpanProcessor.create(this.spans)))
			.run(Stream
				.concat(Stream.of("--spring.main.banner-mode=off", "--management.tracing.export.enabled=false",
						"--management.tracing.sampling.probability=1.0", "--management.prometheus.metrics.export.enabled=true"),
						Stream.of(arguments))
				.toArray(String[]::new));
	}

	private static Set<String> definedGenAiKeys() {
		try (InputStream in = AgentMetricsTests.class.getResourceAsStream("/semconv/gen-ai-attributes.txt")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.collect(Collectors.toSet());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static double tokens(MeterRegistry registry, String name, String modality) {
		Counter counter = registry.get(name).tag("gen_ai.token.modality", modality).counter();
		return counter.count();
	}

	private static double nanos(SpanData span) {
		return span.getEndEpochNanos() - span.getStartEpochNanos();
	}

	private static List<SpanData> named(List<SpanData> spans, String name) {
		return spans.stream().filter((span) -> span.getName().equals(name)).collect(Collectors.toList());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}
