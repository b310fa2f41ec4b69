package dev.ten.tracing.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of TEN agent tracing, bound from {@code ten.tracing.*}. The seed's environment variables
 * {@code TEN_TRACING_ENABLED}, {@code TEN_OTLP_ENDPOINT} and {@code TEN_SERVICE_NAME} set the first three.
 * The export settings drive Spring Boot's own OpenTelemetry setup; an explicit {@code management.*} setting
 * wins over the {@code ten.tracing} one it corresponds to.
 */
@ConfigurationProperties("ten.tracing")
public class TenTracingProperties {

	/**
	 * Whether to trace agent sessions. When false, AgentTracer is a no-op, no bean is proxied, and
	 * ten-tracing changes nothing of the application's own tracing (management.*). Also set by the
	 * TEN_TRACING_ENABLED environment variable.
	 */
	private boolean enabled = true;

	/**
	 * OTLP endpoint spans are exported to, an http or https URL. Defaults to http://localhost:4317 for gRPC
	 * and http://localhost:4318/v1/traces for HTTP; an HTTP endpoint without a path gets /v1/traces. Also set
	 * by the TEN_OTLP_ENDPOINT environment variable.
	 */
	private String otlpEndpoint;

	/**
	 * Service name (the service.name resource attribute) spans are reported under. When not set:
	 * spring.application.name, else ten-voice-agent. OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES and
	 * management.opentelemetry.resource-attributes win over it. Also set by the TEN_SERVICE_NAME environment
	 * variable.
	 */
	private String serviceName;

	/**
	 * OTLP transport: grpc (port 4317) or http (OTLP/HTTP protobuf, port 4318).
	 */
	private Transport transport = Transport.GRPC;

	/**
	 * Headers sent with every export, such as an authorization token for a hosted backend.
	 */
	private Map<String, String> headers = new LinkedHashMap<>();

	/**
	 * Whether spans record what people said: ten.user_input, ten.llm.response_text, ten.tts.input_text,
	 * ten.tool.arguments and ten.tool.output.
	 */
	private boolean captureContent = true;

	/**
	 * Maximum number of characters kept of each content attribute; longer values are cut and end with
	 * "…[truncated N chars]".
	 */
	private int maxContentLength = 1000;

	/**
	 * Probability, from 0.0 to 1.0, that a session is traced. The decision is made once per session: a
	 * session is traced whole or not at all. Spans outside any session keep the application's sampling
	 * (management.tracing.sampling.probability).
	 */
	private double samplingProbability = 1.0;

	/**
	 * Maximum time to wait for the backend to accept one export.
	 */
	private Duration timeout = Duration.ofSeconds(10);

	/**
	 * Compression of exported data: none or gzip.
	 */
	private Compression compression = Compression.NONE;

	/**
	 * Maximum number of ended spans waiting for export. When the backend is slow or down, spans beyond it are
	 * dropped rather than held in memory.
	 */
	private int maxQueueSize = 2048;

	/**
	 * Memory budget for spans waiting to be sent while the collector cannot take them (estimated from their
	 * text). Beyond it the oldest waiting spans are dropped and counted.
	 */
	private DataSize bufferSize = DataSize.ofMegabytes(64);

	/**
	 * TLS of the export: the SSL bundle (spring.ssl.bundle.*) that holds the certificates to trust, and a
	 * client certificate where the collector asks for one. Without it, https:// endpoints are trusted with the
	 * JVM's trust store.
	 */
	private final Ssl ssl = new Ssl();

	private final SpringAi springAi = new SpringAi();

	private final Metrics metrics = new Metrics();

	private final Langchain4j langchain4j = new Langchain4j();

	/**
	 * Maximum number of sessions open at once. When a new session would exceed it, the least recently active
	 * session is ended (ten.session.end_reason=evicted); it bounds memory when sessions are never ended.
	 */
	private int maxOpenSessions = 10_000;

	/**
	 * How long a session may go without activity (a turn, a step started through it, an event) before it is
	 * ended (ten.session.end_reason=idle_timeout) and exported. 0 never ends sessions for idleness.
	 */
	private Duration sessionIdleTimeout = Duration.ofMinutes(30);

	/**
	 * Maximum time to wait at shutdown for the sessions still open to be ended and exported.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(10);

	/**
	 * Whether agent spans reach work on other threads: tasks of Spring's task executors and @Async methods
	 * (a ContextPropagatingTaskDecorator) and Reactor operators (spring.reactor.context-propagation defaults
	 * to auto).
	 */
	private boolean contextPropagation = true;

	/**
	 * Whether to also record the voice-agent keys that the OpenTelemetry GenAI conventions still propose
	 * (gen_ai.agent.invocation.end_reason on turns), whose names may change. Also on when
	 * OTEL_SEMCONV_STABILITY_OPT_IN holds gen_ai_latest_experimental.
	 */
	private boolean genAiProposals;

	/**
	 * Whether to proxy beans with LangChain4j @Tool methods for their @Traced* annotations. Off by default:
	 * plain LangChain4j AiServices look for @Tool on the bean's own class, which a proxy hides. Turn it on when
	 * LangChain4j reaches your tools through proxies, as its Spring Boot starter's @AiService does.
	 */
	private boolean proxyLangchain4jTools;

	public boolean isProxyLangchain4jTools() {
		return this.proxyLangchain4jTools;
	}

	public void setProxyLangchain4jTools(boolean proxyLangchain4jTools) {
		this.proxyLangchain4jTools = proxyLangchain4jTools;
	}

	public boolean isGenAiProposals() {
		return this.genAiProposals;
	}

	public void setGenAiProposals(boolean genAiProposals) {
		this.genAiProposals = genAiProposals;
	}

	public boolean isContextPropagation() {
		return this.contextPropagation;
	}

	public void setContextPropagation(boolean contextPropagation) {
		this.contextPropagation = contextPropagation;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getOtlpEndpoint() {
		return this.otlpEndpoint;
	}

	public void setOtlpEndpoint(String otlpEndpoint) {
		this.otlpEndpoint = otlpEndpoint;
	}

	public String getServiceName() {
		return this.serviceName;
	}

	public void setServiceName(String serviceName) {
		this.serviceName = serviceName;
	}

	public Transport getTransport() {
		return this.transport;
	}

	public void setTransport(Transport transport) {
		this.transport = transport;
	}

	public Map<String, String> getHeaders() {
		return this.headers;
	}

	public void setHeaders(Map<String, String> headers) {
		this.headers = headers;
	}

	public boolean isCaptureContent() {
		return this.captureContent;
	}

	public void setCaptureContent(boolean captureContent) {
		this.captureContent = captureContent;
	}

	public int getMaxContentLength() {
		return this.maxContentLength;
	}

	public void setMaxContentLength(int maxContentLength) {
		this.maxContentLength = maxContentLength;
	}

	public double getSamplingProbability() {
		return this.samplingProbability;
	}

	public void setSamplingProbability(double samplingProbability) {
		this.samplingProbability = samplingProbability;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Compression getCompression() {
		return this.compression;
	}

	public void setCompression(Compression compression) {
		this.compression = compression;
	}

	public int getMaxQueueSize() {
		return this.maxQueueSize;
	}

	public void setMaxQueueSize(int maxQueueSize) {
		this.maxQueueSize = maxQueueSize;
	}

	public int getMaxOpenSessions() {
		return this.maxOpenSessions;
	}

	public void setMaxOpenSessions(int maxOpenSessions) {
		this.maxOpenSessions = maxOpenSessions;
	}

	public Duration getSessionIdleTimeout() {
		return this.sessionIdleTimeout;
	}

	public void setSessionIdleTimeout(Duration sessionIdleTimeout) {
		this.sessionIdleTimeout = sessionIdleTimeout;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public DataSize getBufferSize() {
		return this.bufferSize;
	}

	public void setBufferSize(DataSize bufferSize) {
		this.bufferSize = bufferSize;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public SpringAi getSpringAi() {
		return this.springAi;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	public Langchain4j getLangchain4j() {
		return this.langchain4j;
	}

	/**
	 * How LangChain4j's calls become part of the agent's trace.
	 */
	public static class Langchain4j {

		/**
		 * Whether a ChatModelListener bean records what LangChain4j's chat model calls learned (models, finish
		 * reason, usage summed over a tool loop) on the llm_node they are made in.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * The agent's meters.
	 */
	public static class Metrics {

		/**
		 * Whether to record the agent's latencies, tool calls, interruptions and token use as Micrometer meters
		 * (gen_ai.client.operation.duration, ten.turn.e2e_latency, ...), read from agent spans as they end.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * How Spring AI's calls become part of the agent's trace.
	 */
	public static class SpringAi {

		/**
		 * Whether Spring AI's chat calls fill the llm_node they are made in (models, finish reasons, usage summed
		 * over a tool loop) and its tool calls inside agent steps become tool_call steps. Spring AI's own
		 * observations stay on either way.
		 */
		private boolean enabled = true;

		/**
		 * Whether calls of the application's Spring AI audio model beans (TranscriptionModel, TextToSpeechModel and
		 * their streaming forms) inside an agent turn become stt_node and tts_node steps. The beans are proxied by
		 * their class; final classes only with proxy-final-audio-models.
		 */
		private boolean audioModels = true;

		/**
		 * Whether to trace Spring AI audio model beans of a final class too (Spring AI's OpenAI models), by a proxy
		 * of their Spring AI interfaces: code must then inject them by those interfaces, not by their class.
		 */
		private boolean proxyFinalAudioModels;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isAudioModels() {
			return this.audioModels;
		}

		public void setAudioModels(boolean audioModels) {
			this.audioModels = audioModels;
		}

		public boolean isProxyFinalAudioModels() {
			return this.proxyFinalAudioModels;
		}

		public void setProxyFinalAudioModels(boolean proxyFinalAudioModels) {
			this.proxyFinalAudioModels = proxyFinalAudioModels;
		}

	}

	/**
	 * TLS settings of the export.
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) to trust the collector with and, if it has a key, to
		 * present as client certificate.
		 */
		private String bundle;

		public String getBundle() {
			return this.bundle;
		}

		public void setBundle(String bundle) {
			this.bundle = bundle;
		}

	}

	/**
	 * OTLP transports.
	 */
	public enum Transport {

		/** OTLP over gRPC, port 4317 by convention. */
		GRPC,

		/** OTLP over HTTP with protobuf bodies, port 4318 by convention. */
		HTTP

	}

	/**
	 * Export compressions.
	 */
	public enum Compression {

		/** No compression. */
		NONE,

		/** Gzip compression. */
		GZIP

	}

}
