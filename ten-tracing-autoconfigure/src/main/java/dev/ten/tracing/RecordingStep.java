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

	private static final AtomicIntegerFieldUpdater<RecordingStep> ENDED = AtomicIntegerFieldUpdater
		.newUpdater(RecordingStep.class, "ended");

	private final RecordingSession session;

	private final Thread owner;

	/** When the step started, on the {@link System#nanoTime()} clock that latencies are measured on. */
	final long startNanos;

	/** The scope on the owner thread; {@code null} once detached or closed. Only the owner thread closes it. */
	private volatile Scope scope;

	private volatile boolean stranded;

	private volatile int ended;

	private volatile boolean closed;

	volatile boolean failed;

	volatile boolean interrupted;

	volatile boolean cancelled;

	RecordingStep(Span span, RecordedSpan parent, Context parentContext, ContentPolicy content) {
		super(span, parent, parentContext, content);
		this.session = (parent != null) ? parent.session() : null;
		this.startNanos = System.nanoTime();
		this.scope = this.context.makeCurrent();
		this.owner = Thread.currentThread();
	}

	@Override
	final RecordingSession session() {
		return this.session;
	}

	/** Closed by its owner: no longer a parent for steps through a thread's context. */
	@Override
	final boolean isEnded() {
		return this.closed;
	}

	/** Whether the span has ended: it takes no more data. */
	final boolean spanEnded() {
		return this.ended != 0;
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
		// A scope belongs to its thread: closing it elsewhere would corrupt that other thread's context.
		if (this.owner == Thread.currentThread() && this.scope != null) {
			Scope current = this.scope;
			this.scope = null;
			current.close();
		}
	}

	@Override
	public final void close() {
		if (this.owner != Thread.currentThread() && this.scope != null) {
			this.stranded = true;
		}
		this.closed = true;
		detach();
		end();
	}

	@Override
	final boolean isStranded() {
		return this.stranded;
	}

	/** Ends the span at this moment, marked interrupted, keeping what it recorded so far. */
	final void endInterrupted() {
		if (!spanEnded()) {
			this.interrupted = true;
			this.span.setAttribute(TenConventions.INTERRUPTED, true);
			end();
		}
	}

	private void end() {
		if (!ENDED.compareAndSet(this, 0, 1)) {
			return;
		}
		try {
			beforeEnd();
		}
		finally {
			this.span.end();
			afterEnd();
		}
	}

	/** Seconds since this step started. */
	final double secondsSinceStart(long nowNanos) {
		return (nowNanos - this.startNanos) / 1e9;
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
