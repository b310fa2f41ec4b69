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
	 * The text heard in the first {@code played} nanoseconds of the syntheses' audio, within the content limit.
	 * A synthesis's text may be recorded only in part (its beginning, then the content rules' truncation
	 * marker): the share heard is of the text as given, and what was heard beyond the part recorded is counted
	 * in the heard text's own marker.
	 * @param maxLength the content limit
	 * @return the text, or {@code null} when a synthesis reached by the audio has no text or no duration
	 */
	static String upTo(List<RecordingTts> syntheses, long played, int maxLength) {
		StringBuilder kept = new StringBuilder();
		long notKept = 0;
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
			int length = tts.spokenLength();
			int keptLength = (length != text.length()) ? keptOf(text) : text.length();
			int heard = (audio <= left) ? length : wordsOf(text, length, keptLength, (double) left / audio);
			left -= audio;
			String part = text.substring(0, Math.min(heard, keptLength)).strip();
			if (part.isEmpty()) {
				continue;
			}
			if (notKept > 0) {
				notKept += 1 + heard;
				continue;
			}
			if (!kept.isEmpty()) {
				kept.append(' ');
			}
			kept.append(part);
			notKept = (heard > keptLength) ? heard - part.length() : 0;
		}
		return ContentPolicy.truncate(kept.toString(), maxLength, kept.length() + notKept);
	}

	/**
	 * How many characters of a text the share covers, cut back to the end of its last whole word where the
	 * text was recorded.
	 */
	private static int wordsOf(String text, int length, int keptLength, double share) {
		int cut = (int) Math.floor(length * share);
		if (cut >= keptLength) {
			return cut;
		}
		while (cut > 0 && !Character.isWhitespace(text.charAt(cut))) {
			cut--;
		}
		return cut;
	}

	/** The length of the beginning kept of a truncated text: up to its marker. */
	private static int keptOf(String text) {
		int marker = text.lastIndexOf('…');
		return (marker >= 0) ? marker : text.length();
	}

}
