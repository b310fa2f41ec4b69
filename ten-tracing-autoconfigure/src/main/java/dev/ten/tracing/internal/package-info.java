/**
 * Internals shared by ten-tracing's packages: not an API, may change in any release.
 */
package dev.ten.tracing.internal;
