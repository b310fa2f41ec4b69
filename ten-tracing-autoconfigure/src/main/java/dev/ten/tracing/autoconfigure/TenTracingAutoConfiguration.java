package dev.ten.tracing.autoconfigure;

import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.OpenTelemetryAgentTracer;
import dev.ten.tracing.annotation.AgentTracingAdvisor;
import dev.ten.tracing.health.ExportHealthIndicator;
import dev.ten.tracing.metrics.AgentMetrics;
import dev.ten.tracing.sampling.AgentSessionSampler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.otel.bridge.OtelSpan;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.aopalliance.intercept.MethodInterceptor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SdkTracerProviderBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.context.annotation.Role;
import org.springframework.util.function.SingletonSupplier;

/**
 * Auto-configuration of TEN agent tracing: an {@link AgentTracer} on Spring Boot's own OpenTelemetry SDK,
 * the advisor behind the {@code @Traced*} annotations, and the sampling of agent sessions. With
 * {@code ten.tracing.enabled=false} the tracer is a no-op, nothing is proxied, and nothing of the
 * application's own tracing changes.
 */
@AutoConfiguration(afterName = {
		"org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration" })
public final class TenTracingAutoConfiguration {

	private static final String ENABLED = "ten.tracing.enabled";

	private static final Log logger = LogFactory.getLog(TenTracingAutoConfiguration.class);

	TenTracingAutoConfiguration() {
	}

	@Bean
	GlobalAgentTracerRegistration globalAgentTracerRegistration(AgentTracer agentTracer) {
		return new GlobalAgentTracerRegistration(agentTracer);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = ENABLED, matchIfMissing = true)
	@EnableConfigurationProperties(TenTracingProperties.class)
	static class TracingEnabled {

		@Bean
		@ConditionalOnMissingBean
		AgentTracer agentTracer(ObjectProvider<OpenTelemetry> openTelemetry, TenTracingProperties properties,
				ObjectProvider<OpenTelemetryAgentTracerBuilderCustomizer> customizers, Environment environment) {
			OpenTelemetry sdk = openTelemetry.getIfAvailable();
			if (sdk == null) {
				logger.warn("ten.tracing.enabled is true but the application has no OpenTelemetry bean, so agent"
						+ " sessions are not traced and @Traced* methods run as they are. Add"
						+ " ten-tracing-spring-boot-starter (or spring-boot-starter-opentelemetry), and do not exclude"
						+ " OpenTelemetrySdkAutoConfiguration; or set ten.tracing.enabled=false to say it is meant.");
				return AgentTracer.noop();
			}
			OpenTelemetryAgentTracer.Builder builder = OpenTelemetryAgentTracer.builder(sdk)
				.captureContent(properties.isCaptureContent())
				.maxContentLength(properties.getMaxContentLength())
				.maxOpenSessions(properties.getMaxOpenSessions())
				.sessionIdleTimeout(properties.getSessionIdleTimeout())
				.shutdownTimeout(properties.getShutdownTimeout())
				.genAiProposals(properties.isGenAiProposals()
						|| GenAiOptIn.latestExperimental(environment.getProperty(GenAiOptIn.VARIABLE)));
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		}

		/** Only where spans can be recorded: with no OpenTelemetry there is nothing to proxy beans for. */
		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		@ConditionalOnMissingBean
		@ConditionalOnClass(MethodInterceptor.class)
		@ConditionalOnBean(OpenTelemetry.class)
		static AgentTracingAdvisor agentTracingAdvisor(ObjectProvider<AgentTracer> agentTracer, Environment environment) {
			boolean proxyLangChain4jTools = environment.getProperty("ten.tracing.proxy-langchain4j-tools", Boolean.class,
					false);
			return new AgentTracingAdvisor(SingletonSupplier.of(agentTracer::getObject), proxyLangChain4jTools);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass({ SdkTracerProviderBuilderCustomizer.class, Sampler.class })
		static class SessionSamplingConfiguration {

			/** Sessions by ten.tracing.sampling-probability; every other span as the application samples it. */
			@Bean
			SdkTracerProviderBuilderCustomizer agentSessionSampling(ObjectProvider<Sampler> applicationSampler,
					TenTracingProperties properties, ObjectProvider<AgentMetrics> agentMetrics) {
				boolean recordUnsampled = agentMetrics.getIfAvailable() != null;
				return (builder) -> applicationSampler.ifAvailable((sampler) -> builder.setSampler(
						new AgentSessionSampler(properties.getSamplingProbability(), sampler, recordUnsampled)));
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass({ MeterRegistry.class, SpanProcessor.class })
		@ConditionalOnBooleanProperty(name = "ten.tracing.metrics.enabled", matchIfMissing = true)
		static class AgentMetricsConfiguration {

			/** Latencies, tool calls, interruptions and tokens, read from agent spans as they end. */
			@Bean
			AgentMetrics tenTracingAgentMetrics(ObjectProvider<MeterRegistry> registry) {
				return new AgentMetrics(registry::getIfAvailable);
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(SdkTracerProvider.class)
		static class SpanLimitsConfiguration {

			/** Agent spans say how many events the SDK dropped, at the limit the application's SDK has. */
			@Bean
			@ConditionalOnBean(SdkTracerProvider.class)
			OpenTelemetryAgentTracerBuilderCustomizer spanEventLimitCustomizer(SdkTracerProvider tracerProvider) {
				return (builder) -> builder.maxEventsPerSpan(tracerProvider.getSpanLimits().getMaxNumberOfEvents());
			}

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

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = ENABLED, havingValue = false)
	static class TracingDisabled {

		@Bean
		@ConditionalOnMissingBean
		AgentTracer noopAgentTracer() {
			return AgentTracer.noop();
		}

		/** Says on the health endpoint that tracing is off, rather than nothing. */
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass({ AbstractHealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
		static class DisabledHealthConfiguration {

			@Bean
			@ConditionalOnEnabledHealthIndicator("tentracing")
			ExportHealthIndicator tenTracingHealthIndicator() {
				return new ExportHealthIndicator(null);
			}

		}

	}

	/** Header values of the export (tokens, keys) never show on Actuator's env and configprops endpoints. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class HeaderSanitizing {

		@Bean
		SanitizingFunction tenTracingExportHeaders() {
			return SanitizingFunction.sanitizeValue()
				.ifKeyMatches("ten\\.tracing\\.headers.*", "management\\.opentelemetry\\.tracing\\.export\\.otlp\\.headers.*");
		}

	}

}
