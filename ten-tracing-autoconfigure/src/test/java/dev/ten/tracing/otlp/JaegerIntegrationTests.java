package dev.ten.tracing.otlp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import dev.ten.tracing.AgentSession;
import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.LlmSpan;
import dev.ten.tracing.ToolSpan;
import dev.ten.tracing.TtsSpan;
import dev.ten.tracing.TurnSpan;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A conversation exported to a real Jaeger and found again through Jaeger's query API. Needs a Docker
 * engine: where none runs, JUnit reports this class as skipped ("disabledWithoutDocker").
 */
@Testcontainers(disabledWithoutDocker = true)
class JaegerIntegrationTests {

	private static final int OTLP_GRPC = 4317;

	private static final int QUERY = 16686;

	@Container
	static final GenericContainer<?> jaeger = new GenericContainer<>("jaegertracing/all-in-one:1.62.0")
		.withEnv("COLLECTOR_OTLP_ENABLED", "true")
		.withExposedPorts(OTLP_GRPC, QUERY)
		.waitingFor(Wait.forHttp("/").forPort(QUERY));

	@Test
	void jaegerShowsTheConversationAsOneTraceWithTheSeedsSpans() {
		String endpoint = "http://" + jaeger.getHost() + ":" + jaeger.getMappedPort(OTLP_GRPC);
		String traceId;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.run("--ten.tracing.otlp-endpoint=" + endpoint, "--ten.tracing.service-name=jaeger-it")) {
			AgentTracer tracer = context.getBean(AgentTracer.class);
			AgentSession session = tracer.startSession("jaeger-session", "weather-agent");
			try (TurnSpan turn = session.startTurn("Weather?"); Scope inTurn = turn.makeCurrent()) {
				try (LlmSpan llm = tracer.startLlm("req-1"); Scope inLlm = llm.makeCurrent();
						ToolSpan tool = tracer.startTool("weather_api", "{}")) {
					tool.output("sunny");
				}
				try (TtsSpan tts = tracer.startTts("tts-1", "Sunny")) {
					assertThat(tts.spanContext().isValid()).isTrue();
				}
			}
			traceId = session.spanContext().getTraceId();
			session.end();
		}
		URI query = URI.create("http://" + jaeger.getHost() + ":" + jaeger.getMappedPort(QUERY) + "/api/traces/" + traceId);
		HttpClient client = HttpClient.newHttpClient();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			HttpResponse<String> response = client.send(HttpRequest.newBuilder(query).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			List<String> names = JsonPath.read(response.body(), "$.data[0].spans[*].operationName");
			assertThat(names).containsExactlyInAnyOrder("agent_session", "user_turn", "llm_node", "tool_call",
					"tts_node");
			List<String> services = JsonPath.read(response.body(), "$.data[0].processes.*.serviceName");
			assertThat(services).containsOnly("jaeger-it");
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}
