/**
 * Spring Boot auto-configuration of TEN agent tracing and its {@code ten.tracing.*} configuration properties.
 */
package dev.ten.tracing.autoconfigure;
