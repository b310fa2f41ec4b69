package dev.ten.tracing.benchmarks;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the benchmarks' Spring Boot applications the way users start theirs, quietly.
 */
final class BenchmarkApplications {

	private BenchmarkApplications() {
	}

	static ConfigurableApplicationContext start(Class<?> configuration, String... properties) {
		return start(configuration, (context) -> {
		}, properties);
	}

	static ConfigurableApplicationContext start(Class<?> configuration, Customizer customizer, String... properties) {
		// Every span sampled, the agent's and the application's alike, so that every approach records its span.
		List<String> args = new ArrayList<>(List.of("--spring.main.banner-mode=off", "--logging.level.root=warn",
				"--logging.level.dev.ten.tracing=error", "--management.tracing.sampling.probability=1.0"));
		for (String property : properties) {
			args.add("--" + property);
		}
		return new SpringApplicationBuilder(configuration).web(WebApplicationType.NONE)
			.initializers(customizer::customize)
			.run(args.toArray(String[]::new));
	}

	/** Adds to a context before it is refreshed. */
	@FunctionalInterface
	interface Customizer {

		void customize(ConfigurableApplicationContext context);

	}

}
