package dev.ten.tracing.annotation;

/**
 * Implemented by what a {@link TracedTool @TracedTool} method returns, for tools that report failure in
 * their result rather than by throwing.
 */
public interface ToolResult {

	/**
	 * Returns the output to record as {@code ten.tool.output}: text as it is, anything else as JSON.
	 * @return the output, or {@code null}
	 */
	Object output();

	/**
	 * Returns whether the tool failed, recorded as {@code ten.tool.is_error}.
	 * @return {@code true} if the tool failed
	 */
	boolean isError();

}
