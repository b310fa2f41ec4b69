package dev.ten.tracing;

import java.util.Map;
import java.util.Optional;

import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;

/**
 * The {@link AgentTracer} that records spans through an OpenTelemetry SDK: in a Spring Boot application,
 * Spring Boot's own. Build one with {@link #builder(OpenTelemetry)}; {@link #close()} ends the sessions
 * still open, marked {@code ten.session.end_reason=shutdown}, so that they are exported before the SDK
 * shuts down.
 */
public final class OpenTelemetryAgentTracer implements AgentTracer, AutoCloseable {

	private final Tracer tracer;

	private final ContentPolicy content;

	private final StepFactory steps;

	private final SessionRegistry sessions;

	private final ObservationBridge observations;

	private OpenTelemetryAgentTracer(Builder builder) {
		this.tracer = builder.openTelemetry.getTracer(TenConventions.INSTRUMENTATION_SCOPE);
		this.content = new ContentPolicy(builder.captureContent, builder.maxContentLength, JsonRenderers.detect());
		this.steps = new StepFactory(this.tracer, this.content);
		this.sessions = new SessionRegistry(builder.maxOpenSessions);
		this.observations = (builder.observationRegistry != null) ? new ObservationBridge(builder.observationRegistry)
				: null;
	}

	/**
	 * Starts building a tracer.
	 * @param openTelemetry the OpenTelemetry SDK to record spans with
	 * @return the builder
	 */
	public static Builder builder(OpenTelemetry openTelemetry) {
		return new Builder(openTelemetry);
	}

	@Override
	public AgentSession startSession(String sessionId, String agentName) {
		String id = (sessionId != null) ? ContentPolicy.identifier(sessionId) : "";
		SpanBuilder builder = this.tracer.spanBuilder(TenConventions.SESSION_SPAN)
			.setNoParent()
			.setAttribute(TenConventions.SESSION_ID, id);
		if (agentName != null) {
			builder.setAttribute(TenConventions.AGENT_NAME, ContentPolicy.identifier(agentName));
		}
		SpanContext ambient = Span.current().getSpanContext();
		if (ambient.isValid()) {
			builder.addLink(ambient);
		}
		RecordingSession session = new RecordingSession(id, builder.startSpan(), this.content, this.steps,
				this.sessions, this.observations);
		this.sessions.register(session);
		return session;
	}

	@Override
	public Optional<AgentSession> session(String sessionId) {
		return Optional.ofNullable(this.sessions.find(sessionId));
	}

	@Override
	public Optional<AgentSession> currentSession() {
		RecordedSpan current = AgentContext.current();
		return Optional.ofNullable((current != null) ? current.session() : null);
	}

	@Override
	public <S extends AgentSpan> Optional<S> current(Class<S> type) {
		RecordedSpan current = AgentContext.current();
		return Optional.ofNullable((current != null && type != null) ? current.nearest(type) : null);
	}

	@Override
	public void addSessionEvent(String name, Map<String, ?> attributes) {
		currentSession().ifPresent((session) -> session.addEvent(name, attributes));
	}

	@Override
	public TurnSpan startTurn(CharSequence userInput) {
		RecordedSpan current = AgentContext.current();
		RecordingSession session = (current != null) ? current.session() : null;
		return (session != null) ? session.startTurn(userInput) : this.steps.turn(null, 1, userInput);
	}

	@Override
	public LlmSpan startLlm(String requestId, String model) {
		return this.steps.llm(AgentContext.current(), requestId, model);
	}

	@Override
	public TtsSpan startTts(String requestId, CharSequence inputText) {
		return this.steps.tts(AgentContext.current(), requestId, inputText);
	}

	@Override
	public ToolSpan startTool(String toolName, Object arguments) {
		return this.steps.tool(AgentContext.current(), toolName, arguments);
	}

	/**
	 * Returns how many sessions are open and findable by id.
	 * @return the number of open sessions
	 */
	public int openSessions() {
		return this.sessions.size();
	}

	/** Ends every session still open, marked {@code ten.session.end_reason=shutdown}. */
	@Override
	public void close() {
		this.sessions.open().forEach(RecordingSession::endAtShutdown);
	}

	@Override
	public String toString() {
		return "OpenTelemetryAgentTracer[content capture " + (this.content.captures() ? "on" : "off") + "]";
	}

	/**
	 * Builds an {@link OpenTelemetryAgentTracer}. The defaults match the {@code ten.tracing.*} defaults.
	 */
	public static final class Builder {

		private final OpenTelemetry openTelemetry;

		private boolean captureContent = true;

		private int maxContentLength = 1000;

		private int maxOpenSessions = 10_000;

		private ObservationRegistry observationRegistry;

		private Builder(OpenTelemetry openTelemetry) {
			if (openTelemetry == null) {
				throw new IllegalArgumentException("openTelemetry must not be null");
			}
			this.openTelemetry = openTelemetry;
		}

		/**
		 * Whether spans record what people said: user input, LLM response, TTS text, tool arguments and
		 * output. Default {@code true}.
		 * @param captureContent whether to record content
		 * @return this builder
		 */
		public Builder captureContent(boolean captureContent) {
			this.captureContent = captureContent;
			return this;
		}

		/**
		 * How many characters of a content attribute are kept; longer values are cut and marked. Default 1000.
		 * @param maxContentLength at least 1
		 * @return this builder
		 */
		public Builder maxContentLength(int maxContentLength) {
			if (maxContentLength < 1) {
				throw new IllegalArgumentException("maxContentLength must be at least 1, was " + maxContentLength);
			}
			this.maxContentLength = maxContentLength;
			return this;
		}

		/**
		 * How many sessions can be open and found by id at once. Default 10,000.
		 * @param maxOpenSessions at least 1
		 * @return this builder
		 */
		public Builder maxOpenSessions(int maxOpenSessions) {
			if (maxOpenSessions < 1) {
				throw new IllegalArgumentException("maxOpenSessions must be at least 1, was " + maxOpenSessions);
			}
			this.maxOpenSessions = maxOpenSessions;
			return this;
		}

		/**
		 * The Micrometer observation registry of the application, so that Micrometer-instrumented clients
		 * used inside a Reactor publisher (WebClient, Spring AI) find agent spans as their parent. Needs
		 * Micrometer Tracing's OpenTelemetry bridge on the class path, recording into the same SDK. Default: none.
		 * @param observationRegistry the registry, or {@code null}
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = observationRegistry;
			return this;
		}

		/**
		 * Builds the tracer.
		 * @return the tracer
		 */
		public OpenTelemetryAgentTracer build() {
			return new OpenTelemetryAgentTracer(this);
		}

	}

}
