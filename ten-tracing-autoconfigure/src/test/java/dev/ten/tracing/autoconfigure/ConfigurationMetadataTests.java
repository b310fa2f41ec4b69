package dev.ten.tracing.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IDEs complete {@code ten.tracing.} keys from the generated metadata: every property must be there with a
 * description, and the contract's property names must not drift.
 */
class ConfigurationMetadataTests {

	@Test
	void everyPropertyIsDescribedAndTheContractNamesArePresent() throws IOException {
		String json;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		List<Map<String, Object>> properties = JsonPath.read(json, "$.properties[?(@.name =~ /ten\\.tracing\\..*/)]");
		assertThat(properties).extracting((property) -> property.get("name"))
			.contains("ten.tracing.enabled", "ten.tracing.otlp-endpoint", "ten.tracing.service-name",
					"ten.tracing.transport", "ten.tracing.headers", "ten.tracing.capture-content",
					"ten.tracing.buffer-size", "ten.tracing.ssl.bundle");
		assertThat(properties).allSatisfy((property) -> assertThat((String) property.get("description"))
			.as("description of %s", property.get("name"))
			.isNotBlank());
		assertThat(properties).filteredOn((property) -> property.get("name").equals("ten.tracing.otlp-endpoint"))
			.singleElement()
			.satisfies((property) -> assertThat(property.get("defaultValue")).isEqualTo("http://localhost:4317"));
		List<Map<String, Object>> healthSwitch = JsonPath.read(json,
				"$.properties[?(@.name == 'management.health.tentracing.enabled')]");
		assertThat(healthSwitch).as("the health contributor's switch").singleElement().satisfies((property) -> {
			assertThat(property.get("defaultValue")).isEqualTo(true);
			assertThat(property.get("type")).isEqualTo("java.lang.Boolean");
		});
	}

}
