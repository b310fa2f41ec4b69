package dev.ten.tracing.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Traces the annotated method as an {@code stt_node} span (speech-to-text), the child of the agent span current
 * on the calling thread (usually a turn), or of the session named by a {@link SessionId @SessionId} parameter.
 * <p>
 * {@link RequestId @RequestId} and {@link Model @Model} parameters become {@code ten.stt.request_id} and
 * {@code gen_ai.request.model}. What the method returns is the final transcript: a {@code CharSequence}, an
 * {@link SttResult}, or the value of a {@code CompletionStage} or {@code Mono}. The elements of a returned
 * {@code Flux} are pieces of the transcript when they are text (as OpenAI's streamed transcription sends them),
 * final when the stream completes, or interim and final results when they are {@link SttResult}s. The final
 * transcript becomes the turn's {@code ten.user_input} when the turn has none. A thrown exception sets the
 * error status, records an exception event and propagates unchanged. The span is current while the method runs.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TracedStt {

}
