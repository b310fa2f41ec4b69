package dev.ten.tracing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import io.micrometer.tracing.otel.bridge.OtelSpan;

/**
 * Presents an agent span to Micrometer as an observation, for places where Micrometer-instrumented
 * clients (WebClient, Spring AI) look for their parent observation rather than the current span: a Reactor
 * context. The observation is never started, so it records nothing; it only carries the agent span and its
 * OpenTelemetry context, so that opening its scope makes the agent span current, for Micrometer and for
 * ten-tracing alike. Loaded only when Micrometer Tracing's OpenTelemetry bridge is present.
 */
final class ObservationBridge {

	/** Name of the carrier observations, for observation predicates and filters. */
	static final String OBSERVATION_NAME = "ten.agent.span";

	private final ObservationRegistry registry;

	ObservationBridge(ObservationRegistry registry) {
		this.registry = registry;
	}

	/** The key under which Micrometer looks for the parent observation, also in a Reactor context. */
	static String contextKey() {
		return ObservationThreadLocalAccessor.KEY;
	}

	/**
	 * The carrier observation of a span.
	 * @param agentSpan the span
	 * @return the observation, or {@code null} when the registry records nothing for it (a no-op registry, or
	 * a predicate that turns {@value #OBSERVATION_NAME} off)
	 */
	Observation observationOf(RecordedSpan agentSpan) {
		TracingContext tracing = new TracingContext();
		tracing.setSpan(OtelSpan.fromOtel(agentSpan.span, agentSpan.context));
		Observation.Context context = new Observation.Context();
		context.put(TracingContext.class, tracing);
		// For ten-tracing's own handlers of library observations started under it (Spring AI's chat and tools).
		if (agentSpan instanceof AgentSpan step) {
			context.put(AgentSpan.class, step);
		}
		Observation observation = Observation.createNotStarted(OBSERVATION_NAME, () -> context, this.registry);
		return observation.isNoop() ? null : observation;
	}

}
