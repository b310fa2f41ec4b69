package dev.ten.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

final class RecordingTts extends RecordingStep implements TtsSpan {

	RecordingTts(Span span, RecordedSpan parent, Context parentContext, ContentPolicy content) {
		super(span, parent, parentContext, content);
	}

	@Override
	public void inputText(CharSequence text) {
		String value = this.content.content(text);
		if (value != null) {
			this.span.setAttribute(TenConventions.TTS_INPUT_TEXT, value);
		}
	}

}
