/**
 * The code that README.md quotes, compiled and run by the build: each quoted region lies between
 * {@code // tag::name[]} and {@code // end::name[]}, and {@code ReadmeTests} fails when README.md and these
 * regions differ.
 */
package dev.ten.tracing.readme;
