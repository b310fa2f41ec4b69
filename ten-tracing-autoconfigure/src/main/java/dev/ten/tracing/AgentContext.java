package dev.ten.tracing;

import dev.ten.tracing.internal.Guard;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;

/**
 * Where the innermost agent span lives in an OpenTelemetry {@link Context}. Keeping it under a key of our
 * own lets agent spans find their agent parent even when another library's span is current.
 */
final class AgentContext {

	private static final ContextKey<RecordedSpan> KEY = ContextKey.named("ten-agent-span");

	private AgentContext() {
	}

	/**
	 * The innermost open agent span current on this thread, or {@code null}. When the span in the context
	 * has been closed, as in a continuation that runs after its step finished ({@code thenCompose} on a
	 * traced future), its nearest ancestor still open takes its place.
	 */
	static RecordedSpan current() {
		return openAncestor(innermost());
	}

	/**
	 * The parent of a step started on this thread without a session named: the innermost open agent span in
	 * this thread's context; or, when that context belongs to a session that has ended, that session, where a
	 * step records nothing; or {@code null} when there is none.
	 */
	static RecordedSpan parentForStep() {
		return parentForStepUnder(innermost());
	}

	/** The parent of a step started under an agent span, by the same rules as {@link #parentForStep()}. */
	static RecordedSpan parentForStepUnder(RecordedSpan innermost) {
		RecordingSession session = (innermost != null) ? innermost.session() : null;
		return (session != null && session.isClosed()) ? session : openAncestor(innermost);
	}

	/** The agent span in this thread's context, open or not, or {@code null}. */
	static RecordedSpan innermost() {
		return innermost(Context.current());
	}

	/** The agent span in this thread's context, given as current, open or not, or {@code null}. */
	static RecordedSpan innermost(Context current) {
		try {
			View override = OVERRIDES.get().view;
			return (override != null && override.replaced == current) ? override.agentSpan : current.get(KEY);
		}
		catch (Throwable ex) {
			Guard.failed(ex);
			return null;
		}
	}

	/**
	 * The context current on this thread as ten-tracing sees it, for work handed over to run later: while an
	 * override is in force, the overriding agent span's context (or the current one without an agent span).
	 */
	static Context effective() {
		Context current = Context.current();
		View override = OVERRIDES.get().view;
		if (override == null || override.replaced != current) {
			return current;
		}
		return (override.agentSpan != null) ? override.agentSpan.context : without(current);
	}

	/** The agent span in a context, open or not, or {@code null}. */
	static RecordedSpan agentSpanOf(Context context) {
		return context.get(KEY);
	}

	/** The span itself if it is open, else its nearest open ancestor, or {@code null}. */
	static RecordedSpan openAncestor(RecordedSpan span) {
		RecordedSpan open = span;
		while (open != null && open.isClosed()) {
			open = open.parent;
		}
		return open;
	}

	/**
	 * Says which agent span is current on this thread while the context current is exactly {@code replaced},
	 * without making another context current (which costs what every registered context wrapper does, such as
	 * Micrometer's log correlation). A context made current meanwhile ends the override; only ten-tracing sees
	 * it.
	 * @return the override it replaced, to give back to {@link #restore(View)}
	 */
	static View override(View override) {
		Overrides overrides = OVERRIDES.get();
		View previous = overrides.view;
		overrides.view = override;
		return previous;
	}

	static void restore(View previous) {
		OVERRIDES.get().view = previous;
	}

	/** Which agent span is current while a given context is. */
	record View(Context replaced, RecordedSpan agentSpan) {
	}

	/** The override in force on a thread; a holder per thread, so that setting one writes no thread-local. */
	private static final class Overrides {

		View view;

	}

	private static final ThreadLocal<Overrides> OVERRIDES = ThreadLocal.withInitial(Overrides::new);

	static boolean has(Context context) {
		return context.get(KEY) != null;
	}

	/** The context without its agent span: other entries, such as the OpenTelemetry span, stay. */
	static Context without(Context context) {
		return context.with(KEY, null);
	}

	/**
	 * The context of a span: its parent's agent context plus the span itself. It deliberately starts from
	 * the parent agent span's context rather than the current one, so entries that other libraries put in
	 * the current context (such as Micrometer's notion of the current span) do not leak into agent spans.
	 */
	static Context of(Context parent, Span span, RecordedSpan agentSpan) {
		return (SpanEntry.KEY != null) ? new SpanEntry(parent, span, agentSpan) : parent.with(span).with(KEY, agentSpan);
	}

	/**
	 * A context of one agent span: its parent context, the OpenTelemetry span and the agent span, in one small
	 * object, where {@code parent.with(span).with(KEY, agentSpan)} makes two contexts and copies two arrays
	 * for every span. Adding anything else to it turns it into OpenTelemetry's own context.
	 */
	private static final class SpanEntry implements Context {

		/** OpenTelemetry's key of the current span, as {@link Span#storeInContext} uses it; {@code null} if unknown. */
		static final ContextKey<Span> KEY = spanKey();

		private final Context parent;

		private final Span span;

		private final RecordedSpan agentSpan;

		SpanEntry(Context parent, Span span, RecordedSpan agentSpan) {
			this.parent = parent;
			this.span = span;
			this.agentSpan = agentSpan;
		}

		@Override
		@SuppressWarnings("unchecked")
		public <V> V get(ContextKey<V> key) {
			if (key == AgentContext.KEY) {
				return (V) this.agentSpan;
			}
			if (key == KEY) {
				return (V) this.span;
			}
			return this.parent.get(key);
		}

		@Override
		public <V> Context with(ContextKey<V> key, V value) {
			return this.parent.with(KEY, this.span).with(AgentContext.KEY, this.agentSpan).with(key, value);
		}

		@SuppressWarnings("unchecked")
		private static ContextKey<Span> spanKey() {
			ContextKey<?>[] captured = new ContextKey<?>[1];
			Context probe = new Context() {
				@Override
				public <V> V get(ContextKey<V> key) {
					return null;
				}

				@Override
				public <V> Context with(ContextKey<V> key, V value) {
					captured[0] = key;
					return this;
				}
			};
			Span probeSpan = Span.getInvalid();
			probeSpan.storeInContext(probe);
			ContextKey<?> key = captured[0];
			Context check = Context.root().with(probeSpan);
			return (key != null && check.get(key) == probeSpan) ? (ContextKey<Span>) key : null;
		}

	}

}
