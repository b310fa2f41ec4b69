package dev.ten.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

final class RecordingLlm extends RecordingStep implements LlmSpan {

	/**
	 * Text of the streamed chunks, guarded by {@code this}: created with the first chunk, never when content
	 * capture is off.
	 */
	private volatile StreamedText streamed;

	private boolean firstChunkRecorded;

	/** Set by the thread that records the response; the span ends after, on a thread that sees it. */
	private boolean responseTextSet;

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
			this.responseTextSet = true;
			this.span.setAttribute(TenConventions.LLM_RESPONSE_TEXT, text);
		}
	}

	@Override
	public void responseChunk(CharSequence chunk) {
		if (spanEnded()) {
			return;
		}
		boolean first = false;
		synchronized (this) {
			if (!this.firstChunkRecorded) {
				this.firstChunkRecorded = true;
				first = true;
				this.streamed = this.content.streamedText();
			}
			if (chunk != null && this.streamed != null) {
				this.streamed.append(chunk);
			}
		}
		if (first) {
			double seconds = secondsSinceStart();
			this.span.setAttribute(TenConventions.LLM_TIME_TO_FIRST_TOKEN, seconds);
			this.span.setAttribute(TenConventions.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK, seconds);
		}
	}

	@Override
	void beforeEnd() {
		if (!this.responseTextSet && this.streamed != null) {
			String text;
			synchronized (this) {
				text = this.streamed.isEmpty() ? null : this.streamed.render();
			}
			if (text != null) {
				this.span.setAttribute(TenConventions.LLM_RESPONSE_TEXT, text);
			}
		}
		if (!this.failed && !this.interrupted && !this.cancelled) {
			this.span.addEvent(TenConventions.LLM_RESPONSE_COMPLETE);
		}
	}

}
