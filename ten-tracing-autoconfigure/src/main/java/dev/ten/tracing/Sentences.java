package dev.ten.tracing;

/**
 * Tells where a sentence of streamed text ends, the way a sentence-by-sentence TTS pipeline cuts it: at
 * {@code .}, {@code !}, {@code ?} or {@code …} followed by white space or ending the chunk (not after a digit,
 * so that {@code 3.5} streamed as {@code 3.} and {@code 5} is one number), and at {@code 。}, {@code ！} and
 * {@code ？} anywhere. An approximation: an abbreviation such as "Dr." ends a sentence too.
 */
final class Sentences {

	private Sentences() {
	}

	static boolean endsOne(CharSequence text) {
		if (text == null) {
			return false;
		}
		int length = text.length();
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c == '。' || c == '！' || c == '？') {
				return true;
			}
			if (c == '.' || c == '!' || c == '?' || c == '…') {
				if (i + 1 < length) {
					if (Character.isWhitespace(text.charAt(i + 1))) {
						return true;
					}
				}
				else if (i == 0 || !Character.isDigit(text.charAt(i - 1))) {
					return true;
				}
			}
		}
		return false;
	}

}
