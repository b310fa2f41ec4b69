package dev.ten.tracing.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

import dev.ten.tracing.internal.SafeStrings;

import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.ReactiveAdapter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotatedMethod;
import org.springframework.util.StringUtils;

/**
 * What tracing one annotated method takes, worked out once per method: the kind of step, which arguments
 * feed which attributes, and whether the return value is recorded. Nothing here is reflected per call.
 */
final class TracedMethod {

	private static final int NONE = -1;

	private static final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	final StepKind kind;

	final String toolName;

	final boolean agentInitiated;

	/** The provider an {@code @TracedLlm} names, or {@code null}. */
	final String provider;

	final ReturnKind returnKind;

	/** Converts a reactive result to and from a {@code Publisher}; {@code null} when the result is not reactive. */
	final ReactiveAdapter adapter;

	private final int sessionId;

	private final int userInput;

	private final int requestId;

	private final int model;

	private final int ttsInput;

	private final int toolArguments;

	private final String[] argumentNames;

	private TracedMethod(StepKind kind, Method method, Annotation annotation) {
		this.kind = kind;
		this.toolName = toolName(method, annotation);
		this.agentInitiated = (annotation instanceof TracedTurn turn) && turn.agentInitiated();
		this.provider = (annotation instanceof TracedLlm llm && StringUtils.hasText(llm.provider())) ? llm.provider()
				: null;
		this.returnKind = ReturnKind.of(method.getReturnType());
		this.adapter = this.returnKind.isReactive() ? ReturnKind.adapter(method.getReturnType()) : null;
		MethodParameter[] parameters = new AnnotatedMethod(method).getMethodParameters();
		this.sessionId = indexOf(parameters, SessionId.class);
		this.userInput = indexOf(parameters, UserInput.class);
		this.requestId = indexOf(parameters, RequestId.class);
		this.model = indexOf(parameters, Model.class);
		this.ttsInput = indexOf(parameters, TtsInput.class);
		this.toolArguments = indexOf(parameters, ToolArguments.class);
		this.argumentNames = argumentNames(method);
	}

	/**
	 * Works out how to trace a method.
	 * @param method the method as implemented by the target class
	 * @return the traced method, or {@code null} if the method carries no {@code @Traced*} annotation
	 */
	static TracedMethod of(Method method) {
		for (StepKind kind : StepKind.values()) {
			Annotation annotation = AnnotatedElementUtils.findMergedAnnotation(method, kind.annotation);
			if (annotation != null) {
				return new TracedMethod(kind, method, annotation);
			}
		}
		return null;
	}

	String sessionId(Object[] arguments) {
		return text(arguments, this.sessionId);
	}

	String userInput(Object[] arguments) {
		return text(arguments, this.userInput);
	}

	String requestId(Object[] arguments) {
		return text(arguments, this.requestId);
	}

	String model(Object[] arguments) {
		return text(arguments, this.model);
	}

	String ttsInput(Object[] arguments) {
		return text(arguments, this.ttsInput);
	}

	/**
	 * The tool arguments: the {@code @ToolArguments} argument, else every argument but the session id by
	 * parameter name, as a map built only if it is rendered.
	 */
	Object toolArguments(Object[] arguments) {
		if (this.toolArguments != NONE) {
			return arguments[this.toolArguments];
		}
		return new NamedArguments(this.argumentNames, arguments, this.sessionId);
	}

	private static String text(Object[] arguments, int index) {
		return (index != NONE) ? SafeStrings.valueOf(arguments[index]) : null;
	}

	private static int indexOf(MethodParameter[] parameters, Class<? extends Annotation> annotation) {
		for (MethodParameter parameter : parameters) {
			if (parameter.hasParameterAnnotation(annotation)) {
				return parameter.getParameterIndex();
			}
		}
		return NONE;
	}

	private static String toolName(Method method, Annotation annotation) {
		if (annotation instanceof TracedTool tool && StringUtils.hasText(tool.value())) {
			return tool.value();
		}
		return method.getName();
	}

	private static String[] argumentNames(Method method) {
		String[] names = parameterNames.getParameterNames(method);
		if (names != null && names.length == method.getParameterCount()) {
			return names;
		}
		String[] positional = new String[method.getParameterCount()];
		for (int i = 0; i < positional.length; i++) {
			positional[i] = "arg" + i;
		}
		return positional;
	}

}
