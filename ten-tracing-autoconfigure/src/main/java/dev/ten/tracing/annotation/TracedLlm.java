package dev.ten.tracing.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Traces the annotated method as an {@code llm_node} span, the child of the agent span current on the
 * calling thread (usually a turn), or of the session named by a {@link SessionId @SessionId} parameter.
 * <p>
 * {@link RequestId @RequestId} and {@link Model @Model} parameters become {@code ten.llm.request_id} and
 * {@code gen_ai.request.model}. A returned {@link CharSequence} becomes {@code ten.llm.response_text}; a
 * returned {@link LlmResult} also gives model and token usage. A normal return records the
 * {@code llm_response_complete} event; a thrown exception sets the error status, records an exception event
 * and propagates unchanged.
 * <p>
 * The span is current while the method runs. A method returning a {@code CompletionStage} or a reactive type
 * of one value ({@code Mono}, RxJava's {@code Single}) ends its span when the result completes, with that
 * value recorded as above. A method returning a reactive type of many values ({@code Flux}, {@code Flowable})
 * streams: each {@link CharSequence} or
 * {@link LlmResult} element is a chunk of {@code ten.llm.response_text}, the first one gives the time to
 * first token ({@code ten.llm.time_to_first_token}, {@code gen_ai.response.time_to_first_chunk}), and
 * token usage comes from the chunk that carries it. Cancellation is recorded as {@code ten.cancelled=true},
 * not as an error.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TracedLlm {

	/**
	 * Who serves the model, recorded as {@code gen_ai.provider.name} in the GenAI conventions' words where they
	 * name it ({@code openai}, {@code anthropic}, {@code gcp.gemini}, {@code aws.bedrock}, ...); empty for none.
	 * @return the provider
	 */
	String provider() default "";

}
