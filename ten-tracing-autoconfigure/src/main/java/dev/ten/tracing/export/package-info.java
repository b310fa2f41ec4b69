/**
 * Export of spans to the collector: the one wrapper around Spring Boot's OTLP exporter that bridges outages
 * with a bounded buffer, counts every span lost by cause, and knows the exporter's state for health and
 * metrics.
 */
package dev.ten.tracing.export;
