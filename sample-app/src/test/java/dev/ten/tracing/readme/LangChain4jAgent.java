package dev.ten.tracing.readme;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import dev.ten.tracing.langchain4j.ToolCallTracing;

/**
 * The README's LangChain4j snippet: an AI service given its tools through ten-tracing.
 */
class LangChain4jAgent {

	interface Assistant {

		String chat(String message);

	}

	static class WeatherTools {

		@Tool("The weather in a city")
		String weather(String city) {
			return "sunny";
		}

	}

	Assistant assistant(ChatModel chatModel, WeatherTools weatherTools, ToolCallTracing toolCalls) {
		// tag::ai-service-tools[]
		Assistant assistant = AiServices.builder(Assistant.class)
			.chatModel(chatModel)
			.tools(toolCalls.traced(weatherTools))
			.build();
		// end::ai-service-tools[]
		return assistant;
	}

}
