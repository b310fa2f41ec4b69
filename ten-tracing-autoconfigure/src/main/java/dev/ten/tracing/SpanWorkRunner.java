package dev.ten.tracing;

import io.opentelemetry.context.Scope;

/**
 * Runs {@link SpanWork} inside a span for the lambda forms of {@link AgentSteps}: the span is current on
 * the calling thread while the work runs, records the work's failure, and ends with it.
 */
final class SpanWorkRunner {

	private SpanWorkRunner() {
	}

	static <S extends AgentSpan, T, E extends Throwable> T run(S span, SpanWork<S, T, E> work) throws E {
		if (work == null) {
			span.close();
			return null;
		}
		T result;
		try (Scope scope = span.makeCurrent()) {
			result = work.run(span);
		}
		catch (Throwable failure) {
			// Recorded before closing: a closed span takes no more data.
			span.recordException(failure);
			span.close();
			throw failure;
		}
		span.close();
		return result;
	}

}
