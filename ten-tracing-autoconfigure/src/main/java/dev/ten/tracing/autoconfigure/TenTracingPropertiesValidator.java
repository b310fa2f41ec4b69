package dev.ten.tracing.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.ten.tracing.internal.Credentials;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/**
 * Checks {@code ten.tracing.*} values that binding alone accepts or reports badly, so that a bad value stops
 * startup with a message naming the property and the value, in the words the documentation uses, instead of
 * surfacing later in an exporter.
 */
final class TenTracingPropertiesValidator {

	private static final DataSize MIN_BUFFER_SIZE = DataSize.ofKilobytes(64);

	private TenTracingPropertiesValidator() {
	}

	/**
	 * Checks the values that bind to enums before they are bound, so that the message lists the values as
	 * users write them ({@code grpc}, not {@code GRPC}).
	 */
	static void validateBeforeBinding(Binder binder) {
		oneOf(binder, "transport", TenTracingProperties.Transport.values());
		oneOf(binder, "compression", TenTracingProperties.Compression.values());
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
		positive("timeout", properties.getTimeout());
		positive("shutdown-timeout", properties.getShutdownTimeout());
		if (properties.getBufferSize() == null || properties.getBufferSize().toBytes() < MIN_BUFFER_SIZE.toBytes()) {
			throw invalid("buffer-size", properties.getBufferSize(),
					"must be at least 64KB (a few dozen spans), such as 64MB");
		}
		properties.getHeaders().forEach((name, value) -> {
			if (value != null && !headerSafe(value)) {
				throw invalid("headers." + name, "(not shown)", "contains a line break or another character that an"
						+ " HTTP header cannot carry (a trailing newline of a secret read from a file?)");
			}
		});
		if (properties.getSsl().getBundle() != null && properties.getSsl().getBundle().isBlank()) {
			throw invalid("ssl.bundle", properties.getSsl().getBundle(), "must name an SSL bundle (spring.ssl.bundle.*)");
		}
		Duration idle = properties.getSessionIdleTimeout();
		if (idle == null || idle.isNegative()) {
			throw invalid("session-idle-timeout", idle, "must be 0 (never) or a positive duration, such as 30m");
		}
	}

	private static void oneOf(Binder binder, String name, Enum<?>[] values) {
		String allowed = Arrays.stream(values)
			.map((value) -> value.name().toLowerCase(Locale.ROOT))
			.collect(Collectors.joining(" or "));
		binder.bind("ten.tracing." + name, String.class).ifBound((value) -> {
			boolean known = Arrays.stream(values).anyMatch((candidate) -> candidate.name().equalsIgnoreCase(value.trim()));
			if (!known) {
				throw invalid(name, value, "must be " + allowed);
			}
		});
	}

	private static void validateEndpoint(String endpoint) {
		String reason = "must be an http or https URL with a host, such as http://localhost:4317";
		URI uri;
		try {
			uri = new URI(endpoint.trim());
		}
		catch (URISyntaxException ex) {
			throw invalid("otlp-endpoint", Credentials.removedFrom(endpoint), reason);
		}
		String scheme = uri.getScheme();
		boolean http = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
		if (!http || uri.getHost() == null) {
			throw invalid("otlp-endpoint", Credentials.removedFrom(endpoint), reason);
		}
	}

	/** Visible ASCII, spaces and tabs: what every HTTP client sends without complaint. */
	private static boolean headerSafe(String value) {
		return value.chars().allMatch((c) -> c == '\t' || (c >= 0x20 && c < 0x7f));
	}

	private static void atLeastOne(String name, int value) {
		if (value < 1) {
			throw invalid(name, value, "must be at least 1");
		}
	}

	private static void positive(String name, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw invalid(name, value, "must be a positive duration, such as 10s");
		}
	}

	private static InvalidConfigurationPropertyValueException invalid(String name, Object value, String reason) {
		return new InvalidConfigurationPropertyValueException("ten.tracing." + name, value, reason);
	}

}
