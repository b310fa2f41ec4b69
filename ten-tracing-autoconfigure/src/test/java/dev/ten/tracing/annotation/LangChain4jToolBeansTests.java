package dev.ten.tracing.annotation;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.ten.tracing.InMemoryTracing;
import dev.ten.tracing.TenConventions;
import dev.ten.tracing.autoconfigure.TenTracingAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our annotations never break the libraries an agent is built with: LangChain4j finds {@code @Tool} methods
 * on the class of the bean it is given, which a proxy's subclass would hide.
 */
@ExtendWith(OutputCaptureExtension.class)
class LangChain4jToolBeansTests {

	private final InMemoryTracing tracing = new InMemoryTracing();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, TenTracingAutoConfiguration.class))
		.withBean(OpenTelemetry.class, () -> this.tracing.sdk)
		.withBean(WeatherTools.class)
		.withBean(TracedOnly.class);

	@Test
	void aToolBeanThatAlsoCarriesTracedToolStaysFindableByLangChain4jAndSaysSoOnce(CapturedOutput output) {
		this.runner.run((context) -> {
			WeatherTools tools = context.getBean(WeatherTools.class);
			assertThat(ToolSpecifications.toolSpecificationsFrom(tools)).extracting(ToolSpecification::name)
				.as("the tools LangChain4j finds on the bean")
				.containsExactly("weather");
			assertThat(AopUtils.isAopProxy(tools)).as("proxied").isFalse();
			assertThat(tools.weather("Paris")).isEqualTo("sunny in Paris");
			assertThat(AopUtils.isAopProxy(context.getBean(TracedOnly.class)))
				.as("a bean without LangChain4j tools is traced as ever")
				.isTrue();
		});
		assertThat(output).containsOnlyOnce(WeatherTools.class.getName()
				+ " has LangChain4j @Tool methods, which LangChain4j finds on the bean's own class, so ten-tracing"
				+ " does not proxy it: the @Traced* annotations of weather() record nothing themselves.");
	}

	@Test
	void anApplicationWhoseLangChain4jReachesToolsThroughProxiesCanHaveThemTraced(CapturedOutput output) {
		this.runner.withPropertyValues("ten.tracing.proxy-langchain4j-tools=true").run((context) -> {
			WeatherTools tools = context.getBean(WeatherTools.class);
			assertThat(AopUtils.isAopProxy(tools)).isTrue();
			assertThat(tools.weather("Paris")).isEqualTo("sunny in Paris");
			assertThat(this.tracing.span(TenConventions.TOOL_SPAN).getAttributes().get(TenConventions.TOOL_NAME))
				.isEqualTo("weather");
		});
		assertThat(output).doesNotContain("has LangChain4j @Tool methods");
	}

	static class WeatherTools {

		@Tool("The weather in a city")
		@TracedTool
		public String weather(String city) {
			return "sunny in " + city;
		}

	}

	static class TracedOnly {

		@TracedTool
		public String lookup(String query) {
			return query;
		}

	}

}
