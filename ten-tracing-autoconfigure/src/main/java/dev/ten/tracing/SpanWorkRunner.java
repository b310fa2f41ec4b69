package dev.ten.tracing;

/**
 * Runs {@link SpanWork} inside a span for the lambda forms of {@link AgentTracer}.
 */
final class SpanWorkRunner {

	private SpanWorkRunner() {
	}

	static <S extends AgentSpan, T, E extends Throwable> T run(S span, SpanWork<S, T, E> work) throws E {
		try (span) {
			return work.run(span);
		}
		catch (Throwable failure) {
			span.recordException(failure);
			throw failure;
		}
	}

}
