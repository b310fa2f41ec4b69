package dev.ten.tracing;

/**
 * Work done inside a span, for the lambda forms of {@link AgentTracer}, e.g.
 * {@code tracer.traceLlm("req-1", llm -> model.call(prompt))}.
 *
 * @param <S> the span type
 * @param <T> the result type
 * @param <E> the exception the work may throw
 */
@FunctionalInterface
public interface SpanWork<S extends AgentSpan, T, E extends Throwable> {

	/**
	 * Does the work.
	 * @param span the span around the work, to add attributes and events to
	 * @return the result
	 * @throws E when the work fails; the span records it and it propagates unchanged
	 */
	T run(S span) throws E;

}
