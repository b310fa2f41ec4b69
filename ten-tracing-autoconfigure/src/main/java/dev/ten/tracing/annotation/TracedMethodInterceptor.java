package dev.ten.tracing.annotation;

import java.lang.reflect.Method;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.ten.tracing.AgentSession;
import dev.ten.tracing.AgentSpan;
import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.LlmSpan;
import dev.ten.tracing.TurnSpan;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodClassKey;

/**
 * Wraps a {@code @Traced*} method in its span. The span ends when the method's work is done: at return, or,
 * for a {@code CompletionStage}, when that completes, fails or is cancelled; a {@code Mono} or {@code Flux}
 * is traced per subscription ({@link PublisherTracing}).
 * Tracing never reaches agent code: a failure inside tracing is logged once and the method runs untraced;
 * the method's own exceptions propagate unchanged.
 */
final class TracedMethodInterceptor implements MethodInterceptor {

	private final Supplier<AgentTracer> tracer;

	private final StepOutcomes outcomes = new StepOutcomes();

	private final Map<ReturnKind, ResultCompletion> completions = new EnumMap<>(ReturnKind.class);

	/** Traces Mono and Flux results per subscription; {@code null} without Reactor. */
	private final PublisherTracing publishers;

	/** The last resolution per method: found without allocating when the target class matches. */
	private final Map<Method, Resolution> byMethod = new ConcurrentHashMap<>();

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
		TracedMethod method = tracedMethod(invocation);
		if (method == null) {
			return invocation.proceed();
		}
		if (method.returnKind == ReturnKind.MONO) {
			return this.publishers.mono(method, invocation, (arguments) -> start(method, arguments));
		}
		if (method.returnKind == ReturnKind.FLUX) {
			return this.publishers.flux(method, invocation, (arguments) -> start(method, arguments));
		}
		AgentSpan span = start(method, invocation.getArguments());
		if (span == null) {
			return invocation.proceed();
		}
		Object result;
		try {
			result = invocation.proceed();
		}
		catch (Throwable failure) {
			this.outcomes.failed(span, failure);
			throw failure;
		}
		return complete(method, span, result);
	}

	private Object complete(TracedMethod method, AgentSpan span, Object result) {
		try {
			return this.completions.get(method.returnKind).complete(method.kind, span, result);
		}
		catch (RuntimeException | LinkageError ex) {
			this.outcomes.tracingFailed(ex);
			this.outcomes.close(span);
			return result;
		}
	}

	private TracedMethod tracedMethod(MethodInvocation invocation) {
		Object target = invocation.getThis();
		Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target) : null;
		Method method = invocation.getMethod();
		Resolution last = this.byMethod.get(method);
		if (last != null && last.targetClass() == targetClass) {
			return last.method();
		}
		Resolution resolution = this.byMethodAndClass.computeIfAbsent(new MethodClassKey(method, targetClass),
				(key) -> new Resolution(targetClass, TracedMethod.of(AopUtils.getMostSpecificMethod(method, targetClass))));
		this.byMethod.put(method, resolution);
		return resolution.method();
	}

	private AgentSpan start(TracedMethod method, Object[] arguments) {
		try {
			AgentTracer tracer = this.tracer.get();
			AgentSession session = session(tracer, method.sessionId(arguments));
			return switch (method.kind) {
				case TURN -> startTurn(tracer, session, method, arguments);
				case LLM -> startLlm(tracer, session, method, arguments);
				case TTS -> (session != null) ? session.startTts(method.requestId(arguments), method.ttsInput(arguments))
						: tracer.startTts(method.requestId(arguments), method.ttsInput(arguments));
				case TOOL -> (session != null) ? session.startTool(method.toolName, method.toolArguments(arguments))
						: tracer.startTool(method.toolName, method.toolArguments(arguments));
			};
		}
		catch (RuntimeException | LinkageError ex) {
			this.outcomes.tracingFailed(ex);
			return null;
		}
	}

	private static TurnSpan startTurn(AgentTracer tracer, AgentSession session, TracedMethod method,
			Object[] arguments) {
		if (method.agentInitiated) {
			AgentSession owner = (session != null) ? session : tracer.currentSession().orElse(null);
			return (owner != null) ? owner.startAgentTurn() : tracer.startTurn(null);
		}
		String userInput = method.userInput(arguments);
		return (session != null) ? session.startTurn(userInput) : tracer.startTurn(userInput);
	}

	private static LlmSpan startLlm(AgentTracer tracer, AgentSession session, TracedMethod method,
			Object[] arguments) {
		String requestId = method.requestId(arguments);
		String model = method.model(arguments);
		return (session != null) ? session.startLlm(requestId, model) : tracer.startLlm(requestId, model);
	}

	private static AgentSession session(AgentTracer tracer, String sessionId) {
		return (sessionId != null) ? tracer.session(sessionId).orElse(null) : null;
	}

	/** How a method is traced on one target class; {@code method} is {@code null} when it is not. */
	private record Resolution(Class<?> targetClass, TracedMethod method) {
	}

}
