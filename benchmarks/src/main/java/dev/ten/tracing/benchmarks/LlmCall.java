package dev.ten.tracing.benchmarks;

/**
 * One LLM call, traced by one of the approaches under comparison. Each records the same span: an
 * {@code llm_node} with request id, model, response text, input and output tokens (and, in the raw and
 * ten-tracing versions, {@code gen_ai.operation.name}) and one event ({@code llm_response_complete}).
 */
public interface LlmCall {

	Reply complete(String requestId, String model, String prompt);

}
