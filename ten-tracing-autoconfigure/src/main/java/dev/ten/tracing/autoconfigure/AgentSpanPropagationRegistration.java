package dev.ten.tracing.autoconfigure;

import dev.ten.tracing.AgentSpanThreadLocalAccessor;
import io.micrometer.context.ContextRegistry;

/**
 * Registers {@link AgentSpanThreadLocalAccessor} with Micrometer's context propagation at startup, after the
 * accessors found on the class path, Micrometer's observation accessor among them. Restored in that order on
 * another thread, the agent span is what ends up current, as it was where the work was handed over, even
 * with an HTTP server observation in scope.
 */
final class AgentSpanPropagationRegistration {

	AgentSpanPropagationRegistration(ContextRegistry registry) {
		registry.registerThreadLocalAccessor(new AgentSpanThreadLocalAccessor());
	}

}
