package dev.ten.tracing.sample;

import dev.ten.tracing.annotation.LlmResult;
import dev.ten.tracing.annotation.Model;
import dev.ten.tracing.annotation.RequestId;
import dev.ten.tracing.annotation.TracedLlm;

import org.springframework.stereotype.Component;

/**
 * Stands in for a real LLM: answers from a script, and calls the weather tool for weather questions, so the
 * {@code tool_call} span nests under {@code llm_node}.
 */
@Component
public class ScriptedLlm {

	static final String MODEL = "scripted-llm-1";

	private final WeatherTool weatherTool;

	public ScriptedLlm(WeatherTool weatherTool) {
		this.weatherTool = weatherTool;
	}

	@TracedLlm
	public Reply complete(@RequestId String requestId, @Model String model, String prompt) {
		String text = answer(prompt);
		return new Reply(text, model, words(prompt), words(text));
	}

	private String answer(String prompt) {
		if (prompt.startsWith("weather:")) {
			String city = prompt.substring("weather:".length());
			try {
				WeatherTool.Forecast forecast = this.weatherTool.forecast(city, 1);
				return "It is " + forecast.sky() + " and " + forecast.celsius() + " degrees in " + city + ".";
			}
			catch (IllegalArgumentException ex) {
				return "Sorry, I could not find the weather for " + city + ".";
			}
		}
		if (prompt.equals("story")) {
			return "Once upon a time, a voice agent learned to trace every word it said, and then...";
		}
		return "Hello! Ask me about the weather anywhere.";
	}

	private static long words(String text) {
		return text.isBlank() ? 0 : text.trim().split("\\s+").length;
	}

	/**
	 * The LLM's answer, which reports text, model and token usage to the {@code llm_node} span.
	 *
	 * @param text the answer
	 * @param model the model that answered
	 * @param inputTokens prompt tokens
	 * @param outputTokens completion tokens
	 */
	public record Reply(String text, String model, Long inputTokens, Long outputTokens) implements LlmResult {

		@Override
		public CharSequence responseText() {
			return this.text;
		}

	}

}
