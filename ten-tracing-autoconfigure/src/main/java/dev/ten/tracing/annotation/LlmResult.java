package dev.ten.tracing.annotation;

/**
 * Implemented by what a {@link TracedLlm @TracedLlm} method returns, to report the response, model and token
 * usage without a call to the tracing API. Each method may return {@code null} for "not known".
 */
public interface LlmResult {

	/**
	 * Returns the response text, recorded as {@code ten.llm.response_text}.
	 * @return the response text, or {@code null}
	 */
	CharSequence responseText();

	/**
	 * Returns the model that answered, recorded as {@code gen_ai.request.model}.
	 * @return the model name, or {@code null}
	 */
	default String model() {
		return null;
	}

	/**
	 * Returns the prompt token count, recorded as {@code gen_ai.usage.input_tokens}.
	 * @return the count, or {@code null}
	 */
	default Long inputTokens() {
		return null;
	}

	/**
	 * Returns the completion token count, recorded as {@code gen_ai.usage.output_tokens}.
	 * @return the count, or {@code null}
	 */
	default Long outputTokens() {
		return null;
	}

}
