package dev.ten.tracing;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * A step of a session (turn, LLM, TTS or tool): current on the thread that started it until closed.
 */
abstract class RecordingStep extends RecordedSpan implements AgentSpan {

	private static final AtomicIntegerFieldUpdater<RecordingStep> CLOSED = AtomicIntegerFieldUpdater
		.newUpdater(RecordingStep.class, "closed");

	private final RecordingSession session;

	private final Scope scope;

	private final Thread owner;

	private volatile int closed;

	volatile boolean failed;

	RecordingStep(Span span, RecordedSpan parent, Context parentContext, ContentPolicy content) {
		super(span, parent, parentContext, content);
		this.session = (parent != null) ? parent.session() : null;
		this.scope = this.context.makeCurrent();
		this.owner = Thread.currentThread();
	}

	@Override
	final RecordingSession session() {
		return this.session;
	}

	@Override
	final boolean isEnded() {
		return this.closed != 0;
	}

	@Override
	public void recordException(Throwable failure) {
		if (failure == null) {
			return;
		}
		this.failed = true;
		this.span.setStatus(StatusCode.ERROR, ContentPolicy.identifier(failure.getClass().getName()));
		this.span.recordException(failure);
		onFailure();
	}

	@Override
	public final void close() {
		if (!CLOSED.compareAndSet(this, 0, 1)) {
			return;
		}
		try {
			beforeEnd();
		}
		finally {
			// A scope belongs to its thread: closing it elsewhere would corrupt that other thread's context.
			if (this.owner == Thread.currentThread()) {
				this.scope.close();
			}
			this.span.end();
			afterEnd();
		}
	}

	/** Called when a failure is recorded. */
	void onFailure() {
	}

	/** Called once, just before the span ends: the last chance to set attributes. */
	void beforeEnd() {
	}

	/** Called once, after the span ended. */
	void afterEnd() {
	}

}
