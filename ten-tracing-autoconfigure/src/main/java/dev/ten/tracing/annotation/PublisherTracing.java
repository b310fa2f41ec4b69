package dev.ten.tracing.annotation;

import java.util.function.Function;

import dev.ten.tracing.AgentReactorContext;
import dev.ten.tracing.AgentSpan;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.aopalliance.intercept.MethodInvocation;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import org.springframework.aop.ProxyMethodInvocation;

/**
 * Traces a method returning a Reactor {@link Mono} or {@link Flux} per subscription, as Spring's reactive
 * transactions do: the method runs and its span starts when the result is subscribed, and the span ends
 * when it completes, fails or is cancelled. A result never subscribed records nothing; each subscription
 * (a retry) is a call of its own. The span's parent is what was current where the method was called.
 * <p>
 * Each element of a {@code Flux} is a chunk of the step's output: the first gives the time to first token
 * ({@code @TracedLlm}) or first audio ({@code @TracedTts}). The span travels in the Reactor context, so that
 * work in operators, ten-tracing's own steps and Micrometer-instrumented clients alike, belongs to it. An
 * exception the method throws reaches the subscriber as an error signal. Loaded only with Reactor present.
 */
@SuppressWarnings("unchecked")
final class PublisherTracing {

	private final StepOutcomes outcomes;

	PublisherTracing(StepOutcomes outcomes) {
		this.outcomes = outcomes;
	}

	Mono<Object> mono(TracedMethod method, MethodInvocation invocation, Function<Object[], AgentSpan> start) {
		Context caller = Context.current();
		return Mono.defer(() -> {
			Subscribed subscribed = subscribe(caller, method, invocation, start);
			if (subscribed.failure != null) {
				return Mono.error(subscribed.failure);
			}
			Mono<Object> mono = (Mono<Object>) subscribed.result;
			return (subscribed.span != null) ? traced(method.kind, subscribed.span, mono) : mono;
		});
	}

	Flux<Object> flux(TracedMethod method, MethodInvocation invocation, Function<Object[], AgentSpan> start) {
		Context caller = Context.current();
		return Flux.defer(() -> {
			Subscribed subscribed = subscribe(caller, method, invocation, start);
			if (subscribed.failure != null) {
				return Flux.error(subscribed.failure);
			}
			Flux<Object> flux = Flux.from(subscribed.result);
			return (subscribed.span != null) ? traced(method.kind, subscribed.span, flux) : flux;
		});
	}

	/** Starts the span and runs the method, in the caller's context, on the subscribing thread. */
	private Subscribed subscribe(Context caller, TracedMethod method, MethodInvocation invocation,
			Function<Object[], AgentSpan> start) {
		MethodInvocation call = (invocation instanceof ProxyMethodInvocation proxied) ? proxied.invocableClone()
				: invocation;
		try (Scope scope = caller.makeCurrent()) {
			AgentSpan span = start.apply(call.getArguments());
			try {
				Object result = call.proceed();
				if (span != null) {
					this.outcomes.detach(span);
				}
				if (result == null) {
					if (span != null) {
						this.outcomes.completed(method.kind, span, null);
					}
					return new Subscribed(null, Mono.empty(), null);
				}
				return new Subscribed(span, (Publisher<Object>) result, null);
			}
			catch (Throwable failure) {
				if (span != null) {
					this.outcomes.failed(span, failure);
				}
				return new Subscribed(null, null, failure);
			}
		}
	}

	private <T> Mono<T> traced(StepKind kind, AgentSpan span, Mono<T> mono) {
		return mono.doOnSuccess((value) -> this.outcomes.completed(kind, span, value))
			.doOnError((failure) -> this.outcomes.failed(span, failure))
			.doOnCancel(() -> this.outcomes.cancelled(span))
			.contextWrite(carrying(span));
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
		}).doOnCancel(() -> this.outcomes.cancelled(span)).contextWrite(carrying(span));
	}

	/** The Reactor context entries that carry the span; none if building them fails. */
	private ContextView carrying(AgentSpan span) {
		try {
			return AgentReactorContext.of(span);
		}
		catch (RuntimeException | LinkageError ex) {
			this.outcomes.tracingFailed(ex);
			return reactor.util.context.Context.empty();
		}
	}

	/** What a subscription started: the span (if traced), the method's result, or what it threw. */
	private record Subscribed(AgentSpan span, Publisher<Object> result, Throwable failure) {
	}

}
