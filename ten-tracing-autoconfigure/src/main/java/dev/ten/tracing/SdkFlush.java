package dev.ten.tracing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;

import org.springframework.util.ClassUtils;

/**
 * Waits for the OpenTelemetry SDK to export what it holds, so that ending thousands of sessions at
 * shutdown can be paced to the export queue instead of overflowing it.
 */
interface SdkFlush {

	/** Nothing to wait for: not an SDK, or the SDK is absent. */
	SdkFlush NONE = (timeout) -> false;

	/**
	 * Waits until what was ended so far has been exported, or the timeout passes.
	 * @param timeout how long to wait at most
	 * @return whether the export succeeded in time
	 */
	boolean flush(Duration timeout);

	static SdkFlush of(OpenTelemetry openTelemetry) {
		boolean sdkPresent = ClassUtils.isPresent("io.opentelemetry.sdk.OpenTelemetrySdk",
				SdkFlush.class.getClassLoader());
		return sdkPresent ? Sdk.of(openTelemetry) : NONE;
	}

	/** Kept in its own class so that nothing loads the SDK when it is absent. */
	final class Sdk {

		private static final int MAX_ATTEMPTS = 1000;

		private Sdk() {
		}

		static SdkFlush of(OpenTelemetry openTelemetry) {
			if (!(openTelemetry instanceof OpenTelemetrySdk sdk)) {
				return NONE;
			}
			return (timeout) -> {
				long deadline = System.nanoTime() + timeout.toNanos();
				for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
					CompletableResultCode result = sdk.getSdkTracerProvider().forceFlush();
					if (!result.isDone()) {
						long remaining = Math.max(0, deadline - System.nanoTime());
						return result.join(remaining, TimeUnit.NANOSECONDS).isSuccess();
					}
					// Done already: the result of a flush that began before the spans just ended were queued
					// (the batch processor hands it back when a flush is under way). Ask for one of our own.
					Thread.yield();
				}
				return true;
			};
		}

	}

}
