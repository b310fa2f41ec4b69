package dev.ten.tracing.autoconfigure;

import dev.ten.tracing.OpenTelemetryAgentTracer;

/**
 * Customizes the {@link OpenTelemetryAgentTracer.Builder} behind the auto-configured
 * {@link dev.ten.tracing.AgentTracer}, after the {@code ten.tracing.*} properties are applied. Define beans
 * of this type to change what properties do not cover.
 */
@FunctionalInterface
public interface OpenTelemetryAgentTracerBuilderCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder
	 */
	void customize(OpenTelemetryAgentTracer.Builder builder);

}
