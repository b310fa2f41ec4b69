package dev.ten.tracing.annotation;

import dev.ten.tracing.AgentSpan;

/**
 * Ends the span of a traced method that returned normally: at once, or when the work its result stands for
 * is done. One implementation per kind of result, chosen once per method from its declared return type.
 */
interface ResultCompletion {

	/**
	 * Takes over the span of a method that returned.
	 * @param kind the kind of step
	 * @param span the method's span
	 * @param result what the method returned
	 * @return what the caller gets: the result, or the result wrapped to end the span when it completes
	 */
	Object complete(StepKind kind, AgentSpan span, Object result);

}
