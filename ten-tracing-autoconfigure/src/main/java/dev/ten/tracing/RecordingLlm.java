package dev.ten.tracing;

import dev.ten.tracing.internal.Guard;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

final class RecordingLlm extends RecordingStep implements LlmSpan {

	/** Text of the streamed chunks, guarded by {@code this}: created with the first chunk, never with capture off. */
	private StreamedText streamed;

	/** Guarded by {@code this}. */
	private boolean firstChunkRecorded;

	/** Guarded by {@code this}: an explicit response text wins over streamed chunks. */
	private boolean responseTextSet;

	RecordingLlm(Span span, RecordedSpan parent, Context parentContext, ContentPolicy content) {
		super(span, parent, parentContext, content);
	}

	@Override
	public void model(String model) {
		if (model != null) {
			Guard.run(() -> this.span.setAttribute(TenConventions.GEN_AI_REQUEST_MODEL, ContentPolicy.identifier(model)));
		}
	}

	@Override
	public void usage(long inputTokens, long outputTokens) {
		Guard.run(() -> {
			if (inputTokens >= 0) {
				this.span.setAttribute(TenConventions.GEN_AI_USAGE_INPUT_TOKENS, inputTokens);
			}
			if (outputTokens >= 0) {
				this.span.setAttribute(TenConventions.GEN_AI_USAGE_OUTPUT_TOKENS, outputTokens);
			}
		});
	}

	@Override
	public void responseText(CharSequence responseText) {
		if (responseText == null) {
			return;
		}
		Guard.run(() -> {
			String text = this.content.content(responseText);
			if (text == null) {
				return;
			}
			synchronized (this) {
				if (!hasEnded()) {
					this.responseTextSet = true;
					this.span.setAttribute(TenConventions.LLM_RESPONSE_TEXT, text);
				}
			}
		});
	}

	@Override
	public void responseChunk(CharSequence chunk) {
		if (hasEnded()) {
			return;
		}
		Guard.run(() -> {
			synchronized (this) {
				if (hasEnded()) {
					return;
				}
				if (!this.firstChunkRecorded) {
					this.firstChunkRecorded = true;
					this.streamed = this.content.streamedText();
					double seconds = secondsSinceStart();
					this.span.setAttribute(TenConventions.LLM_TIME_TO_FIRST_TOKEN, seconds);
					this.span.setAttribute(TenConventions.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK, seconds);
				}
				if (chunk != null && this.streamed != null) {
					this.streamed.append(chunk);
				}
			}
		});
	}

	@Override
	void beforeEnd() {
		if (!this.responseTextSet && this.streamed != null && !this.streamed.isEmpty()) {
			this.span.setAttribute(TenConventions.LLM_RESPONSE_TEXT, this.streamed.render());
		}
		if (outcome() == null) {
			recordEvent(TenConventions.LLM_RESPONSE_COMPLETE, Attributes.empty());
		}
	}

}
