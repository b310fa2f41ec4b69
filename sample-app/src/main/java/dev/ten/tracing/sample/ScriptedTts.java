package dev.ten.tracing.sample;

import dev.ten.tracing.annotation.RequestId;
import dev.ten.tracing.annotation.TracedTts;
import dev.ten.tracing.annotation.TtsInput;

import org.springframework.stereotype.Component;

/**
 * Stands in for a text-to-speech engine: "speaks" by taking a moment per word.
 */
@Component
public class ScriptedTts {

	@TracedTts
	public void speak(@RequestId String requestId, @TtsInput String text) {
		sleep(2L * text.split("\\s+").length);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
