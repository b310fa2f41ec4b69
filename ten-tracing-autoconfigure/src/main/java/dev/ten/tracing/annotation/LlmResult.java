package dev.ten.tracing.annotation;

import java.util.List;

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
	 * Returns the model that answered, recorded as {@code gen_ai.response.model}, and as
	 * {@code gen_ai.request.model} when no {@link Model @Model} parameter named the model requested.
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

	/**
	 * Returns the audio share of the prompt tokens, recorded as {@code gen_ai.usage.audio.input_tokens}.
	 * @return the count, or {@code null} when the provider does not report it
	 */
	default Long audioInputTokens() {
		return null;
	}

	/**
	 * Returns the audio share of the completion tokens, recorded as {@code gen_ai.usage.audio.output_tokens}.
	 * @return the count, or {@code null} when the provider does not report it
	 */
	default Long audioOutputTokens() {
		return null;
	}

	/**
	 * Returns why the model stopped, per choice ({@code stop}, {@code length}, {@code tool_calls}, ...),
	 * recorded as {@code gen_ai.response.finish_reasons}.
	 * @return the reasons, or {@code null}
	 */
	default List<String> finishReasons() {
		return null;
	}

}
