package dev.ten.tracing.autoconfigure;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.ten.tracing.langchain4j.LangChain4jTracing;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that makes LangChain4j's chat model calls fill the {@code llm_node} they are made in,
 * when LangChain4j is on the class path: a {@link ChatModelListener} bean, which LangChain4j's Spring Boot
 * starter gives to the models it builds (a model built by hand takes it with {@code .listeners(..)}). Off with
 * {@code ten.tracing.langchain4j.enabled=false}.
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

}
