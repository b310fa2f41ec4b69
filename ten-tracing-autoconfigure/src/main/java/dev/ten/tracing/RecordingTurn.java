package dev.ten.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

final class RecordingTurn extends RecordingStep implements TurnSpan {

	private final long turnId;

	private boolean interrupted;

	RecordingTurn(Span span, RecordedSpan parent, Context parentContext, ContentPolicy content, long turnId) {
		super(span, parent, parentContext, content);
		this.turnId = turnId;
	}

	@Override
	public long turnId() {
		return this.turnId;
	}

	@Override
	public synchronized void interrupted() {
		if (!this.interrupted) {
			this.interrupted = true;
			this.span.setAttribute(TenConventions.INTERRUPTED, true);
			this.span.addEvent(TenConventions.INTERRUPTED_EVENT);
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
