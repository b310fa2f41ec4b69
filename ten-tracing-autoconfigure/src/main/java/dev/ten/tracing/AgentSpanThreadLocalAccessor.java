package dev.ten.tracing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

import dev.ten.tracing.internal.Guard;
import io.micrometer.context.ThreadLocalAccessor;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * Lets Micrometer's context propagation carry the current agent span to other threads: to tasks run by an
 * executor decorated with Spring's {@code ContextPropagatingTaskDecorator} (which ten-tracing's
 * auto-configuration provides), {@code ContextExecutorService}, {@code ContextSnapshot.wrap(..)}, and to
 * Reactor operators under automatic context propagation. A step started there is a child of the span that
 * was current where the work was handed over.
 * <p>
 * The value is the OpenTelemetry {@link Context} of the innermost open agent span; restoring it makes that
 * span current, for other instrumentation too, and the scope it opens is closed on the same thread when the
 * work is done. Spring Boot applications get it registered at startup, after Micrometer's observation
 * accessor, so that it is restored last and wins when both say what is current; elsewhere register it with
 * {@code ContextRegistry.getInstance().registerThreadLocalAccessor(new AgentSpanThreadLocalAccessor())}.
 */
public final class AgentSpanThreadLocalAccessor implements ThreadLocalAccessor<Context> {

	/** The key under which the agent span travels, also in a Reactor {@code Context}. */
	public static final String KEY = "dev.ten.tracing.agent-span";

	private static final ThreadLocal<Deque<Scope>> scopes = ThreadLocal.withInitial(ArrayDeque::new);

	@Override
	public Object key() {
		return KEY;
	}

	@Override
	public Context getValue() {
		return Guard.call(() -> {
			RecordedSpan current = AgentContext.current();
			return (current != null) ? current.context : null;
		}, null);
	}

	@Override
	public void setValue(Context value) {
		push(() -> value.makeCurrent());
	}

	/** Clears the agent span only: what other instrumentation made current stays. */
	@Override
	public void setValue() {
		push(() -> {
			Context current = Context.current();
			return AgentContext.has(current) ? AgentContext.without(current).makeCurrent() : Scope.noop();
		});
	}

	@Override
	public void restore(Context previousValue) {
		closeLastScope();
	}

	@Override
	public void restore() {
		closeLastScope();
	}

	/** Every value set pushes exactly one scope, a no-op one when making it current fails. */
	private static void push(Supplier<Scope> scope) {
		scopes.get().push(Guard.call(scope, Scope.noop()));
	}

	/** The stack stays with its thread once empty: Reactor restores per signal, and it is small. */
	private static void closeLastScope() {
		Guard.run(() -> {
			Scope last = scopes.get().poll();
			if (last != null) {
				last.close();
			}
		});
	}

}
