package dev.ten.tracing.springai;

import java.util.function.Supplier;

import dev.ten.tracing.AgentSpan;
import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.LibrarySteps;
import dev.ten.tracing.ToolSpan;
import dev.ten.tracing.internal.Guard;
import io.micrometer.observation.Observation;
import io.micrometer.tracing.CurrentTraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelSpan;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

import org.springframework.ai.tool.observation.ToolCallingObservationContext;

/**
 * Makes a tool call that Spring AI runs inside an agent step the agent's {@code tool_call} step, in place of
 * Spring AI's {@code execute_tool} span: one span per tool call, with ten-tracing's and the GenAI conventions'
 * tool keys, under which the tool's own work nests. A {@code @TracedTool} on the tool method joins it rather
 * than adding a second span. As the first of Spring Boot's tracing handlers to claim such an observation, it
 * takes the place of Micrometer's default handler for it only; Spring AI's meters for the call stay, and a
 * tool call outside any agent step is left to the default handler.
 */
final class ToolCallTracingHandler implements TracingObservationHandler<ToolCallingObservationContext> {

	/** Looked up when first needed: the agent tracer itself depends on the observation registry. */
	private final Supplier<AgentTracer> agentTracer;

	private final Tracer tracer;

	ToolCallTracingHandler(Supplier<AgentTracer> agentTracer, Tracer tracer) {
		this.agentTracer = agentTracer;
		this.tracer = tracer;
	}

	@Override
	public Tracer getTracer() {
		return this.tracer;
	}

	/**
	 * Claims a tool call that starts inside an agent step; once a handler has started it, the answer stays
	 * with that handler.
	 */
	@Override
	public boolean supportsContext(Observation.Context context) {
		if (!(context instanceof ToolCallingObservationContext)) {
			return false;
		}
		if (context.containsKey(ToolSpan.class)) {
			return true;
		}
		TracingContext tracing = context.get(TracingContext.class);
		if (tracing != null && tracing.getSpan() != null) {
			return false;
		}
		return Guard.call(() -> EnclosingAgentSpan.of(context) != null, false);
	}

	@Override
	public void onStart(ToolCallingObservationContext context) {
		AgentSpan parent = Guard.call(() -> EnclosingAgentSpan.of(context), null);
		ToolSpan tool = (parent != null) ? Guard.call(() -> start(parent, context), null) : null;
		context.put(ToolSpan.class, (tool != null) ? tool : AgentTracer.noop().startTool(null, null));
		Context otelContext = (tool != null) ? LibrarySteps.contextOf(tool) : null;
		if (otelContext != null) {
			// What Micrometer-instrumented clients called by the tool take as their parent.
			getTracingContext(context).setSpan(OtelSpan.fromOtel(Span.fromContext(otelContext), otelContext));
		}
	}

	private ToolSpan start(AgentSpan parent, ToolCallingObservationContext context) {
		return LibrarySteps.startTool(this.agentTracer.get(), parent, context.getToolDefinition().name(),
				context.getToolCallId(), context.getToolCallArguments());
	}

	/** The tool step becomes current, for ten-tracing and other instrumentation alike, until the scope closes. */
	@Override
	public void onScopeOpened(ToolCallingObservationContext context) {
		ToolSpan tool = context.get(ToolSpan.class);
		TracingContext tracing = getTracingContext(context);
		CurrentTraceContext.Scope previous = tracing.getScope();
		Scope opened = (tool != null) ? tool.makeCurrent() : Scope.noop();
		tracing.setScope(() -> {
			Guard.run(opened::close);
			tracing.setScope(previous);
		});
	}

	@Override
	public void onScopeClosed(ToolCallingObservationContext context) {
		CurrentTraceContext.Scope scope = getTracingContext(context).getScope();
		if (scope != null) {
			scope.close();
		}
	}

	@Override
	public void onScopeReset(ToolCallingObservationContext context) {
		TracingContext tracing = getTracingContext(context);
		for (CurrentTraceContext.Scope scope = tracing.getScope(); scope != null; scope = tracing.getScope()) {
			scope.close();
		}
	}

	@Override
	public void onEvent(Observation.Event event, ToolCallingObservationContext context) {
		ToolSpan tool = context.get(ToolSpan.class);
		if (tool != null) {
			tool.addEvent(event.getContextualName());
		}
	}

	@Override
	public void onError(ToolCallingObservationContext context) {
		ToolSpan tool = context.get(ToolSpan.class);
		Throwable error = context.getError();
		if (tool != null && error != null) {
			// Ignored when the tool's step already has an outcome (the processor recorded the failure).
			tool.recordException(error);
		}
	}

	@Override
	public void onStop(ToolCallingObservationContext context) {
		ToolSpan tool = context.get(ToolSpan.class);
		if (tool != null) {
			String result = context.getToolCallResult();
			if (result != null) {
				tool.output(result);
			}
			tool.close();
		}
		getTracingContext(context).close();
	}

}
