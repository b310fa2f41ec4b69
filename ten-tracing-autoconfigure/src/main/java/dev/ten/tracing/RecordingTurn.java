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

	RecordingTurn(Span span, RecordedSpan parent, Context parentContext, ContentPolicy content, long turnId,
			boolean agentInitiated) {
		super(span, parent, parentContext, content);
		this.turnId = turnId;
		this.agentInitiated = agentInitiated;
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

	@Override
	void beforeEnd() {
		if (outcome() != Outcome.INTERRUPTED) {
			this.span.setAttribute(TenConventions.INTERRUPTED, false);
		}
	}

	@Override
	void afterEnd() {
		RecordingSession session = session();
		if (session != null) {
			session.turnEnded(this);
		}
	}

}
