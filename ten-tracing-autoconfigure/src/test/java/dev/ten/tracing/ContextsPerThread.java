package dev.ten.tracing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Knows, for every thread of the test JVM, which OpenTelemetry context is current there: a
 * {@link ContextStorage} wrapper records each attach and each scope close. Installed as a JUnit launcher
 * session listener, before any test touches a context, so that {@link NoStaleContextExtension} can check
 * after each test that no thread is left with a span current.
 */
public final class ContextsPerThread implements LauncherSessionListener {

	private static final Map<Thread, Context> current = new ConcurrentHashMap<>();

	private static volatile boolean installed;

	@Override
	public void launcherSessionOpened(LauncherSession session) {
		install();
	}

	static synchronized void install() {
		if (!installed) {
			installed = true;
			ContextStorage.addWrapper(Tracking::new);
		}
	}

	static boolean isInstalled() {
		return installed;
	}

	/**
	 * The live threads whose current context holds a span or an agent span, with a description of it.
	 * @return thread name to what is current there
	 */
	static Map<String, String> threadsWithASpanCurrent() {
		Map<String, String> stale = new LinkedHashMap<>();
		current.forEach((thread, context) -> {
			if (!thread.isAlive()) {
				current.remove(thread, context);
				return;
			}
			Span span = Span.fromContext(context);
			if (span.getSpanContext().isValid() || AgentContext.has(context)) {
				stale.put(thread.getName(), String.valueOf(span));
			}
		});
		return stale;
	}

	/** Records what is current on a thread after each change. */
	private static final class Tracking implements ContextStorage {

		private final ContextStorage delegate;

		Tracking(ContextStorage delegate) {
			this.delegate = delegate;
		}

		@Override
		public Scope attach(Context toAttach) {
			Scope scope = this.delegate.attach(toAttach);
			Thread thread = Thread.currentThread();
			record(thread);
			return () -> {
				scope.close();
				record(thread);
			};
		}

		private void record(Thread thread) {
			Context context = this.delegate.current();
			if (context == null || context == Context.root()) {
				current.remove(thread);
			}
			else {
				current.put(thread, context);
			}
		}

		@Override
		public Context current() {
			return this.delegate.current();
		}

	}

}
