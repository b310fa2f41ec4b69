package dev.ten.tracing.autoconfigure;

import io.micrometer.context.ContextRegistry;
import reactor.core.publisher.Hooks;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

/**
 * Auto-configuration that carries agent spans to work on other threads with Micrometer's context
 * propagation: tasks of Spring's task executors and {@code @Async} methods (through a
 * {@link ContextPropagatingTaskDecorator}, which Spring Boot applies to the executors it builds), and
 * Reactor operators (through Reactor's automatic context propagation, which {@code ten.tracing} turns on by
 * default with {@code spring.reactor.context-propagation=auto}). Off with
 * {@code ten.tracing.context-propagation=false}.
 */
@AutoConfiguration
@ConditionalOnClass(ContextRegistry.class)
@ConditionalOnBooleanProperty(name = "ten.tracing.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "ten.tracing.context-propagation", matchIfMissing = true)
public final class TenTracingPropagationAutoConfiguration {

	TenTracingPropagationAutoConfiguration() {
	}

	@Bean
	AgentSpanPropagationRegistration agentSpanPropagationRegistration() {
		return new AgentSpanPropagationRegistration(ContextRegistry.getInstance());
	}

	@Bean
	@ConditionalOnMissingBean
	ContextPropagatingTaskDecorator contextPropagatingTaskDecorator() {
		return new ContextPropagatingTaskDecorator();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Hooks.class)
	@ConditionalOnProperty(name = "spring.reactor.context-propagation", havingValue = "auto")
	static class ReactorConfiguration {

		/** Also without Spring Boot's Reactor module, which does the same for the same property. */
		ReactorConfiguration() {
			Hooks.enableAutomaticContextPropagation();
		}

	}

}
