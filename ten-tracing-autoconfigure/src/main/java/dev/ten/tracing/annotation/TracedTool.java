package dev.ten.tracing.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Traces the annotated method as a {@code tool_call} span, the child of the agent span current on the
 * calling thread (usually an LLM call), or of the session named by a {@link SessionId @SessionId} parameter.
 * <p>
 * {@code ten.tool.name} is {@link #value()}, else the method name. {@code ten.tool.arguments} is the
 * {@link ToolArguments @ToolArguments} parameter, else all parameters but {@code @SessionId} as a JSON object
 * by parameter name. The return value becomes {@code ten.tool.output} (a {@link ToolResult} gives output and
 * error flag). A thrown exception sets {@code ten.tool.is_error=true} and the error status, records an
 * exception event and propagates unchanged.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TracedTool {

	/**
	 * The tool name recorded as {@code ten.tool.name}; the method name when empty.
	 * @return the tool name
	 */
	String value() default "";

}
