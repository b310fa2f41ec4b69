package dev.ten.tracing;

/**
 * Runs {@link SpanWork} inside a span for the lambda forms of {@link AgentTracer}.
 */
final class SpanWorkRunner {

	private SpanWorkRunner() {
	}

	static <S extends AgentSpan, T, E extends Throwable> T run(S span, SpanWork<S, T, E> work) throws E {
		T result;
		try {
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
