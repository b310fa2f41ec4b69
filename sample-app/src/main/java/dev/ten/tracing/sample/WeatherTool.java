package dev.ten.tracing.sample;

import java.util.Map;

import dev.ten.tracing.annotation.TracedTool;

import org.springframework.stereotype.Component;

/**
 * The agent's one tool. Its arguments and output are recorded as JSON on the {@code tool_call} span; an
 * unknown city throws, which marks the span {@code ten.tool.is_error=true}.
 */
@Component
public class WeatherTool {

	private static final Map<String, Forecast> FORECASTS = Map.of("Paris", new Forecast("sunny", 21), "Berlin",
			new Forecast("cloudy", 14));

	@TracedTool("weather_api")
	public Forecast forecast(String city, int days) {
		Forecast forecast = FORECASTS.get(city);
		if (forecast == null) {
			throw new IllegalArgumentException("No weather station in " + city);
		}
		return forecast;
	}

	/**
	 * What the weather service answers.
	 *
	 * @param sky the sky
	 * @param celsius the temperature
	 */
	public record Forecast(String sky, int celsius) {
	}

}
