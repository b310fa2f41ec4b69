package dev.ten.tracing;

import dev.ten.tracing.internal.Guard;
import reactor.util.context.Context;

/**
 * Carries an agent span into the work of a Reactor {@code Mono} or {@code Flux}, which may run on other
 * threads after the span's method returned. {@code @Traced*} methods returning a publisher get this
 * automatically; for a publisher built by hand:
 *
 * <pre>
 * llmClient.stream(prompt)
 *     .doOnNext(chunk -&gt; llm.responseChunk(chunk.text()))
 *     .contextWrite(AgentReactorContext.of(llm))
 * </pre>
 *
 * The entries make the span the parent of Micrometer-instrumented clients used in the publisher (WebClient,
 * Spring AI), which read their parent observation from the Reactor context, and, with Reactor's automatic
 * context propagation ({@code spring.reactor.context-propagation=auto}, which ten-tracing turns on by
 * default), of ten-tracing steps started in its operators.
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
