package dev.ten.tracing.autoconfigure;

import java.util.Arrays;

/**
 * OpenTelemetry's own switch for conventions still in development: {@code OTEL_SEMCONV_STABILITY_OPT_IN}, a
 * comma-separated list in which {@code gen_ai_latest_experimental} asks instrumentations for the latest GenAI
 * conventions, proposals included.
 */
final class GenAiOptIn {

	static final String VARIABLE = "OTEL_SEMCONV_STABILITY_OPT_IN";

	private static final String LATEST_EXPERIMENTAL = "gen_ai_latest_experimental";

	private GenAiOptIn() {
	}

	static boolean latestExperimental(String optIn) {
		return optIn != null && Arrays.stream(optIn.split(",")).map(String::trim).anyMatch(LATEST_EXPERIMENTAL::equals);
	}

}
