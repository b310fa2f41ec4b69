package dev.ten.tracing.benchmarks;

import dev.ten.tracing.annotation.LlmResult;

/**
 * What every benchmarked LLM call returns: a response with token usage.
 *
 * @param text the response text
 * @param inputTokens prompt tokens
 * @param outputTokens completion tokens
 */
public record Reply(String text, Long inputTokens, Long outputTokens) implements LlmResult {

	static final Reply ANSWER = new Reply("It is sunny and 21 degrees in Paris.", 12L, 9L);

	@Override
	public CharSequence responseText() {
		return this.text;
	}

}
