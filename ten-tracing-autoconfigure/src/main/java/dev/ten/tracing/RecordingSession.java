package dev.ten.tracing;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.ten.tracing.internal.Guard;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

/**
 * An open session: the root span of its trace, its turn counter, its open turn, and when it was last
 * active.
 */
final class RecordingSession extends RecordedSpan implements AgentSession {

	private final String id;

	/** The agent's name as recorded, or {@code null}. */
	private final String agentName;

	private final StepFactory steps;

	private final SessionRegistry registry;

	private final ObservationBridge observations;

	private final AtomicLong turnCount = new AtomicLong();

	private final AtomicReference<RecordingTurn> openTurn = new AtomicReference<>();

	private final AtomicBoolean ended = new AtomicBoolean();

	/** When the session was last active, on the registry's ticker. */
	private volatile long lastActive;

	RecordingSession(String id, String agentName, Span span, ContentPolicy content, StepFactory steps,
			SessionRegistry registry, ObservationBridge observations) {
		super(span, null, Context.root(), content);
		this.id = id;
		this.agentName = agentName;
		this.steps = steps;
		this.registry = registry;
		this.observations = observations;
		this.lastActive = registry.now();
	}

	/** The agent's name as recorded on the session, or {@code null}. */
	String agentName() {
		return this.agentName;
	}

	/** Presents this session's spans to Micrometer, or {@code null} without Micrometer Tracing. */
	ObservationBridge observations() {
		return this.observations;
	}

	@Override
	RecordingSession session() {
		return this;
	}

	@Override
	boolean isClosed() {
		return this.ended.get();
	}

	long lastActive() {
		return this.lastActive;
	}

	private void touch() {
		this.lastActive = this.registry.now();
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public void userJoined() {
		sessionEvent(TenConventions.USER_JOINED, Attributes.empty());
	}

	@Override
	public void userLeft() {
		sessionEvent(TenConventions.USER_LEFT, Attributes.empty());
	}

	@Override
	public void toolRegistered(String toolName) {
		sessionEvent(TenConventions.TOOL_REGISTERED,
				Attributes.of(TenConventions.TOOL_NAME, String.valueOf(ContentPolicy.identifier(toolName))));
	}

	@Override
	public void addEvent(String name, Map<String, ?> attributes) {
		touch();
		super.addEvent(name, attributes);
	}

	private void sessionEvent(String name, Attributes attributes) {
		Guard.run(() -> {
			touch();
			recordEvent(name, attributes);
		});
	}

	@Override
	public TurnSpan startTurn(CharSequence userInput) {
		return this.steps.turn(this, userInput, false);
	}

	@Override
	public TurnSpan startAgentTurn() {
		return this.steps.turn(this, null, true);
	}

	/** The number of the session's next turn. */
	long nextTurnId() {
		return this.turnCount.incrementAndGet();
	}

	/** A turn started: it is the open one now, and a turn still open was overtaken by it. */
	void opened(RecordingTurn turn) {
		touch();
		RecordingTurn previous = this.openTurn.getAndSet(turn);
		if (previous != null) {
			previous.overtaken();
		}
	}

	@Override
	public void interrupt() {
		interruptBy(InterruptionCause.USER_SPEECH);
	}

	@Override
	public void interruptBy(InterruptionCause cause) {
		Guard.run(() -> {
			RecordingTurn turn = this.openTurn.get();
			if (turn != null) {
				turn.interruptedBy(cause);
			}
		});
	}

	@Override
	public LlmSpan startLlm(String requestId, String model) {
		return this.steps.llm(parentForStep(), requestId, model);
	}

	@Override
	public TtsSpan startTts(String requestId, CharSequence inputText) {
		return this.steps.tts(parentForStep(), requestId, inputText);
	}

	@Override
	public ToolSpan startTool(String toolName, Object arguments) {
		return this.steps.tool(parentForStep(), toolName, arguments);
	}

	@Override
	public SttSpan startStt(String requestId, String model) {
		return this.steps.stt(parentForStep(), requestId, model);
	}

	/**
	 * The parent of a step started through this session: the innermost span of this session current on the
	 * calling thread (nesting by call), else the open turn, else the session itself; the session when it has
	 * ended, where a step records nothing.
	 */
	private RecordedSpan parentForStep() {
		if (isClosed()) {
			return this;
		}
		touch();
		RecordedSpan current = AgentContext.current();
		if (current != null && current.session() == this) {
			return current;
		}
		RecordingTurn turn = this.openTurn.get();
		return (turn != null) ? turn : this;
	}

	void turnEnded(RecordingTurn turn) {
		touch();
		this.openTurn.compareAndSet(turn, null);
	}

	@Override
	public void end() {
		Guard.run(() -> endWith(null));
	}

	/**
	 * Ends the session for the agent, saying why: its open turn is closed too, so that it is exported.
	 * @param reason the {@code ten.session.end_reason}
	 */
	void endBy(String reason) {
		Guard.run(() -> endWith(reason));
	}

	private void endWith(String reason) {
		if (!this.ended.compareAndSet(false, true)) {
			return;
		}
		try {
			if (reason != null) {
				this.span.setAttribute(TenConventions.SESSION_END_REASON, reason);
				RecordingTurn turn = this.openTurn.get();
				if (turn != null) {
					turn.closeWithSession();
				}
			}
			recordDroppedEvents();
			this.span.end();
		}
		finally {
			this.registry.remove(this);
		}
	}

	@Override
	public String toString() {
		return "AgentSession[" + this.id + "]";
	}

}
