package dev.ten.tracing.autoconfigure;

import dev.ten.tracing.AgentSession;
import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.GlobalAgentTracer;
import dev.ten.tracing.InMemoryTracing;
import dev.ten.tracing.OpenTelemetryAgentTracer;
import dev.ten.tracing.TenConventions;
import dev.ten.tracing.TurnSpan;
import dev.ten.tracing.annotation.AgentTracingAdvisor;
import dev.ten.tracing.annotation.TracedLlm;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class TenTracingAutoConfigurationTests {

	private final InMemoryTracing tracing = new InMemoryTracing();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, TenTracingAutoConfiguration.class))
		.withBean(Llm.class);

	@Test
	void tracesWithTheApplicationsOpenTelemetryAndProxiesAnnotatedBeans() {
		this.runner.withBean(OpenTelemetry.class, () -> this.tracing.sdk).run((context) -> {
			assertThat(context).hasSingleBean(OpenTelemetryAgentTracer.class).hasSingleBean(AgentTracingAdvisor.class);
			assertThat(AopUtils.isAopProxy(context.getBean(Llm.class))).isTrue();
			context.getBean(Llm.class).answer();
			assertThat(this.tracing.spans(TenConventions.LLM_SPAN)).hasSize(1);
		});
	}

	@Test
	void theGenAiProposalsAreOnByPropertyOrByOpenTelemetrysOwnOptInAndOffByDefault() {
		for (String[] properties : new String[][] { { "ten.tracing.gen-ai-proposals=true" },
				{ "OTEL_SEMCONV_STABILITY_OPT_IN=http, gen_ai_latest_experimental" }, {},
				{ "OTEL_SEMCONV_STABILITY_OPT_IN=http" } }) {
			InMemoryTracing tracing = new InMemoryTracing();
			// With no property, the machine's own environment decides: a CI machine may opt in for all.
			boolean on = (properties.length == 0) ? GenAiOptIn.latestExperimental(System.getenv(GenAiOptIn.VARIABLE))
					: properties[0].startsWith("ten.") || properties[0].contains("gen_ai_latest_experimental");
			String expected = on ? "completed" : null;
			this.runner.withBean(OpenTelemetry.class, () -> tracing.sdk).withPropertyValues(properties).run((context) -> {
				AgentSession session = context.getBean(AgentTracer.class).startSession("s", "agent");
				session.startTurn("hello").close();
				session.end();
				assertThat(tracing.span(TenConventions.TURN_SPAN).getAttributes()
					.get(TenConventions.GEN_AI_AGENT_INVOCATION_END_REASON)).as(String.join(",", properties))
					.isEqualTo(expected);
			});
		}
	}

	@Test
	void disabledGivesANoopTracerAndProxiesNothing() {
		this.runner.withBean(OpenTelemetry.class, () -> this.tracing.sdk)
			.withPropertyValues("ten.tracing.enabled=false")
			.run((context) -> {
				assertThat(context.getBean(AgentTracer.class)).isSameAs(AgentTracer.noop());
				assertThat(context).doesNotHaveBean(AgentTracingAdvisor.class);
				assertThat(AopUtils.isAopProxy(context.getBean(Llm.class))).isFalse();
				context.getBean(AgentTracer.class).startSession("s", "agent").end();
				assertThat(this.tracing.spans()).isEmpty();
			});
	}

	@Test
	void enabledWithoutOpenTelemetrySaysSoAndProxiesNothing(CapturedOutput output) {
		this.runner.run((context) -> {
			assertThat(context.getBean(AgentTracer.class)).isSameAs(AgentTracer.noop());
			assertThat(context).doesNotHaveBean(AgentTracingAdvisor.class);
			assertThat(AopUtils.isAopProxy(context.getBean(Llm.class))).isFalse();
		});
		assertThat(output).contains("ten.tracing.enabled is true but the application has no OpenTelemetry bean");
	}

	@Test
	void disabledSaysNothingAndNeedsNoOpenTelemetry(CapturedOutput output) {
		this.runner.withPropertyValues("ten.tracing.enabled=false")
			.run((context) -> assertThat(context.getBean(AgentTracer.class)).isSameAs(AgentTracer.noop()));
		assertThat(output).doesNotContain("OpenTelemetry bean");
	}

	@Test
	void backsOffWhenTheUserDefinesATracer() {
		AgentTracer custom = OpenTelemetryAgentTracer.builder(this.tracing.sdk).build();
		this.runner.withBean(OpenTelemetry.class, () -> this.tracing.sdk)
			.withBean("customTracer", AgentTracer.class, () -> custom)
			.run((context) -> {
				assertThat(context).hasSingleBean(AgentTracer.class);
				assertThat(context.getBean(AgentTracer.class)).isSameAs(custom);
				assertThat(GlobalAgentTracer.get()).isSameAs(custom);
			});
	}

	@Test
	void registersTheTracerGloballyWhileTheContextRuns() {
		this.runner.withBean(OpenTelemetry.class, () -> this.tracing.sdk).run((context) -> {
			assertThat(GlobalAgentTracer.get()).isSameAs(context.getBean(AgentTracer.class));
		});
		assertThat(GlobalAgentTracer.get()).isSameAs(AgentTracer.noop());
	}

	@Test
	void contentCaptureAndLimitsComeFromProperties() {
		this.runner.withBean(OpenTelemetry.class, () -> this.tracing.sdk)
			.withPropertyValues("ten.tracing.capture-content=false")
			.run((context) -> {
				AgentTracer tracer = context.getBean(AgentTracer.class);
				try (TurnSpan turn = tracer.startSession("s", "agent").startTurn("secret")) {
					assertThat(turn.turnId()).isEqualTo(1);
				}
				assertThat(this.tracing.span(TenConventions.TURN_SPAN).getAttributes().get(TenConventions.USER_INPUT))
					.isNull();
			});
	}

	@Test
	void shutdownEndsOpenSessions() {
		// The SDK stays open here: its shutdown would clear the in-memory exporter before the assertion.
		this.runner
			.withBean(OpenTelemetry.class, () -> this.tracing.sdk,
					(definition) -> ((AbstractBeanDefinition) definition).setDestroyMethodName(""))
			.run((context) -> context.getBean(AgentTracer.class).startSession("left-open", "agent"));
		assertThat(this.tracing.span(TenConventions.SESSION_SPAN).getAttributes().get(TenConventions.SESSION_END_REASON))
			.isEqualTo(TenConventions.END_REASON_SHUTDOWN);
	}

	static class Llm {

		@TracedLlm
		public String answer() {
			return "42";
		}

	}

}
