package dev.ten.tracing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;

/**
 * The moments of a turn that its latency breakdown is made of, in nanoseconds since the turn started, and the
 * breakdown itself: the wait from the end of the user's speech to the first audio out, cut into contiguous
 * segments that add up to it exactly.
 * <p>
 * Each stage is one or more intervals on the turn's clock. End-of-turn detection and transcript finalisation
 * both wait from the end of speech: the first to finish takes the wait until it, the other the rest. Every instant of the wait goes to exactly one
 * stage: the one among those running then that ends last (what the turn waited for: the critical path), except
 * that a tool call counts before the LLM call that waits for it; an instant no stage covers is unattributed. A
 * stage that shared time with another and lost some of it is listed as parallel. A mark that was never reported
 * leaves its segment out (never estimated) and is listed as missing. First report of a mark counts, except the
 * final transcript, where the latest does. Thread-safe.
 */
final class TurnTimeline {

	/** Stages of a turn, in pipeline order: on a tie, the later stage takes the time. */
	enum Stage {

		END_OF_TURN(TenConventions.TURN_LATENCY_END_OF_TURN),

		TRANSCRIPTION(TenConventions.TURN_LATENCY_TRANSCRIPTION),

		LLM_FIRST_TOKEN(TenConventions.TURN_LATENCY_LLM_FIRST_TOKEN),

		TOOLS(TenConventions.TURN_LATENCY_TOOLS),

		FIRST_SENTENCE(TenConventions.TURN_LATENCY_FIRST_SENTENCE),

		TTS_FIRST_BYTE(TenConventions.TURN_LATENCY_TTS_FIRST_BYTE),

		PLAYBACK_START(TenConventions.TURN_LATENCY_PLAYBACK_START);

		final AttributeKey<Double> key;

		final String segment;

		Stage(AttributeKey<Double> key) {
			this.key = key;
			this.segment = key.getKey().substring(TenConventions.TURN_LATENCY_PREFIX.length());
		}

		int bit() {
			return 1 << ordinal();
		}

	}

	private static final Stage[] STAGES = Stage.values();

	/** Name in the missing list of the mark the wait starts from. */
	static final String USER_SPEECH_END = "user_speech_end";

	/** LLM and tool intervals kept per turn, at most; later ones are left out (their time is unattributed). */
	static final int MAX_INTERVALS = 64;

	private static final long NONE = -1;

	// Written under the lock; the volatile ones are also read without it, on the hot path of a stream.

	private long speechEnd = NONE;

	private long endOfTurn = NONE;

	private long transcriptFinal = NONE;

	private volatile long firstToken = NONE;

	private volatile long firstSentence = NONE;

	private volatile long firstAudio = NONE;

	/** Start of the synthesis that gave the first audio. */
	private long firstAudioSynthesis = NONE;

	private volatile long playbackStart = NONE;

	/** LLM calls as start, end pairs; created with the first. */
	private long[] llmCalls;

	private int llmCallCount;

	/** Tool calls as start, end pairs; created with the first. */
	private long[] toolCalls;

	private int toolCallCount;

	/** Whether the first sentence end is known: LLM text no longer matters to the breakdown. */
	boolean hasFirstSentence() {
		return this.firstSentence != NONE;
	}

	/** Whether the first audio is out or playing: what ends later no longer matters to the breakdown. */
	boolean isWaitOver() {
		return this.firstAudio != NONE || this.playbackStart != NONE;
	}

	/** Whether the first token of text came. */
	boolean hasFirstToken() {
		return this.firstToken != NONE;
	}

	/** Whether the first audio is out. */
	boolean hasAudio() {
		return this.firstAudio != NONE;
	}

	synchronized void speechEnded(long at) {
		if (this.speechEnd == NONE) {
			this.speechEnd = at;
		}
	}

	synchronized long speechEnd() {
		return this.speechEnd;
	}

	synchronized void endOfTurnDetected(long at) {
		if (this.endOfTurn == NONE) {
			this.endOfTurn = at;
		}
	}

	/**
	 * A final transcript came.
	 * @return {@code false} when the wait was already over (audio out): the transcript is of later speech
	 */
	synchronized boolean transcriptFinal(long at) {
		if (this.firstAudio != NONE || this.playbackStart != NONE) {
			return false;
		}
		this.transcriptFinal = at;
		return true;
	}

	/**
	 * Text came from an LLM call of the turn.
	 * @param callStart when the call started
	 * @param at now
	 * @param text the text
	 * @param whole whether the text is the whole response rather than a chunk of a stream
	 */
	void llmText(long callStart, long at, CharSequence text, boolean whole) {
		if (this.firstSentence != NONE) {
			return;
		}
		synchronized (this) {
			if (this.firstToken == NONE) {
				this.firstToken = at;
				this.llmCalls = add(this.llmCalls, this.llmCallCount++, callStart, at);
			}
			if (this.firstSentence == NONE && (whole || Sentences.endsOne(text))) {
				this.firstSentence = at;
			}
		}
	}

	/**
	 * An LLM call of the turn ended.
	 * @param start when it started
	 * @param end when it ended
	 * @param gaveText whether it gave text
	 * @param completed whether it ended without a failure, cancellation or interruption
	 */
	synchronized void llmEnded(long start, long end, boolean gaveText, boolean completed) {
		if (!gaveText) {
			this.llmCalls = add(this.llmCalls, this.llmCallCount++, start, end);
		}
		else if (completed && this.firstSentence == NONE) {
			// A response complete without a sentence end is one sentence.
			this.firstSentence = end;
		}
	}

	synchronized void toolEnded(long start, long end) {
		this.toolCalls = add(this.toolCalls, this.toolCallCount++, start, end);
	}

	/**
	 * A synthesis gave audio.
	 * @return whether it is the turn's first audio
	 */
	synchronized boolean audioOut(long synthesisStart, long at) {
		if (this.firstAudio != NONE) {
			return false;
		}
		this.firstAudio = at;
		this.firstAudioSynthesis = synthesisStart;
		return true;
	}

	synchronized void playbackStarted(long at) {
		if (this.playbackStart == NONE) {
			this.playbackStart = at;
		}
	}

	/** Where the agent's audio started to play: the reported playback start, else the first audio out. */
	synchronized long playbackOrigin() {
		return (this.playbackStart != NONE) ? this.playbackStart : this.firstAudio;
	}

	private static long[] add(long[] pairs, int index, long start, long end) {
		if (index >= MAX_INTERVALS) {
			return pairs;
		}
		long[] grown = (pairs == null) ? new long[8] : pairs;
		if (2 * index + 1 >= grown.length) {
			grown = Arrays.copyOf(grown, grown.length * 2);
		}
		grown[2 * index] = Math.max(0, start);
		grown[2 * index + 1] = end;
		return grown;
	}

	/**
	 * Records the end-to-end latency and its breakdown on the turn's span, if the turn had audio out (or a
	 * playback start) after the start of the wait.
	 * @param span the turn's span
	 */
	synchronized void record(Span span) {
		long end = (this.playbackStart != NONE) ? this.playbackStart : this.firstAudio;
		long origin = (this.speechEnd != NONE) ? this.speechEnd : 0;
		if (end == NONE || end < origin) {
			return;
		}
		span.setAttribute(TenConventions.TURN_E2E_LATENCY, SpanClock.seconds(end - origin));
		List<Interval> intervals = intervals(origin, end);
		long[] attributed = new long[STAGES.length];
		// Stage sets as bit masks (a bit per ordinal): this runs as every turn ends.
		int[] parallel = new int[1];
		long unattributed = attribute(intervals, origin, end, attributed, parallel);
		int present = 0;
		for (Interval interval : intervals) {
			present |= interval.stage.bit();
		}
		for (Stage stage : STAGES) {
			if ((present & stage.bit()) != 0) {
				span.setAttribute(stage.key, SpanClock.seconds(attributed[stage.ordinal()]));
			}
		}
		span.setAttribute(TenConventions.TURN_LATENCY_UNATTRIBUTED, SpanClock.seconds(unattributed));
		List<String> missing = missing();
		if (!missing.isEmpty()) {
			span.setAttribute(TenConventions.TURN_LATENCY_MISSING, missing);
		}
		if (parallel[0] != 0) {
			List<String> names = new ArrayList<>(2);
			for (Stage stage : STAGES) {
				if ((parallel[0] & stage.bit()) != 0) {
					names.add(stage.segment);
				}
			}
			span.setAttribute(TenConventions.TURN_LATENCY_PARALLEL, names);
		}
	}

	/** The stages' intervals clipped to the wait; a stage whose mark came before the wait began is present with none of it. */
	private List<Interval> intervals(long origin, long end) {
		List<Interval> intervals = new ArrayList<>(8 + this.llmCallCount + this.toolCallCount);
		// Both wait from the end of speech: the first to come takes the wait until it, the other the rest.
		long transcriptionFrom = (this.endOfTurn != NONE && this.endOfTurn < this.transcriptFinal) ? this.endOfTurn
				: origin;
		long endOfTurnFrom = (this.transcriptFinal != NONE && this.transcriptFinal < this.endOfTurn)
				? this.transcriptFinal : origin;
		if (this.endOfTurn != NONE) {
			intervals.add(Interval.clipped(Stage.END_OF_TURN, endOfTurnFrom, this.endOfTurn, origin, end));
		}
		if (this.transcriptFinal != NONE) {
			intervals.add(Interval.clipped(Stage.TRANSCRIPTION, transcriptionFrom, this.transcriptFinal, origin, end));
		}
		long llmEnd = (this.firstToken != NONE) ? this.firstToken : end;
		for (int i = 0; i < Math.min(this.llmCallCount, MAX_INTERVALS); i++) {
			long start = this.llmCalls[2 * i];
			if (start < end && this.llmCalls[2 * i + 1] > origin) {
				intervals.add(Interval.clipped(Stage.LLM_FIRST_TOKEN, start, Math.min(this.llmCalls[2 * i + 1], llmEnd),
						origin, end));
			}
		}
		for (int i = 0; i < Math.min(this.toolCallCount, MAX_INTERVALS); i++) {
			long start = this.toolCalls[2 * i];
			if (start < end && this.toolCalls[2 * i + 1] > origin) {
				intervals.add(Interval.clipped(Stage.TOOLS, start, this.toolCalls[2 * i + 1], origin, end));
			}
		}
		if (this.firstToken != NONE && this.firstSentence != NONE) {
			intervals.add(Interval.clipped(Stage.FIRST_SENTENCE, this.firstToken, this.firstSentence, origin, end));
		}
		if (this.firstAudio != NONE) {
			intervals.add(Interval.clipped(Stage.TTS_FIRST_BYTE, this.firstAudioSynthesis, this.firstAudio, origin, end));
			if (this.playbackStart != NONE) {
				intervals.add(Interval.clipped(Stage.PLAYBACK_START, this.firstAudio, this.playbackStart, origin, end));
			}
		}
		return intervals;
	}

	/**
	 * Gives every instant of the wait to one stage, or to none.
	 * @return the nanoseconds no stage covers
	 */
	private static long attribute(List<Interval> intervals, long origin, long end, long[] attributed,
			int[] parallel) {
		long[] cuts = new long[2 * intervals.size() + 2];
		int count = 0;
		cuts[count++] = origin;
		cuts[count++] = end;
		for (Interval interval : intervals) {
			cuts[count++] = interval.start;
			cuts[count++] = interval.end;
		}
		Arrays.sort(cuts, 0, count);
		long unattributed = 0;
		for (int i = 0; i + 1 < count; i++) {
			long from = cuts[i];
			long to = cuts[i + 1];
			if (from == to) {
				continue;
			}
			Interval winner = waitedFor(intervals, from, to, parallel);
			if (winner == null) {
				unattributed += to - from;
			}
			else {
				attributed[winner.stage.ordinal()] += to - from;
			}
		}
		return unattributed;
	}

	/**
	 * The stage the turn waited for between two cuts: of those running, the one that ends last. The others
	 * running are added to {@code parallel[0]}.
	 */
	private static Interval waitedFor(List<Interval> intervals, long from, long to, int[] parallel) {
		boolean toolRunning = false;
		for (Interval interval : intervals) {
			if (interval.stage == Stage.TOOLS && interval.covers(from, to)) {
				toolRunning = true;
				break;
			}
		}
		Interval winner = null;
		int running = 0;
		for (Interval interval : intervals) {
			if (!interval.covers(from, to) || (toolRunning && interval.waitsForTools())) {
				continue;
			}
			running |= interval.stage.bit();
			if (winner == null || interval.end > winner.end
					|| (interval.end == winner.end && interval.stage.ordinal() > winner.stage.ordinal())) {
				winner = interval;
			}
		}
		if (winner != null) {
			parallel[0] |= running & ~winner.stage.bit();
		}
		return winner;
	}

	private List<String> missing() {
		List<String> missing = new ArrayList<>(4);
		if (this.speechEnd == NONE) {
			missing.add(USER_SPEECH_END);
		}
		addIfNone(missing, this.endOfTurn, Stage.END_OF_TURN);
		addIfNone(missing, this.transcriptFinal, Stage.TRANSCRIPTION);
		addIfNone(missing, this.firstToken, Stage.LLM_FIRST_TOKEN);
		addIfNone(missing, (this.firstToken != NONE) ? this.firstSentence : NONE, Stage.FIRST_SENTENCE);
		addIfNone(missing, this.firstAudio, Stage.TTS_FIRST_BYTE);
		addIfNone(missing, this.playbackStart, Stage.PLAYBACK_START);
		return missing;
	}

	private static void addIfNone(List<String> missing, long mark, Stage stage) {
		if (mark == NONE) {
			missing.add(stage.segment);
		}
	}

	/** A stage running from start to end, both within the wait. */
	private record Interval(Stage stage, long start, long end) {

		static Interval clipped(Stage stage, long start, long end, long origin, long waitEnd) {
			long from = Math.min(Math.max(start, origin), waitEnd);
			long to = Math.max(Math.min(end, waitEnd), from);
			return new Interval(stage, from, to);
		}

		boolean covers(long from, long to) {
			return this.start <= from && this.end >= to;
		}

		/** An LLM stage, which waits for the tool calls it asked for. */
		boolean waitsForTools() {
			return this.stage == Stage.LLM_FIRST_TOKEN || this.stage == Stage.FIRST_SENTENCE;
		}

	}

}
