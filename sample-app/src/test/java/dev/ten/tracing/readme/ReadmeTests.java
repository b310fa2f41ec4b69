package dev.ten.tracing.readme;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import dev.ten.tracing.export.ExportPipeline;
import dev.ten.tracing.metrics.ExportMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README.md cannot drift from the code: every Java snippet in it is a region of the sources in this
 * package, which the build compiles and {@link ReadmeExamplesTests} runs; every link stays inside the
 * repository; every {@code ten.tracing.*} key it names, in text or in a YAML snippet, exists as a property or
 * a meter, and every YAML
 * snippet loads; and its test command is what CI runs.
 */
class ReadmeTests {

	private static final Path ROOT = Path.of("..");

	private static final Path README = ROOT.resolve("README.md");

	private static final Path SNIPPETS = Path.of("src/test/java/dev/ten/tracing/readme");

	private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)\\n```", Pattern.DOTALL);

	private static final Pattern REGION = Pattern
		.compile("[ \\t]*// tag::([a-z-]+)\\[]\\n(.*?)\\n[ \\t]*// end::\\1\\[]", Pattern.DOTALL);

	private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)\\n```", Pattern.DOTALL);

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)]+)\\)");

	private static final Pattern PROPERTY = Pattern
		.compile("(?<![\\w.])ten\\.tracing\\.[a-z][a-z0-9-]*(\\.[a-z*][a-z0-9-]*)?");

	@Test
	void everyJavaSnippetIsARegionOfCodeThatTheBuildCompiles() throws IOException {
		List<String> snippets = javaBlocks(Files.readString(README));
		Map<String, String> regions = regions();
		assertThat(snippets).as("Java snippets in README.md").hasSizeGreaterThanOrEqualTo(6);
		for (String snippet : snippets) {
			assertThat(regions.values()).as("README snippet, not found as a tagged region in %s:%n%s", SNIPPETS, snippet)
				.contains(snippet);
		}
		regions.forEach((name, region) -> assertThat(snippets).as("region %s is quoted in README.md", name)
			.contains(region));
	}

	@Test
	void everyLinkStaysInsideTheRepository() throws IOException {
		Matcher links = LINK.matcher(Files.readString(README));
		List<String> targets = new ArrayList<>();
		while (links.find()) {
			targets.add(links.group(1));
		}
		assertThat(targets).isNotEmpty().allSatisfy((target) -> {
			if (!target.startsWith("http://") && !target.startsWith("https://") && !target.startsWith("#")) {
				assertThat(target).as("relative link").doesNotStartWith("..").doesNotStartWith("/");
				assertThat(ROOT.resolve(target)).as("link target").exists();
			}
		});
	}

	@Test
	void everyTenTracingPropertyOrMeterItNamesExists() throws IOException {
		Set<String> known = new HashSet<>(knownProperties());
		known.addAll(meterNames());
		Matcher properties = PROPERTY.matcher(Files.readString(README));
		List<String> named = new ArrayList<>();
		while (properties.find()) {
			named.add(properties.group());
		}
		assertThat(named).isNotEmpty().allSatisfy((name) -> assertThat(known)
			.as("%s named in README.md", name)
			.anyMatch((property) -> name.equals(property) || name.startsWith(property + ".")));
	}

	@Test
	void everyYamlSnippetLoadsAndItsTenTracingKeysExist() throws IOException {
		Set<String> known = knownProperties();
		Matcher blocks = YAML_BLOCK.matcher(Files.readString(README));
		List<String> keys = new ArrayList<>();
		int snippets = 0;
		while (blocks.find()) {
			snippets++;
			for (PropertySource<?> source : new YamlPropertySourceLoader().load("README snippet " + snippets,
					new ByteArrayResource(blocks.group(1).getBytes(StandardCharsets.UTF_8)))) {
				for (String key : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
					if (key.startsWith("ten.tracing.")) {
						keys.add(key);
					}
				}
			}
		}
		assertThat(snippets).as("YAML snippets in README.md").isGreaterThanOrEqualTo(3);
		assertThat(keys).isNotEmpty().allSatisfy((key) -> assertThat(known).as("%s in a YAML snippet", key)
			.anyMatch((property) -> key.equals(property) || key.startsWith(property + ".")));
	}

	@Test
	void itsTestCommandIsWhatCiRuns() throws IOException {
		assertThat(Files.readAllLines(README)).contains("./mvnw -B verify");
		assertThat(Files.readString(ROOT.resolve(".ci/run"))).contains("test_command='./mvnw -B verify'");
	}

	private Set<String> knownProperties() throws IOException {
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			List<String> names = JsonPath.read(new String(in.readAllBytes(), StandardCharsets.UTF_8),
					"$.properties[*].name");
			return Set.copyOf(names);
		}
	}

	/** The meters ten-tracing registers, which share the {@code ten.tracing.} prefix with the properties. */
	private static Set<String> meterNames() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new ExportMetrics(new ExportPipeline(DataSize.ofMegabytes(1), Duration.ofSeconds(1), Duration.ofSeconds(1)))
			.bindTo(registry);
		return registry.getMeters().stream().map((meter) -> meter.getId().getName()).collect(Collectors.toSet());
	}

	private static List<String> javaBlocks(String markdown) {
		Matcher blocks = JAVA_BLOCK.matcher(markdown);
		List<String> found = new ArrayList<>();
		while (blocks.find()) {
			found.add(blocks.group(1));
		}
		return found;
	}

	/** Every tagged region of the snippet sources, indented as README shows code: four spaces, flush left. */
	private static Map<String, String> regions() throws IOException {
		Map<String, String> regions = new LinkedHashMap<>();
		try (Stream<Path> sources = Files.list(SNIPPETS)) {
			for (Path source : sources.filter((path) -> path.toString().endsWith(".java")).toList()) {
				Matcher region = REGION.matcher(Files.readString(source));
				while (region.find()) {
					regions.put(source.getFileName() + "#" + region.group(1), flushLeft(region.group(2)));
				}
			}
		}
		return regions;
	}

	private static String flushLeft(String code) {
		List<String> lines = code.lines().map(ReadmeTests::tabsToSpaces).map(String::stripTrailing).toList();
		int indent = lines.stream()
			.filter((line) -> !line.isBlank())
			.mapToInt((line) -> line.length() - line.stripLeading().length())
			.min()
			.orElse(0);
		return lines.stream()
			.map((line) -> line.isBlank() ? "" : line.substring(indent))
			.collect(Collectors.joining("\n"));
	}

	private static String tabsToSpaces(String line) {
		int tabs = 0;
		while (tabs < line.length() && line.charAt(tabs) == '\t') {
			tabs++;
		}
		return "    ".repeat(tabs) + line.substring(tabs);
	}

}
