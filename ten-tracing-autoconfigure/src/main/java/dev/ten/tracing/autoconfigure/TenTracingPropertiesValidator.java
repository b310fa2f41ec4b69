package dev.ten.tracing.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Checks {@code ten.tracing.*} values that binding alone accepts, so that a bad value stops startup with a
 * message naming the property and the value instead of surfacing later in an exporter.
 */
final class TenTracingPropertiesValidator {

	private TenTracingPropertiesValidator() {
	}

	static void validate(TenTracingProperties properties) {
		if (properties.getOtlpEndpoint() != null) {
			validateEndpoint(properties.getOtlpEndpoint());
		}
		if (properties.getServiceName() != null && properties.getServiceName().isBlank()) {
			throw invalid("service-name", properties.getServiceName(), "must not be blank");
		}
		double probability = properties.getSamplingProbability();
		if (!(probability >= 0.0 && probability <= 1.0)) {
			throw invalid("sampling-probability", probability, "must be between 0.0 and 1.0");
		}
		atLeastOne("max-content-length", properties.getMaxContentLength());
		atLeastOne("max-queue-size", properties.getMaxQueueSize());
		atLeastOne("max-open-sessions", properties.getMaxOpenSessions());
		Duration timeout = properties.getTimeout();
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw invalid("timeout", timeout, "must be a positive duration, such as 10s");
		}
		if (properties.getTransport() == null) {
			throw invalid("transport", null, "must be grpc or http");
		}
		if (properties.getCompression() == null) {
			throw invalid("compression", null, "must be none or gzip");
		}
	}

	private static void validateEndpoint(String endpoint) {
		String reason = "must be an http or https URL with a host, such as http://localhost:4317";
		URI uri;
		try {
			uri = new URI(endpoint.trim());
		}
		catch (URISyntaxException ex) {
			throw invalid("otlp-endpoint", endpoint, reason);
		}
		String scheme = uri.getScheme();
		boolean http = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
		if (!http || uri.getHost() == null) {
			throw invalid("otlp-endpoint", endpoint, reason);
		}
	}

	private static void atLeastOne(String name, int value) {
		if (value < 1) {
			throw invalid(name, value, "must be at least 1");
		}
	}

	private static InvalidConfigurationPropertyValueException invalid(String name, Object value, String reason) {
		return new InvalidConfigurationPropertyValueException("ten.tracing." + name, value, reason);
	}

}
