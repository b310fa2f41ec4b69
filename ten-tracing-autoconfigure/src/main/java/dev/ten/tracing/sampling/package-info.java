/**
 * Sampling of agent sessions, whole or not at all, beside the application's own sampling.
 */
package dev.ten.tracing.sampling;
