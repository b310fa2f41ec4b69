package dev.ten.tracing;

import java.util.Map;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;

/**
 * What every agent span can do: the common part of {@link TurnSpan}, {@link SttSpan}, {@link LlmSpan},
 * {@link TtsSpan} and {@link ToolSpan}.
 * <p>
 * A started span is not current anywhere: {@link #makeCurrent()} makes it current on the calling thread
 * until the scope is closed there, so that spans started inside it, by this API, by the {@code @Traced*}
 * annotations or by Micrometer-instrumented clients, become its children. Tasks handed to executors
 * decorated with Micrometer's context propagation, and Reactor operators, carry it to other threads (see
 * {@link AgentSpanThreadLocalAccessor}).
 * <p>
 * Close the span where its work ends, on any thread; closing twice is harmless. The first outcome recorded
 * (a failure, a cancellation, an interruption) is the span's outcome; later ones are ignored. No method
 * throws, whatever its arguments.
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
	 * Marks the span as failed: error status and an {@value TenConventions#EXCEPTION_EVENT} event with the
	 * exception's type and stack trace, and its message when content capture is on (see
	 * {@link TenConventions#EXCEPTION_STACKTRACE}). Ignored once the span has ended or has another outcome.
	 * @param failure what went wrong
	 */
	void recordException(Throwable failure);

	/**
	 * Marks the work as cancelled before it finished ({@code ten.cancelled=true}), e.g. when a stream is
	 * disposed. A cancelled span is not an error. Ignored once the span has ended or has another outcome, such
	 * as an interruption, whose consequence the cancellation is.
	 */
	void cancelled();

	/**
	 * Makes this span current on the calling thread until the scope is closed, on the same thread.
	 * @return the scope to close, on the same thread, to restore what was current before
	 */
	Scope makeCurrent();

	/**
	 * Returns the OpenTelemetry identity of this span, e.g. to put its trace id in a log line.
	 * @return the span context, invalid for a span that is not recorded
	 */
	SpanContext spanContext();

	/** Ends the span, from any thread. */
	@Override
	void close();

}
