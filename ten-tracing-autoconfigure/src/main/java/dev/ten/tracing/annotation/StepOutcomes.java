package dev.ten.tracing.annotation;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import dev.ten.tracing.AgentSpan;
import dev.ten.tracing.internal.Guard;
import io.opentelemetry.context.Scope;

/**
 * Records how a traced method's work ended (its result, each element of a stream, a failure or a
 * cancellation) and ends its span. What it calls may be user code (a result's getters) or a user-defined
 * tracer, so every call goes through the one {@link Guard}: tracing never reaches agent code.
 */
final class StepOutcomes {

	/** Makes the span current on this thread; a span that cannot be made current runs without it. */
	Scope makeCurrent(AgentSpan span) {
		try {
			return span.makeCurrent();
		}
		catch (Throwable ex) {
			Guard.failed(ex);
			return Scope.noop();
		}
	}

	/** The work produced its result: records it and ends the span. */
	void completed(StepKind kind, AgentSpan span, Object result) {
		try {
			if (result != null) {
				kind.recordResult(span, result);
			}
		}
		catch (Throwable ex) {
			Guard.failed(ex);
		}
		close(span);
	}

	/** A streamed result produced an element: an LLM chunk or TTS audio. */
	void element(StepKind kind, AgentSpan span, Object element) {
		Guard.run(() -> kind.recordElement(span, element));
	}

	/** The work failed; a cancellation is recorded as such, not as an error. Ends the span. */
	void failed(AgentSpan span, Throwable failure) {
		Guard.run(() -> {
			Throwable cause = unwrap(failure);
			if (cause instanceof CancellationException) {
				span.cancelled();
			}
			else {
				span.recordException(cause);
			}
		});
		close(span);
	}

	/** The work was cancelled before it finished: not an error. Ends the span. */
	void cancelled(AgentSpan span) {
		Guard.run(span::cancelled);
		close(span);
	}

	void close(AgentSpan span) {
		try {
			span.close();
		}
		catch (Throwable ex) {
			Guard.failed(ex);
		}
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
