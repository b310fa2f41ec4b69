package dev.ten.tracing.annotation;

import java.util.concurrent.CompletionStage;

import dev.ten.tracing.AgentSpan;

/**
 * The span of a method returning a {@link CompletionStage} (such as a {@code CompletableFuture}) ends when
 * the stage completes: with its value recorded, its failure recorded as an error, or, when it was
 * cancelled, marked cancelled. The caller gets the very stage the method returned.
 */
final class CompletionStageCompletion implements ResultCompletion {

	private final StepOutcomes outcomes;

	CompletionStageCompletion(StepOutcomes outcomes) {
		this.outcomes = outcomes;
	}

	@Override
	public Object complete(StepKind kind, AgentSpan span, Object result) {
		if (!(result instanceof CompletionStage<?> stage)) {
			this.outcomes.completed(kind, span, null);
			return result;
		}
		this.outcomes.detach(span);
		stage.whenComplete((value, failure) -> {
			if (failure != null) {
				this.outcomes.failed(span, failure);
			}
			else {
				this.outcomes.completed(kind, span, value);
			}
		});
		return result;
	}

}
