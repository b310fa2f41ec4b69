package dev.ten.tracing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

import dev.ten.tracing.NoopAgentTracer.NoopSession;
import dev.ten.tracing.internal.Guard;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The {@link AgentTracer} that records spans through an OpenTelemetry SDK: in a Spring Boot application,
 * Spring Boot's own. Build one with {@link #builder(OpenTelemetry)}; {@link #close()} ends the sessions
 * still open, marked {@code ten.session.end_reason=shutdown}, paced so that the SDK's export queue takes
 * them all.
 */
public final class OpenTelemetryAgentTracer implements AgentTracer, AutoCloseable {

	private static final Log logger = LogFactory.getLog(OpenTelemetryAgentTracer.class);

	/** Sessions ended at shutdown between two flushes: well within the SDK's default queue of 2048. */
	private static final int SHUTDOWN_BATCH = 512;

	private final Tracer tracer;

	private final ContentPolicy content;

	private final StepFactory steps;

	private final SessionRegistry sessions;

	private final ObservationBridge observations;

	private final SdkFlush flush;

	private final Delivery delivery;

	private final Duration shutdownTimeout;

	private OpenTelemetryAgentTracer(Builder builder) {
		this.tracer = builder.openTelemetry.getTracer(TenConventions.INSTRUMENTATION_SCOPE);
		this.content = new ContentPolicy(builder.captureContent, builder.maxContentLength, builder.maxEventsPerSpan,
				JsonRenderers.detect());
		this.steps = new StepFactory(this.tracer, this.content, builder.genAiProposals);
		this.sessions = new SessionRegistry(builder.maxOpenSessions, builder.sessionIdleTimeout, builder.ticker);
		this.observations = (builder.observationRegistry != null) ? new ObservationBridge(builder.observationRegistry)
				: null;
		this.flush = SdkFlush.of(builder.openTelemetry);
		this.delivery = builder.delivery;
		this.shutdownTimeout = builder.shutdownTimeout;
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
		return Guard.call(() -> openSession(sessionId, agentName), new NoopSession(sessionId));
	}

	private AgentSession openSession(String sessionId, String agentName) {
		String id = (sessionId != null) ? ContentPolicy.identifier(sessionId) : "";
		SpanBuilder builder = this.tracer.spanBuilder(TenConventions.SESSION_SPAN)
			.setNoParent()
			.setAttribute(TenConventions.SESSION_ID, id);
		if (!id.isEmpty()) {
			builder.setAttribute(TenConventions.GEN_AI_CONVERSATION_ID, id);
		}
		String agent = (agentName != null) ? ContentPolicy.identifier(agentName) : null;
		if (agent != null) {
			builder.setAttribute(TenConventions.AGENT_NAME, agent);
		}
		SpanContext ambient = Span.current().getSpanContext();
		if (ambient.isValid()) {
			builder.addLink(ambient);
		}
		RecordingSession session = new RecordingSession(id, agent, builder.startSpan(), this.content, this.steps,
				this.sessions, this.observations);
		this.sessions.register(session);
		return session;
	}

	@Override
	public Optional<AgentSession> session(String sessionId) {
		return Guard.call(() -> Optional.ofNullable(this.sessions.find(sessionId)), Optional.empty());
	}

	@Override
	public Optional<AgentSession> currentSession() {
		return Guard.call(() -> {
			RecordedSpan current = AgentContext.current();
			return Optional.ofNullable((current != null) ? current.session() : null);
		}, Optional.empty());
	}

	@Override
	public <S extends AgentSpan> Optional<S> current(Class<S> type) {
		return Guard.call(() -> {
			RecordedSpan current = AgentContext.current();
			return Optional.ofNullable((current != null && type != null) ? current.nearest(type) : null);
		}, Optional.empty());
	}

	@Override
	public void addSessionEvent(String name, Map<String, ?> attributes) {
		currentSession().ifPresent((session) -> session.addEvent(name, attributes));
	}

	@Override
	public TurnSpan startTurn(CharSequence userInput) {
		return this.steps.turn(sessionForTurn(), userInput, false);
	}

	@Override
	public TurnSpan startAgentTurn() {
		return this.steps.turn(sessionForTurn(), null, true);
	}

	/** The session of the agent span current on this thread: a turn belongs to a session, not to a step. */
	private static RecordingSession sessionForTurn() {
		RecordedSpan parent = AgentContext.parentForStep();
		return (parent != null) ? parent.session() : null;
	}

	@Override
	public LlmSpan startLlm(String requestId, String model) {
		return this.steps.llm(AgentContext.parentForStep(), requestId, model);
	}

	@Override
	public TtsSpan startTts(String requestId, CharSequence inputText) {
		return this.steps.tts(AgentContext.parentForStep(), requestId, inputText);
	}

	/** Where this tracer's steps are made, for {@link LibrarySteps}. */
	StepFactory steps() {
		return this.steps;
	}

	@Override
	public ToolSpan startTool(String toolName, Object arguments) {
		return this.steps.tool(AgentContext.parentForStep(), toolName, arguments);
	}

	@Override
	public SttSpan startStt(String requestId, String model) {
		return this.steps.stt(AgentContext.parentForStep(), requestId, model);
	}

	/**
	 * Returns how many sessions are open and findable by id.
	 * @return the number of open sessions
	 */
	public int openSessions() {
		return this.sessions.size();
	}

	/** Ends the sessions idle for longer than the idle timeout now, as the expiry thread does; for tests. */
	int expireIdleSessions() {
		return this.sessions.expireIdle();
	}

	/**
	 * Ends every session still open, marked {@code ten.session.end_reason=shutdown}, a batch at a time: after
	 * each batch it waits for the SDK to take it, so that its export queue does not overflow. Then it waits
	 * for what was ended to be delivered ({@link Builder#delivery(Delivery)}). All within the shutdown
	 * timeout; when an export fails or the time is up, the rest are ended without waiting.
	 */
	@Override
	public void close() {
		Guard.run(() -> {
			this.sessions.close();
			List<RecordingSession> open = this.sessions.open();
			long deadline = System.nanoTime() + this.shutdownTimeout.toNanos();
			boolean pacing = true;
			for (int i = 0; i < open.size(); i++) {
				open.get(i).endBy(TenConventions.END_REASON_SHUTDOWN);
				boolean batchDone = (i + 1) % SHUTDOWN_BATCH == 0 || i + 1 == open.size();
				if (pacing && batchDone) {
					pacing = this.flush.flush(left(deadline));
				}
			}
			boolean flushed = this.flush.flush(left(deadline));
			boolean delivered = this.delivery.await(left(deadline)) && flushed;
			if (!open.isEmpty()) {
				logger.info("Ended " + open.size() + " agent session(s) still open at shutdown"
						+ ((pacing && delivered) ? "" : "; not all of their spans were delivered within "
								+ this.shutdownTimeout + " (ten.tracing.shutdown-timeout)"));
			}
		});
	}

	private static Duration left(long deadline) {
		return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
	}

	/**
	 * Waits for the spans handed to the exporter to reach the collector.
	 */
	@FunctionalInterface
	public interface Delivery {

		/**
		 * Waits until what was handed to the exporter has been delivered, or the time is up.
		 * @param timeout how long to wait at most
		 * @return whether everything was delivered
		 */
		boolean await(Duration timeout);

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

		private int maxEventsPerSpan = 128;

		private int maxOpenSessions = 10_000;

		private Duration sessionIdleTimeout = Duration.ofMinutes(30);

		private Duration shutdownTimeout = Duration.ofSeconds(10);

		private ObservationRegistry observationRegistry;

		private LongSupplier ticker = System::nanoTime;

		private Delivery delivery = (timeout) -> true;

		private boolean genAiProposals;

		private Builder(OpenTelemetry openTelemetry) {
			if (openTelemetry == null) {
				throw new IllegalArgumentException("openTelemetry must not be null");
			}
			this.openTelemetry = openTelemetry;
		}

		/**
		 * Whether to also record the voice-agent keys that the OpenTelemetry GenAI conventions still propose,
		 * whose names may change: {@code gen_ai.agent.invocation.end_reason} on turns. Default {@code false}.
		 * @param genAiProposals whether to record them
		 * @return this builder
		 */
		public Builder genAiProposals(boolean genAiProposals) {
			this.genAiProposals = genAiProposals;
			return this;
		}

		/**
		 * Whether spans record what people said: user input, LLM response, TTS text, tool arguments and
		 * output, exception messages. Default {@code true}.
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
		 * How many events the SDK keeps on a span ({@code SpanLimits.getMaxNumberOfEvents()}), so that a span
		 * given more says how many were dropped, as {@link TenConventions#DROPPED_EVENTS}. Default 128, the
		 * SDK's default; the auto-configuration reads the SDK's own limit.
		 * @param maxEventsPerSpan at least 0
		 * @return this builder
		 */
		public Builder maxEventsPerSpan(int maxEventsPerSpan) {
			if (maxEventsPerSpan < 0) {
				throw new IllegalArgumentException("maxEventsPerSpan must be at least 0, was " + maxEventsPerSpan);
			}
			this.maxEventsPerSpan = maxEventsPerSpan;
			return this;
		}

		/**
		 * How many sessions can be open at once; beyond it the least recently active is ended. Default 10,000.
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
		 * How long a session may go without activity (a turn, a step started through it, an event) before it
		 * is ended. Default 30 minutes; {@link Duration#ZERO} never ends sessions for idleness.
		 * @param sessionIdleTimeout zero or more
		 * @return this builder
		 */
		public Builder sessionIdleTimeout(Duration sessionIdleTimeout) {
			if (sessionIdleTimeout == null || sessionIdleTimeout.isNegative()) {
				throw new IllegalArgumentException("sessionIdleTimeout must be zero or more, was " + sessionIdleTimeout);
			}
			this.sessionIdleTimeout = sessionIdleTimeout;
			return this;
		}

		/**
		 * How long {@link OpenTelemetryAgentTracer#close()} waits, overall, for the sessions it ends to be
		 * exported. Default 10 seconds.
		 * @param shutdownTimeout more than zero
		 * @return this builder
		 */
		public Builder shutdownTimeout(Duration shutdownTimeout) {
			if (shutdownTimeout == null || shutdownTimeout.isNegative() || shutdownTimeout.isZero()) {
				throw new IllegalArgumentException("shutdownTimeout must be more than zero, was " + shutdownTimeout);
			}
			this.shutdownTimeout = shutdownTimeout;
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
		 * How {@link OpenTelemetryAgentTracer#close()} waits for the spans it ended to reach the collector,
		 * within the shutdown timeout. Default: it does not wait beyond handing them to the SDK; ten-tracing's
		 * auto-configuration waits for its export buffer to be delivered.
		 * @param delivery the wait
		 * @return this builder
		 */
		public Builder delivery(Delivery delivery) {
			this.delivery = (delivery != null) ? delivery : (timeout) -> true;
			return this;
		}

		/** The clock of session activity, in nanoseconds from any origin; for tests. */
		Builder ticker(LongSupplier ticker) {
			this.ticker = ticker;
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
