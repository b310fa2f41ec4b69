package dev.ten.tracing.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A scripted weather voice agent, traced with ten-tracing. It plays one conversation at startup; with
 * {@code --sample.demo.exit=true} it then exits, which flushes the trace to the OTLP endpoint.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SampleApplication {

	public static void main(String[] args) {
		ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, args);
		if (context.getBean(DemoProperties.class).exit()) {
			System.exit(SpringApplication.exit(context));
		}
	}

}
