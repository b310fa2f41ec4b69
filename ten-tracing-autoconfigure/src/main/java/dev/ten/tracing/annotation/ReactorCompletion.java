package dev.ten.tracing.annotation;

import dev.ten.tracing.AgentReactorContext;
import dev.ten.tracing.AgentSpan;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The span of a method returning a Reactor {@link Mono} or {@link Flux} ends when the publisher completes,
 * fails or is cancelled, never at return. Each element of a {@code Flux} is a chunk of the step's output:
 * the first one gives the time to first token ({@code @TracedLlm}) or first audio ({@code @TracedTts}).
 * The span travels in the Reactor context, so that work at subscription and in operators, ten-tracing's own
 * steps and Micrometer-instrumented clients alike, belongs to it. Loaded only when Reactor is present.
 */
final class ReactorCompletion implements ResultCompletion {

	private final StepOutcomes outcomes;

	ReactorCompletion(StepOutcomes outcomes) {
		this.outcomes = outcomes;
	}

	@Override
	public Object complete(StepKind kind, AgentSpan span, Object result) {
		if (result instanceof Mono<?> mono) {
			this.outcomes.detach(span);
			return traced(kind, span, mono);
		}
		if (result instanceof Publisher<?> publisher) {
			this.outcomes.detach(span);
			return traced(kind, span, Flux.from(publisher));
		}
		this.outcomes.completed(kind, span, null);
		return result;
	}

	private <T> Mono<T> traced(StepKind kind, AgentSpan span, Mono<T> mono) {
		return mono.doOnSuccess((value) -> this.outcomes.completed(kind, span, value))
			.doOnError((failure) -> this.outcomes.failed(span, failure))
			.doOnCancel(() -> this.outcomes.cancelled(span))
			.contextWrite(AgentReactorContext.of(span));
	}

	private <T> Flux<T> traced(StepKind kind, AgentSpan span, Flux<T> flux) {
		return flux.doOnEach((signal) -> {
			switch (signal.getType()) {
				case ON_NEXT -> this.outcomes.element(kind, span, signal.get());
				case ON_COMPLETE -> this.outcomes.completed(kind, span, null);
				case ON_ERROR -> this.outcomes.failed(span, signal.getThrowable());
				default -> {
				}
			}
		}).doOnCancel(() -> this.outcomes.cancelled(span)).contextWrite(AgentReactorContext.of(span));
	}

}
