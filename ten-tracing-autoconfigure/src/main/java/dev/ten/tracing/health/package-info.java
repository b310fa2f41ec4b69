/**
 * The export's state on Actuator's health endpoint.
 */
package dev.ten.tracing.health;
