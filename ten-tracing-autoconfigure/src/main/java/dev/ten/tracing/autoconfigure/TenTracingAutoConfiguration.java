package dev.ten.tracing.autoconfigure;

import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.OpenTelemetryAgentTracer;
import dev.ten.tracing.annotation.AgentTracingAdvisor;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.otel.bridge.OtelSpan;
import io.opentelemetry.api.OpenTelemetry;
import org.aopalliance.intercept.MethodInterceptor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.util.function.SingletonSupplier;

/**
 * Auto-configuration of TEN agent tracing: an {@link AgentTracer} on Spring Boot's own OpenTelemetry SDK,
 * and the advisor behind the {@code @Traced*} annotations. With {@code ten.tracing.enabled=false} the tracer
 * is a no-op and no bean is proxied.
 */
@AutoConfiguration(afterName = {
		"org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration" })
@EnableConfigurationProperties(TenTracingProperties.class)
public final class TenTracingAutoConfiguration {

	private static final String ENABLED = "ten.tracing.enabled";

	TenTracingAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(AgentTracer.class)
	@ConditionalOnBooleanProperty(name = ENABLED, matchIfMissing = true)
	@ConditionalOnBean(OpenTelemetry.class)
	OpenTelemetryAgentTracer agentTracer(OpenTelemetry openTelemetry, TenTracingProperties properties,
			ObjectProvider<OpenTelemetryAgentTracerBuilderCustomizer> customizers) {
		OpenTelemetryAgentTracer.Builder builder = OpenTelemetryAgentTracer.builder(openTelemetry)
			.captureContent(properties.isCaptureContent())
			.maxContentLength(properties.getMaxContentLength())
			.maxOpenSessions(properties.getMaxOpenSessions());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean(AgentTracer.class)
	AgentTracer noopAgentTracer() {
		return AgentTracer.noop();
	}

	@Bean
	GlobalAgentTracerRegistration globalAgentTracerRegistration(AgentTracer agentTracer) {
		return new GlobalAgentTracerRegistration(agentTracer);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ObservationRegistry.class, OtelSpan.class })
	static class MicrometerObservationConfiguration {

		/** Lets WebClient and Spring AI inside a traced Mono or Flux find the agent span as their parent. */
		@Bean
		@ConditionalOnBean(ObservationRegistry.class)
		OpenTelemetryAgentTracerBuilderCustomizer observationRegistryCustomizer(ObservationRegistry registry) {
			return (builder) -> builder.observationRegistry(registry);
		}

	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean
	@ConditionalOnClass(MethodInterceptor.class)
	@ConditionalOnBooleanProperty(name = ENABLED, matchIfMissing = true)
	static AgentTracingAdvisor agentTracingAdvisor(ObjectProvider<AgentTracer> agentTracer) {
		return new AgentTracingAdvisor(SingletonSupplier.of(agentTracer::getObject));
	}

}
