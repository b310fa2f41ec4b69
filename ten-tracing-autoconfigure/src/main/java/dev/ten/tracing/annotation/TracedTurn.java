package dev.ten.tracing.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Traces the annotated method as a {@code user_turn} span of an agent session.
 * <p>
 * The turn belongs to the session named by a {@link SessionId @SessionId} parameter, else to the session
 * current on the calling thread; with neither it starts a trace of its own (a warning is logged once).
 * Turns are numbered per session. A {@link UserInput @UserInput} parameter becomes {@code ten.user_input};
 * a return value implementing {@link TurnResult} whose {@code interrupted()} is true marks the turn
 * interrupted. A thrown exception sets the error status, records an exception event and propagates
 * unchanged. A method returning a {@code CompletionStage}, {@code Mono} or {@code Flux} ends its turn when
 * that completes. A turn started while the session's previous turn is still open interrupts and ends that
 * one (barge-in).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TracedTurn {

	/**
	 * Whether the agent starts this turn (a greeting, a proactive prompt) rather than the user: the turn is
	 * marked {@code ten.turn.initiator=agent} and has no end-to-end latency.
	 * @return {@code true} for an agent-initiated turn
	 */
	boolean agentInitiated() default false;

}
