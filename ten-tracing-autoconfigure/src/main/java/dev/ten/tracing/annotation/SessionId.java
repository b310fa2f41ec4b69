package dev.ten.tracing.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameter that holds the agent session id of a {@code @Traced*} method. The span is then
 * parented by that open session explicitly (see {@link dev.ten.tracing.AgentTracer#session(String)}),
 * whichever thread calls the method.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SessionId {

}
