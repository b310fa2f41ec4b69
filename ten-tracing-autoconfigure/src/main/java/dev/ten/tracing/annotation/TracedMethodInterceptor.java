package dev.ten.tracing.annotation;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.ten.tracing.AgentSession;
import dev.ten.tracing.AgentSpan;
import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.LlmSpan;
import dev.ten.tracing.ToolSpan;
import dev.ten.tracing.TurnSpan;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodClassKey;

/**
 * Wraps a {@code @Traced*} method in its span. Tracing never reaches agent code: a failure inside tracing
 * is logged once and the method runs untraced; the method's own exceptions propagate unchanged.
 */
final class TracedMethodInterceptor implements MethodInterceptor {

	private static final Log logger = LogFactory.getLog(TracedMethodInterceptor.class);

	private final Supplier<AgentTracer> tracer;

	/** The last resolution per method: found without allocating when the target class matches. */
	private final Map<Method, Resolution> byMethod = new ConcurrentHashMap<>();

	/** Every resolution, for methods whose proxies serve several target classes. */
	private final Map<MethodClassKey, Resolution> byMethodAndClass = new ConcurrentHashMap<>();

	private volatile boolean failureLogged;

	TracedMethodInterceptor(Supplier<AgentTracer> tracer) {
		this.tracer = tracer;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		TracedMethod method = tracedMethod(invocation);
		AgentSpan span = (method != null) ? start(method, invocation.getArguments()) : null;
		if (span == null) {
			return invocation.proceed();
		}
		Object result;
		try {
			result = invocation.proceed();
		}
		catch (Throwable failure) {
			fail(span, failure);
			throw failure;
		}
		finish(method, span, result);
		return result;
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
				case TURN -> (session != null) ? session.startTurn(method.userInput(arguments))
						: tracer.startTurn(method.userInput(arguments));
				case LLM -> startLlm(tracer, session, method, arguments);
				case TTS -> (session != null) ? session.startTts(method.requestId(arguments), method.ttsInput(arguments))
						: tracer.startTts(method.requestId(arguments), method.ttsInput(arguments));
				case TOOL -> (session != null) ? session.startTool(method.toolName, method.toolArguments(arguments))
						: tracer.startTool(method.toolName, method.toolArguments(arguments));
			};
		}
		catch (RuntimeException | LinkageError ex) {
			logFailure(ex);
			return null;
		}
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

	private void finish(TracedMethod method, AgentSpan span, Object result) {
		try {
			if (method.recordsReturnValue && result != null) {
				recordResult(method.kind, span, result);
			}
		}
		catch (RuntimeException | LinkageError ex) {
			logFailure(ex);
		}
		close(span);
	}

	private void fail(AgentSpan span, Throwable failure) {
		try {
			span.recordException(failure);
		}
		catch (RuntimeException | LinkageError ex) {
			logFailure(ex);
		}
		close(span);
	}

	private void close(AgentSpan span) {
		try {
			span.close();
		}
		catch (RuntimeException | LinkageError ex) {
			logFailure(ex);
		}
	}

	private static void recordResult(StepKind kind, AgentSpan span, Object result) {
		switch (kind) {
			case TURN -> {
				if (result instanceof TurnResult turnResult && turnResult.interrupted()) {
					((TurnSpan) span).interrupted();
				}
			}
			case LLM -> recordLlmResult((LlmSpan) span, result);
			case TOOL -> recordToolResult((ToolSpan) span, result);
			case TTS -> {
			}
		}
	}

	private static void recordLlmResult(LlmSpan llm, Object result) {
		if (result instanceof LlmResult reply) {
			llm.responseText(reply.responseText());
			if (reply.model() != null) {
				llm.model(reply.model());
			}
			llm.usage(orMinusOne(reply.inputTokens()), orMinusOne(reply.outputTokens()));
		}
		else if (result instanceof CharSequence text) {
			llm.responseText(text);
		}
	}

	private static void recordToolResult(ToolSpan tool, Object result) {
		if (result instanceof ToolResult toolResult) {
			tool.output(toolResult.output());
			if (toolResult.isError()) {
				tool.failed();
			}
		}
		else {
			tool.output(result);
		}
	}

	private static long orMinusOne(Long value) {
		return (value != null) ? value : -1;
	}

	/** How a method is traced on one target class; {@code method} is {@code null} when it is not. */
	private record Resolution(Class<?> targetClass, TracedMethod method) {
	}

	private void logFailure(Throwable ex) {
		if (!this.failureLogged) {
			this.failureLogged = true;
			logger.warn("Tracing an agent method failed; the method ran untraced. (Logged once.)", ex);
		}
	}

}
