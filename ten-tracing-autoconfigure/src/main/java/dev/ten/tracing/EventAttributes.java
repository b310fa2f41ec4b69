package dev.ten.tracing;

import java.util.Map;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;

/**
 * Turns the attributes of a custom event into OpenTelemetry attributes: numbers and booleans keep their
 * type, everything else becomes bounded text, keys are cleaned like identifiers, {@code null} keys and
 * values are skipped.
 */
final class EventAttributes {

	private EventAttributes() {
	}

	static Attributes of(Map<String, ?> values, ContentPolicy policy) {
		if (values == null || values.isEmpty()) {
			return Attributes.empty();
		}
		AttributesBuilder builder = Attributes.builder();
		values.forEach((key, value) -> {
			if (key != null && value != null) {
				put(builder, ContentPolicy.identifier(key), value, policy);
			}
		});
		return builder.build();
	}

	private static void put(AttributesBuilder builder, String key, Object value, ContentPolicy policy) {
		if (value instanceof Boolean bool) {
			builder.put(key, bool);
		}
		else if (value instanceof Long || value instanceof Integer || value instanceof Short
				|| value instanceof Byte) {
			builder.put(key, ((Number) value).longValue());
		}
		else if (value instanceof Double || value instanceof Float) {
			builder.put(key, ((Number) value).doubleValue());
		}
		else {
			builder.put(key, policy.text(value));
		}
	}

}
