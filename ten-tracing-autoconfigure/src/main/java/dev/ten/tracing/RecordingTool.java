package dev.ten.tracing;

import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import dev.ten.tracing.internal.Guard;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

final class RecordingTool extends RecordingStep implements ToolSpan {

	private volatile boolean reportedFailure;

	/**
	 * For a tool call that another library started (Spring AI's tool observation): the tool's name, which a
	 * {@code @TracedTool} method or a programmatic tool step of the same name called inside joins rather than
	 * starting a span of its own; {@code null} once joined or for a tool step ten-tracing started.
	 */
	private volatile String awaitedStep;

	/** A field, not an atomic object per tool span: few tool spans ever await a step. */
	private static final AtomicReferenceFieldUpdater<RecordingTool, String> AWAITED_STEP = AtomicReferenceFieldUpdater
		.newUpdater(RecordingTool.class, String.class, "awaitedStep");

	/** The turn this call belongs to, whose latency breakdown counts it; {@code null} outside a turn. */
	private final RecordingTurn turn;

	RecordingTool(Span span, RecordedSpan parent, Context parentContext, ContentPolicy content, RecordingTurn turn) {
		super(span, parent, parentContext, content);
		this.turn = turn;
	}

	@Override
	public void output(Object output) {
		if (output == null) {
			return;
		}
		Guard.run(() -> {
			String value = this.content.contentOf(output);
			if (value != null) {
				this.span.setAttribute(TenConventions.TOOL_OUTPUT, value);
			}
		});
	}

	@Override
	public void callId(String callId) {
		setIdentifier(TenConventions.GEN_AI_TOOL_CALL_ID, callId);
	}

	@Override
	public void failed() {
		this.reportedFailure = true;
	}

	/** Lets the first tool step of this name started inside this one join it; see {@link #joinedBy(String)}. */
	void awaitStep(String toolName) {
		this.awaitedStep = toolName;
	}

	/**
	 * This step, for a tool step of the name it awaits, once: what that step records goes to this span, and its
	 * end is this span's owner's to make.
	 * @param toolName the name of the tool step being started
	 * @return a view of this step, or {@code null} when the step is not awaited here
	 */
	ToolSpan joinedBy(String toolName) {
		String awaited = this.awaitedStep;
		if (awaited == null || !awaited.equals(toolName) || !AWAITED_STEP.compareAndSet(this, awaited, null)) {
			return null;
		}
		return new JoinedTool(this);
	}

	@Override
	void beforeEnd() {
		this.span.setAttribute(TenConventions.TOOL_IS_ERROR, this.reportedFailure || outcome() == Outcome.FAILED);
	}

	@Override
	void afterEnd() {
		if (this.turn != null) {
			this.turn.toolEnded(this);
		}
	}

}
