package dev.ten.tracing.springai;

import dev.ten.tracing.AgentSpan;
import dev.ten.tracing.LibrarySteps;
import dev.ten.tracing.ToolSpan;
import dev.ten.tracing.internal.Guard;

import org.springframework.ai.tool.execution.ToolExecutionException;
import org.springframework.ai.tool.execution.ToolExecutionExceptionProcessor;

/**
 * Records a tool's failure on its {@code tool_call} step before Spring AI turns it into a message for the model,
 * where the tool's observation no longer sees it; then lets the application's processor decide as before.
 */
final class ToolFailureRecorder implements ToolExecutionExceptionProcessor {

	private final ToolExecutionExceptionProcessor processor;

	ToolFailureRecorder(ToolExecutionExceptionProcessor processor) {
		this.processor = processor;
	}

	@Override
	public String process(ToolExecutionException exception) {
		Guard.run(() -> {
			AgentSpan current = LibrarySteps.current();
			if (current instanceof ToolSpan tool && exception != null) {
				tool.recordException((exception.getCause() != null) ? exception.getCause() : exception);
				tool.failed();
			}
		});
		return this.processor.process(exception);
	}

}
