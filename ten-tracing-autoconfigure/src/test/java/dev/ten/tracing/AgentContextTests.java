package dev.ten.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The context of an agent span carries the OpenTelemetry span and the agent span, reads through to its
 * parent for everything else, and becomes OpenTelemetry's own context when anything is added to it.
 */
class AgentContextTests {

	private static final ContextKey<String> OTHER = ContextKey.named("other");

	private final InMemoryTracing tracing = new InMemoryTracing();

	private final OpenTelemetryAgentTracer tracer = OpenTelemetryAgentTracer.builder(this.tracing.sdk).build();

	@Test
	void holdsTheSpanAndTheAgentSpanAndReadsThroughToItsParent() {
		AgentSession session = this.tracer.startSession("s", "agent");
		RecordedSpan turn = (RecordedSpan) session.startTurn("hi");
		RecordedSpan llm = (RecordedSpan) session.startLlm("r", null);
		try (Scope scope = llm.makeCurrent()) {
			assertThat(Span.current()).isSameAs(llm.span);
			assertThat(AgentContext.current()).isSameAs(llm);
		}
		assertThat(Span.fromContext(turn.context)).isSameAs(turn.span);
		Context withOther = llm.context.with(OTHER, "value");
		assertThat(withOther.get(OTHER)).isEqualTo("value");
		assertThat(Span.fromContext(withOther)).isSameAs(llm.span);
		assertThat(AgentContext.has(withOther)).isTrue();
		Context withoutAgent = AgentContext.without(llm.context);
		assertThat(AgentContext.has(withoutAgent)).isFalse();
		assertThat(Span.fromContext(withoutAgent)).isSameAs(llm.span);
		Span other = this.tracing.sdk.getTracer("test").spanBuilder("other").startSpan();
		Context otherSpan = llm.context.with(other);
		assertThat(Span.fromContext(otherSpan)).isSameAs(other);
		assertThat(AgentContext.has(otherSpan)).as("the agent parent stays under another library's span").isTrue();
		other.end();
		((AgentSpan) llm).close();
		((AgentSpan) turn).close();
		session.end();
	}

	@Test
	void findsOpenTelemetrysSpanKeyOnTheVersionSpringBootManages() {
		// Without it every span would still work, through two of OpenTelemetry's contexts per span.
		AgentSession session = this.tracer.startSession("s", "agent");
		RecordedSpan llm = (RecordedSpan) session.startLlm("r", null);
		assertThat(llm.context.getClass().getSimpleName()).isEqualTo("SpanEntry");
		((AgentSpan) llm).close();
		session.end();
	}

}
