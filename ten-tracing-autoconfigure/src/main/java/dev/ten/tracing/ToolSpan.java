package dev.ten.tracing;

/**
 * A {@value TenConventions#TOOL_SPAN} span: one function or tool execution. A tool span closed without
 * {@link #recordException(Throwable)} or {@link #failed()} records {@code ten.tool.is_error=false}.
 */
public interface ToolSpan extends AgentSpan {

	/**
	 * Records the tool's output as {@code ten.tool.output}, truncated, unless content capture is off. A
	 * {@link CharSequence} is recorded as it is, anything else as JSON.
	 * @param output what the tool returned
	 */
	void output(Object output);

	/**
	 * Marks the tool call as failed ({@code ten.tool.is_error=true}) without an exception, for tools that
	 * report errors in their output.
	 */
	void failed();

}
