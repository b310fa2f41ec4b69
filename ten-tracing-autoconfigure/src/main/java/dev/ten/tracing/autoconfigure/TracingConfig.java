package dev.ten.tracing.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tracing settings made in code; the Java counterpart of
 * {@code TracingConfig(enabled=True, otlp_endpoint="http://localhost:4317", service_name="ten-voice-agent")}.
 * <p>
 * The settings become {@code ten.tracing.*} default properties of the application, so configuration files,
 * environment variables ({@code TEN_TRACING_ENABLED} and friends) and command-line arguments can still
 * override them:
 *
 * <pre class="code">
 * TracingConfig config = TracingConfig.builder()
 *     .enabled(true)
 *     .otlpEndpoint("http://localhost:4317")
 *     .serviceName("ten-voice-agent")
 *     .build();
 * new SpringApplicationBuilder(MyAgent.class).properties(config.toProperties()).run(args);
 * </pre>
 *
 * Settings left unset keep their defaults. Values are checked at startup like any {@code ten.tracing}
 * property.
 */
public final class TracingConfig {

	private final Map<String, Object> properties;

	private TracingConfig(Map<String, Object> properties) {
		this.properties = Map.copyOf(properties);
	}

	/**
	 * Starts a configuration.
	 * @return a builder with nothing set
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the settings as {@code ten.tracing.*} properties, for
	 * {@code SpringApplicationBuilder.properties(..)} or {@code SpringApplication.setDefaultProperties(..)}.
	 * @return the properties that were set
	 */
	public Map<String, Object> toProperties() {
		return this.properties;
	}

	@Override
	public String toString() {
		return "TracingConfig" + this.properties;
	}

	/**
	 * Builds a {@link TracingConfig}.
	 */
	public static final class Builder {

		private final Map<String, Object> properties = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Sets {@code ten.tracing.enabled}.
		 * @param enabled whether to trace
		 * @return this builder
		 */
		public Builder enabled(boolean enabled) {
			return set("enabled", enabled);
		}

		/**
		 * Sets {@code ten.tracing.otlp-endpoint}.
		 * @param otlpEndpoint the OTLP endpoint URL
		 * @return this builder
		 */
		public Builder otlpEndpoint(String otlpEndpoint) {
			return set("otlp-endpoint", otlpEndpoint);
		}

		/**
		 * Sets {@code ten.tracing.service-name}.
		 * @param serviceName the service name
		 * @return this builder
		 */
		public Builder serviceName(String serviceName) {
			return set("service-name", serviceName);
		}

		/**
		 * Sets {@code ten.tracing.transport}.
		 * @param transport {@code grpc} or {@code http}
		 * @return this builder
		 */
		public Builder transport(String transport) {
			return set("transport", transport);
		}

		/**
		 * Sets {@code ten.tracing.capture-content}.
		 * @param captureContent whether spans record what people said
		 * @return this builder
		 */
		public Builder captureContent(boolean captureContent) {
			return set("capture-content", captureContent);
		}

		/**
		 * Builds the configuration.
		 * @return the configuration
		 */
		public TracingConfig build() {
			return new TracingConfig(this.properties);
		}

		private Builder set(String name, Object value) {
			if (value == null) {
				throw new IllegalArgumentException("ten.tracing." + name + " must not be null");
			}
			this.properties.put("ten.tracing." + name, value);
			return this;
		}

	}

}
