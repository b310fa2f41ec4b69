package dev.ten.tracing.autoconfigure;

import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.OpenTelemetryAgentTracer;
import dev.ten.tracing.TenConventions;
import dev.ten.tracing.annotation.TracedTurn;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Whole applications, started the way users start them, so that the environment post-processor and Spring
 * Boot's own OpenTelemetry auto-configuration take part.
 */
@ExtendWith(OutputCaptureExtension.class)
class TenTracingApplicationTests {

	@Test
	void byDefaultAgentSpansGoThroughSpringBootsOneGrpcExporter() {
		try (ConfigurableApplicationContext context = run()) {
			assertThat(context.getBean(AgentTracer.class)).isInstanceOf(OpenTelemetryAgentTracer.class);
			assertThat(context.getBeansOfType(SpanExporter.class)).hasSize(1);
			assertThat(context.getBean(SpanExporter.class)).isInstanceOf(OtlpGrpcSpanExporter.class)
				.asString()
				.contains("endpoint=http://localhost:4317");
			assertThat(AopUtils.isAopProxy(context.getBean(Agent.class))).isTrue();
		}
	}

	@Test
	void everySessionIsSampledWhileTheApplicationsOwnSpansKeepTheSamplingItConfigured() {
		try (ConfigurableApplicationContext context = run("management.tracing.sampling.probability=0")) {
			Tracer sdk = context.getBean(SdkTracerProvider.class).get("test");
			for (int i = 0; i < 100; i++) {
				Span session = sdk.spanBuilder(TenConventions.SESSION_SPAN).setNoParent().startSpan();
				Span request = sdk.spanBuilder("http post /calls").setNoParent().startSpan();
				assertThat(session.getSpanContext().isSampled()).as("agent session").isTrue();
				assertThat(request.getSpanContext().isSampled()).as("the application's own span").isFalse();
				session.end();
				request.end();
			}
		}
		try (ConfigurableApplicationContext context = run("ten.tracing.sampling-probability=0")) {
			Tracer sdk = context.getBean(SdkTracerProvider.class).get("test");
			assertThat(sdk.spanBuilder(TenConventions.SESSION_SPAN).setNoParent().startSpan().getSpanContext().isSampled())
				.isFalse();
			assertThat(context.getBean(SdkTracerProvider.class).getSampler().getDescription())
				.as("Spring Boot's default for everything else")
				.contains("otherwise=ParentBased{root:TraceIdRatioBased{0.100000}");
		}
	}

	@Test
	void httpTransportSwitchesSpringBootsExporter() {
		try (ConfigurableApplicationContext context = run("ten.tracing.transport=http")) {
			assertThat(context.getBean(SpanExporter.class)).isInstanceOf(OtlpHttpSpanExporter.class)
				.asString()
				.contains("endpoint=http://localhost:4318/v1/traces");
		}
	}

	@Test
	void disabledMeansNoExporterNoProxyAndANoopTracer() {
		try (ConfigurableApplicationContext context = run("ten.tracing.enabled=false")) {
			assertThat(context.getBeansOfType(SpanExporter.class)).isEmpty();
			assertThat(context.getBean(AgentTracer.class)).isSameAs(AgentTracer.noop());
			assertThat(AopUtils.isAopProxy(context.getBean(Agent.class))).isFalse();
		}
	}

	@Test
	void disabledLeavesTheApplicationsOwnTracingAsItConfiguredIt() {
		try (ConfigurableApplicationContext context = run("ten.tracing.enabled=false",
				"management.opentelemetry.tracing.export.otlp.endpoint=http://apps-own-collector:4318/v1/traces",
				"management.tracing.sampling.probability=0.3")) {
			assertThat(context.getBean(SpanExporter.class).toString())
				.contains("endpoint=http://apps-own-collector:4318/v1/traces");
			assertThat(context.getBean(SdkTracerProvider.class).getSampler().getDescription())
				.isEqualTo("ParentBased{root:TraceIdRatioBased{0.300000},remoteParentSampled:AlwaysOnSampler,"
						+ "remoteParentNotSampled:AlwaysOffSampler,localParentSampled:AlwaysOnSampler,"
						+ "localParentNotSampled:AlwaysOffSampler}");
			assertThat(context.getEnvironment().getPropertySources()
				.contains(TenTracingEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)).isFalse();
		}
	}

	@Test
	void disablingTracingRescuesAStartThatABadTracingSettingWouldStop() {
		try (ConfigurableApplicationContext context = run("ten.tracing.enabled=false",
				"ten.tracing.otlp-endpoint=localhost:4317", "ten.tracing.transport=carrier-pigeon")) {
			assertThat(context.getBean(AgentTracer.class)).isSameAs(AgentTracer.noop());
		}
	}

	@Test
	void explicitManagementSettingsWinOverTenTracing() {
		try (ConfigurableApplicationContext context = run("ten.tracing.otlp-endpoint=http://ten:4317",
				"management.opentelemetry.tracing.export.otlp.endpoint=http://explicit:4317",
				"management.tracing.sampling.probability=0.5")) {
			assertThat(context.getBean(SpanExporter.class).toString()).contains("endpoint=http://explicit:4317");
			assertThat(context.getBean(Sampler.class).getDescription()).contains("TraceIdRatioBased{0.500000}");
			assertThat(context.getBean(SdkTracerProvider.class).getSampler().getDescription())
				.startsWith("AgentSessionSampler{sessions=TraceIdRatioBased{1.000000}")
				.contains("otherwise=ParentBased{root:TraceIdRatioBased{0.500000}");
		}
	}

	@Test
	void tracingConfigFromCodeSetsDefaultsThatPropertiesOverride() {
		TracingConfig config = TracingConfig.builder()
			.enabled(true)
			.otlpEndpoint("http://from-code:4317")
			.serviceName("code-agent")
			.build();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.properties(config.toProperties())
			.run("--spring.main.banner-mode=off")) {
			assertThat(context.getBean(SpanExporter.class).toString()).contains("endpoint=http://from-code:4317");
			assertThat(context.getEnvironment().getProperty("management.opentelemetry.resource-attributes[service.name]"))
				.isEqualTo("code-agent");
		}
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.properties(config.toProperties())
			.run("--spring.main.banner-mode=off", "--ten.tracing.enabled=false")) {
			assertThat(context.getBean(AgentTracer.class)).isSameAs(AgentTracer.noop());
		}
	}

	@Test
	void tracingConfigRejectsNull() {
		assertThatException().isThrownBy(() -> TracingConfig.builder().otlpEndpoint(null))
			.withMessageContaining("ten.tracing.otlp-endpoint");
	}

	@Test
	void aMalformedEndpointStopsStartupWithAMessageNamingPropertyAndValue(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("ten.tracing.otlp-endpoint=localhost:4317"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value 'localhost:4317' for configuration property 'ten.tracing.otlp-endpoint'")
			.contains("must be an http or https URL");
	}

	@Test
	void anUnknownTransportStopsStartupWithAMessageNamingPropertyAndValue(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("ten.tracing.transport=carrier-pigeon"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value 'carrier-pigeon' for configuration property 'ten.tracing.transport'")
			.contains("must be grpc or http")
			.doesNotContain("GRPC");
	}

	private static ConfigurableApplicationContext run(String... properties) {
		return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off")
			.run(java.util.Arrays.stream(properties).map((property) -> "--" + property).toArray(String[]::new));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

		@Bean
		Agent agent() {
			return new Agent();
		}

	}

	static class Agent {

		@TracedTurn
		public void turn() {
		}

	}

}
