package dev.ten.tracing;

import dev.ten.tracing.internal.Guard;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

final class RecordingTts extends RecordingStep implements TtsSpan {

	private final RecordingTurn turn;

	private volatile boolean firstAudioRecorded;

	RecordingTts(Span span, RecordedSpan parent, Context parentContext, ContentPolicy content, RecordingTurn turn) {
		super(span, parent, parentContext, content);
		this.turn = turn;
	}

	@Override
	public void inputText(CharSequence text) {
		if (text == null) {
			return;
		}
		Guard.run(() -> {
			String value = this.content.content(text);
			if (value != null) {
				this.span.setAttribute(TenConventions.TTS_INPUT_TEXT, value);
			}
		});
	}

	@Override
	public void audioChunk() {
		if (this.firstAudioRecorded || hasEnded()) {
			return;
		}
		Guard.run(() -> {
			synchronized (this) {
				if (this.firstAudioRecorded || hasEnded()) {
					return;
				}
				this.firstAudioRecorded = true;
				this.span.setAttribute(TenConventions.TTS_TIME_TO_FIRST_BYTE, secondsSinceStart());
			}
			if (this.turn != null) {
				this.turn.audioOut();
			}
		});
	}

}
