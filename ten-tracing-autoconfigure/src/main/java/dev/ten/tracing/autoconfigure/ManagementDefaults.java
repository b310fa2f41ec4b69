package dev.ten.tracing.autoconfigure;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.ten.tracing.autoconfigure.TenTracingProperties.Transport;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Translates {@code ten.tracing.*} into the {@code management.*} properties of Spring Boot's OpenTelemetry
 * support, when tracing is enabled. The result is added with the lowest precedence, so a {@code management.*}
 * property that the user sets explicitly wins. {@code sampling-probability} has no counterpart here: it
 * samples agent sessions only, beside the application's own sampling.
 *
 * <table>
 * <caption>What each ten.tracing property sets</caption>
 * <tr><th>ten.tracing</th><th>management</th></tr>
 * <tr><td>otlp-endpoint, transport</td><td>opentelemetry.tracing.export.otlp.endpoint, .transport</td></tr>
 * <tr><td>headers, timeout, compression</td><td>opentelemetry.tracing.export.otlp.headers, .timeout,
 * .compression</td></tr>
 * <tr><td>max-queue-size</td><td>opentelemetry.tracing.export.max-queue-size</td></tr>
 * <tr><td>service-name</td><td>opentelemetry.resource-attributes[service.name]</td></tr>
 * <tr><td>context-propagation (true)</td><td>spring.reactor.context-propagation=auto (not a management
 * property, but a default all the same)</td></tr>
 * </table>
 */
final class ManagementDefaults {

	static final String DEFAULT_SERVICE_NAME = "ten-voice-agent";

	static final String DEFAULT_GRPC_ENDPOINT = "http://localhost:4317";

	static final String DEFAULT_HTTP_ENDPOINT = "http://localhost:4318/v1/traces";

	private static final String OTLP = "management.opentelemetry.tracing.export.otlp.";

	private static final String SERVICE_NAME = "service.name";

	private ManagementDefaults() {
	}

	static Map<String, Object> of(TenTracingProperties properties, Environment environment) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put(OTLP + "endpoint", endpoint(properties));
		defaults.put(OTLP + "transport", lowerCase(properties.getTransport()));
		defaults.put(OTLP + "timeout", properties.getTimeout().toString());
		defaults.put(OTLP + "compression", lowerCase(properties.getCompression()));
		properties.getHeaders().forEach((name, value) -> defaults.put(OTLP + "headers[" + name + "]", value));
		defaults.put("management.opentelemetry.tracing.export.max-queue-size", properties.getMaxQueueSize());
		if (properties.isContextPropagation()) {
			defaults.put("spring.reactor.context-propagation", "auto");
		}
		String serviceName = serviceName(properties, environment);
		if (serviceName != null) {
			defaults.put("management.opentelemetry.resource-attributes[" + SERVICE_NAME + "]", serviceName);
		}
		return defaults;
	}

	static String endpoint(TenTracingProperties properties) {
		String endpoint = (properties.getOtlpEndpoint() != null) ? properties.getOtlpEndpoint().trim() : null;
		if (properties.getTransport() == Transport.GRPC) {
			return (endpoint != null) ? endpoint : DEFAULT_GRPC_ENDPOINT;
		}
		if (endpoint == null) {
			return DEFAULT_HTTP_ENDPOINT;
		}
		String path = URI.create(endpoint).getPath();
		if (path == null || path.isEmpty() || path.equals("/")) {
			return (endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint) + "/v1/traces";
		}
		return endpoint;
	}

	/**
	 * The service name to set, or {@code null} to leave it to Spring Boot: when OpenTelemetry's own settings
	 * name the service, or when only spring.application.name does.
	 */
	static String serviceName(TenTracingProperties properties, Environment environment) {
		if (serviceNamedByOpenTelemetry(environment)) {
			return null;
		}
		if (properties.getServiceName() != null) {
			return properties.getServiceName();
		}
		return environment.containsProperty("spring.application.name") ? null : DEFAULT_SERVICE_NAME;
	}

	private static boolean serviceNamedByOpenTelemetry(Environment environment) {
		if (environment.getProperty("OTEL_SERVICE_NAME") != null) {
			return true;
		}
		String resourceAttributes = environment.getProperty("OTEL_RESOURCE_ATTRIBUTES", "");
		for (String attribute : resourceAttributes.split(",")) {
			if (attribute.trim().startsWith(SERVICE_NAME + "=")) {
				return true;
			}
		}
		return Binder.get(environment)
			.bind("management.opentelemetry.resource-attributes", Bindable.mapOf(String.class, String.class))
			.map((attributes) -> attributes.containsKey(SERVICE_NAME))
			.orElse(false);
	}

	private static String lowerCase(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

}
