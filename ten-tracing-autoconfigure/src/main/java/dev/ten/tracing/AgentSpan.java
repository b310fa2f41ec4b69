package dev.ten.tracing;

import java.util.Map;

import io.opentelemetry.api.trace.SpanContext;

/**
 * What every agent span can do: the common part of {@link TurnSpan}, {@link LlmSpan}, {@link TtsSpan} and
 * {@link ToolSpan}.
 * <p>
 * A span is current on the thread that started it until it is closed, so that spans started inside it, by
 * this API, by the {@code @Traced*} annotations or by Micrometer-instrumented clients, become its children.
 * Close it on the thread that started it, preferably with try-with-resources. Closing twice is harmless.
 * No method throws, whatever its arguments.
 */
public interface AgentSpan extends AutoCloseable {

	/**
	 * Records an event without attributes.
	 * @param name the event name
	 */
	void addEvent(String name);

	/**
	 * Records an event with attributes. Numbers, booleans and strings keep their type; other values are
	 * recorded as their {@code toString()}, truncated; {@code null} values are skipped.
	 * @param name the event name
	 * @param attributes the event attributes
	 */
	void addEvent(String name, Map<String, ?> attributes);

	/**
	 * Marks the span as failed: error status and an {@code exception} event.
	 * @param failure what went wrong
	 */
	void recordException(Throwable failure);

	/**
	 * Returns the OpenTelemetry identity of this span, e.g. to put its trace id in a log line.
	 * @return the span context, invalid for a span that is not recorded
	 */
	SpanContext spanContext();

	/** Ends the span and makes its parent current again. */
	@Override
	void close();

}
