package dev.ten.tracing.sample;

import java.time.Duration;

import dev.ten.tracing.annotation.RequestId;
import dev.ten.tracing.annotation.TracedTts;
import dev.ten.tracing.annotation.TtsInput;
import reactor.core.publisher.Flux;

import org.springframework.stereotype.Component;

/**
 * Stands in for a streaming text-to-speech engine: after a moment, audio comes out a frame per word. The
 * first frame gives {@code tts_node} its time to first byte, and the turn its end-to-end latency.
 */
@Component
public class ScriptedTts {

	private static final Duration FIRST_AUDIO = Duration.ofMillis(25);

	private static final Duration FRAME_INTERVAL = Duration.ofMillis(4);

	/**
	 * Synthesizes a sentence.
	 * @param requestId the request id
	 * @param text the sentence
	 * @return audio frames of 20 ms at 16 kHz, 16 bit
	 */
	@TracedTts
	public Flux<byte[]> stream(@RequestId String requestId, @TtsInput String text) {
		int frames = text.split("\\s+").length;
		return Flux.range(0, frames)
			.delaySubscription(FIRST_AUDIO)
			.delayElements(FRAME_INTERVAL)
			.map((frame) -> new byte[640]);
	}

}
