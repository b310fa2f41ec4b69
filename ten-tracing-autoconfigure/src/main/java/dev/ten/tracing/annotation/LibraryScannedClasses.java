package dev.ten.tracing.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.ten.tracing.internal.Guard;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.ClassFilter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Leaves unproxied the beans whose methods a library finds by reflection on the bean's own class, where a
 * proxy's subclass would hide the annotations it looks for: LangChain4j reads {@code @Tool} from the declared
 * methods of the object it is given, and a class-based proxy declares them again without annotations, so
 * {@code AiServices...tools(bean)} would fail at startup. Tracing such a bean through its annotations is
 * given up, with one warning per class naming what is not traced, rather than breaking the library.
 */
final class LibraryScannedClasses implements ClassFilter {

	private static final Log logger = LogFactory.getLog(LibraryScannedClasses.class);

	private static final String LANGCHAIN4J_TOOL = "dev.langchain4j.agent.tool.Tool";

	private final Class<? extends Annotation> tool;

	private final Set<Class<?>> warned = ConcurrentHashMap.newKeySet();

	private LibraryScannedClasses(Class<? extends Annotation> tool) {
		this.tool = tool;
	}

	/**
	 * The filter, or {@code null} when no such library is on the class path and every class may be proxied.
	 */
	@SuppressWarnings("unchecked")
	static LibraryScannedClasses ifPresent(ClassLoader classLoader) {
		if (!ClassUtils.isPresent(LANGCHAIN4J_TOOL, classLoader)) {
			return null;
		}
		return new LibraryScannedClasses(
				(Class<? extends Annotation>) ClassUtils.resolveClassName(LANGCHAIN4J_TOOL, classLoader));
	}

	@Override
	public boolean matches(Class<?> candidate) {
		try {
			Class<?> type = ClassUtils.getUserClass(candidate);
			if (!declaresTool(type)) {
				return true;
			}
			if (this.warned.add(type)) {
				List<String> traced = tracedMethods(type);
				if (!traced.isEmpty()) {
					logger.warn(type.getName() + " has LangChain4j @Tool methods, which LangChain4j finds on the bean's"
							+ " own class, so ten-tracing does not proxy it: the @Traced* annotations of "
							+ String.join(", ", traced)
							+ " record nothing themselves. An AI service given its tools through ten-tracing's ToolCallTracing"
							+ " bean (.tools(toolCalls.traced(bean))) traces each tool call it makes; elsewhere, trace the"
							+ " work with the AgentTracer API inside the methods.");
				}
			}
			return false;
		}
		catch (Throwable ex) {
			Guard.failed(ex);
			return true;
		}
	}

	private boolean declaresTool(Class<?> type) {
		boolean[] found = { false };
		ReflectionUtils.doWithMethods(type, (method) -> found[0] = true,
				(method) -> !found[0] && method.isAnnotationPresent(this.tool));
		return found[0];
	}

	/** The methods of the class, and of its interfaces, that carry a {@code @Traced*} annotation. */
	private static List<String> tracedMethods(Class<?> type) {
		List<String> traced = new ArrayList<>();
		List<Class<?>> types = new ArrayList<>(List.of(type));
		types.addAll(ClassUtils.getAllInterfacesForClassAsSet(type));
		for (Class<?> declaring : types) {
			ReflectionUtils.doWithMethods(declaring, (method) -> traced.add(method.getName() + "()"),
					LibraryScannedClasses::traced);
		}
		return traced.stream().distinct().toList();
	}

	private static boolean traced(Method method) {
		return Arrays.stream(StepKind.values())
			.anyMatch((kind) -> AnnotatedElementUtils.hasAnnotation(method, kind.annotation));
	}

}
