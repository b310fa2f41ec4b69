package dev.ten.tracing;

import java.util.ArrayList;
import java.util.List;

import dev.ten.tracing.internal.Guard;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;

/**
 * A step of a session (turn, LLM, TTS or tool). Two things happen separately: its owner closes it, after
 * which it no longer parents anything through a context, and its span ends, on close or earlier by an
 * interruption. What the work reports (a failure, a cancellation, an interruption) and the end of the span
 * are decided under the step's lock, so that a report racing the end is either wholly recorded or wholly
 * ignored, and the first outcome is the only one.
 */
abstract class RecordingStep extends RecordedSpan implements AgentSpan {

	/** How the work of a step ended, when it did not simply complete. */
	enum Outcome {

		FAILED, CANCELLED, INTERRUPTED

	}

	private final RecordingSession session;

	/** Closed by its owner: no longer a parent through a thread's context. */
	private volatile boolean closed;

	/** The span has ended and takes no more data. Written under the lock. */
	private volatile boolean ended;

	/** Written under the lock, once. */
	private volatile Outcome outcome;

	/** Guarded by {@code this}; see {@link #whenEnding(Runnable)}. */
	private List<Runnable> endingActions;

	/** The step is ending: the first end runs the ending actions, then ends the span. Guarded by {@code this}. */
	private boolean ending;

	RecordingStep(Span span, RecordedSpan parent, Context parentContext, ContentPolicy content) {
		super(span, parent, parentContext, content);
		this.session = (parent != null) ? parent.session() : null;
	}

	@Override
	final RecordingSession session() {
		return this.session;
	}

	@Override
	final boolean isClosed() {
		return this.closed;
	}

	/** Whether the span has ended: it takes no more data. */
	final boolean hasEnded() {
		return this.ended;
	}

	final Outcome outcome() {
		return this.outcome;
	}

	@Override
	public final void recordException(Throwable failure) {
		if (failure == null) {
			return;
		}
		try {
			synchronized (this) {
				if (this.ended || this.outcome != null) {
					return;
				}
				this.outcome = Outcome.FAILED;
				this.span.setStatus(StatusCode.ERROR, failure.getClass().getName());
				this.span.setAttribute(TenConventions.ERROR_TYPE, failure.getClass().getName());
				recordEvent(TenConventions.EXCEPTION_EVENT, this.content.exception(failure));
			}
		}
		catch (Throwable ex) {
			Guard.failed(ex);
		}
	}

	@Override
	public final void cancelled() {
		Guard.run(() -> {
			synchronized (this) {
				if (!this.ended && this.outcome == null) {
					this.outcome = Outcome.CANCELLED;
					this.span.setAttribute(TenConventions.CANCELLED, true);
				}
			}
		});
	}

	@Override
	public final void close() {
		this.closed = true;
		try {
			end();
		}
		catch (Throwable ex) {
			Guard.failed(ex);
		}
	}

	/**
	 * Sets the interrupted outcome unless the work already has one; called under the lock.
	 * @return whether this call set it
	 */
	final boolean markInterrupted() {
		if (this.ended || this.outcome != null) {
			return false;
		}
		this.outcome = Outcome.INTERRUPTED;
		this.span.setAttribute(TenConventions.INTERRUPTED, true);
		return true;
	}

	/** Ends the span at this moment, marked interrupted, keeping what it recorded so far. */
	final void endInterrupted() {
		Guard.run(() -> {
			synchronized (this) {
				markInterrupted();
			}
			end();
		});
	}

	/** Seconds since this step started, on the span's own clock; {@code NaN} for a span not recorded. */
	final double secondsSinceStart() {
		long nanos = SpanClock.nanosSinceStart(this.span);
		return (nanos >= 0) ? SpanClock.seconds(nanos) : Double.NaN;
	}

	/**
	 * Records what a library asked to, just before the span ends: what its work learned by then though its
	 * own end comes later (Spring AI stops a stream's observation after the stream's last signal).
	 * @param action what to record
	 * @return {@code false} when the span has already ended
	 */
	final boolean whenEnding(Runnable action) {
		synchronized (this) {
			if (this.ended || this.ending) {
				return false;
			}
			if (this.endingActions == null) {
				this.endingActions = new ArrayList<>(2);
			}
			this.endingActions.add(action);
			return true;
		}
	}

	private void end() {
		List<Runnable> actions;
		synchronized (this) {
			if (this.ended || this.ending) {
				return;
			}
			this.ending = true;
			actions = this.endingActions;
			this.endingActions = null;
		}
		if (actions != null) {
			actions.forEach(Guard::run);
		}
		synchronized (this) {
			this.ended = true;
			beforeEnd();
			recordDroppedEvents();
		}
		this.span.end();
		afterEnd();
	}

	/** Called once, under the lock, just before the span ends: the last chance to set attributes. */
	void beforeEnd() {
	}

	/** Called once, after the span ended. */
	void afterEnd() {
	}

}
