package dev.ten.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

final class RecordingLlm extends RecordingStep implements LlmSpan {

	RecordingLlm(Span span, RecordedSpan parent, Context parentContext, ContentPolicy content) {
		super(span, parent, parentContext, content);
	}

	@Override
	public void model(String model) {
		if (model != null) {
			this.span.setAttribute(TenConventions.GEN_AI_REQUEST_MODEL, ContentPolicy.identifier(model));
		}
	}

	@Override
	public void usage(long inputTokens, long outputTokens) {
		if (inputTokens >= 0) {
			this.span.setAttribute(TenConventions.GEN_AI_USAGE_INPUT_TOKENS, inputTokens);
		}
		if (outputTokens >= 0) {
			this.span.setAttribute(TenConventions.GEN_AI_USAGE_OUTPUT_TOKENS, outputTokens);
		}
	}

	@Override
	public void responseText(CharSequence responseText) {
		String text = this.content.content(responseText);
		if (text != null) {
			this.span.setAttribute(TenConventions.LLM_RESPONSE_TEXT, text);
		}
	}

	@Override
	void beforeEnd() {
		if (!this.failed) {
			this.span.addEvent(TenConventions.LLM_RESPONSE_COMPLETE);
		}
	}

}
