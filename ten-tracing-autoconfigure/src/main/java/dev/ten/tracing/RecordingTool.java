package dev.ten.tracing;

import dev.ten.tracing.internal.Guard;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

final class RecordingTool extends RecordingStep implements ToolSpan {

	private volatile boolean reportedFailure;

	RecordingTool(Span span, RecordedSpan parent, Context parentContext, ContentPolicy content) {
		super(span, parent, parentContext, content);
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

	@Override
	void beforeEnd() {
		this.span.setAttribute(TenConventions.TOOL_IS_ERROR, this.reportedFailure || outcome() == Outcome.FAILED);
	}

}
