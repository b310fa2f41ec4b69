package dev.ten.tracing;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * An open session: the root span of its trace, its turn counter, and its open turn.
 */
final class RecordingSession extends RecordedSpan implements AgentSession {

	private final String id;

	private final StepFactory steps;

	private final AtomicLong turnCount = new AtomicLong();

	private final AtomicReference<RecordingTurn> openTurn = new AtomicReference<>();

	private final AtomicBoolean ended = new AtomicBoolean();

	private final SessionRegistry registry;

	private final ObservationBridge observations;

	RecordingSession(String id, Span span, ContentPolicy content, StepFactory steps, SessionRegistry registry,
			ObservationBridge observations) {
		super(span, null, Context.root(), content);
		this.id = id;
		this.steps = steps;
		this.registry = registry;
		this.observations = observations;
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
	boolean isEnded() {
		return this.ended.get();
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public void userJoined() {
		this.span.addEvent(TenConventions.USER_JOINED);
	}

	@Override
	public void userLeft() {
		this.span.addEvent(TenConventions.USER_LEFT);
	}

	@Override
	public void toolRegistered(String toolName) {
		this.span.addEvent(TenConventions.TOOL_REGISTERED,
				Attributes.of(TenConventions.TOOL_NAME, String.valueOf(ContentPolicy.identifier(toolName))));
	}

	@Override
	public TurnSpan startTurn(CharSequence userInput) {
		return open(this.steps.turn(this, this.turnCount.incrementAndGet(), userInput));
	}

	@Override
	public TurnSpan startAgentTurn() {
		return open(this.steps.agentTurn(this, this.turnCount.incrementAndGet()));
	}

	/** Makes a turn the open one; a turn still open was overtaken by it. */
	private RecordingTurn open(RecordingTurn turn) {
		RecordingTurn previous = this.openTurn.getAndSet(turn);
		if (previous != null) {
			previous.overtaken();
		}
		return turn;
	}

	@Override
	public void interrupt() {
		RecordingTurn turn = this.openTurn.get();
		if (turn != null) {
			turn.interrupted();
		}
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

	/**
	 * The parent of a step started through this session: the innermost span of this session current on the
	 * calling thread (nesting by call), else the open turn, else the session itself.
	 */
	RecordedSpan parentForStep() {
		RecordedSpan current = AgentContext.current();
		if (current != null && current.session() == this) {
			return current;
		}
		RecordingTurn turn = this.openTurn.get();
		return (turn != null) ? turn : this;
	}

	void turnEnded(RecordingTurn turn) {
		this.openTurn.compareAndSet(turn, null);
	}

	@Override
	public Scope makeCurrent() {
		return this.context.makeCurrent();
	}

	@Override
	public void end() {
		if (this.ended.compareAndSet(false, true)) {
			this.span.end();
			this.registry.remove(this);
		}
	}

	void endAtShutdown() {
		if (!this.ended.get()) {
			this.span.setAttribute(TenConventions.SESSION_END_REASON, TenConventions.END_REASON_SHUTDOWN);
			end();
		}
	}

	@Override
	public String toString() {
		return "AgentSession[" + this.id + "]";
	}

}
