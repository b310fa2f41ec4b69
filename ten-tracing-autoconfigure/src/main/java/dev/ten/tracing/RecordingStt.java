package dev.ten.tracing;

import java.time.Duration;

import dev.ten.tracing.internal.Guard;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

final class RecordingStt extends RecordingStep implements SttSpan {

	/** The turn this transcription belongs to; {@code null} outside a turn. */
	private final RecordingTurn turn;

	/** Guarded by {@code this}. */
	private long interimResults;

	/** The latest interim result, as recorded (content rules applied). Guarded by {@code this}. */
	private String latestInterim;

	/** Text of the transcript's chunks, created with the first, never with capture off. Guarded by {@code this}. */
	private StreamedText chunks;

	/** Whether chunks came, with capture on or off. Guarded by {@code this}. */
	private boolean chunked;

	/** A final transcript was recorded. Guarded by {@code this}. */
	private boolean isFinal;

	RecordingStt(Span span, RecordedSpan parent, Context parentContext, ContentPolicy content, RecordingTurn turn) {
		super(span, parent, parentContext, content);
		this.turn = turn;
	}

	@Override
	public void model(String model) {
		setIdentifier(TenConventions.GEN_AI_REQUEST_MODEL, model);
	}

	@Override
	public void provider(String provider) {
		setIdentifier(TenConventions.GEN_AI_PROVIDER_NAME, provider);
	}

	@Override
	public void language(String language) {
		setIdentifier(TenConventions.STT_LANGUAGE, language);
	}

	@Override
	public void audioDuration(Duration audio) {
		if (audio != null && !audio.isNegative()) {
			Guard.run(() -> this.span.setAttribute(TenConventions.STT_AUDIO_DURATION,
					SpanClock.seconds(audio.toNanos())));
		}
	}

	@Override
	public void interimResult(CharSequence text) {
		Guard.run(() -> {
			synchronized (this) {
				if (hasEnded()) {
					return;
				}
				this.interimResults++;
				String value = this.content.content(text);
				if (value != null) {
					this.latestInterim = value;
				}
				if (this.interimResults <= TenConventions.STT_MAX_INTERIM_EVENTS) {
					recordEvent(TenConventions.STT_INTERIM_RESULT, (value != null)
							? Attributes.of(TenConventions.STT_TRANSCRIPT, value) : Attributes.empty());
				}
			}
		});
	}

	@Override
	public void transcriptChunk(CharSequence delta) {
		if (delta == null) {
			return;
		}
		Guard.run(() -> {
			synchronized (this) {
				if (hasEnded()) {
					return;
				}
				this.chunked = true;
				if (this.chunks == null) {
					this.chunks = this.content.streamedText();
				}
				if (this.chunks != null) {
					this.chunks.append(delta);
				}
			}
		});
	}

	@Override
	public void finalTranscript(CharSequence transcript) {
		if (transcript == null) {
			return;
		}
		Guard.run(() -> {
			synchronized (this) {
				if (hasEnded()) {
					return;
				}
				recordFinal(this.content.content(transcript));
			}
		});
	}

	/** Called under the lock. */
	private void recordFinal(String transcript) {
		this.isFinal = true;
		if (transcript != null) {
			this.span.setAttribute(TenConventions.STT_TRANSCRIPT, transcript);
		}
		if (this.turn != null) {
			long sinceSpeechEnd = this.turn.transcribed(transcript);
			if (sinceSpeechEnd >= 0) {
				this.span.setAttribute(TenConventions.STT_TIME_TO_FINAL_TRANSCRIPT, SpanClock.seconds(sinceSpeechEnd));
			}
		}
	}

	@Override
	void beforeEnd() {
		if (this.interimResults > 0) {
			this.span.setAttribute(TenConventions.STT_INTERIM_RESULTS, this.interimResults);
		}
		if (!this.isFinal) {
			String streamed = (this.chunks != null && !this.chunks.isEmpty()) ? this.chunks.render() : null;
			if (this.chunked && outcome() == null) {
				// A stream of pieces that completed: together they are the final transcript.
				recordFinal(streamed);
			}
			else {
				String latest = (streamed != null) ? streamed : this.latestInterim;
				if (latest != null) {
					this.span.setAttribute(TenConventions.STT_TRANSCRIPT, latest);
				}
			}
		}
		this.span.setAttribute(TenConventions.STT_IS_FINAL, this.isFinal);
	}

}
