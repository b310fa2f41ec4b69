package dev.ten.tracing.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the sample's demo.
 *
 * @param exit whether to exit once the conversation has been played and exported
 */
@ConfigurationProperties("sample.demo")
public record DemoProperties(boolean exit) {
}
