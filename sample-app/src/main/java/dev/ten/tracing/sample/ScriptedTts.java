package dev.ten.tracing.sample;

import java.time.Duration;

import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.TtsSpan;
import dev.ten.tracing.annotation.RequestId;
import dev.ten.tracing.annotation.TracedTts;
import dev.ten.tracing.annotation.TtsInput;
import reactor.core.publisher.Flux;

import org.springframework.stereotype.Component;

/**
 * Stands in for a streaming text-to-speech engine: after a moment, audio comes out a frame per word, faster
 * than it plays. The first frame gives {@code tts_node} its time to first byte; each frame reports how long it
 * plays, so that an interruption can tell which words the caller heard.
 */
@Component
public class ScriptedTts {

	/** Audio of one frame: 640 bytes at 16 kHz, 16 bit. */
	static final Duration FRAME = Duration.ofMillis(20);

	private static final Duration FIRST_AUDIO = Duration.ofMillis(25);

	private static final Duration FRAME_INTERVAL = Duration.ofMillis(4);

	private final AgentTracer tracer;

	public ScriptedTts(AgentTracer tracer) {
		this.tracer = tracer;
	}

	/**
	 * Synthesizes a sentence.
	 * @param requestId the request id
	 * @param text the sentence
	 * @return audio frames of 20 ms at 16 kHz, 16 bit
	 */
	@TracedTts
	public Flux<byte[]> stream(@RequestId String requestId, @TtsInput String text) {
		TtsSpan tts = this.tracer.current(TtsSpan.class).orElseGet(() -> AgentTracer.noop().startTts(null, null));
		int frames = text.split("\\s+").length;
		return Flux.range(0, frames)
			.delaySubscription(FIRST_AUDIO)
			.delayElements(FRAME_INTERVAL)
			.map((frame) -> new byte[640])
			.doOnNext((frame) -> tts.audioChunk(FRAME));
	}

}
