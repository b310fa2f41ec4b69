/**
 * Spring AI's chat and tool observations made part of the agent's trace: what a chat observation learns
 * (models, usage, finish reasons) fills the enclosing {@code llm_node}, and a tool call is the
 * {@code tool_call} step. Loaded only with Spring AI present.
 */
package dev.ten.tracing.springai;
