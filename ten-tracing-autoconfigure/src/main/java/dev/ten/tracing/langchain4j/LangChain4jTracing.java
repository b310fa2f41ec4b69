package dev.ten.tracing.langchain4j;

import java.util.function.Supplier;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.ten.tracing.AgentTracer;

/**
 * What makes LangChain4j's work part of the agent's trace, registered as beans by ten-tracing's
 * auto-configuration: a chat model listener (LangChain4j's Spring Boot starter gives listener beans to the
 * models it builds; a model built by hand takes it with {@code .listeners(List.of(listener))}) and traced
 * tools for AI services.
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

	/**
	 * What makes each tool call of a LangChain4j AI service a {@code tool_call} step:
	 * {@code AiServices.builder(..).tools(toolCalls.traced(weatherTools))}.
	 * @param tracer the agent tracer, looked up at the first tool call
	 * @return the tool tracing
	 */
	public static ToolCallTracing toolCalls(Supplier<AgentTracer> tracer) {
		return new ToolCallTracing(tracer);
	}

}
