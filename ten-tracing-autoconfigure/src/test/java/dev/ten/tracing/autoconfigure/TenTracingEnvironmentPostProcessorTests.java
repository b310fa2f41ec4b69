package dev.ten.tracing.autoconfigure;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TenTracingEnvironmentPostProcessorTests {

	private static final String OTLP = "management.opentelemetry.tracing.export.otlp.";

	private static final String SERVICE_NAME = "management.opentelemetry.resource-attributes[service.name]";

	private final Map<String, Object> application = new HashMap<>();

	private final Map<String, Object> systemEnvironment = new HashMap<>();

	@Test
	void defaultsExportOverGrpcToLocalhostAndLeaveTheApplicationsSamplingAlone() {
		StandardEnvironment environment = process();
		assertThat(environment.getProperty(OTLP + "endpoint")).isEqualTo("http://localhost:4317");
		assertThat(environment.getProperty(OTLP + "transport")).isEqualTo("grpc");
		assertThat(environment.getProperty(OTLP + "compression")).isEqualTo("none");
		assertThat(environment.getProperty(OTLP + "timeout")).isEqualTo("PT10S");
		assertThat(environment.containsProperty("management.tracing.sampling.probability"))
			.as("agent sessions are sampled on their own; the application's spans as it says").isFalse();
		assertThat(environment.getProperty("management.opentelemetry.tracing.export.max-queue-size", Integer.class))
			.isEqualTo(2048);
		assertThat(environment.getProperty(SERVICE_NAME)).isEqualTo("ten-voice-agent");
		assertThat(environment.containsProperty("management.tracing.export.enabled")).isFalse();
	}

	@Test
	void anAuthorizationHeaderCanComeFromTheEnvironmentAlone() {
		this.systemEnvironment.put("TEN_TRACING_HEADERS_AUTHORIZATION", "Bearer from-env");
		StandardEnvironment environment = process();
		assertThat(environment.getProperty(OTLP + "headers[authorization]")).isEqualTo("Bearer from-env");
	}

	@Test
	void tenTracingPropertiesSetTheirManagementCounterparts() {
		this.application.put("ten.tracing.otlp-endpoint", "https://tempo.example.com:4317");
		this.application.put("ten.tracing.service-name", "my-agent");
		this.application.put("ten.tracing.headers.authorization", "Bearer abc");
		this.application.put("ten.tracing.compression", "gzip");
		this.application.put("ten.tracing.timeout", "3s");
		this.application.put("ten.tracing.sampling-probability", "0.25");
		this.application.put("ten.tracing.max-queue-size", "8192");
		StandardEnvironment environment = process();
		assertThat(environment.getProperty(OTLP + "endpoint")).isEqualTo("https://tempo.example.com:4317");
		assertThat(environment.getProperty(OTLP + "headers[authorization]")).isEqualTo("Bearer abc");
		assertThat(environment.getProperty(OTLP + "compression")).isEqualTo("gzip");
		assertThat(environment.getProperty(OTLP + "timeout")).isEqualTo("PT3S");
		assertThat(environment.containsProperty("management.tracing.sampling.probability")).isFalse();
		assertThat(environment.getProperty("management.opentelemetry.tracing.export.max-queue-size", Integer.class))
			.isEqualTo(8192);
		assertThat(environment.getProperty(SERVICE_NAME)).isEqualTo("my-agent");
	}

	@Test
	void httpTransportGetsTheOtlpHttpPortAndPath() {
		this.application.put("ten.tracing.transport", "http");
		assertThat(process().getProperty(OTLP + "endpoint")).isEqualTo("http://localhost:4318/v1/traces");
		assertThat(process().getProperty(OTLP + "transport")).isEqualTo("http");
		this.application.put("ten.tracing.otlp-endpoint", "http://collector:4318/");
		assertThat(process().getProperty(OTLP + "endpoint")).isEqualTo("http://collector:4318/v1/traces");
		this.application.put("ten.tracing.otlp-endpoint", "http://gateway/otlp/v1/traces");
		assertThat(process().getProperty(OTLP + "endpoint")).isEqualTo("http://gateway/otlp/v1/traces");
	}

	@Test
	void explicitManagementPropertiesWin() {
		this.application.put("ten.tracing.otlp-endpoint", "http://ten:4317");
		this.application.put(OTLP + "endpoint", "http://management:4317");
		this.application.put("management.tracing.sampling.probability", "0.5");
		StandardEnvironment environment = process();
		assertThat(environment.getProperty(OTLP + "endpoint")).isEqualTo("http://management:4317");
		assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("0.5");
	}

	@Test
	void reactorContextPropagationIsAutomaticUnlessSetOrSwitchedOff() {
		assertThat(process().getProperty("spring.reactor.context-propagation")).isEqualTo("auto");
		this.application.put("spring.reactor.context-propagation", "limited");
		assertThat(process().getProperty("spring.reactor.context-propagation")).isEqualTo("limited");
		this.application.remove("spring.reactor.context-propagation");
		this.application.put("ten.tracing.context-propagation", "false");
		assertThat(process().getProperty("spring.reactor.context-propagation")).isNull();
	}

	@Test
	void disabledLeavesTheApplicationsOwnTracingExactlyAsConfigured() {
		this.application.put("ten.tracing.enabled", "false");
		this.application.put("management.tracing.sampling.probability", "0.3");
		StandardEnvironment environment = process();
		assertThat(environment.getPropertySources().contains(TenTracingEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
		assertThat(environment.containsProperty("management.tracing.export.enabled")).isFalse();
		assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("0.3");
		assertThat(environment.containsProperty(OTLP + "endpoint")).isFalse();
		assertThat(environment.containsProperty("spring.reactor.context-propagation")).isFalse();
	}

	@Test
	void disabledTracingIsNotValidatedSoTheSwitchRescuesABadConfiguration() {
		this.application.put("ten.tracing.otlp-endpoint", "localhost:4317");
		this.application.put("ten.tracing.transport", "carrier-pigeon");
		this.application.put("ten.tracing.max-queue-size", "-1");
		this.systemEnvironment.put("TEN_TRACING_ENABLED", "false");
		assertThat(process().containsProperty(OTLP + "endpoint")).isFalse();
	}

	@Test
	void theSeedsEnvironmentVariablesWorkAsWrittenAndBeatConfigFiles() {
		this.application.put("ten.tracing.otlp-endpoint", "http://from-yaml:4317");
		this.systemEnvironment.put("TEN_OTLP_ENDPOINT", "http://from-env:4317");
		this.systemEnvironment.put("TEN_SERVICE_NAME", "env-agent");
		StandardEnvironment environment = process();
		assertThat(environment.getProperty(OTLP + "endpoint")).isEqualTo("http://from-env:4317");
		assertThat(environment.getProperty(SERVICE_NAME)).isEqualTo("env-agent");
		this.systemEnvironment.put("TEN_TRACING_ENABLED", "false");
		assertThat(process().containsProperty(OTLP + "endpoint")).isFalse();
	}

	@Test
	void serviceNameDefersToOpenTelemetrysOwnSettingsAndTheApplicationName() {
		this.application.put("spring.application.name", "app-name");
		assertThat(process().containsProperty(SERVICE_NAME)).as("spring.application.name applies").isFalse();
		this.application.put("ten.tracing.service-name", "ten-name");
		assertThat(process().getProperty(SERVICE_NAME)).isEqualTo("ten-name");
		this.systemEnvironment.put("OTEL_SERVICE_NAME", "otel-name");
		assertThat(process().containsProperty(SERVICE_NAME)).as("OTEL_SERVICE_NAME applies").isFalse();
		this.systemEnvironment.clear();
		this.systemEnvironment.put("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=prod, service.name=otel-attr");
		assertThat(process().containsProperty(SERVICE_NAME)).isFalse();
		this.systemEnvironment.clear();
		this.application.put("management.opentelemetry.resource-attributes.service.name", "explicit");
		assertThat(process().getProperty("management.opentelemetry.resource-attributes.service.name"))
			.isEqualTo("explicit");
		assertThat(process().getProperty(SERVICE_NAME)).isNull();
	}

	@Test
	void malformedEndpointFailsNamingPropertyAndValue() {
		for (String endpoint : new String[] { "localhost:4317", "ftp://collector:4317", "http://", "http://bad host" }) {
			this.application.put("ten.tracing.otlp-endpoint", endpoint);
			assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class).isThrownBy(this::process)
				.satisfies((ex) -> {
					assertThat(ex.getName()).isEqualTo("ten.tracing.otlp-endpoint");
					assertThat(ex.getValue()).isEqualTo(endpoint);
					assertThat(ex.getReason()).contains("http or https URL");
				});
		}
	}

	@Test
	void credentialsInAMalformedEndpointAreNotRepeatedInTheMessage() {
		this.application.put("ten.tracing.otlp-endpoint", "ftp://agent:s3cret@collector:4317/?api_key=s3cret");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class).isThrownBy(this::process)
			.satisfies((ex) -> {
				assertThat(ex.getValue()).isEqualTo("ftp://collector:4317/");
				assertThat(ex.getMessage()).doesNotContain("s3cret");
			});
	}

	@Test
	void aHeaderValueThatHttpCannotCarryFailsNamingTheHeaderButNotTheValue() {
		this.application.put("ten.tracing.headers.x-api-key", "s3cret-from-a-file\n");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class).isThrownBy(this::process)
			.satisfies((ex) -> {
				assertThat(ex.getName()).isEqualTo("ten.tracing.headers.x-api-key");
				assertThat(ex.getReason()).contains("trailing newline");
				assertThat(ex.getMessage()).doesNotContain("s3cret");
			});
	}

	@Test
	void aBufferTooSmallForAFewSpansFails() {
		this.application.put("ten.tracing.buffer-size", "4KB");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class).isThrownBy(this::process)
			.satisfies((ex) -> assertThat(ex.getReason()).contains("at least 64KB"));
	}

	@Test
	void outOfRangeNumbersFailNamingTheProperty() {
		Map<String, String> bad = Map.of("ten.tracing.sampling-probability", "1.5", "ten.tracing.max-content-length",
				"0", "ten.tracing.max-queue-size", "-1", "ten.tracing.max-open-sessions", "0", "ten.tracing.timeout",
				"0s", "ten.tracing.service-name", " ", "ten.tracing.session-idle-timeout", "-1s",
				"ten.tracing.shutdown-timeout", "0s");
		bad.forEach((name, value) -> {
			this.application.clear();
			this.application.put(name, value);
			assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class).as(name)
				.isThrownBy(this::process)
				.satisfies((ex) -> assertThat(ex.getName()).isEqualTo(name));
		});
	}

	@Test
	void unknownTransportOrCompressionFailsListingTheValuesAsUsersWriteThem() {
		this.application.put("ten.tracing.transport", "carrier-pigeon");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class).isThrownBy(this::process)
			.satisfies((ex) -> {
				assertThat(ex.getName()).isEqualTo("ten.tracing.transport");
				assertThat(ex.getValue()).isEqualTo("carrier-pigeon");
				assertThat(ex.getReason()).isEqualTo("must be grpc or http");
			});
		this.application.put("ten.tracing.transport", "HTTP");
		this.application.put("ten.tracing.compression", "zstd");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class).isThrownBy(this::process)
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo("must be none or gzip"));
	}

	@Test
	void runningTwiceReplacesRatherThanDuplicates() {
		StandardEnvironment environment = process();
		new TenTracingEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().stream()
			.filter((source) -> source.getName().equals(TenTracingEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)))
			.hasSize(1);
	}

	private StandardEnvironment process() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new HashMap<>(this.systemEnvironment)));
		environment.getPropertySources().addLast(new MapPropertySource("application", new HashMap<>(this.application)));
		new TenTracingEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

}
