package dev.ten.tracing.sampling;

import dev.ten.tracing.TenConventions;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session that is not sampled is recorded, not exported, only when something reads spans as they end (the
 * agent metrics); its steps follow it either way.
 */
class AgentSessionSamplerTests {

	@Test
	void aSessionNotSampledIsDroppedWithItsStepsWhenNothingReadsThem() {
		Tracer tracer = tracer(new AgentSessionSampler(0.0, Sampler.alwaysOn(), false));
		Span session = tracer.spanBuilder(TenConventions.SESSION_SPAN).startSpan();
		Span llm = tracer.spanBuilder(TenConventions.LLM_SPAN).setParent(Context.root().with(session)).startSpan();
		assertThat(session.isRecording()).isFalse();
		assertThat(llm.isRecording()).isFalse();
	}

	@Test
	void aSessionNotSampledIsRecordedButNotExportedWithItsStepsForTheMetrics() {
		Tracer tracer = tracer(new AgentSessionSampler(0.0, Sampler.alwaysOn(), true));
		Span session = tracer.spanBuilder(TenConventions.SESSION_SPAN).startSpan();
		Span llm = tracer.spanBuilder(TenConventions.LLM_SPAN).setParent(Context.root().with(session)).startSpan();
		Span other = tracer.spanBuilder("http get").setParent(Context.root().with(llm)).startSpan();
		assertThat(session.isRecording()).isTrue();
		assertThat(session.getSpanContext().isSampled()).isFalse();
		assertThat(llm.isRecording()).isTrue();
		assertThat(llm.getSpanContext().isSampled()).isFalse();
		assertThat(other.getSpanContext().isSampled()).as("other instrumentation keeps the application's sampler")
			.isTrue();
	}

	@Test
	void aSampledSessionAndItsStepsAreSampled() {
		Tracer tracer = tracer(new AgentSessionSampler(1.0, Sampler.alwaysOff(), true));
		Span session = tracer.spanBuilder(TenConventions.SESSION_SPAN).startSpan();
		Span llm = tracer.spanBuilder(TenConventions.LLM_SPAN).setParent(Context.root().with(session)).startSpan();
		assertThat(session.getSpanContext().isSampled()).isTrue();
		assertThat(llm.getSpanContext().isSampled()).isTrue();
	}

	private static Tracer tracer(Sampler sampler) {
		return SdkTracerProvider.builder().setSampler(sampler).build().get("test");
	}

}
