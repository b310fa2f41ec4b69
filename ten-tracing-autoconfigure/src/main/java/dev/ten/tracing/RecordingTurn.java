package dev.ten.tracing;

import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import dev.ten.tracing.internal.Guard;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

final class RecordingTurn extends RecordingStep implements TurnSpan {

	private static final AtomicReferenceFieldUpdater<RecordingTurn, Steps> STEPS = AtomicReferenceFieldUpdater
		.newUpdater(RecordingTurn.class, Steps.class, "steps");

	private final long turnId;

	private final boolean agentInitiated;

	/**
	 * The LLM and TTS steps started in this turn, newest first, for an interruption to cut those still in
	 * flight. Pushed without a lock; ended steps stay until the turn is gone, a handful per turn.
	 */
	private volatile Steps steps;

	/** When the user's input ended, in nanoseconds since the turn started. */
	private volatile long inputEndedNanos;

	/** Guarded by {@code this}. */
	private boolean firstAudioRecorded;

	/** Whether to record the GenAI conventions' proposed end reason. */
	private final boolean genAiProposals;

	/** Ended because ten-tracing ended its session. */
	private volatile boolean sessionClosed;

	RecordingTurn(Span span, RecordedSpan parent, Context parentContext, ContentPolicy content, long turnId,
			boolean agentInitiated, boolean genAiProposals) {
		super(span, parent, parentContext, content);
		this.turnId = turnId;
		this.agentInitiated = agentInitiated;
		this.genAiProposals = genAiProposals;
	}

	@Override
	public long turnId() {
		return this.turnId;
	}

	@Override
	public void interrupted() {
		Guard.run(() -> {
			synchronized (this) {
				if (!markInterrupted()) {
					return;
				}
				recordEvent(TenConventions.INTERRUPTED_EVENT, Attributes.empty());
			}
			for (Steps node = this.steps; node != null; node = node.next) {
				node.step.endInterrupted();
			}
		});
	}

	@Override
	public void userInputEnded() {
		Guard.run(() -> this.inputEndedNanos = Math.max(0, SpanClock.nanosSinceStart(this.span)));
	}

	/** Overtaken by the next turn: interrupted, and its span ends now. */
	void overtaken() {
		interrupted();
		endInterrupted();
	}

	/**
	 * An LLM or TTS step started in this turn. One that starts in a turn already interrupted is cut at once:
	 * the user is no longer listening. Registered before the check, so that a concurrent interruption cuts it
	 * either way.
	 */
	void stepStarted(RecordingStep step) {
		Steps head;
		Steps node;
		do {
			head = this.steps;
			node = new Steps(step, head);
		}
		while (!STEPS.compareAndSet(this, head, node));
		if (outcome() == Outcome.INTERRUPTED) {
			step.endInterrupted();
		}
	}

	/** The turn's first audio out, which completes its end-to-end latency. */
	void audioOut() {
		if (this.agentInitiated || hasEnded()) {
			return;
		}
		synchronized (this) {
			if (this.firstAudioRecorded || hasEnded()) {
				return;
			}
			this.firstAudioRecorded = true;
			long now = SpanClock.nanosSinceStart(this.span);
			if (now >= 0) {
				this.span.setAttribute(TenConventions.TURN_E2E_LATENCY, SpanClock.seconds(now - this.inputEndedNanos));
			}
		}
	}

	/** A node of the steps stack. */
	private record Steps(RecordingStep step, Steps next) {
	}

	/** Its session is ended by ten-tracing (shutdown, idle, evicted, replaced) while the turn is open. */
	void closeWithSession() {
		this.sessionClosed = true;
		close();
	}

	@Override
	void beforeEnd() {
		Outcome outcome = outcome();
		if (outcome != Outcome.INTERRUPTED) {
			this.span.setAttribute(TenConventions.INTERRUPTED, false);
		}
		if (this.genAiProposals && outcome != Outcome.FAILED) {
			this.span.setAttribute(TenConventions.GEN_AI_AGENT_INVOCATION_END_REASON, endReason(outcome));
		}
	}

	/** A failed turn has none: its error status says it. A cancelled turn did not finish, as an interrupted one. */
	private String endReason(Outcome outcome) {
		if (outcome == Outcome.INTERRUPTED || outcome == Outcome.CANCELLED) {
			return TenConventions.TURN_END_INTERRUPTED;
		}
		return this.sessionClosed ? TenConventions.TURN_END_SESSION_CLOSED : TenConventions.TURN_END_COMPLETED;
	}

	@Override
	void afterEnd() {
		RecordingSession session = session();
		if (session != null) {
			session.turnEnded(this);
		}
	}

}
