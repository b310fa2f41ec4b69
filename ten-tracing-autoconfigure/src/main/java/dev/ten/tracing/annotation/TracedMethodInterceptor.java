package dev.ten.tracing.annotation;

import java.lang.reflect.Method;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.ten.tracing.AgentSession;
import dev.ten.tracing.AgentSpan;
import dev.ten.tracing.AgentSteps;
import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.internal.Guard;
import io.opentelemetry.context.Scope;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodClassKey;

/**
 * Wraps a {@code @Traced*} method in its span: starts it, makes it current on the calling thread while the
 * method runs, and ends it when the method's work is done: at return, or, for a {@code CompletionStage},
 * when that completes, fails or is cancelled; a reactive result is traced per subscription
 * ({@link PublisherTracing}). Tracing never reaches agent code: a failure inside tracing is logged once and
 * the method runs untraced; the method's own exceptions propagate unchanged.
 */
final class TracedMethodInterceptor implements MethodInterceptor {

	private final Supplier<AgentTracer> tracer;

	private final StepOutcomes outcomes = new StepOutcomes();

	private final Map<ReturnKind, ResultCompletion> completions = new EnumMap<>(ReturnKind.class);

	/** Traces reactive results per subscription; {@code null} without Reactor. */
	private final PublisherTracing publishers;

	/**
	 * The last resolution per invoked method, by identity: a proxy hands over the same {@code Method} object
	 * on every call, so this finds it without hashing the method. Copied on write; written once per method.
	 */
	private volatile Map<Method, Resolution> byMethod = new IdentityHashMap<>();

	/** Every resolution, for methods whose proxies serve several target classes. */
	private final Map<MethodClassKey, Resolution> byMethodAndClass = new ConcurrentHashMap<>();

	TracedMethodInterceptor(Supplier<AgentTracer> tracer) {
		this.tracer = tracer;
		this.completions.put(ReturnKind.VALUE, new ReturnValueCompletion(this.outcomes, true));
		this.completions.put(ReturnKind.UNOBSERVED, new ReturnValueCompletion(this.outcomes, false));
		this.completions.put(ReturnKind.COMPLETION_STAGE, new CompletionStageCompletion(this.outcomes, true));
		this.completions.put(ReturnKind.COMPLETION_STAGE_SUBTYPE, new CompletionStageCompletion(this.outcomes, false));
		this.publishers = ReturnKind.PUBLISHER_SUPPORTED ? new PublisherTracing(this.outcomes) : null;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		Resolution resolution = resolve(invocation);
		TracedMethod method = resolution.method();
		if (method == null) {
			return invocation.proceed();
		}
		if (method.adapter != null) {
			return this.publishers.trace(method, invocation, (arguments) -> start(method, arguments));
		}
		AgentSpan span = start(method, invocation.getArguments());
		if (span == null) {
			return invocation.proceed();
		}
		Object result;
		try (Scope scope = this.outcomes.makeCurrent(span)) {
			result = invocation.proceed();
		}
		catch (Throwable failure) {
			this.outcomes.failed(span, failure);
			throw failure;
		}
		return complete(resolution, span, result);
	}

	private Object complete(Resolution resolution, AgentSpan span, Object result) {
		try {
			return resolution.completion().complete(resolution.method().kind, span, result);
		}
		catch (Throwable ex) {
			Guard.failed(ex);
			this.outcomes.close(span);
			return result;
		}
	}

	/** How the invoked method is traced; its method is {@code null} when it is not (or working that out failed). */
	private Resolution resolve(MethodInvocation invocation) {
		Object target = invocation.getThis();
		Class<?> type = (target != null) ? target.getClass() : null;
		Method method = invocation.getMethod();
		Resolution last = this.byMethod.get(method);
		if (last != null && last.type() == type) {
			return last;
		}
		Resolution resolution = this.byMethodAndClass.computeIfAbsent(new MethodClassKey(method, type),
				(key) -> resolution(method, target, type));
		remember(method, resolution);
		return resolution;
	}

	private Resolution resolution(Method method, Object target, Class<?> type) {
		Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target) : null;
		TracedMethod traced = Guard.call(() -> TracedMethod.of(AopUtils.getMostSpecificMethod(method, targetClass)),
				null);
		return new Resolution(type, traced, (traced != null) ? this.completions.get(traced.returnKind) : null);
	}

	private synchronized void remember(Method method, Resolution resolution) {
		Map<Method, Resolution> copy = new IdentityHashMap<>(this.byMethod);
		copy.put(method, resolution);
		this.byMethod = copy;
	}

	/** Starts the span of a call, parented by the session its {@code @SessionId} names; {@code null} if that fails. */
	private AgentSpan start(TracedMethod method, Object[] arguments) {
		try {
			AgentTracer tracer = this.tracer.get();
			return method.kind.start(steps(tracer, method.sessionId(arguments)), method, arguments);
		}
		catch (Throwable ex) {
			Guard.failed(ex);
			return null;
		}
	}

	/** The session named by id, when open; else the tracer, which parents by what is current. */
	private static AgentSteps steps(AgentTracer tracer, String sessionId) {
		if (sessionId != null) {
			Optional<AgentSession> session = tracer.session(sessionId);
			if (session.isPresent()) {
				return session.get();
			}
		}
		return tracer;
	}

	/**
	 * How a method is traced on targets of one type, and how its span ends; {@code method} is {@code null}
	 * when it is not traced.
	 */
	private record Resolution(Class<?> type, TracedMethod method, ResultCompletion completion) {
	}

}
