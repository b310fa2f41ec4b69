package dev.ten.tracing.autoconfigure;

import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.springai.AudioModelTracingPostProcessor;
import dev.ten.tracing.springai.SpringAiTracing;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelSpan;

import org.springframework.ai.audio.transcription.StreamingTranscriptionModel;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.tool.execution.ToolExecutionExceptionProcessor;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration that makes Spring AI's chat and tool calls part of the agent's trace, when Spring AI is on
 * the class path: each chat model call fills the enclosing {@code llm_node} (models, provider, finish reasons,
 * usage summed over a tool loop), and each tool call inside an agent step is its {@code tool_call} step. Spring
 * AI's observations stay on: its chat spans and meters are recorded as before. Calls of Spring AI's audio models
 * inside a turn, which Spring AI does not observe, become {@code stt_node} and {@code tts_node} steps. Off with
 * {@code ten.tracing.spring-ai.enabled=false}.
 */
@AutoConfiguration(after = TenTracingAutoConfiguration.class)
@ConditionalOnClass({ ChatModelObservationContext.class, ToolCallingObservationContext.class, OtelSpan.class })
@ConditionalOnBooleanProperty(name = "ten.tracing.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "ten.tracing.spring-ai.enabled", matchIfMissing = true)
@ConditionalOnBean(AgentTracer.class)
public final class TenTracingSpringAiAutoConfiguration {

	/** Before Micrometer's default tracing handler, which Spring Boot orders at the lowest precedence less 1000. */
	private static final int TOOL_CALL_HANDLER_ORDER = 0;

	TenTracingSpringAiAutoConfiguration() {
	}

	@Bean
	ObservationHandler<ChatModelObservationContext> tenTracingSpringAiChatModelCalls() {
		return SpringAiTracing.chatModelCalls();
	}

	@Bean
	@Order(TOOL_CALL_HANDLER_ORDER)
	@ConditionalOnBean(Tracer.class)
	ObservationHandler<ToolCallingObservationContext> tenTracingSpringAiToolCalls(
			ObjectProvider<AgentTracer> agentTracer, Tracer tracer) {
		return SpringAiTracing.toolCalls(agentTracer::getObject, tracer);
	}

	@Bean
	@ConditionalOnClass(StreamingTranscriptionModel.class)
	@ConditionalOnBooleanProperty(name = "ten.tracing.spring-ai.audio-models", matchIfMissing = true)
	static AudioModelTracingPostProcessor tenTracingSpringAiAudioModels(ObjectProvider<AgentTracer> agentTracer,
			Environment environment) {
		// Read from the environment: a post-processor is created before properties are bound to beans.
		return new AudioModelTracingPostProcessor(agentTracer::getObject,
				environment.getProperty("ten.tracing.spring-ai.proxy-final-audio-models", Boolean.class, false));
	}

	@Bean
	static BeanPostProcessor tenTracingSpringAiToolFailures() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof ToolExecutionExceptionProcessor processor
						&& SpringAiTracing.isSpringAiDefault(processor)) ? SpringAiTracing.recordingFailures(processor)
								: bean;
			}

		};
	}

}
