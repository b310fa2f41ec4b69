package dev.ten.tracing.springai;

import java.util.function.Supplier;

import dev.ten.tracing.AgentTracer;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.Tracer;

import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.tool.execution.DefaultToolExecutionExceptionProcessor;
import org.springframework.ai.tool.execution.ToolExecutionExceptionProcessor;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;

/**
 * The observation handlers that make Spring AI's work part of the agent's trace, registered by ten-tracing's
 * auto-configuration.
 */
public final class SpringAiTracing {

	private SpringAiTracing() {
	}

	/**
	 * The handler that records what Spring AI's chat model calls learned (models, provider, finish reasons,
	 * usage summed over a tool loop) on the {@code llm_node} they were made in.
	 * @return the handler
	 */
	public static ObservationHandler<ChatModelObservationContext> chatModelCalls() {
		return new ChatObservationRecorder();
	}

	/**
	 * Wraps the application's tool exception processor so that a tool's failure is recorded on its
	 * {@code tool_call} step before Spring AI turns it into a message for the model.
	 * @param processor the processor
	 * @return the wrapping processor, or the processor itself when it already records them
	 */
	public static ToolExecutionExceptionProcessor recordingFailures(ToolExecutionExceptionProcessor processor) {
		return (processor instanceof ToolFailureRecorder) ? processor : new ToolFailureRecorder(processor);
	}

	/**
	 * Whether a processor bean is Spring AI's own default, which Spring AI injects by its interface, so that
	 * wrapping it changes nothing else; an application's own processor is left as it is.
	 * @param processor the processor
	 * @return {@code true} for Spring AI's default
	 */
	public static boolean isSpringAiDefault(ToolExecutionExceptionProcessor processor) {
		return processor instanceof DefaultToolExecutionExceptionProcessor;
	}

	/**
	 * The tracing handler that makes a tool call Spring AI runs inside an agent step the agent's
	 * {@code tool_call} step. Register it before Micrometer's default tracing handler.
	 * @param agentTracer the agent tracer, looked up at the first tool call
	 * @param tracer Micrometer's tracer
	 * @return the handler
	 */
	public static ObservationHandler<ToolCallingObservationContext> toolCalls(Supplier<AgentTracer> agentTracer,
			Tracer tracer) {
		return new ToolCallTracingHandler(agentTracer, tracer);
	}

}
