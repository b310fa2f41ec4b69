package dev.ten.tracing;

import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

final class RecordingTurn extends RecordingStep implements TurnSpan {

	private final long turnId;

	private final boolean agentInitiated;

	/** The LLM and TTS steps of this turn whose spans have not ended; guarded by {@code this}. */
	private final List<RecordingStep> inFlight = new ArrayList<>(4);

	/** When the user's input ended, in nanoseconds since the turn started. */
	private volatile long inputEndedNanos;

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
		List<RecordingStep> cut;
		synchronized (this) {
			if (this.interrupted || spanEnded()) {
				return;
			}
			this.interrupted = true;
			this.span.setAttribute(TenConventions.INTERRUPTED, true);
			this.span.addEvent(TenConventions.INTERRUPTED_EVENT);
			cut = new ArrayList<>(this.inFlight);
		}
		cut.forEach(RecordingStep::endInterrupted);
	}

	@Override
	public void userInputEnded() {
		this.inputEndedNanos = Math.max(0, SpanClock.nanosSinceStart(this.span));
	}

	/** Overtaken by the next turn: interrupted, and its span ends now. */
	void overtaken() {
		interrupted();
		endInterrupted();
	}

	/** A step that starts in a turn already interrupted is cut at once: the user is no longer listening. */
	void stepStarted(RecordingStep step) {
		synchronized (this) {
			if (!this.interrupted) {
				this.inFlight.add(step);
				return;
			}
		}
		step.endInterrupted();
	}

	synchronized void stepEnded(RecordingStep step) {
		this.inFlight.remove(step);
	}

	/** The turn's first audio out, which completes its end-to-end latency. */
	void audioOut() {
		if (this.agentInitiated || spanEnded()) {
			return;
		}
		synchronized (this) {
			if (this.firstAudioRecorded) {
				return;
			}
			this.firstAudioRecorded = true;
		}
		long now = SpanClock.nanosSinceStart(this.span);
		if (now >= 0) {
			this.span.setAttribute(TenConventions.TURN_E2E_LATENCY, SpanClock.seconds(now - this.inputEndedNanos));
		}
	}

	@Override
	synchronized void beforeEnd() {
		if (!this.interrupted) {
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
