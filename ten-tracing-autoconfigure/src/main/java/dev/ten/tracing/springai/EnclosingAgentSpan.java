package dev.ten.tracing.springai;

import dev.ten.tracing.AgentSpan;
import dev.ten.tracing.LibrarySteps;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationView;

/**
 * The agent step a library observation belongs to: the one current on the thread where it starts, else the
 * one that its parent observations carry (in a Reactor stream, where Spring AI reads its parent observation
 * from the Reactor context that ten-tracing filled).
 */
final class EnclosingAgentSpan {

	/** Parent observations looked at, at most: a chain of advisors is a handful deep. */
	private static final int MAX_DEPTH = 64;

	private EnclosingAgentSpan() {
	}

	static AgentSpan of(Observation.ContextView context) {
		AgentSpan current = LibrarySteps.current();
		if (current != null) {
			return current;
		}
		ObservationView parent = context.getParentObservation();
		for (int depth = 0; parent != null && depth < MAX_DEPTH; depth++) {
			Observation.ContextView view = parent.getContextView();
			AgentSpan carried = view.get(AgentSpan.class);
			if (carried != null) {
				return carried;
			}
			parent = view.getParentObservation();
		}
		return null;
	}

}
