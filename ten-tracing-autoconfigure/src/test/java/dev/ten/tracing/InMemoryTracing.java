package dev.ten.tracing;

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An OpenTelemetry SDK that keeps ended spans in memory, with finders for tests.
 */
public final class InMemoryTracing {

	public final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	public final OpenTelemetrySdk sdk;

	public InMemoryTracing() {
		this(Sampler.alwaysOn());
	}

	public InMemoryTracing(Sampler sampler) {
		this(sampler, Clock.getDefault());
	}

	/** Spans timed by the given clock, such as a {@code TestClock} that a test moves on by hand. */
	public InMemoryTracing(Clock clock) {
		this(Sampler.alwaysOn(), clock);
	}

	private InMemoryTracing(Sampler sampler, Clock clock) {
		this.sdk = OpenTelemetrySdk.builder()
			.setTracerProvider(SdkTracerProvider.builder()
				.setSampler(sampler)
				.setClock(clock)
				.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
				.build())
			.build();
	}

	public List<SpanData> spans() {
		return this.exporter.getFinishedSpanItems();
	}

	public List<SpanData> spans(String name) {
		return spans().stream().filter((span) -> span.getName().equals(name)).toList();
	}

	public SpanData span(String name) {
		return single(spans(), name);
	}

	/** The one span of a name among spans, failing when there is none or more than one. */
	public static SpanData single(List<SpanData> spans, String name) {
		List<SpanData> named = spans.stream().filter((span) -> span.getName().equals(name)).toList();
		assertThat(named).as("spans named %s among %s", name, spans.stream().map(SpanData::getName).toList())
			.hasSize(1);
		return named.get(0);
	}

	public static <T> T attribute(SpanData span, AttributeKey<T> key) {
		return span.getAttributes().get(key);
	}

	public static List<String> eventNames(SpanData span) {
		return span.getEvents().stream().map(EventData::getName).toList();
	}

	public static void assertChildOf(SpanData child, SpanData parent) {
		assertThat(child.getTraceId()).as("trace of %s", child.getName()).isEqualTo(parent.getTraceId());
		assertThat(child.getParentSpanId()).as("parent of %s", child.getName()).isEqualTo(parent.getSpanId());
	}

}
