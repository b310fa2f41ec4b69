package dev.ten.tracing.sample;

import java.time.Duration;
import java.util.Arrays;

import dev.ten.tracing.annotation.Model;
import dev.ten.tracing.annotation.RequestId;
import dev.ten.tracing.annotation.SttResult;
import dev.ten.tracing.annotation.TracedStt;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Stands in for a streaming speech-to-text service: while the user speaks it sends a hypothesis per word
 * (interim results, events of the {@code stt_node} span), and a moment after the last word the final
 * transcript, which becomes the turn's {@code ten.user_input}.
 */
@Component
public class ScriptedStt {

	static final String MODEL = "scripted-stt-1";

	private static final Duration WORD_INTERVAL = Duration.ofMillis(8);

	private static final Duration FINALIZATION = Duration.ofMillis(30);

	/**
	 * Transcribes what the user says.
	 * @param requestId the request id
	 * @param model the model
	 * @param speech what the user says, as the audio would carry it
	 * @return an interim result per word, then the final one
	 */
	@TracedStt
	public Flux<SttResult> transcribe(@RequestId String requestId, @Model String model, String speech) {
		String[] words = speech.split(" ");
		Flux<SttResult> interim = Flux.range(1, words.length)
			.delayElements(WORD_INTERVAL)
			.map((heard) -> SttResult.interim(String.join(" ", Arrays.copyOf(words, heard))));
		return interim.concatWith(Mono.delay(FINALIZATION).thenReturn(new SttResult(speech, true, "en")));
	}

}
