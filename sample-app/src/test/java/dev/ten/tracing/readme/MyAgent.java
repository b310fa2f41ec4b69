package dev.ten.tracing.readme;

import dev.ten.tracing.autoconfigure.TracingConfig;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application of the README's examples; its {@code main} shows the counterpart of the seed's
 * {@code TracingConfig(...)}.
 */
@SpringBootApplication
public class MyAgent implements ApplicationListener<ApplicationReadyEvent> {

	/** The context the last {@link #main} started, so that a test can close it. */
	static volatile ConfigurableApplicationContext started;

	public static void main(String[] args) {
		// tag::tracing-config[]
		TracingConfig config = TracingConfig.builder()
			.enabled(true)
			.otlpEndpoint("http://localhost:4317")
			.serviceName("ten-voice-agent")
			.build();
		new SpringApplicationBuilder(MyAgent.class).properties(config.toProperties()).run(args);
		// end::tracing-config[]
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		started = event.getApplicationContext();
	}

}
