package dev.ten.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

final class RecordingLlm extends RecordingStep implements LlmSpan {

	private final RecordingTurn turn;

	/** Text of the streamed chunks: created with the first chunk, never when content capture is off. */
	private StreamedText streamed;

	private boolean firstChunkRecorded;

	private volatile boolean responseTextSet;

	RecordingLlm(Span span, RecordedSpan parent, Context parentContext, ContentPolicy content, RecordingTurn turn) {
		super(span, parent, parentContext, content);
		this.turn = turn;
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
		long now = System.nanoTime();
		boolean first;
		StreamedText text;
		synchronized (this) {
			first = !this.firstChunkRecorded;
			this.firstChunkRecorded = true;
			if (first) {
				this.streamed = this.content.streamedText();
			}
			text = this.streamed;
		}
		if (first) {
			double seconds = secondsSinceStart(now);
			this.span.setAttribute(TenConventions.LLM_TIME_TO_FIRST_TOKEN, seconds);
			this.span.setAttribute(TenConventions.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK, seconds);
		}
		if (chunk != null && text != null) {
			text.append(chunk);
		}
	}

	@Override
	void beforeEnd() {
		StreamedText text;
		synchronized (this) {
			text = this.streamed;
		}
		if (!this.responseTextSet && text != null && !text.isEmpty()) {
			this.span.setAttribute(TenConventions.LLM_RESPONSE_TEXT, text.render());
		}
		if (!this.failed && !this.interrupted && !this.cancelled) {
			this.span.addEvent(TenConventions.LLM_RESPONSE_COMPLETE);
		}
	}

	@Override
	void afterEnd() {
		if (this.turn != null) {
			this.turn.stepEnded(this);
		}
	}

}
