/**
 * Annotations that trace agent methods: {@link dev.ten.tracing.annotation.TracedTurn @TracedTurn},
 * {@link dev.ten.tracing.annotation.TracedLlm @TracedLlm}, {@link dev.ten.tracing.annotation.TracedTts @TracedTts},
 * {@link dev.ten.tracing.annotation.TracedStt @TracedStt} and {@link dev.ten.tracing.annotation.TracedTool @TracedTool}, with parameter annotations and result interfaces
 * that feed the span attributes. The span is current while the method runs. Methods may return values,
 * {@code CompletionStage}s, or the reactive types Spring's {@code ReactiveAdapterRegistry} knows (Reactor's
 * {@code Mono} and {@code Flux}, RxJava's types), whose spans end when their work does.
 */
package dev.ten.tracing.annotation;
