package dev.ten.tracing;

import dev.ten.tracing.internal.Guard;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * What ten-tracing's integrations with other libraries (Spring AI, LangChain4j) need from the agent's spans:
 * the one current on a thread, a tool step that the library starts and ends around its own tool call, and the
 * OpenTelemetry context that carries a span. Not meant for application code, which uses {@link AgentTracer}.
 */
public final class LibrarySteps {

	private LibrarySteps() {
	}

	/**
	 * The innermost open agent step current on the calling thread.
	 * @return the step, or {@code null} when none is (or only a session is)
	 */
	public static AgentSpan current() {
		return (AgentContext.current() instanceof AgentSpan step) ? step : null;
	}

	/**
	 * Starts the tool step of a tool call that a library makes on the agent's behalf, as a child of the given
	 * span. A tool step of the same name started inside it, by a {@code @TracedTool} method or
	 * {@link AgentSteps#startTool}, joins it rather than adding a second span; the caller ends it.
	 * @param tracer the tracer
	 * @param parent the agent span the call belongs to
	 * @param toolName the tool's name
	 * @param callId the model's id of the call, or {@code null}
	 * @param arguments the call's arguments as the model sent them (content rules apply), or {@code null}
	 * @return the step
	 */
	public static ToolSpan startTool(AgentTracer tracer, AgentSpan parent, String toolName, String callId,
			Object arguments) {
		ToolSpan tool = startToolUnder(tracer, parent, toolName, arguments);
		if (tool instanceof RecordingTool started) {
			started.awaitStep(ContentPolicy.identifier(toolName));
			if (callId != null && !callId.isEmpty()) {
				started.callId(callId);
			}
		}
		return tool;
	}

	/**
	 * Starts the step with the parent named, as ten-tracing's own tracer does; another tracer finds it current.
	 * The first way makes no context current, which in Spring Boot also rewrites the log MDC.
	 */
	private static ToolSpan startToolUnder(AgentTracer tracer, AgentSpan parent, String toolName, Object arguments) {
		if (tracer instanceof OpenTelemetryAgentTracer ours && parent instanceof RecordedSpan recorded) {
			return ours.steps().tool(AgentContext.parentForStepUnder(recorded), toolName, arguments);
		}
		try (Scope scope = parent.makeCurrent()) {
			return tracer.startTool(toolName, arguments);
		}
	}

	/**
	 * Runs an action just before a step's span ends, for a library whose work inside the step may end after
	 * it (Spring AI stops a stream's observation after the stream's last signal): the action records what is
	 * known by then. Runs once, on the thread that ends the step.
	 * @param span the step
	 * @param action what to record
	 * @return {@code false} when the step has already ended, or records nothing
	 */
	public static boolean whenEnding(AgentSpan span, Runnable action) {
		return (span instanceof RecordingStep step) && step.whenEnding(action);
	}

	/**
	 * The OpenTelemetry context current on the calling thread as ten-tracing sees it, to hand over to work that
	 * runs later: inside a signal that a traced publisher hands to its subscriber, the subscriber's own.
	 * @return the context
	 */
	public static Context effectiveContext() {
		return AgentContext.effective();
	}

	/**
	 * The OpenTelemetry context in which a span is current, for a library's instrumentation to carry it.
	 * @param span the span
	 * @return its context, or {@code null} for a span that records nothing
	 */
	public static Context contextOf(AgentSpan span) {
		return (span instanceof RecordedSpan recorded) ? Guard.call(() -> recorded.context, null) : null;
	}

}
