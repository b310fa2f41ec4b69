package dev.ten.tracing.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Traces the annotated method as a {@code tts_node} span, the child of the agent span current on the
 * calling thread (usually a turn), or of the session named by a {@link SessionId @SessionId} parameter.
 * <p>
 * {@link RequestId @RequestId} and {@link TtsInput @TtsInput} parameters become {@code ten.tts.request_id}
 * and {@code ten.tts.input_text}. A thrown exception sets the error status, records an exception event and
 * propagates unchanged.
 * <p>
 * Audio out gives the time to first byte ({@code ten.tts.time_to_first_byte}) and completes the turn's
 * end-to-end latency: a returned value (the audio), the value of a {@code CompletionStage} or {@code Mono},
 * or the first element of a returned {@code Flux} (or RxJava {@code Flowable}), whose span ends when the
 * stream does. The span is current while the method runs.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TracedTts {

}
