package dev.ten.tracing;

import java.util.Map;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;

/**
 * What every agent span can do: the common part of {@link TurnSpan}, {@link LlmSpan}, {@link TtsSpan} and
 * {@link ToolSpan}.
 * <p>
 * A span is current on the thread that started it until it is closed or {@link #detach() detached}, so that
 * spans started inside it, by this API, by the {@code @Traced*} annotations or by Micrometer-instrumented
 * clients, become its children. Tasks handed to executors decorated with Micrometer's context propagation,
 * and Reactor operators, carry it to other threads (see {@link AgentSpanThreadLocalAccessor}).
 * <p>
 * Synchronous work: close it on the thread that started it, preferably with try-with-resources. Work that
 * goes on after the starting method returns (a future, a stream): {@link #detach()} it on the starting
 * thread, then close it from whichever thread sees the work finish. Closing twice is harmless. No method
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
	 * Marks the span as failed: error status and an {@code exception} event.
	 * @param failure what went wrong
	 */
	void recordException(Throwable failure);

	/**
	 * Marks the work as cancelled before it finished ({@code ten.cancelled=true}), e.g. when a stream is
	 * disposed. A cancelled span is not an error. Does nothing once the span has ended, and on an interrupted
	 * turn, whose cancellation is the interruption's consequence.
	 */
	void cancelled();

	/**
	 * Makes this span current on the calling thread, for callbacks that run where context propagation does
	 * not reach (a client library's own threads).
	 * @return the scope to close, on the same thread, to restore what was current before
	 */
	Scope makeCurrent();

	/**
	 * Stops this span being current on the thread that started it, without ending it: for work that goes on
	 * after the starting method returns. {@link #close() Close} it later, from any thread. Only the starting
	 * thread can detach; elsewhere, and once closed, this does nothing.
	 */
	void detach();

	/**
	 * Returns the OpenTelemetry identity of this span, e.g. to put its trace id in a log line.
	 * @return the span context, invalid for a span that is not recorded
	 */
	SpanContext spanContext();

	/**
	 * Ends the span and, on the thread that started it, makes its parent current again. On another thread it
	 * ends the span only: detach it first on the starting thread.
	 */
	@Override
	void close();

}
