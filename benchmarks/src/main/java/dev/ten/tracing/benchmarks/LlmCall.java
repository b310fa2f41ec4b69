package dev.ten.tracing.benchmarks;

/**
 * One LLM call, traced by one of the approaches under comparison. Each records the same span: an
 * {@code llm_node} with five attributes (request id, model, response text, input and output tokens) and one
 * event ({@code llm_response_complete}).
 */
public interface LlmCall {

	Reply complete(String requestId, String model, String prompt);

}
