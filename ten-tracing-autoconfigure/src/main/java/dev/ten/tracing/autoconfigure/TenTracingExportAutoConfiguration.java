package dev.ten.tracing.autoconfigure;

import java.time.Duration;
import java.util.Arrays;

import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

import dev.ten.tracing.export.ExportPipeline;
import dev.ten.tracing.export.ExportTarget;
import dev.ten.tracing.health.ExportHealthIndicator;
import dev.ten.tracing.metrics.ExportMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanExporters;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpGrpcSpanExporterBuilderCustomizer;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpHttpSpanExporterBuilderCustomizer;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingConnectionDetails;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.Transport;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the export of spans: Spring Boot's OTLP exporter wrapped in ten-tracing's buffering
 * exporter (its own retry off, TLS from an SSL bundle), the SDK's batch processor counting its drops, the
 * tracer waiting for delivery at shutdown, and the export's state as a health contributor and as metrics.
 * Ordered before Spring Boot's OpenTelemetry tracing auto-configuration, whose {@link SpanExporters} backs off
 * to the one defined here.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration")
@ConditionalOnClass({ SpanExporters.class, OtlpGrpcSpanExporter.class })
@ConditionalOnBooleanProperty(name = "ten.tracing.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TenTracingProperties.class)
public final class TenTracingExportAutoConfiguration {

	private static final String OTLP_TIMEOUT = "management.opentelemetry.tracing.export.otlp.timeout";

	TenTracingExportAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	ExportPipeline tenTracingExportPipeline(TenTracingProperties properties, Environment environment) {
		Duration exportTimeout = environment.getProperty(OTLP_TIMEOUT, Duration.class, properties.getTimeout());
		return new ExportPipeline(properties.getBufferSize(), exportTimeout, properties.getShutdownTimeout());
	}

	/** The exporters Spring Boot's batch processor sends through: those that send to a collector, wrapped. */
	@Bean
	@ConditionalOnMissingBean
	SpanExporters spanExporters(ObjectProvider<SpanExporter> exporters, ExportPipeline pipeline,
			ObjectProvider<OtlpTracingConnectionDetails> connectionDetails) {
		return SpanExporters.of(exporters.orderedStream()
			.map((exporter) -> pipeline.wrap(exporter, (candidate) -> target(candidate, connectionDetails)))
			.toList());
	}

	/** Lets the SDK's batch processor report the spans it drops when its queue is full. */
	@Bean
	@ConditionalOnMissingBean(MeterProvider.class)
	MeterProvider tenTracingSpanQueueTelemetry(ExportPipeline pipeline) {
		return pipeline.spanQueueTelemetry();
	}

	@Bean
	OtlpGrpcSpanExporterBuilderCustomizer tenTracingGrpcExporter(TenTracingProperties properties,
			ObjectProvider<SslBundles> sslBundles) {
		return (builder) -> {
			builder.setRetryPolicy(null);
			withSsl(properties, sslBundles, builder::setSslContext);
		};
	}

	@Bean
	OtlpHttpSpanExporterBuilderCustomizer tenTracingHttpExporter(TenTracingProperties properties,
			ObjectProvider<SslBundles> sslBundles) {
		return (builder) -> {
			builder.setRetryPolicy(null);
			withSsl(properties, sslBundles, builder::setSslContext);
		};
	}

	/** At shutdown the tracer waits for the spans it ended to reach the collector. */
	@Bean
	OpenTelemetryAgentTracerBuilderCustomizer tenTracingDeliveryAtShutdown(ExportPipeline pipeline) {
		return (builder) -> builder.delivery(pipeline::awaitDelivery);
	}

	private static ExportTarget target(SpanExporter exporter,
			ObjectProvider<OtlpTracingConnectionDetails> connectionDetails) {
		OtlpTracingConnectionDetails details = connectionDetails.getIfAvailable();
		if (exporter instanceof OtlpGrpcSpanExporter) {
			return ExportTarget.of((details != null) ? details.getUrl(Transport.GRPC) : null, "grpc");
		}
		if (exporter instanceof OtlpHttpSpanExporter) {
			return ExportTarget.of((details != null) ? details.getUrl(Transport.HTTP) : null, "http");
		}
		return null;
	}

	private static void withSsl(TenTracingProperties properties, ObjectProvider<SslBundles> sslBundles,
			SslContextTarget target) {
		String name = properties.getSsl().getBundle();
		if (name == null) {
			return;
		}
		SslBundle bundle;
		try {
			bundle = sslBundles.getObject().getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidConfigurationPropertyValueException("ten.tracing.ssl.bundle", name,
					"No SSL bundle has this name: define it under spring.ssl.bundle.jks." + name
							+ " or spring.ssl.bundle.pem." + name);
		}
		X509TrustManager trustManager = Arrays.stream(bundle.getManagers().getTrustManagers())
			.filter(X509TrustManager.class::isInstance)
			.map(X509TrustManager.class::cast)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("SSL bundle '" + name
					+ "' (ten.tracing.ssl.bundle) has no X.509 trust manager: give it a truststore"));
		target.set(bundle.createSslContext(), trustManager);
	}

	@FunctionalInterface
	private interface SslContextTarget {

		void set(SSLContext context, X509TrustManager trustManager);

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ AbstractHealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
	static class HealthConfiguration {

		@Bean
		@ConditionalOnEnabledHealthIndicator("tentracing")
		ExportHealthIndicator tenTracingHealthIndicator(ExportPipeline pipeline) {
			return new ExportHealthIndicator(pipeline);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class MetricsConfiguration {

		@Bean
		ExportMetrics tenTracingExportMetrics(ExportPipeline pipeline) {
			return new ExportMetrics(pipeline);
		}

	}

}
