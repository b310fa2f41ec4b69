package dev.ten.tracing;

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
		RecordedSpan span = Context.current().get(KEY);
		while (span != null && span.isClosed()) {
			span = span.parent;
		}
		return span;
	}

	/** Whether the agent span current on this thread belongs to a session that has ended. */
	static boolean inEndedSession() {
		RecordedSpan span = Context.current().get(KEY);
		RecordingSession session = (span != null) ? span.session() : null;
		return session != null && session.isClosed();
	}

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
		return parent.with(span).with(KEY, agentSpan);
	}

}
