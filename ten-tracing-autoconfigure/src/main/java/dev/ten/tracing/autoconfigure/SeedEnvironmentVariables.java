package dev.ten.tracing.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Makes the TEN tracing document's environment variables set their {@code ten.tracing} properties, with the
 * precedence of environment variables. {@code TEN_TRACING_ENABLED} needs nothing: relaxed binding maps it
 * to {@code ten.tracing.enabled} already. The other two do not follow Spring's naming, hence the aliases.
 */
final class SeedEnvironmentVariables {

	static final String PROPERTY_SOURCE_NAME = "tenTracingEnvironmentVariables";

	private static final Map<String, String> ALIASES = Map.of("TEN_OTLP_ENDPOINT", "ten.tracing.otlp-endpoint",
			"TEN_SERVICE_NAME", "ten.tracing.service-name");

	private SeedEnvironmentVariables() {
	}

	static void addTo(ConfigurableEnvironment environment) {
		MutablePropertySources sources = environment.getPropertySources();
		PropertySource<?> system = sources.get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		if (system == null) {
			return;
		}
		Map<String, Object> values = new LinkedHashMap<>();
		ALIASES.forEach((variable, property) -> {
			Object value = system.getProperty(variable);
			if (value != null) {
				values.put(property, value);
			}
		});
		sources.remove(PROPERTY_SOURCE_NAME);
		if (!values.isEmpty()) {
			sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new MapPropertySource(PROPERTY_SOURCE_NAME, values));
		}
	}

}
