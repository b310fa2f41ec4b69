/**
 * Annotations that trace agent methods: {@link dev.ten.tracing.annotation.TracedTurn @TracedTurn},
 * {@link dev.ten.tracing.annotation.TracedLlm @TracedLlm}, {@link dev.ten.tracing.annotation.TracedTts @TracedTts}
 * and {@link dev.ten.tracing.annotation.TracedTool @TracedTool}, with parameter annotations and result interfaces
 * that feed the span attributes. Methods may return values, {@code CompletionStage}s, or Reactor
 * {@code Mono}s and {@code Flux}es, whose spans end when their work does.
 */
package dev.ten.tracing.annotation;
