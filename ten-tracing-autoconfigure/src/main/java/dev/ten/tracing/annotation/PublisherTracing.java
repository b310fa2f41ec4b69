package dev.ten.tracing.annotation;

import java.util.function.Function;

import dev.ten.tracing.AgentReactorContext;
import dev.ten.tracing.AgentSpan;
import dev.ten.tracing.LibrarySteps;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.aopalliance.intercept.MethodInvocation;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.aop.ProxyMethodInvocation;

/**
 * Traces a method returning a reactive type per subscription, as Spring's reactive transactions do: the
 * method runs and its span starts when the result is subscribed, and the span ends when it completes, fails
 * or is cancelled. A result never subscribed records nothing; each subscription (a retry) is a call of its
 * own. The span's parent is what was current where the method was called. The caller gets the method's own
 * reactive type back, through Spring's {@code ReactiveAdapter}.
 * <p>
 * Each element of a multi-value result is a chunk of the step's output: the first gives the time to first
 * token ({@code @TracedLlm}) or first audio ({@code @TracedTts}). The span travels in the Reactor context,
 * so that work in operators, ten-tracing's own steps and Micrometer-instrumented clients alike, belongs to
 * it. An exception the method throws reaches the subscriber as an error signal. Loaded only with Reactor
 * present.
 */
@SuppressWarnings("unchecked")
final class PublisherTracing {

	private final StepOutcomes outcomes;

	PublisherTracing(StepOutcomes outcomes) {
		this.outcomes = outcomes;
	}

	Object trace(TracedMethod method, MethodInvocation invocation, Function<Object[], AgentSpan> start) {
		Context caller = LibrarySteps.effectiveContext();
		Publisher<Object> traced = (method.returnKind == ReturnKind.MONO)
				? Mono.defer(() -> subscribe(caller, method, invocation, start).mono(this, method.kind))
				: Flux.defer(() -> subscribe(caller, method, invocation, start).flux(this, method.kind));
		return method.adapter.fromPublisher(traced);
	}

	/** Starts the span and runs the method, in the caller's context, on the subscribing thread. */
	private Subscribed subscribe(Context caller, TracedMethod method, MethodInvocation invocation,
			Function<Object[], AgentSpan> start) {
		MethodInvocation call = (invocation instanceof ProxyMethodInvocation proxied) ? proxied.invocableClone()
				: invocation;
		try (Scope callers = caller.makeCurrent()) {
			AgentSpan span = start.apply(call.getArguments());
			Object result;
			try (Scope scope = (span != null) ? this.outcomes.makeCurrent(span) : Scope.noop()) {
				result = call.proceed();
			}
			catch (Throwable failure) {
				if (span != null) {
					this.outcomes.failed(span, failure);
				}
				return new Subscribed(null, null, failure);
			}
			if (result == null) {
				if (span != null) {
					this.outcomes.completed(method.kind, span, null);
				}
				return new Subscribed(null, Mono.empty(), null);
			}
			return new Subscribed(span, method.adapter.toPublisher(result), null);
		}
	}

	/** What a subscription started: the span (if traced), the method's result, or what it threw. */
	private record Subscribed(AgentSpan span, Publisher<Object> result, Throwable failure) {

		Mono<Object> mono(PublisherTracing tracing, StepKind kind) {
			if (this.failure != null) {
				return Mono.error(this.failure);
			}
			Mono<Object> mono = Mono.from(this.result);
			if (this.span == null) {
				return mono;
			}
			StepOutcomes outcomes = tracing.outcomes;
			return AgentReactorContext.within(mono.doOnSuccess((value) -> outcomes.completed(kind, this.span, value))
				.doOnError((error) -> outcomes.failed(this.span, error))
				.doOnCancel(() -> outcomes.cancelled(this.span)), this.span);
		}

		Flux<Object> flux(PublisherTracing tracing, StepKind kind) {
			if (this.failure != null) {
				return Flux.error(this.failure);
			}
			Flux<Object> flux = Flux.from(this.result);
			if (this.span == null) {
				return flux;
			}
			StepOutcomes outcomes = tracing.outcomes;
			// doOnNext and friends rather than doOnEach, which misses elements when Reactor fuses operators
			// (a Flux.just read by bufferUntil).
			return AgentReactorContext.within(flux.doOnNext((element) -> outcomes.element(kind, this.span, element))
				.doOnComplete(() -> outcomes.completed(kind, this.span, null))
				.doOnError((error) -> outcomes.failed(this.span, error))
				.doOnCancel(() -> outcomes.cancelled(this.span)), this.span);
		}

	}

}
