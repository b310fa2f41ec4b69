package dev.ten.tracing.autoconfigure;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * Lets {@code ten.tracing.*} drive Spring Boot's own OpenTelemetry setup, before any bean exists: applies
 * the seed's environment variables and, when tracing is enabled, binds and checks {@code ten.tracing.*} (a
 * bad value stops startup with a message naming the property) and adds the corresponding {@code management.*}
 * values with the lowest precedence. One SDK, one exporter, one pipeline for agent spans and everything
 * else. When tracing is disabled nothing else is read, checked or added.
 */
public class TenTracingEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source that holds the {@code management.*} values derived from ten.tracing. */
	public static final String PROPERTY_SOURCE_NAME = "tenTracingManagementDefaults";

	/** After the config data (application.yml and friends) is loaded. */
	private static final int ORDER = Ordered.LOWEST_PRECEDENCE - 10;

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		SeedEnvironmentVariables.addTo(environment);
		MutablePropertySources sources = environment.getPropertySources();
		sources.remove(PROPERTY_SOURCE_NAME);
		Binder binder = Binder.get(environment);
		if (!binder.bind("ten.tracing.enabled", Boolean.class).orElse(true)) {
			return;
		}
		TenTracingPropertiesValidator.validateBeforeBinding(binder);
		TenTracingProperties properties = binder.bindOrCreate("ten.tracing", TenTracingProperties.class);
		TenTracingPropertiesValidator.validate(properties);
		sources.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, ManagementDefaults.of(properties, environment)));
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
