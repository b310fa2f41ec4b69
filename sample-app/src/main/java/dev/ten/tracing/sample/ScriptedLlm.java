package dev.ten.tracing.sample;

import java.time.Duration;

import dev.ten.tracing.annotation.LlmResult;
import dev.ten.tracing.annotation.Model;
import dev.ten.tracing.annotation.RequestId;
import dev.ten.tracing.annotation.TracedLlm;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.stereotype.Component;

/**
 * Stands in for a streaming LLM: answers from a script, a word at a time, and calls the weather tool for
 * weather questions before it starts answering, so the {@code tool_call} span nests under
 * {@code llm_node}. The last chunk carries the token usage, as real streaming APIs do. Asked for a story, it
 * tells one that never ends, until the caller barges in.
 */
@Component
public class ScriptedLlm {

	static final String MODEL = "scripted-llm-1";

	private static final Duration TOKEN_INTERVAL = Duration.ofMillis(8);

	static final String STORY = "Once upon a time, a voice agent learned to trace every word it said. "
			+ "It traced its greetings. It traced its tools. It traced the moment it was cut short.";

	private final WeatherTool weatherTool;

	public ScriptedLlm(WeatherTool weatherTool) {
		this.weatherTool = weatherTool;
	}

	/**
	 * Streams the answer to a prompt; {@code llm_node} ends when the stream does.
	 * @param requestId the request id
	 * @param model the model
	 * @param prompt what to answer
	 * @return the answer, a word at a time
	 */
	@TracedLlm
	public Flux<Chunk> stream(@RequestId String requestId, @Model String model, String prompt) {
		if (prompt.equals("story")) {
			// A story that goes on until the caller stops it: this turn can only end with a barge-in.
			return Flux.fromArray(STORY.split(" ")).repeat().delayElements(TOKEN_INTERVAL)
				.map((word) -> new Chunk(word + " ", null, null));
		}
		return answer(prompt).flatMapMany((text) -> {
			String[] words = text.split(" ");
			return Flux.range(0, words.length)
				.delayElements(TOKEN_INTERVAL)
				.map((i) -> (i < words.length - 1) ? new Chunk(words[i] + " ", null, null)
						: new Chunk(words[i], words(prompt), (long) words.length));
		});
	}

	/** The tool call happens when the stream is subscribed, on another thread, as an HTTP call would. */
	private Mono<String> answer(String prompt) {
		if (prompt.startsWith("weather:")) {
			String city = prompt.substring("weather:".length());
			return Mono.fromCallable(() -> this.weatherTool.forecast(city, 1))
				.subscribeOn(Schedulers.boundedElastic())
				.map((forecast) -> "It is " + forecast.sky() + " and " + forecast.celsius() + " degrees in " + city
						+ ".")
				.onErrorReturn("Sorry, I could not find the weather for " + city + ".");
		}
		return Mono.just("Hello! Ask me about the weather anywhere.");
	}

	private static long words(String text) {
		return text.isBlank() ? 0 : text.trim().split("\\s+").length;
	}

	/**
	 * A piece of the streamed answer. Each one is a chunk of the {@code llm_node} span's response text; the
	 * first gives its time to first token.
	 *
	 * @param text the words
	 * @param inputTokens prompt tokens, on the last chunk only
	 * @param outputTokens completion tokens, on the last chunk only
	 */
	public record Chunk(String text, Long inputTokens, Long outputTokens) implements LlmResult {

		@Override
		public CharSequence responseText() {
			return this.text;
		}

	}

}
