package dev.ten.tracing.annotation;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

import dev.ten.tracing.AgentSpan;
import dev.ten.tracing.LibrarySteps;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * The span of a method returning a {@link CompletionStage} (such as a {@code CompletableFuture}) ends when
 * the stage completes: with its value recorded, its failure recorded as an error, or, when it was
 * cancelled, marked cancelled.
 * <p>
 * When the method is declared to return {@code CompletionStage} or {@code CompletableFuture}, the caller
 * gets a stage that completes once the span has ended, so that continuations ({@code thenCompose}: the TTS
 * after the LLM) belong to the enclosing span, never to the step that just finished; cancelling it cancels
 * the method's own future. Continuations run with what was current for the caller, whichever thread
 * completes the work. When the caller's future fails first (cancelled, timed out), the work is cancelled
 * and its span ends with that outcome. Other stage types reach the caller unchanged.
 */
final class CompletionStageCompletion implements ResultCompletion {

	private final StepOutcomes outcomes;

	private final boolean returnsDependentStage;

	CompletionStageCompletion(StepOutcomes outcomes, boolean returnsDependentStage) {
		this.outcomes = outcomes;
		this.returnsDependentStage = returnsDependentStage;
	}

	@Override
	public Object complete(StepKind kind, AgentSpan span, Object result) {
		if (!(result instanceof CompletionStage<?> stage)) {
			this.outcomes.completed(kind, span, null);
			return result;
		}
		if (!this.returnsDependentStage) {
			stage.whenComplete((value, failure) -> end(kind, span, value, failure));
			return result;
		}
		// What was current for the caller is current where the caller's continuations run.
		Context callers = LibrarySteps.effectiveContext();
		CompletableFuture<Object> afterSpan = new CompletableFuture<>();
		stage.whenComplete((value, failure) -> {
			try {
				end(kind, span, value, failure);
			}
			finally {
				try (Scope scope = callers.makeCurrent()) {
					forward(value, failure, afterSpan);
				}
			}
		});
		afterSpan.whenComplete((value, failure) -> {
			if (failure != null && stage instanceof Future<?> work && !work.isDone()) {
				// The caller gave up first (cancel, orTimeout): the work is abandoned, and so is its span.
				end(kind, span, null, failure);
				work.cancel(true);
			}
		});
		return afterSpan;
	}

	private void end(StepKind kind, AgentSpan span, Object value, Throwable failure) {
		if (failure != null) {
			this.outcomes.failed(span, failure);
		}
		else {
			this.outcomes.completed(kind, span, value);
		}
	}

	private static void forward(Object value, Throwable failure, CompletableFuture<Object> to) {
		if (failure == null) {
			to.complete(value);
		}
		else {
			boolean wrapped = failure instanceof CompletionException && failure.getCause() != null;
			to.completeExceptionally(wrapped ? failure.getCause() : failure);
		}
	}

}
