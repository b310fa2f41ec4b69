package dev.ten.tracing.otlp;

import java.util.HexFormat;
import java.util.List;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;

/**
 * A span as it arrived over OTLP, with its resource and the number of the accepted request that carried it
 * (from 1, in the order the receiver took them; OTLP does not keep the order of spans within a request).
 */
public record ReceivedSpan(Resource resource, Span span, int request) {

	public String name() {
		return this.span.getName();
	}

	public String traceId() {
		return hex(this.span.getTraceId().toByteArray());
	}

	public String spanId() {
		return hex(this.span.getSpanId().toByteArray());
	}

	/** The parent span id in hex, empty for a root span. */
	public String parentSpanId() {
		return hex(this.span.getParentSpanId().toByteArray());
	}

	public String string(String key) {
		AnyValue value = attribute(this.span.getAttributesList(), key);
		return (value != null) ? value.getStringValue() : null;
	}

	public Long integer(String key) {
		AnyValue value = attribute(this.span.getAttributesList(), key);
		return (value != null) ? value.getIntValue() : null;
	}

	public Boolean bool(String key) {
		AnyValue value = attribute(this.span.getAttributesList(), key);
		return (value != null) ? value.getBoolValue() : null;
	}

	public List<String> eventNames() {
		return this.span.getEventsList().stream().map(Span.Event::getName).toList();
	}

	public int droppedEventsCount() {
		return this.span.getDroppedEventsCount();
	}

	public Status.StatusCode statusCode() {
		return this.span.getStatus().getCode();
	}

	public String serviceName() {
		AnyValue value = attribute(this.resource.getAttributesList(), "service.name");
		return (value != null) ? value.getStringValue() : null;
	}

	private static AnyValue attribute(List<KeyValue> attributes, String key) {
		return attributes.stream()
			.filter((attribute) -> attribute.getKey().equals(key))
			.map(KeyValue::getValue)
			.findFirst()
			.orElse(null);
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

	@Override
	public String toString() {
		return name() + "[" + spanId() + " < " + parentSpanId() + "]";
	}

}
