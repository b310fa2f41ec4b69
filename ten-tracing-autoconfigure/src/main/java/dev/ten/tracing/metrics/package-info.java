/**
 * ten-tracing's own metrics through Micrometer.
 */
package dev.ten.tracing.metrics;
