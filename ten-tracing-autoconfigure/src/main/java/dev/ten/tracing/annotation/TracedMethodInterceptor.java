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

	private static final TracedMethod UNTRACED = null;

	private final Supplier<AgentTracer> tracer;

	private final Map<MethodClassKey, TracedMethod> methods = new ConcurrentHashMap<>();

	private volatile boolean failureLogged;

	TracedMethodInterceptor(Supplier<AgentTracer> tracer) {
		this.tracer = tracer;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		TracedMethod method = tracedMethod(invocation);
		AgentSpan span = (method != UNTRACED) ? start(method, invocation.getArguments()) : null;
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
		return this.methods.computeIfAbsent(new MethodClassKey(method, targetClass),
				(key) -> TracedMethod.of(AopUtils.getMostSpecificMethod(method, targetClass)));
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
		LlmSpan llm = (session != null) ? session.startLlm(method.requestId(arguments))
				: tracer.startLlm(method.requestId(arguments));
		String model = method.model(arguments);
		if (model != null) {
			llm.model(model);
		}
		return llm;
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

	private void logFailure(Throwable ex) {
		if (!this.failureLogged) {
			this.failureLogged = true;
			logger.warn("Tracing an agent method failed; the method ran untraced. (Logged once.)", ex);
		}
	}

}
