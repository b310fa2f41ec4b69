package dev.ten.tracing;

/**
 * An {@value TenConventions#LLM_SPAN} span: one LLM inference call. Closing it without a recorded failure
 * records the {@value TenConventions#LLM_RESPONSE_COMPLETE} event.
 */
public interface LlmSpan extends AgentSpan {

	/**
	 * Records the model name as {@code gen_ai.request.model}.
	 * @param model the model name
	 */
	void model(String model);

	/**
	 * Records token usage as {@code gen_ai.usage.input_tokens} and {@code gen_ai.usage.output_tokens}.
	 * Negative counts are ignored.
	 * @param inputTokens prompt tokens
	 * @param outputTokens completion tokens
	 */
	void usage(long inputTokens, long outputTokens);

	/**
	 * Records the response as {@code ten.llm.response_text}, truncated, unless content capture is off.
	 * @param responseText what the LLM answered
	 */
	void responseText(CharSequence responseText);

}
