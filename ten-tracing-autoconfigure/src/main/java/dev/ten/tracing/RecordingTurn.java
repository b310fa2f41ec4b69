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

	private volatile long inputEndedNanos;

	private boolean firstAudioRecorded;

	RecordingTurn(Span span, RecordedSpan parent, Context parentContext, ContentPolicy content, long turnId,
			boolean agentInitiated) {
		super(span, parent, parentContext, content);
		this.turnId = turnId;
		this.agentInitiated = agentInitiated;
		this.inputEndedNanos = this.startNanos;
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
		this.inputEndedNanos = System.nanoTime();
	}

	/** Overtaken by the next turn: interrupted, and its span ends now. */
	void overtaken() {
		interrupted();
		endInterrupted();
	}

	synchronized void stepStarted(RecordingStep step) {
		this.inFlight.add(step);
	}

	synchronized void stepEnded(RecordingStep step) {
		this.inFlight.remove(step);
	}

	/** The turn's first audio out, which completes its end-to-end latency. */
	void audioOut(long nowNanos) {
		if (this.agentInitiated || spanEnded()) {
			return;
		}
		synchronized (this) {
			if (this.firstAudioRecorded) {
				return;
			}
			this.firstAudioRecorded = true;
		}
		this.span.setAttribute(TenConventions.TURN_E2E_LATENCY, (nowNanos - this.inputEndedNanos) / 1e9);
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
