package dev.ten.tracing;

import java.time.Duration;
import java.util.Map;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.awaitility.Awaitility.await;

/**
 * After each test, checks that no thread of the JVM still has a span current: no context left behind on a
 * pooled thread, whichever thread ended the span. Work still finishing on other threads (a Reactor
 * operator, an executor task) is given time to finish; only a context that stays is a failure. Registered
 * for every test of the module through JUnit's extension auto-detection.
 */
public final class NoStaleContextExtension implements AfterEachCallback {

	private static final Duration SETTLE = Duration.ofSeconds(30);

	@Override
	public void afterEach(ExtensionContext context) {
		if (!ContextsPerThread.isInstalled()) {
			throw new IllegalStateException("ContextsPerThread is not installed: is the JUnit launcher session "
					+ "listener registered in META-INF/services?");
		}
		try {
			await().atMost(SETTLE)
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(20))
				.until(() -> ContextsPerThread.threadsWithASpanCurrent().isEmpty());
		}
		catch (ConditionTimeoutException ex) {
			Map<String, String> stale = ContextsPerThread.threadsWithASpanCurrent();
			throw new AssertionError("A span is still current on these threads after the test: " + stale, ex);
		}
	}

}
