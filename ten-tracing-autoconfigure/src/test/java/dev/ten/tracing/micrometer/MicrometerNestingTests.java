package dev.ten.tracing.micrometer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import dev.ten.tracing.AgentSession;
import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.TenConventions;
import dev.ten.tracing.annotation.RequestId;
import dev.ten.tracing.annotation.SessionId;
import dev.ten.tracing.annotation.TracedLlm;
import dev.ten.tracing.annotation.TracedTool;
import dev.ten.tracing.annotation.TracedTurn;
import dev.ten.tracing.annotation.UserInput;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls made through Micrometer-instrumented clients inside an agent span must nest under it, also when an
 * HTTP-server observation is in scope (the case where a plain {@code span.makeCurrent()} loses them to the
 * HTTP span), on Reactor threads and on executor threads.
 */
class MicrometerNestingTests {

	private final InMemorySpanExporter spans = InMemorySpanExporter.create();

	private HttpServer llmServer;

	private ConfigurableApplicationContext context;

	@BeforeEach
	void start() throws IOException {
		this.llmServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.llmServer.createContext("/v1/chat", (exchange) -> {
			byte[] body = "It is sunny.".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.llmServer.start();
		this.context = new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			// The processor is the bean, not the exporter: Spring Boot's batch processor feeds every exporter bean.
			.initializers((context) -> context.getBeanFactory()
				.registerSingleton("inMemorySpans", SimpleSpanProcessor.create(this.spans)))
			.run("--spring.main.banner-mode=off", "--management.tracing.export.enabled=false",
					"--management.tracing.sampling.probability=1.0",
					"--llm.url=http://127.0.0.1:" + this.llmServer.getAddress().getPort() + "/v1/chat");
	}

	@AfterEach
	void stop() {
		this.context.close();
		this.llmServer.stop(0);
	}

	@Test
	void aRestClientCallInsideAnLlmSpanIsItsChildEvenWithAnHttpServerObservationInScope() {
		AgentTracer tracer = this.context.getBean(AgentTracer.class);
		ObservationRegistry registry = this.context.getBean(ObservationRegistry.class);
		Agent agent = this.context.getBean(Agent.class);

		Observation.createNotStarted("http.server.requests", registry).observe(() -> {
			AgentSession session = tracer.startSession("s-1", "agent");
			agent.turn("s-1", "weather?");
			session.end();
		});

		List<SpanData> finished = this.spans.getFinishedSpanItems();
		SpanData llm = named(finished, TenConventions.LLM_SPAN);
		SpanData server = named(finished, "http.server.requests");
		SpanData client = finished.stream()
			.filter((span) -> span.getName().startsWith("http get"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no HTTP client span among " + finished));
		assertThat(client.getTraceId()).isEqualTo(llm.getTraceId());
		assertThat(client.getParentSpanId()).as("parent of the client span").isEqualTo(llm.getSpanId());
		SpanData session = named(finished, TenConventions.SESSION_SPAN);
		assertThat(session.getTraceId()).isNotEqualTo(server.getTraceId());
		assertThat(session.getLinks()).singleElement()
			.satisfies((link) -> assertThat(link.getSpanContext().getSpanId()).isEqualTo(server.getSpanId()));
	}

	@Test
	void anObservationOpenedInsideAnAgentSpanIsItsChild() {
		AgentTracer tracer = this.context.getBean(AgentTracer.class);
		ObservationRegistry registry = this.context.getBean(ObservationRegistry.class);
		Observation.createNotStarted("http.server.requests", registry).observe(() -> {
			AgentSession session = tracer.startSession("s-2", "agent");
			tracer.traceLlm("r", (llm) -> {
				Observation.createNotStarted("spring.ai.chat", registry).observe(() -> {
				});
				return null;
			});
			session.end();
		});
		List<SpanData> finished = this.spans.getFinishedSpanItems();
		assertThat(named(finished, "spring.ai.chat").getParentSpanId())
			.isEqualTo(named(finished, TenConventions.LLM_SPAN).getSpanId());
	}

	@Test
	void aWebClientCallInAStreamingLlmSubscribedOnAnotherThreadIsItsChildEvenWithAnHttpServerObservationInScope() {
		AgentTracer tracer = this.context.getBean(AgentTracer.class);
		ObservationRegistry registry = this.context.getBean(ObservationRegistry.class);
		StreamingLlm llm = this.context.getBean(StreamingLlm.class);

		Observation.createNotStarted("http.server.requests", registry).observe(() -> {
			AgentSession session = tracer.startSession("s-3", "agent");
			List<String> answer = llm.stream("s-3", "req-1")
				.subscribeOn(Schedulers.boundedElastic())
				.collectList()
				.block(Duration.ofSeconds(10));
			assertThat(answer).containsExactly("It is sunny.");
			session.end();
		});

		List<SpanData> finished = this.spans.getFinishedSpanItems();
		SpanData llmSpan = named(finished, TenConventions.LLM_SPAN);
		assertThat(clientSpan(finished).getParentSpanId()).as("parent of the WebClient span")
			.isEqualTo(llmSpan.getSpanId());
		assertThat(clientSpan(finished).getTraceId()).isEqualTo(llmSpan.getTraceId());
		assertThat(llmSpan.getEndEpochNanos()).as("the LLM span ends when the stream does")
			.isGreaterThanOrEqualTo(clientSpan(finished).getEndEpochNanos());
		SpanData tool = named(finished, TenConventions.TOOL_SPAN);
		assertThat(tool.getParentSpanId()).as("a tool called in an operator on another thread")
			.isEqualTo(llmSpan.getSpanId());
	}

	@Test
	void aRestClientCallInATaskOnTheApplicationExecutorIsAChildOfTheLlmThatSubmittedIt() {
		AgentTracer tracer = this.context.getBean(AgentTracer.class);
		ObservationRegistry registry = this.context.getBean(ObservationRegistry.class);
		Agent agent = this.context.getBean(Agent.class);

		Observation.createNotStarted("http.server.requests", registry).observe(() -> {
			AgentSession session = tracer.startSession("s-4", "agent");
			assertThat(agent.turnOnExecutor("s-4", "weather?")).isEqualTo("It is sunny.");
			session.end();
		});

		List<SpanData> finished = this.spans.getFinishedSpanItems();
		SpanData client = clientSpan(finished);
		assertThat(client.getParentSpanId()).as("parent of the client span, called on another thread")
			.isEqualTo(named(finished, TenConventions.LLM_SPAN).getSpanId());
	}

	private static SpanData clientSpan(List<SpanData> finished) {
		return finished.stream()
			.filter((span) -> span.getName().startsWith("http get"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no HTTP client span among " + finished));
	}

	private static SpanData named(List<SpanData> spans, String name) {
		return spans.stream()
			.filter((span) -> span.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no span " + name + " among " + spans));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

		@Bean
		Llm llm(RestClient.Builder restClient, org.springframework.core.env.Environment environment) {
			return new Llm(restClient.baseUrl(environment.getRequiredProperty("llm.url")).build());
		}

		@Bean
		Tools tools() {
			return new Tools();
		}

		@Bean
		StreamingLlm streamingLlm(WebClient.Builder webClient, Tools tools,
				org.springframework.core.env.Environment environment) {
			return new StreamingLlm(webClient.baseUrl(environment.getRequiredProperty("llm.url")).build(), tools);
		}

		@Bean
		Agent agent(Llm llm, ThreadPoolTaskExecutor applicationTaskExecutor) {
			return new Agent(llm, applicationTaskExecutor);
		}

	}

	static class Agent {

		private final Llm llm;

		private final ThreadPoolTaskExecutor executor;

		Agent(Llm llm, ThreadPoolTaskExecutor executor) {
			this.llm = llm;
			this.executor = executor;
		}

		@TracedTurn
		public String turn(@SessionId String sessionId, @UserInput String input) {
			return this.llm.complete("req-1");
		}

		@TracedTurn
		public String turnOnExecutor(@SessionId String sessionId, @UserInput String input) {
			return this.llm.completeOn(this.executor, "req-1");
		}

	}

	static class Llm {

		private final RestClient client;

		Llm(RestClient client) {
			this.client = client;
		}

		@TracedLlm
		public String complete(@RequestId String requestId) {
			return this.client.get().retrieve().body(String.class);
		}

		@TracedLlm
		public String completeOn(ThreadPoolTaskExecutor executor, @RequestId String requestId) {
			try {
				return executor.submit(() -> this.client.get().retrieve().body(String.class)).get(10, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	static class Tools {

		@TracedTool
		public String polish(String text) {
			return text.trim();
		}

	}

	static class StreamingLlm {

		private final WebClient client;

		private final Tools tools;

		StreamingLlm(WebClient client, Tools tools) {
			this.client = client;
			this.tools = tools;
		}

		@TracedLlm
		public Flux<String> stream(@SessionId String sessionId, @RequestId String requestId) {
			return this.client.get()
				.retrieve()
				.bodyToFlux(String.class)
				.publishOn(Schedulers.parallel())
				.map(this.tools::polish);
		}

	}

}
