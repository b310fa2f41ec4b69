package dev.ten.tracing;

import java.util.Map;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;

/**
 * A tool step that joined the one another library started for the same call (Spring AI's tool observation):
 * what it records goes to that span, whose end stays with the library, so one tool call makes one span.
 */
final class JoinedTool implements ToolSpan {

	private final RecordingTool tool;

	JoinedTool(RecordingTool tool) {
		this.tool = tool;
	}

	@Override
	public void output(Object output) {
		this.tool.output(output);
	}

	@Override
	public void callId(String callId) {
		this.tool.callId(callId);
	}

	@Override
	public void failed() {
		this.tool.failed();
	}

	@Override
	public void addEvent(String name) {
		this.tool.addEvent(name);
	}

	@Override
	public void addEvent(String name, Map<String, ?> attributes) {
		this.tool.addEvent(name, attributes);
	}

	@Override
	public void recordException(Throwable failure) {
		this.tool.recordException(failure);
	}

	@Override
	public void cancelled() {
		this.tool.cancelled();
	}

	@Override
	public Scope makeCurrent() {
		return this.tool.makeCurrent();
	}

	@Override
	public SpanContext spanContext() {
		return this.tool.spanContext();
	}

	/** The library that started the span ends it. */
	@Override
	public void close() {
	}

}
