package dev.ten.tracing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import dev.ten.tracing.internal.Guard;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

final class RecordingTurn extends RecordingStep implements TurnSpan {

	private static final AtomicReferenceFieldUpdater<RecordingTurn, Steps> STEPS = AtomicReferenceFieldUpdater
		.newUpdater(RecordingTurn.class, Steps.class, "steps");

	private final long turnId;

	private final boolean agentInitiated;

	/**
	 * The LLM and TTS steps started in this turn, newest first, for an interruption to cut those still in
	 * flight. Pushed without a lock; ended steps stay until the turn is gone, a handful per turn.
	 */
	private volatile Steps steps;

	/** The moments of the turn that its latency breakdown is made of. */
	private final TurnTimeline timeline = new TurnTimeline();

	/** The turn was started with what the user said: a transcript does not replace it. */
	private volatile boolean userInputGiven;

	/** Audio played so far as the application last reported it, in nanoseconds; negative when not reported. */
	private volatile long reportedPlayout = -1;

	/** The playback start was marked: later calls, often one per frame, cost a read. */
	private volatile boolean playbackMarked;

	/** Whether to record the GenAI conventions' proposed end reason. */
	private final boolean genAiProposals;

	/** Ended because ten-tracing ended its session. */
	private volatile boolean sessionClosed;

	RecordingTurn(Span span, RecordedSpan parent, Context parentContext, ContentPolicy content, long turnId,
			boolean agentInitiated, boolean genAiProposals, boolean userInputGiven) {
		super(span, parent, parentContext, content);
		this.turnId = turnId;
		this.agentInitiated = agentInitiated;
		this.genAiProposals = genAiProposals;
		this.userInputGiven = userInputGiven;
	}

	@Override
	public long turnId() {
		return this.turnId;
	}

	@Override
	public void interrupted() {
		interruptedBy(InterruptionCause.USER_SPEECH);
	}

	@Override
	public void interruptedBy(InterruptionCause cause) {
		Guard.run(() -> {
			synchronized (this) {
				if (!markInterrupted()) {
					return;
				}
				recordEvent(TenConventions.INTERRUPTED_EVENT, Attributes.empty());
				this.span.setAttribute(TenConventions.INTERRUPTION_CAUSE,
						((cause != null) ? cause : InterruptionCause.USER_SPEECH).value());
				recordWhatWasHeard();
			}
			for (Steps node = this.steps; node != null; node = node.next) {
				node.step.endInterrupted();
			}
		});
	}

	/** The playout position at this moment, and the text it reached; called under the lock. */
	private void recordWhatWasHeard() {
		long now = now();
		if (now < 0) {
			return;
		}
		List<RecordingTts> syntheses = syntheses();
		long played = this.reportedPlayout;
		if (played < 0) {
			long origin = this.timeline.playbackOrigin();
			played = (origin >= 0) ? Math.max(0, now - origin) : 0;
			long synthesised = HeardText.audioNanos(syntheses);
			if (synthesised >= 0) {
				played = Math.min(played, synthesised);
			}
		}
		this.span.setAttribute(TenConventions.INTERRUPTION_PLAYOUT_POSITION, SpanClock.seconds(played));
		if (this.content.captures()) {
			String heard = HeardText.upTo(syntheses, played, this.content.maxContentLength());
			if (heard != null) {
				this.span.setAttribute(TenConventions.INTERRUPTION_HEARD_TEXT, heard);
			}
		}
	}

	/** The turn's syntheses in the order they started. */
	private List<RecordingTts> syntheses() {
		List<RecordingTts> syntheses = new ArrayList<>(4);
		for (Steps node = this.steps; node != null; node = node.next) {
			if (node.step instanceof RecordingTts tts) {
				syntheses.add(tts);
			}
		}
		Collections.reverse(syntheses);
		return syntheses;
	}

	@Override
	public void userInputEnded() {
		Guard.run(() -> {
			long now = now();
			if (now >= 0) {
				this.timeline.speechEnded(now);
			}
		});
	}

	@Override
	public void endOfTurnDetected() {
		Guard.run(() -> {
			long now = now();
			if (now >= 0) {
				this.timeline.endOfTurnDetected(now);
			}
		});
	}

	@Override
	public void playbackStarted() {
		if (this.playbackMarked) {
			return;
		}
		Guard.run(() -> {
			long now = now();
			if (now >= 0) {
				this.timeline.playbackStarted(now);
			}
			this.playbackMarked = true;
		});
	}

	@Override
	public void playbackPosition(Duration played) {
		if (played == null || played.isNegative()) {
			return;
		}
		// No lambda: an audio output may report it for every frame.
		try {
			this.reportedPlayout = played.toNanos();
		}
		catch (Throwable ex) {
			Guard.failed(ex);
		}
	}

	/** Overtaken by the next turn: interrupted, and its span ends now. */
	void overtaken() {
		interruptedBy(InterruptionCause.NEW_TURN);
		endInterrupted();
	}

	/**
	 * An LLM or TTS step started in this turn. One that starts in a turn already interrupted is cut at once:
	 * the user is no longer listening. Registered before the check, so that a concurrent interruption cuts it
	 * either way.
	 */
	void stepStarted(RecordingStep step) {
		Steps head;
		Steps node;
		do {
			head = this.steps;
			node = new Steps(step, head);
		}
		while (!STEPS.compareAndSet(this, head, node));
		if (outcome() == Outcome.INTERRUPTED) {
			step.endInterrupted();
		}
	}

	/**
	 * Audio came out of a synthesis of this turn; the first is where the wait a caller feels ends, unless the
	 * application reports the playback start.
	 */
	void audioOut(RecordingStep synthesis) {
		if (this.agentInitiated || this.timeline.hasAudio()) {
			return;
		}
		long now = now();
		if (now >= 0) {
			this.timeline.audioOut(startOf(synthesis, now), now);
		}
	}

	/** Text from an LLM call of this turn: its first token and first sentence end are the turn's. */
	void llmText(RecordingStep llm, CharSequence text, boolean whole) {
		if (this.agentInitiated || this.timeline.isWaitOver()) {
			return;
		}
		long now = now();
		if (now >= 0) {
			// The call's start matters for the first token only.
			this.timeline.llmText(this.timeline.hasFirstToken() ? now : startOf(llm, now), now, text, whole);
		}
	}

	/** Whether the turn still looks for its first sentence end in LLM text. */
	boolean wantsLlmText() {
		return !this.agentInitiated && !this.timeline.hasFirstSentence();
	}

	/** An LLM call of this turn ended; after the wait is over (audio out), it no longer matters to it. */
	void llmEnded(RecordingStep llm, boolean gaveText, boolean completed) {
		if (this.agentInitiated || this.timeline.isWaitOver()
				|| (gaveText && (!completed || this.timeline.hasFirstSentence()))) {
			return;
		}
		long now = now();
		if (now >= 0) {
			this.timeline.llmEnded(startOf(llm, now), now, gaveText, completed);
		}
	}

	void toolEnded(RecordingStep tool) {
		if (this.agentInitiated || this.timeline.isWaitOver()) {
			return;
		}
		long now = now();
		if (now >= 0) {
			this.timeline.toolEnded(startOf(tool, now), now);
		}
	}

	/**
	 * A transcription of this turn gave its final transcript: the end of the transcription stage, and what the
	 * user said unless the turn was started with it. A transcript that comes once the turn was interrupted or its
	 * wait is over (the user speaking again) is none of these.
	 * @return nanoseconds since the end of the user's speech, or negative when that is not marked or the
	 * transcript does not count
	 */
	long transcribed(String transcript) {
		long now = now();
		if (now < 0 || this.agentInitiated || outcome() == Outcome.INTERRUPTED || hasEnded()
				|| !this.timeline.transcriptFinal(now)) {
			return -1;
		}
		if (!this.userInputGiven && transcript != null) {
			this.span.setAttribute(TenConventions.USER_INPUT, transcript);
		}
		long speechEnd = this.timeline.speechEnd();
		return (speechEnd >= 0) ? Math.max(0, now - speechEnd) : -1;
	}

	/** Nanoseconds since the turn started, on its span's clock; negative for a turn not recorded. */
	private long now() {
		return SpanClock.nanosSinceStart(this.span);
	}

	/** When a step of this turn started, in nanoseconds since the turn started. */
	private static long startOf(RecordingStep step, long now) {
		long elapsed = SpanClock.nanosSinceStart(step.span);
		return (elapsed >= 0) ? Math.max(0, now - elapsed) : now;
	}

	/** A node of the steps stack. */
	private record Steps(RecordingStep step, Steps next) {
	}

	/** Its session is ended by ten-tracing (shutdown, idle, evicted, replaced) while the turn is open. */
	void closeWithSession() {
		this.sessionClosed = true;
		close();
	}

	@Override
	void beforeEnd() {
		Outcome outcome = outcome();
		if (outcome != Outcome.INTERRUPTED) {
			this.span.setAttribute(TenConventions.INTERRUPTED, false);
		}
		if (!this.agentInitiated) {
			this.timeline.record(this.span);
		}
		if (this.genAiProposals && outcome != Outcome.FAILED) {
			this.span.setAttribute(TenConventions.GEN_AI_AGENT_INVOCATION_END_REASON, endReason(outcome));
		}
	}

	/** A failed turn has none: its error status says it. A cancelled turn did not finish, as an interrupted one. */
	private String endReason(Outcome outcome) {
		if (outcome == Outcome.INTERRUPTED || outcome == Outcome.CANCELLED) {
			return TenConventions.TURN_END_INTERRUPTED;
		}
		return this.sessionClosed ? TenConventions.TURN_END_SESSION_CLOSED : TenConventions.TURN_END_COMPLETED;
	}

	@Override
	void afterEnd() {
		RecordingSession session = session();
		if (session != null) {
			session.turnEnded(this);
		}
	}

}
