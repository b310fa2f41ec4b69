package dev.ten.tracing.langchain4j;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.function.Supplier;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.service.tool.BeforeToolExecution;
import dev.langchain4j.service.tool.ToolExecution;
import dev.ten.tracing.AgentSpan;
import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.LibrarySteps;
import dev.ten.tracing.ToolSpan;
import dev.ten.tracing.internal.Guard;
import io.opentelemetry.context.Scope;

/**
 * Makes each tool call of a LangChain4j AI service a {@code tool_call} step of the agent step it runs in,
 * current while the tool runs, so that what the tool does nests under it: give
 * {@link #beforeToolExecution(BeforeToolExecution)} and {@link #afterToolExecution(ToolExecution)} to the AI
 * service's builder. LangChain4j calls both on the thread that runs the tool; a tool call that starts outside
 * any agent step records nothing.
 */
public final class ToolCallTracing {

	private final Supplier<AgentTracer> tracer;

	/** The tool calls running on this thread, innermost first. */
	private final ThreadLocal<Deque<Running>> running = ThreadLocal.withInitial(ArrayDeque::new);

	ToolCallTracing(Supplier<AgentTracer> tracer) {
		this.tracer = tracer;
	}

	/**
	 * Starts the tool call's step and makes it current; for
	 * {@code AiServices.builder(..).beforeToolExecution(..)}.
	 * @param before the tool call about to run
	 */
	public void beforeToolExecution(BeforeToolExecution before) {
		Guard.run(() -> {
			AgentSpan parent = LibrarySteps.current();
			ToolExecutionRequest request = before.request();
			if (parent == null || request == null) {
				return;
			}
			ToolSpan tool = LibrarySteps.startTool(this.tracer.get(), parent, request.name(), request.id(),
					request.arguments());
			this.running.get().push(new Running(request, tool, tool.makeCurrent()));
		});
	}

	/**
	 * Ends the tool call's step with its result; for {@code AiServices.builder(..).afterToolExecution(..)}.
	 * @param execution the tool call that ran
	 */
	public void afterToolExecution(ToolExecution execution) {
		Guard.run(() -> {
			Running call = take(execution.request());
			if (call == null) {
				return;
			}
			call.scope.close();
			if (execution.result() != null) {
				call.tool.output(execution.result());
			}
			if (execution.hasFailed()) {
				call.tool.failed();
			}
			call.tool.close();
		});
	}

	private Running take(ToolExecutionRequest request) {
		Deque<Running> calls = this.running.get();
		for (Iterator<Running> iterator = calls.iterator(); iterator.hasNext();) {
			Running call = iterator.next();
			if (call.request == request || call.request.equals(request)) {
				iterator.remove();
				if (calls.isEmpty()) {
					this.running.remove();
				}
				return call;
			}
		}
		return null;
	}

	private record Running(ToolExecutionRequest request, ToolSpan tool, Scope scope) {
	}

}
