package dev.ten.tracing;

/**
 * An {@value TenConventions#LLM_SPAN} span: one LLM inference call, streamed or not. Closing it without a
 * recorded failure, cancellation or interruption records the {@value TenConventions#LLM_RESPONSE_COMPLETE}
 * event.
 */
public interface LlmSpan extends AgentSpan {

	/**
	 * Records the model name as {@code gen_ai.request.model}.
	 * @param model the model name
	 */
	void model(String model);

	/**
	 * Records who serves the model as {@code gen_ai.provider.name}, in the GenAI conventions' words where they
	 * name it: {@code openai}, {@code anthropic}, {@code gcp.gemini}, {@code aws.bedrock}, {@code azure.ai.openai},
	 * {@code mistral_ai}, {@code groq}, and so on.
	 * @param provider the provider
	 */
	default void provider(String provider) {
	}

	/**
	 * Records the model that answered as {@code gen_ai.response.model}, when the provider reports one (often a
	 * dated version of the model requested).
	 * @param model the model that answered
	 */
	default void responseModel(String model) {
	}

	/**
	 * Records token usage as {@code gen_ai.usage.input_tokens} and {@code gen_ai.usage.output_tokens}.
	 * Negative counts are ignored.
	 * @param inputTokens prompt tokens
	 * @param outputTokens completion tokens
	 */
	void usage(long inputTokens, long outputTokens);

	/**
	 * Adds token usage to what this span recorded, for an LLM step that called the model more than once (a
	 * tool loop): {@code gen_ai.usage.input_tokens} and {@code gen_ai.usage.output_tokens} become the sums.
	 * ten-tracing's Spring AI and LangChain4j integrations call it per model call; counts given to
	 * {@link #usage(long, long)} take precedence over these sums. Negative counts are ignored.
	 * @param inputTokens prompt tokens of one model call
	 * @param outputTokens completion tokens of one model call
	 */
	default void addUsage(long inputTokens, long outputTokens) {
	}

	/**
	 * Records the audio share of the token usage, for speech-to-speech and audio models, as
	 * {@code gen_ai.usage.audio.input_tokens} and {@code gen_ai.usage.audio.output_tokens}: a part of the counts
	 * given to {@link #usage(long, long)}, not in addition to them. Negative counts are ignored.
	 * @param inputAudioTokens audio tokens of the prompt
	 * @param outputAudioTokens audio tokens of the completion
	 */
	default void audioUsage(long inputAudioTokens, long outputAudioTokens) {
	}

	/**
	 * Records why the model stopped, per choice ({@code stop}, {@code length}, {@code tool_calls}, ...), as
	 * {@code gen_ai.response.finish_reasons}.
	 * @param finishReasons the reasons
	 */
	default void finishReasons(String... finishReasons) {
	}

	/**
	 * Records the response as {@code ten.llm.response_text}, truncated, unless content capture is off. Takes
	 * precedence over text accumulated from {@link #responseChunk(CharSequence) chunks}.
	 * @param responseText what the LLM answered
	 */
	void responseText(CharSequence responseText);

	/**
	 * Records a chunk of a streamed response. The first chunk records the time to first token, in seconds
	 * since the span started, as {@code ten.llm.time_to_first_token} and
	 * {@code gen_ai.response.time_to_first_chunk}. The chunks' text accumulates into
	 * {@code ten.llm.response_text} (truncated, unless content capture is off), also when the span ends early
	 * because the turn was interrupted.
	 * @param chunk the chunk's text, or {@code null} for a chunk without text (such as a tool-call delta)
	 */
	void responseChunk(CharSequence chunk);

}
