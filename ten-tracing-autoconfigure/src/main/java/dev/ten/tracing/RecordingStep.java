package dev.ten.tracing;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * A step of a session (turn, LLM, TTS or tool). Two things end separately: the step stops being current on
 * the thread that started it ({@link #detach()}, or {@link #close()}), and its span ends ({@link #close()},
 * or an interruption). Between the two, async work may go on elsewhere.
 */
abstract class RecordingStep extends RecordedSpan implements AgentSpan {

	private static final AtomicIntegerFieldUpdater<RecordingStep> STATE = AtomicIntegerFieldUpdater
		.newUpdater(RecordingStep.class, "state");

	/** State bit: the span has ended and takes no more data. */
	private static final int ENDED = 1;

	/** State bit: closed by its owner, so no longer a parent through a thread's context. */
	private static final int CLOSED = 2;

	private final RecordingSession session;

	private final Thread owner;

	/** The scope on the owner thread; {@code null} once detached or closed. Only the owner thread uses it. */
	private Scope scope;

	/** Written by the owner thread when it detaches, read by a thread that closes the step. */
	private volatile boolean detached;

	private volatile boolean stranded;

	private volatile int state;

	volatile boolean failed;

	volatile boolean interrupted;

	volatile boolean cancelled;

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
		return (this.state & CLOSED) != 0;
	}

	/** Whether the span has ended: it takes no more data. */
	final boolean spanEnded() {
		return (this.state & ENDED) != 0;
	}

	/** Only on the owner thread, and only while the scope that the owner never closed is still open there. */
	@Override
	final boolean isStranded() {
		return this.stranded && this.owner == Thread.currentThread() && this.scope != null;
	}

	@Override
	public void recordException(Throwable failure) {
		if (failure == null || spanEnded()) {
			return;
		}
		this.failed = true;
		this.span.setStatus(StatusCode.ERROR, ContentPolicy.identifier(failure.getClass().getName()));
		this.span.recordException(failure);
		onFailure();
	}

	@Override
	public void cancelled() {
		// A cancellation that follows an interruption is its consequence, already recorded as such.
		if (!spanEnded() && !this.cancelled && !this.interrupted) {
			this.cancelled = true;
			this.span.setAttribute(TenConventions.CANCELLED, true);
		}
	}

	@Override
	public final Scope makeCurrent() {
		return this.context.makeCurrent();
	}

	@Override
	public final void detach() {
		if (this.owner == Thread.currentThread() && this.scope != null) {
			this.detached = true;
			closeScope();
		}
	}

	@Override
	public final void close() {
		if (this.owner == Thread.currentThread()) {
			if (this.scope != null) {
				closeScope();
			}
		}
		else if (!this.detached) {
			// Still current on the owner thread, whose scope cannot be closed from here.
			this.stranded = true;
		}
		if (markEnded(CLOSED)) {
			end();
		}
	}

	/** Ends the span at this moment, marked interrupted, keeping what it recorded so far. */
	final void endInterrupted() {
		if (markEnded(0)) {
			this.interrupted = true;
			this.span.setAttribute(TenConventions.INTERRUPTED, true);
			end();
		}
	}

	/** Seconds since this step started, on the span's own clock; {@code NaN} for a span not recorded. */
	final double secondsSinceStart() {
		long nanos = SpanClock.nanosSinceStart(this.span);
		return (nanos >= 0) ? SpanClock.seconds(nanos) : Double.NaN;
	}

	/** A scope belongs to its thread: only the owner closes it. */
	private void closeScope() {
		Scope current = this.scope;
		this.scope = null;
		current.close();
	}

	/** Sets {@link #ENDED} and the given bits; whether this call ended the span. */
	private boolean markEnded(int bits) {
		while (true) {
			int current = this.state;
			int next = current | ENDED | bits;
			if (current == next) {
				return false;
			}
			if (STATE.compareAndSet(this, current, next)) {
				return (current & ENDED) == 0;
			}
		}
	}

	private void end() {
		try {
			beforeEnd();
		}
		finally {
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
