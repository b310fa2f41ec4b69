package dev.ten.tracing.benchmarks;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark compares like with like only if every approach records the same span: checked here, so the
 * figures cannot silently come from a call that records less.
 */
class LlmCallsTests {

	@ParameterizedTest
	@ValueSource(strings = { "rawOpenTelemetry", "tenTracedLlm", "micrometerNewSpan", "micrometerObserved" })
	void everyApproachRecordsOneLlmSpanWithFiveAttributesAndOneEvent(String approach) {
		InMemorySpanExporter spans = InMemorySpanExporter.create();
		try (ConfigurableApplicationContext context = BenchmarkApplications.start(LlmCallBenchmark.Application.class,
				new InMemorySpans(spans), "management.tracing.export.enabled=false",
				"management.observations.annotations.enabled=true")) {
			context.getBean(approach, LlmCall.class).complete("req-1", "gpt-4o", "prompt");
			SpanData span = spans.getFinishedSpanItems()
				.stream()
				.filter((candidate) -> candidate.getName().equals("llm_node"))
				.findFirst()
				.orElseThrow(() -> new AssertionError(approach + " recorded " + spans.getFinishedSpanItems()));
			assertThat(span.getAttributes().asMap().keySet()).extracting((key) -> key.getKey())
				.contains("ten.llm.request_id", "gen_ai.request.model", "ten.llm.response_text",
						"gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens");
			assertThat(span.getEvents()).extracting((event) -> event.getName()).contains("llm_response_complete");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "untraced" })
	void theUntracedBaselineRecordsNothing(String approach) {
		InMemorySpanExporter spans = InMemorySpanExporter.create();
		try (ConfigurableApplicationContext context = BenchmarkApplications.start(LlmCallBenchmark.Application.class,
				new InMemorySpans(spans), "management.tracing.export.enabled=false")) {
			context.getBean(approach, LlmCall.class).complete("req-1", "gpt-4o", "prompt");
			assertThat(spans.getFinishedSpanItems()).isEmpty();
		}
	}

	@org.junit.jupiter.api.Test
	void withTracingDisabledTheAnnotatedBeanIsNotProxied() {
		try (ConfigurableApplicationContext context = BenchmarkApplications.start(LlmCallBenchmark.Application.class,
				"ten.tracing.enabled=false")) {
			assertThat(org.springframework.aop.support.AopUtils.isAopProxy(context.getBean("tenTracedLlm"))).isFalse();
		}
	}

	/** Adds an in-memory span processor to Spring Boot's SDK. */
	record InMemorySpans(InMemorySpanExporter exporter) implements BenchmarkApplications.Customizer {

		@Override
		public void customize(org.springframework.context.ConfigurableApplicationContext context) {
			context.getBeanFactory().registerSingleton("inMemorySpans", SimpleSpanProcessor.create(this.exporter));
		}

	}

}
