package dev.ten.tracing.langchain4j;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.ten.tracing.AgentSpan;
import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.LibrarySteps;
import dev.ten.tracing.ToolSpan;
import dev.ten.tracing.internal.Guard;
import io.opentelemetry.context.Scope;

/**
 * Makes each tool call of a LangChain4j AI service a {@code tool_call} step of the agent step it runs in,
 * current while the tool runs, so that what the tool does nests under it: hand the AI service the tools
 * through {@link #traced(Object...)} rather than the tool objects themselves. A tool call that runs outside
 * any agent step records nothing.
 */
public final class ToolCallTracing {

	private final Supplier<AgentTracer> tracer;

	ToolCallTracing(Supplier<AgentTracer> tracer) {
		this.tracer = tracer;
	}

	/**
	 * The {@code @Tool} methods of the given objects as LangChain4j finds them, each run as a
	 * {@code tool_call} step; for {@code AiServices.builder(..).tools(toolCalls.traced(weatherTools))}.
	 * @param toolObjects objects with LangChain4j {@code @Tool} methods
	 * @return their tools, by specification
	 */
	public Map<ToolSpecification, ToolExecutor> traced(Object... toolObjects) {
		Map<ToolSpecification, ToolExecutor> tools = new LinkedHashMap<>();
		for (Object toolObject : toolObjects) {
			for (Method method : toolObject.getClass().getDeclaredMethods()) {
				if (method.isAnnotationPresent(Tool.class)) {
					ToolSpecification specification = ToolSpecifications.toolSpecificationFrom(method);
					tools.put(specification, new TracedToolExecutor(new DefaultToolExecutor(toolObject, method)));
				}
			}
		}
		return tools;
	}

	/** A tool executor whose every call is a tool step, ended when the call returns or throws. */
	private final class TracedToolExecutor implements ToolExecutor {

		private final ToolExecutor executor;

		TracedToolExecutor(ToolExecutor executor) {
			this.executor = executor;
		}

		@Override
		public String execute(ToolExecutionRequest request, Object memoryId) {
			ToolSpan tool = start(request);
			if (tool == null) {
				return this.executor.execute(request, memoryId);
			}
			String result;
			try (Scope scope = tool.makeCurrent()) {
				result = this.executor.execute(request, memoryId);
			}
			catch (RuntimeException | Error failure) {
				tool.recordException(failure);
				tool.close();
				throw failure;
			}
			tool.output(result);
			tool.close();
			return result;
		}

		@Override
		public ToolExecutionResult executeWithContext(ToolExecutionRequest request, InvocationContext context) {
			ToolSpan tool = start(request);
			if (tool == null) {
				return this.executor.executeWithContext(request, context);
			}
			ToolExecutionResult result;
			try (Scope scope = tool.makeCurrent()) {
				result = this.executor.executeWithContext(request, context);
			}
			catch (RuntimeException | Error failure) {
				tool.recordException(failure);
				tool.close();
				throw failure;
			}
			if (result != null) {
				tool.output(result.resultText());
				if (result.isError()) {
					tool.failed();
				}
			}
			tool.close();
			return result;
		}

		/** The step of a call made inside an agent step, or {@code null}. */
		private ToolSpan start(ToolExecutionRequest request) {
			return Guard.call(() -> {
				AgentSpan parent = LibrarySteps.current();
				if (parent == null || request == null) {
					return null;
				}
				return LibrarySteps.startTool(ToolCallTracing.this.tracer.get(), parent, request.name(),
						request.id(), request.arguments());
			}, null);
		}

	}

}
