package dev.ten.tracing;

import java.util.List;

/**
 * What the user heard of the agent before an interruption, aligned sentence by sentence: the turn's syntheses
 * play one after another in the order they started, each for the audio it produced; those that played whole
 * were heard whole, and of the one playing at the cut, the same share of its text as of its audio, cut back to
 * a word boundary. Needs each synthesis's audio duration ({@code audioChunk(Duration)}) up to the cut.
 */
final class HeardText {

	private HeardText() {
	}

	/**
	 * The audio the syntheses produced.
	 * @return nanoseconds, or {@code -1} when none reported a duration
	 */
	static long audioNanos(List<RecordingTts> syntheses) {
		long total = -1;
		for (RecordingTts tts : syntheses) {
			long audio = tts.audioNanos();
			if (audio >= 0) {
				long sum = Math.max(total, 0) + audio;
				total = (sum >= 0) ? sum : Long.MAX_VALUE;
			}
		}
		return total;
	}

	/**
	 * The text heard in the first {@code played} nanoseconds of the syntheses' audio.
	 * @return the text, or {@code null} when a synthesis reached by the audio has no text or no duration
	 */
	static String upTo(List<RecordingTts> syntheses, long played) {
		StringBuilder heard = new StringBuilder();
		long left = played;
		for (RecordingTts tts : syntheses) {
			if (left <= 0) {
				break;
			}
			String text = tts.spokenText();
			long audio = tts.audioNanos();
			if (text == null || audio < 0) {
				return null;
			}
			if (audio == 0) {
				continue;
			}
			String part = (audio <= left) ? text : wordsOf(text, (double) left / audio);
			left -= audio;
			append(heard, part);
		}
		return heard.toString();
	}

	/** The share of the text, cut back to the end of its last whole word. */
	private static String wordsOf(String text, double share) {
		int cut = (int) Math.floor(text.length() * share);
		if (cut >= text.length()) {
			return text;
		}
		while (cut > 0 && !Character.isWhitespace(text.charAt(cut))) {
			cut--;
		}
		return text.substring(0, cut);
	}

	private static void append(StringBuilder heard, String part) {
		String trimmed = part.strip();
		if (trimmed.isEmpty()) {
			return;
		}
		if (!heard.isEmpty()) {
			heard.append(' ');
		}
		heard.append(trimmed);
	}

}
