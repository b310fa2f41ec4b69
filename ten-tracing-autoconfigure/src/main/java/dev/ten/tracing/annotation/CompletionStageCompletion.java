package dev.ten.tracing.annotation;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

import dev.ten.tracing.AgentSpan;

/**
 * The span of a method returning a {@link CompletionStage} (such as a {@code CompletableFuture}) ends when
 * the stage completes: with its value recorded, its failure recorded as an error, or, when it was
 * cancelled, marked cancelled.
 * <p>
 * When the method is declared to return {@code CompletionStage} or {@code CompletableFuture}, the caller
 * gets a stage that completes once the span has ended, so that continuations ({@code thenCompose}: the TTS
 * after the LLM) belong to the enclosing span, never to the step that just finished; cancelling it cancels
 * the method's own future. Other stage types reach the caller unchanged.
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
		this.outcomes.detach(span);
		CompletableFuture<Object> afterSpan = this.returnsDependentStage ? new CompletableFuture<>() : null;
		stage.whenComplete((value, failure) -> {
			if (failure != null) {
				this.outcomes.failed(span, failure);
			}
			else {
				this.outcomes.completed(kind, span, value);
			}
			if (afterSpan != null) {
				forward(value, failure, afterSpan);
			}
		});
		if (afterSpan == null) {
			return result;
		}
		if (stage instanceof Future<?> work) {
			afterSpan.whenComplete((value, failure) -> {
				if (afterSpan.isCancelled()) {
					work.cancel(true);
				}
			});
		}
		return afterSpan;
	}

	private static void forward(Object value, Throwable failure, CompletableFuture<Object> to) {
		if (failure != null) {
			to.completeExceptionally((failure instanceof CompletionException) ? failure.getCause() : failure);
		}
		else {
			to.complete(value);
		}
	}

}
