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
	 * Records the id the LLM gave this call of the tool as {@code gen_ai.tool.call.id}, to match the call with
	 * the model's request and the result sent back to it.
	 * @param callId the tool call id
	 */
	default void callId(String callId) {
	}

	/**
	 * Marks the tool call as failed ({@code ten.tool.is_error=true}) without an exception, for tools that
	 * report errors in their output.
	 */
	void failed();

}
