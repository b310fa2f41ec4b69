package dev.ten.tracing.benchmarks;

import reactor.core.publisher.Flux;

/**
 * A streaming LLM call, the shape every approach in {@link StreamingLlmBenchmark} implements.
 */
public interface StreamingLlm {

	/** What every stream answers: 50 tokens. */
	String[] TOKENS = tokens(50);

	/**
	 * Streams the answer.
	 * @param requestId the request id
	 * @param model the model
	 * @return the tokens
	 */
	Flux<String> stream(String requestId, String model);

	private static String[] tokens(int count) {
		String[] tokens = new String[count];
		for (int i = 0; i < count; i++) {
			tokens[i] = "tok" + i + " ";
		}
		return tokens;
	}

}
