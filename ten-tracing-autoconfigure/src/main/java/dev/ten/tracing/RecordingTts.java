package dev.ten.tracing;

import java.time.Duration;

import dev.ten.tracing.internal.Guard;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

final class RecordingTts extends RecordingStep implements TtsSpan {

	private final RecordingTurn turn;

	private volatile boolean firstAudioRecorded;

	/** The text to speak as recorded (content rules applied), for what an interruption let the user hear. */
	private volatile String spokenText;

	/** The length of the text to speak before the content rules cut it: the audio carries all of it. */
	private volatile int spokenLength;

	/** Audio produced, in nanoseconds, as reported with the chunks; negative while none was. Guarded by {@code this}. */
	private long audioNanos = -1;

	/**
	 * @param given the text to speak as given
	 * @param recorded what the content rules recorded of it, or {@code null}
	 */
	RecordingTts(Span span, RecordedSpan parent, Context parentContext, ContentPolicy content, RecordingTurn turn,
			CharSequence given, String recorded) {
		super(span, parent, parentContext, content);
		this.turn = turn;
		speaks(given, recorded);
	}

	/** The text to speak: what was recorded of it, and the length it had as given, which the audio carries. */
	private void speaks(CharSequence given, String recorded) {
		if (recorded != null) {
			this.spokenText = recorded;
			this.spokenLength = lengthOf(given, recorded);
		}
	}

	private static int lengthOf(CharSequence given, String recorded) {
		try {
			return given.length();
		}
		catch (RuntimeException ex) {
			// A text that cannot tell its length: what was recorded of it.
			return recorded.length();
		}
	}

	@Override
	public void inputText(CharSequence text) {
		if (text == null) {
			return;
		}
		Guard.run(() -> {
			String value = this.content.content(text);
			if (value != null) {
				speaks(text, value);
				this.span.setAttribute(TenConventions.TTS_INPUT_TEXT, value);
			}
		});
	}

	@Override
	public void model(String model) {
		setIdentifier(TenConventions.GEN_AI_REQUEST_MODEL, model);
	}

	@Override
	public void voice(String voice) {
		setIdentifier(TenConventions.TTS_VOICE, voice);
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
				this.turn.audioOut(this);
			}
		});
	}

	@Override
	public void audioChunk(Duration audio) {
		if (audio != null && !hasEnded()) {
			// No lambda: this runs for every frame.
			try {
				addAudio(audio.toNanos());
			}
			catch (Throwable ex) {
				Guard.failed(ex);
			}
		}
		audioChunk();
	}

	private synchronized void addAudio(long nanos) {
		if (nanos >= 0) {
			long sum = Math.max(this.audioNanos, 0) + nanos;
			this.audioNanos = (sum >= 0) ? sum : Long.MAX_VALUE;
		}
	}

	/** The text to speak, or {@code null} when none was given or content capture is off. */
	String spokenText() {
		return this.spokenText;
	}

	/** The length of the text to speak as given, which the audio carries whole. */
	int spokenLength() {
		return this.spokenLength;
	}

	/** Audio produced so far, in nanoseconds, or {@code -1} when no chunk reported its duration. */
	synchronized long audioNanos() {
		return this.audioNanos;
	}

	@Override
	void beforeEnd() {
		if (this.audioNanos >= 0) {
			this.span.setAttribute(TenConventions.TTS_AUDIO_DURATION, SpanClock.seconds(this.audioNanos));
		}
	}

}
