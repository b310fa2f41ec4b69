package dev.ten.tracing;

import dev.ten.tracing.internal.Guard;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Carries an agent span into the work of a Reactor {@code Mono} or {@code Flux}, which may run on other
 * threads after the span's method returned. {@code @Traced*} methods returning a publisher get this
 * automatically; for a publisher built by hand:
 *
 * <pre>
 * AgentReactorContext.within(llmClient.stream(prompt)
 *     .doOnNext(chunk -&gt; llm.responseChunk(chunk.text())), llm)
 * </pre>
 *
 * The span becomes the parent of Micrometer-instrumented clients used in the publisher (WebClient, Spring
 * AI), which read their parent observation from the Reactor context, and of ten-tracing steps started in its
 * operators, also on other threads with Reactor's automatic context propagation
 * ({@code spring.reactor.context-propagation=auto}, which ten-tracing turns on by default).
 */
public final class AgentReactorContext {

	private AgentReactorContext() {
	}

	/**
	 * Returns the Reactor context entries that carry a span, to pass to {@code contextWrite}.
	 * @param span an agent span, or {@code null}
	 * @return the entries, empty for a span that is not recorded
	 */
	public static Context of(AgentSpan span) {
		return (span instanceof RecordedSpan recorded) ? Guard.call(() -> of(recorded), Context.empty()) : Context.empty();
	}

	/**
	 * Returns the Reactor context entries that carry a session, to pass to {@code contextWrite}: steps
	 * started in the publisher's operators belong to it.
	 * @param session an agent session, or {@code null}
	 * @return the entries, empty for a session that is not recorded
	 */
	public static Context of(AgentSession session) {
		return (session instanceof RecordedSpan recorded) ? Guard.call(() -> of(recorded), Context.empty())
				: Context.empty();
	}

	/**
	 * Carries a span into the work of a {@code Flux}, as {@code flux.contextWrite(of(span))} does, and makes it
	 * current while upstream works on a request, while each signal reaches the subscriber with the subscriber's
	 * own context current: the span is the parent of what the flux's operators start, even on other threads
	 * under Reactor's automatic context propagation, and never of what its subscriber starts. Cheaper per
	 * element than {@code contextWrite} under automatic propagation, which restores every registered
	 * thread-local around every element.
	 * @param <T> the element type
	 * @param flux the flux
	 * @param span an agent span, or {@code null}
	 * @return the flux with the span, or the flux itself for a span that is not recorded
	 */
	public static <T> Flux<T> within(Flux<T> flux, AgentSpan span) {
		if (!(span instanceof RecordedSpan recorded)) {
			return flux;
		}
		return new AgentContextBoundary.OnFlux<>(flux, recorded, of(recorded));
	}

	/**
	 * Carries a span into the work of a {@code Mono}; see {@link #within(Flux, AgentSpan)}.
	 * @param <T> the element type
	 * @param mono the mono
	 * @param span an agent span, or {@code null}
	 * @return the mono with the span, or the mono itself for a span that is not recorded
	 */
	public static <T> Mono<T> within(Mono<T> mono, AgentSpan span) {
		if (!(span instanceof RecordedSpan recorded)) {
			return mono;
		}
		return new AgentContextBoundary.OnMono<>(mono, recorded, of(recorded));
	}

	private static Context of(RecordedSpan span) {
		RecordingSession session = span.session();
		ObservationBridge observations = (session != null) ? session.observations() : null;
		Object observation = (observations != null) ? observations.observationOf(span) : null;
		if (observation == null) {
			return Context.of(AgentSpanThreadLocalAccessor.KEY, span.context);
		}
		// Both: restoring the observation alone does not reliably make the agent span current for ten-tracing.
		return Context.of(AgentSpanThreadLocalAccessor.KEY, span.context, ObservationBridge.contextKey(), observation);
	}

}
