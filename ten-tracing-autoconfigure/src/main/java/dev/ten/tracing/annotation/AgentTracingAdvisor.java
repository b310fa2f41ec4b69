package dev.ten.tracing.annotation;

import java.util.function.Supplier;

import dev.ten.tracing.AgentTracer;
import org.aopalliance.aop.Advice;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;

/**
 * The Spring AOP advisor that traces methods annotated with {@link TracedTurn @TracedTurn},
 * {@link TracedLlm @TracedLlm}, {@link TracedTts @TracedTts}, {@link TracedStt @TracedStt} and
 * {@link TracedTool @TracedTool}, on the bean
 * class or on an interface it implements. A plain method interceptor rather than an {@code @Around} aspect:
 * no join point is built per call.
 */
public final class AgentTracingAdvisor extends AbstractPointcutAdvisor {

	private final transient Pointcut pointcut;

	private final transient Advice advice;

	/**
	 * Creates the advisor.
	 * @param tracer supplies the tracer on first use, so that creating the advisor does not create the
	 * OpenTelemetry SDK early
	 */
	public AgentTracingAdvisor(Supplier<AgentTracer> tracer) {
		this(tracer, false);
	}

	/**
	 * Creates the advisor.
	 * @param tracer supplies the tracer on first use, so that creating the advisor does not create the
	 * OpenTelemetry SDK early
	 * @param proxyLangChain4jTools whether to proxy beans with LangChain4j {@code @Tool} methods too, for an
	 * application whose LangChain4j finds tools through proxies (its Spring Boot starter's {@code @AiService}
	 * does); without it such beans are left as they are, since plain {@code AiServices} would find no tool
	 */
	public AgentTracingAdvisor(Supplier<AgentTracer> tracer, boolean proxyLangChain4jTools) {
		this.pointcut = pointcut(proxyLangChain4jTools);
		this.advice = new TracedMethodInterceptor(tracer);
	}

	@Override
	public Pointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public Advice getAdvice() {
		return this.advice;
	}

	private static Pointcut pointcut(boolean proxyLangChain4jTools) {
		StepKind[] kinds = StepKind.values();
		ComposablePointcut pointcut = new ComposablePointcut(new AnnotationMatchingPointcut(null, kinds[0].annotation, true));
		for (int i = 1; i < kinds.length; i++) {
			pointcut.union(new AnnotationMatchingPointcut(null, kinds[i].annotation, true));
		}
		LibraryScannedClasses scanned = proxyLangChain4jTools ? null
				: LibraryScannedClasses.ifPresent(AgentTracingAdvisor.class.getClassLoader());
		return (scanned != null) ? pointcut.intersection(scanned) : pointcut;
	}

}
