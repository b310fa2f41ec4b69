package dev.ten.tracing.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.ClassFilter;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Leaves unproxied the beans whose methods a library finds by reflection on the bean's own class, where a
 * proxy's subclass would hide the annotations it looks for: LangChain4j reads {@code @Tool} from the declared
 * methods of the object it is given, and a class-based proxy declares them again without annotations, so
 * {@code AiServices...tools(bean)} would fail at startup. Tracing such a bean through its annotations is
 * given up, with one warning per class, rather than breaking the library.
 */
final class LibraryScannedClasses implements ClassFilter {

	private static final Log logger = LogFactory.getLog(LibraryScannedClasses.class);

	private static final String LANGCHAIN4J_TOOL = "dev.langchain4j.agent.tool.Tool";

	private final Set<Class<?>> warned = ConcurrentHashMap.newKeySet();

	@Override
	public boolean matches(Class<?> candidate) {
		Class<?> type = ClassUtils.getUserClass(candidate);
		if (!declares(type, LANGCHAIN4J_TOOL)) {
			return true;
		}
		if (tracedMethods(type) && this.warned.add(type)) {
			logger.warn(type.getName() + " has LangChain4j @Tool methods, which LangChain4j finds on the bean's own"
					+ " class: ten-tracing does not proxy it, so its @Traced* annotations record nothing. Trace"
					+ " the tool with AgentTracer.startTool(..) inside the method instead.");
		}
		return false;
	}

	private static boolean declares(Class<?> type, String annotationName) {
		boolean[] found = { false };
		ReflectionUtils.doWithMethods(type, (method) -> found[0] = true,
				(method) -> !found[0] && hasAnnotationNamed(method, annotationName));
		return found[0];
	}

	private static boolean hasAnnotationNamed(Method method, String annotationName) {
		return Arrays.stream(method.getDeclaredAnnotations())
			.map(Annotation::annotationType)
			.anyMatch((annotationType) -> annotationType.getName().equals(annotationName));
	}

	private static boolean tracedMethods(Class<?> type) {
		boolean[] found = { false };
		ReflectionUtils.doWithMethods(type, (method) -> found[0] = true,
				(method) -> !found[0] && Arrays.stream(StepKind.values())
					.anyMatch((kind) -> method.isAnnotationPresent(kind.annotation)));
		return found[0];
	}

}
