/**
 * TEN agent tracing: {@link dev.ten.tracing.AgentTracer} opens agent sessions and starts the spans of the
 * TEN trace tree ({@code agent_session > user_turn > llm_node > tool_call}, {@code user_turn > tts_node});
 * {@link dev.ten.tracing.TenConventions} spells every span name, attribute key and event name.
 */
package dev.ten.tracing;
