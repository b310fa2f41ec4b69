package dev.ten.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

final class RecordingTool extends RecordingStep implements ToolSpan {

	private volatile boolean error;

	RecordingTool(Span span, RecordedSpan parent, Context parentContext, ContentPolicy content) {
		super(span, parent, parentContext, content);
	}

	@Override
	public void output(Object output) {
		String value = this.content.contentOf(output);
		if (value != null) {
			this.span.setAttribute(TenConventions.TOOL_OUTPUT, value);
		}
	}

	@Override
	public void failed() {
		this.error = true;
	}

	@Override
	void onFailure() {
		this.error = true;
	}

	@Override
	void beforeEnd() {
		this.span.setAttribute(TenConventions.TOOL_IS_ERROR, this.error);
	}

}
