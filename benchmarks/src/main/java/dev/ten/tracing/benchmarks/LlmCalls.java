package dev.ten.tracing.benchmarks;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.ten.tracing.TenConventions;
import dev.ten.tracing.annotation.Model;
import dev.ten.tracing.annotation.RequestId;
import dev.ten.tracing.annotation.TracedLlm;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.annotation.Observed;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.annotation.NewSpan;
import io.micrometer.tracing.annotation.SpanTag;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Scope;

/**
 * The same LLM call traced five ways.
 */
final class LlmCalls {

	private LlmCalls() {
	}

	/** No tracing at all: what the method itself costs. */
	static class Untraced implements LlmCall {

		@Override
		public Reply complete(String requestId, String model, String prompt) {
			return Reply.ANSWER;
		}

	}

	/**
	 * A Spring AOP proxy with an interceptor that does nothing: what any annotation-driven approach pays
	 * before it records anything.
	 */
	static class SpringAopNoopAdvice implements LlmCall {

		@Override
		@NoopAdvised
		public Reply complete(String requestId, String model, String prompt) {
			return Reply.ANSWER;
		}

	}

	/** Marks the method the no-op advice applies to. */
	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.METHOD)
	@interface NoopAdvised {

	}

	/** The floor: the span written by hand with the raw OpenTelemetry API and pre-built attribute keys. */
	static class RawOpenTelemetry implements LlmCall {

		private final io.opentelemetry.api.trace.Tracer tracer;

		RawOpenTelemetry(OpenTelemetry openTelemetry) {
			this.tracer = openTelemetry.getTracer("benchmark");
		}

		@Override
		public Reply complete(String requestId, String model, String prompt) {
			io.opentelemetry.api.trace.Span span = this.tracer.spanBuilder(TenConventions.LLM_SPAN)
				.setAttribute(TenConventions.GEN_AI_OPERATION_NAME, TenConventions.OPERATION_CHAT)
				.setAttribute(TenConventions.LLM_REQUEST_ID, requestId)
				.setAttribute(TenConventions.GEN_AI_REQUEST_MODEL, model)
				.startSpan();
			try (Scope ignored = span.makeCurrent()) {
				Reply reply = Reply.ANSWER;
				span.setAttribute(TenConventions.LLM_RESPONSE_TEXT, reply.text());
				span.setAttribute(TenConventions.GEN_AI_USAGE_INPUT_TOKENS, reply.inputTokens());
				span.setAttribute(TenConventions.GEN_AI_USAGE_OUTPUT_TOKENS, reply.outputTokens());
				span.addEvent(TenConventions.LLM_RESPONSE_COMPLETE);
				return reply;
			}
			finally {
				span.end();
			}
		}

	}

	/** ten-tracing's annotation: everything declared, nothing written by hand. */
	static class TenTracedLlm implements LlmCall {

		@Override
		@TracedLlm
		public Reply complete(@RequestId String requestId, @Model String model, String prompt) {
			return Reply.ANSWER;
		}

	}

	/** Micrometer's {@code @NewSpan} with {@code @SpanTag}; what the parameters cannot give is tagged by hand. */
	static class MicrometerNewSpan implements LlmCall {

		private final Tracer tracer;

		MicrometerNewSpan(Tracer tracer) {
			this.tracer = tracer;
		}

		@Override
		@NewSpan("llm_node")
		public Reply complete(@SpanTag("ten.llm.request_id") String requestId,
				@SpanTag("gen_ai.request.model") String model, String prompt) {
			Reply reply = Reply.ANSWER;
			Span span = this.tracer.currentSpan();
			span.tag("ten.llm.response_text", reply.text());
			span.tag("gen_ai.usage.input_tokens", reply.inputTokens());
			span.tag("gen_ai.usage.output_tokens", reply.outputTokens());
			span.event("llm_response_complete");
			return reply;
		}

	}

	/** Micrometer's {@code @Observed}, key values and event through the current observation. */
	static class MicrometerObserved implements LlmCall {

		private final ObservationRegistry registry;

		MicrometerObserved(ObservationRegistry registry) {
			this.registry = registry;
		}

		@Override
		@Observed(name = "llm_node", contextualName = "llm_node")
		public Reply complete(String requestId, String model, String prompt) {
			Reply reply = Reply.ANSWER;
			Observation observation = this.registry.getCurrentObservation();
			observation.highCardinalityKeyValue("ten.llm.request_id", requestId);
			observation.highCardinalityKeyValue("gen_ai.request.model", model);
			observation.highCardinalityKeyValue("ten.llm.response_text", reply.text());
			observation.highCardinalityKeyValue("gen_ai.usage.input_tokens", String.valueOf(reply.inputTokens()));
			observation.highCardinalityKeyValue("gen_ai.usage.output_tokens", String.valueOf(reply.outputTokens()));
			observation.event(Observation.Event.of("llm_response_complete"));
			return reply;
		}

	}

}
