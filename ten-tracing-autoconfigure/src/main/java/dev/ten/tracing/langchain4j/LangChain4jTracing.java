package dev.ten.tracing.langchain4j;

import dev.langchain4j.model.chat.listener.ChatModelListener;

/**
 * What makes LangChain4j's work part of the agent's trace, registered as a bean by ten-tracing's
 * auto-configuration; LangChain4j's Spring Boot starter gives listener beans to the models it builds, and a
 * model built by hand takes it with {@code .listeners(List.of(listener))}.
 */
public final class LangChain4jTracing {

	private LangChain4jTracing() {
	}

	/**
	 * The listener that records what a chat model call learned (models, provider, finish reason, usage summed
	 * over an AI service's tool loop) on the {@code llm_node} it was made in.
	 * @return the listener
	 */
	public static ChatModelListener chatModelListener() {
		return new LlmCallListener();
	}

}
