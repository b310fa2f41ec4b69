package dev.ten.tracing.otlp;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.ten.tracing.AgentSession;
import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.TenConventions;
import dev.ten.tracing.TtsSpan;
import dev.ten.tracing.TurnSpan;
import dev.ten.tracing.annotation.Model;
import dev.ten.tracing.annotation.RequestId;
import dev.ten.tracing.annotation.SessionId;
import dev.ten.tracing.annotation.TracedLlm;
import dev.ten.tracing.annotation.TracedTool;
import dev.ten.tracing.annotation.TracedTts;
import dev.ten.tracing.annotation.TracedTurn;
import dev.ten.tracing.annotation.TtsInput;
import dev.ten.tracing.annotation.UserInput;
import io.opentelemetry.proto.trace.v1.Status;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wire path: an application configured only through {@code ten.tracing.*} exports a whole conversation
 * to a real OTLP receiver on loopback, over gRPC and over HTTP. Applications are started with
 * {@link SpringApplicationBuilder}, as users start them: plain runs keep Spring Boot's export on, which
 * spring-boot-micrometer-tracing-test switches off only in Spring test contexts.
 */
class OtlpExportIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Test
	void aConversationArrivesOverGrpcAsTheSeedsTree() throws IOException {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.grpc()) {
			playConversation(receiver, "grpc");
			assertSeedTree(receiver.awaitSpans(8, TIMEOUT), "wire-test-grpc");
			assertThat(receiver.lastHeader("x-test-token")).isEqualTo("secret-grpc");
		}
	}

	@Test
	void aConversationArrivesOverHttpAsTheSeedsTree() throws IOException {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.http()) {
			playConversation(receiver, "http");
			assertSeedTree(receiver.awaitSpans(8, TIMEOUT), "wire-test-http");
			assertThat(receiver.lastHeader("x-test-token")).isEqualTo("secret-http");
		}
	}

	@Test
	void everySessionIsExportedByDefault() throws IOException {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.grpc()) {
			try (ConfigurableApplicationContext context = run("--ten.tracing.otlp-endpoint=" + receiver.endpoint())) {
				AgentTracer tracer = context.getBean(AgentTracer.class);
				for (int i = 0; i < 20; i++) {
					tracer.startSession("session-" + i, "agent").end();
				}
			}
			List<ReceivedSpan> spans = receiver.awaitSpans(20, TIMEOUT);
			assertThat(spans).filteredOn((span) -> span.name().equals(TenConventions.SESSION_SPAN))
				.extracting((span) -> span.string("ten.session_id"))
				.hasSize(20)
				.doesNotHaveDuplicates();
			assertThat(spans).allSatisfy((span) -> assertThat(span.serviceName()).isEqualTo("ten-voice-agent"));
		}
	}

	@Test
	void tenThousandSessionsStillOpenAtShutdownAllArrive() throws IOException {
		int sessions = 10_000;
		try (OtlpTestReceiver receiver = OtlpTestReceiver.countingGrpc()) {
			try (ConfigurableApplicationContext context = run("--ten.tracing.otlp-endpoint=" + receiver.endpoint(),
					"--ten.tracing.shutdown-timeout=5m")) {
				AgentTracer tracer = context.getBean(AgentTracer.class);
				for (int i = 0; i < sessions; i++) {
					tracer.startSession("open-at-shutdown-" + i, "agent");
				}
			}
			assertThat(receiver.awaitSpanCount(sessions, Duration.ofMinutes(5)))
				.as("sessions ended at shutdown and delivered, with the default queue of 2048")
				.isEqualTo(sessions);
		}
	}

	private static void playConversation(OtlpTestReceiver receiver, String transport) {
		try (ConfigurableApplicationContext context = run("--ten.tracing.otlp-endpoint=" + receiver.endpoint(),
				"--ten.tracing.transport=" + transport, "--ten.tracing.service-name=wire-test-" + transport,
				"--ten.tracing.headers.x-test-token=secret-" + transport)) {
			AgentTracer tracer = context.getBean(AgentTracer.class);
			AgentSession session = tracer.startSession("session-" + transport, "weather-agent");
			session.userJoined();
			session.toolRegistered("weather_api");
			context.getBean(Agent.class).turn("session-" + transport, "Weather in Paris?");
			try (TurnSpan turn = session.startTurn("Thanks!")) {
				session.traceLlm("req-2", (llm) -> "You're welcome");
				try (TtsSpan tts = session.startTts("tts-2", "You're welcome")) {
					turn.interrupted();
				}
			}
			session.userLeft();
			session.end();
		}
	}

	private static void assertSeedTree(List<ReceivedSpan> spans, String serviceName) {
		assertThat(spans).hasSize(8);
		assertThat(spans).extracting(ReceivedSpan::traceId).containsOnly(spans.get(0).traceId());
		assertThat(spans).allSatisfy((span) -> assertThat(span.serviceName()).isEqualTo(serviceName));
		ReceivedSpan root = single(spans, TenConventions.SESSION_SPAN);
		assertThat(root.parentSpanId()).isEmpty();
		assertThat(root.string("ten.session_id")).startsWith("session-");
		assertThat(root.string("ten.agent_name")).isEqualTo("weather-agent");
		assertThat(root.eventNames()).containsExactly("user_joined", "tool_registered", "user_left");

		List<ReceivedSpan> turns = named(spans, TenConventions.TURN_SPAN);
		assertThat(turns).hasSize(2).allSatisfy((turn) -> assertThat(turn.parentSpanId()).isEqualTo(root.spanId()));
		ReceivedSpan first = turns.stream().filter((turn) -> turn.integer("ten.turn_id") == 1).findFirst().orElseThrow();
		ReceivedSpan second = turns.stream().filter((turn) -> turn.integer("ten.turn_id") == 2).findFirst().orElseThrow();
		assertThat(first.string("ten.user_input")).isEqualTo("Weather in Paris?");
		assertThat(first.bool("ten.interrupted")).isFalse();
		assertThat(second.bool("ten.interrupted")).isTrue();
		assertThat(second.eventNames()).containsExactly("interrupted");

		ReceivedSpan llm = named(spans, TenConventions.LLM_SPAN).stream()
			.filter((span) -> span.parentSpanId().equals(first.spanId()))
			.findFirst()
			.orElseThrow();
		assertThat(llm.string("ten.llm.request_id")).isEqualTo("req-1");
		assertThat(llm.string("gen_ai.request.model")).isEqualTo("gpt-4o");
		assertThat(llm.string("ten.llm.response_text")).isEqualTo("Sunny, 21°C");
		assertThat(llm.eventNames()).containsExactly("llm_response_complete");
		ReceivedSpan tool = single(spans, TenConventions.TOOL_SPAN);
		assertThat(tool.parentSpanId()).isEqualTo(llm.spanId());
		assertThat(tool.string("ten.tool.name")).isEqualTo("weather_api");
		assertThat(tool.string("ten.tool.arguments")).isEqualTo("{\"city\":\"Paris\"}");
		assertThat(tool.string("ten.tool.output")).isEqualTo("{\"sky\":\"sunny\",\"celsius\":21}");
		assertThat(tool.bool("ten.tool.is_error")).isFalse();
		assertThat(named(spans, TenConventions.TTS_SPAN)).hasSize(2).allSatisfy((tts) -> {
			assertThat(tts.parentSpanId()).isIn(first.spanId(), second.spanId());
			assertThat(tts.string("ten.tts.request_id")).startsWith("tts-");
			assertThat(tts.string("ten.tts.input_text")).isNotEmpty();
		});
		assertThat(spans).allSatisfy((span) -> assertThat(span.statusCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET));
	}

	private static List<ReceivedSpan> named(List<ReceivedSpan> spans, String name) {
		return spans.stream().filter((span) -> span.name().equals(name)).toList();
	}

	private static ReceivedSpan single(List<ReceivedSpan> spans, String name) {
		List<ReceivedSpan> named = named(spans, name);
		assertThat(named).as("spans named %s in %s", name, spans).hasSize(1);
		return named.get(0);
	}

	private static ConfigurableApplicationContext run(String... args) {
		return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off")
			.run(args);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

		@Bean
		WeatherTool weatherTool() {
			return new WeatherTool();
		}

		@Bean
		Llm llm(WeatherTool weatherTool) {
			return new Llm(weatherTool);
		}

		@Bean
		Tts tts() {
			return new Tts();
		}

		@Bean
		Agent agent(Llm llm, Tts tts) {
			return new Agent(llm, tts);
		}

	}

	static class Agent {

		private final Llm llm;

		private final Tts tts;

		Agent(Llm llm, Tts tts) {
			this.llm = llm;
			this.tts = tts;
		}

		@TracedTurn
		public String turn(@SessionId String sessionId, @UserInput String input) {
			String answer = this.llm.complete("req-1", "gpt-4o");
			this.tts.speak("tts-1", answer);
			return answer;
		}

	}

	static class Llm {

		private final WeatherTool weatherTool;

		Llm(WeatherTool weatherTool) {
			this.weatherTool = weatherTool;
		}

		@TracedLlm
		public String complete(@RequestId String requestId, @Model String model) {
			Map<String, Object> weather = this.weatherTool.weather("Paris");
			return "Sunny, " + weather.get("celsius") + "°C";
		}

	}

	static class WeatherTool {

		@TracedTool("weather_api")
		public Map<String, Object> weather(String city) {
			return new java.util.LinkedHashMap<>(Map.of("sky", "sunny")) {
				{
					put("celsius", 21);
				}
			};
		}

	}

	static class Tts {

		@TracedTts
		public void speak(@RequestId String requestId, @TtsInput String text) {
		}

	}

}
