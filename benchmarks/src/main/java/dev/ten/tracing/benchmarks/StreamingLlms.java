package dev.ten.tracing.benchmarks;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.ten.tracing.TenConventions;
import dev.ten.tracing.annotation.Model;
import dev.ten.tracing.annotation.RequestId;
import dev.ten.tracing.annotation.TracedLlm;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import reactor.core.observability.micrometer.Micrometer;
import reactor.core.publisher.Flux;

/**
 * The same streaming LLM call traced three ways, plus no tracing.
 */
final class StreamingLlms {

	private StreamingLlms() {
	}

	/** No tracing at all: what streaming the tokens itself costs. */
	static class Untraced implements StreamingLlm {

		@Override
		public Flux<String> stream(String requestId, String model) {
			return Flux.fromArray(TOKENS);
		}

	}

	/**
	 * The floor: the same span by hand with the raw OpenTelemetry API, ended when the stream ends, with time
	 * to first token and the accumulated text. It does not carry the span into the Reactor context, which
	 * ten-tracing does so that clients and tools inside the stream nest under it.
	 */
	static class RawOpenTelemetry implements StreamingLlm {

		private final Tracer tracer;

		RawOpenTelemetry(OpenTelemetry openTelemetry) {
			this.tracer = openTelemetry.getTracer("benchmark");
		}

		@Override
		public Flux<String> stream(String requestId, String model) {
			Span span = this.tracer.spanBuilder(TenConventions.LLM_SPAN)
				.setAttribute(TenConventions.GEN_AI_OPERATION_NAME, TenConventions.OPERATION_CHAT)
				.setAttribute(TenConventions.LLM_REQUEST_ID, requestId)
				.setAttribute(TenConventions.GEN_AI_REQUEST_MODEL, model)
				.startSpan();
			long start = System.nanoTime();
			AtomicBoolean first = new AtomicBoolean(true);
			StringBuilder text = new StringBuilder();
			return Flux.fromArray(TOKENS).doOnNext((token) -> {
				if (first.compareAndSet(true, false)) {
					double seconds = (System.nanoTime() - start) / 1e9;
					span.setAttribute(TenConventions.LLM_TIME_TO_FIRST_TOKEN, seconds);
					span.setAttribute(TenConventions.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK, seconds);
				}
				synchronized (text) {
					text.append(token);
				}
			}).doOnComplete(() -> {
				span.setAttribute(TenConventions.LLM_RESPONSE_TEXT, text.toString());
				span.addEvent(TenConventions.LLM_RESPONSE_COMPLETE);
				span.end();
			}).doOnError((failure) -> {
				span.setStatus(StatusCode.ERROR);
				span.recordException(failure);
				span.end();
			}).doOnCancel(span::end);
		}

	}

	/** ten-tracing's annotation: the method returns the stream, the span follows it. */
	static class TenTracedLlm implements StreamingLlm {

		@Override
		@TracedLlm
		public Flux<String> stream(@RequestId String requestId, @Model String model) {
			return Flux.fromArray(TOKENS);
		}

	}

	/**
	 * Reactor's own Micrometer observation of a {@code Flux}: one span for the whole stream, which records
	 * less (no time to first token, no text), shown as the peer a Reactor user would reach for.
	 */
	static class MicrometerTap implements StreamingLlm {

		private final ObservationRegistry registry;

		MicrometerTap(ObservationRegistry registry) {
			this.registry = registry;
		}

		@Override
		public Flux<String> stream(String requestId, String model) {
			return Flux.fromArray(TOKENS)
				.name(TenConventions.LLM_SPAN)
				.tag("ten.llm.request_id", requestId)
				.tag("gen_ai.request.model", model)
				.tap(Micrometer.observation(this.registry));
		}

	}

}
