package dev.ten.tracing.autoconfigure;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.langchain4j.LangChain4jTracing;
import dev.ten.tracing.langchain4j.ToolCallTracing;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration that makes LangChain4j's work part of the agent's trace, when LangChain4j is on the class
 * path: a {@link ChatModelListener} bean that fills the {@code llm_node} a chat model call is made in (LangChain4j's
 * Spring Boot starter gives it to the models it builds; a model built by hand takes it with
 * {@code .listeners(..)}), and, with LangChain4j's AI services, a {@link ToolCallTracing} bean whose traced tools
 * make each tool call a {@code tool_call} step. Off with {@code ten.tracing.langchain4j.enabled=false}.
 */
@AutoConfiguration(after = TenTracingAutoConfiguration.class)
@ConditionalOnClass(ChatModelListener.class)
@ConditionalOnBooleanProperty(name = "ten.tracing.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "ten.tracing.langchain4j.enabled", matchIfMissing = true)
public final class TenTracingLangChain4jAutoConfiguration {

	TenTracingLangChain4jAutoConfiguration() {
	}

	@Bean
	ChatModelListener tenTracingChatModelListener() {
		return LangChain4jTracing.chatModelListener();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(DefaultToolExecutor.class)
	static class AiServicesConfiguration {

		@Bean
		ToolCallTracing tenTracingToolCalls(ObjectProvider<AgentTracer> agentTracer) {
			return LangChain4jTracing.toolCalls(agentTracer::getObject);
		}

	}

}
