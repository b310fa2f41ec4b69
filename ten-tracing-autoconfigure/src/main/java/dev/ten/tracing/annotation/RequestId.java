package dev.ten.tracing.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameter of a {@link TracedLlm @TracedLlm}, {@link TracedTts @TracedTts} or
 * {@link TracedStt @TracedStt} method that holds the request id, recorded as {@code ten.llm.request_id},
 * {@code ten.tts.request_id} or {@code ten.stt.request_id}.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequestId {

}
