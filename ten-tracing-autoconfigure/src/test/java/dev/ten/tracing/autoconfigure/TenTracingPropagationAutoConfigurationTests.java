package dev.ten.tracing.autoconfigure;

import java.util.List;

import dev.ten.tracing.AgentSpanThreadLocalAccessor;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

import static org.assertj.core.api.Assertions.assertThat;

class TenTracingPropagationAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TenTracingPropagationAutoConfiguration.class));

	@AfterEach
	void resetReactor() {
		Hooks.disableAutomaticContextPropagation();
	}

	@Test
	void providesAContextPropagatingTaskDecoratorAndRegistersTheAgentSpanAccessorAfterTheObservationOne() {
		ContextRegistry registry = ContextRegistry.getInstance();
		registry.registerThreadLocalAccessor(ObservationThreadLocalAccessor.getInstance());
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ContextPropagatingTaskDecorator.class);
			List<Object> keys = registry.getThreadLocalAccessors().stream().map(ThreadLocalAccessor::key).toList();
			assertThat(keys.indexOf(AgentSpanThreadLocalAccessor.KEY))
				.as("agent span restored after the observation, so that it is what ends up current")
				.isGreaterThan(keys.indexOf(ObservationThreadLocalAccessor.KEY));
		});
	}

	@Test
	void backsOffWhenTheUserDefinesTheirOwnDecorator() {
		ContextPropagatingTaskDecorator own = new ContextPropagatingTaskDecorator();
		this.runner.withBean(ContextPropagatingTaskDecorator.class, () -> own)
			.run((context) -> assertThat(context.getBean(TaskDecorator.class)).isSameAs(own));
	}

	@Test
	void turnsReactorAutomaticContextPropagationOnWhenThePropertySaysAuto() {
		this.runner.withPropertyValues("spring.reactor.context-propagation=auto").run((context) -> {
			assertThat(context).hasSingleBean(TenTracingPropagationAutoConfiguration.ReactorConfiguration.class);
		});
		this.runner.withPropertyValues("spring.reactor.context-propagation=limited")
			.run((context) -> assertThat(context)
				.doesNotHaveBean(TenTracingPropagationAutoConfiguration.ReactorConfiguration.class));
	}

	@Test
	void offWithTheSwitchOrWithTracingDisabled() {
		this.runner.withPropertyValues("ten.tracing.context-propagation=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TaskDecorator.class));
		this.runner.withPropertyValues("ten.tracing.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TaskDecorator.class));
	}

}
