package dev.ten.tracing.annotation;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

import org.springframework.util.ClassUtils;

/**
 * What a traced method's declared return type says about when its work is done, which decides when its
 * span ends.
 */
enum ReturnKind {

	/** A value, recorded, or nothing: the work is done when the method returns. */
	VALUE,

	/** A result whose work may go on but cannot be observed (a plain {@code Future}, RxJava): ends at return. */
	UNOBSERVED,

	/**
	 * Declared as {@link CompletionStage} or {@link CompletableFuture}: the work is done when it completes, and
	 * callers may get a stage that completes once the span has ended.
	 */
	COMPLETION_STAGE,

	/** Another {@link CompletionStage} type, which callers must get unchanged: done when it completes. */
	COMPLETION_STAGE_SUBTYPE,

	/** A Reactor {@code Mono}: traced per subscription, done when it terminates. */
	MONO,

	/** A Reactor {@code Flux} or a Reactive Streams {@code Publisher}: traced per subscription, done when it terminates. */
	FLUX;

	/** Whether Reactor is on the class path, so that publishers can be traced to their end. */
	static final boolean PUBLISHER_SUPPORTED = ClassUtils.isPresent("reactor.core.publisher.Flux",
			ReturnKind.class.getClassLoader());

	private static final Class<?> REACTIVE_STREAMS_PUBLISHER = resolve("org.reactivestreams.Publisher");

	static ReturnKind of(Class<?> returnType) {
		if (returnType == CompletionStage.class || returnType == CompletableFuture.class) {
			return COMPLETION_STAGE;
		}
		if (CompletionStage.class.isAssignableFrom(returnType)) {
			return COMPLETION_STAGE_SUBTYPE;
		}
		if (PUBLISHER_SUPPORTED && returnType.getName().equals("reactor.core.publisher.Mono")) {
			return MONO;
		}
		if (PUBLISHER_SUPPORTED && (returnType.getName().equals("reactor.core.publisher.Flux")
				|| returnType.getName().equals("org.reactivestreams.Publisher"))) {
			return FLUX;
		}
		if (REACTIVE_STREAMS_PUBLISHER != null && REACTIVE_STREAMS_PUBLISHER.isAssignableFrom(returnType)) {
			// Another library's publisher (RxJava's Flowable...), or Reactor without Reactor's own types.
			return UNOBSERVED;
		}
		if (Future.class.isAssignableFrom(returnType)
				|| returnType.getName().startsWith("io.reactivex.")) {
			return UNOBSERVED;
		}
		return VALUE;
	}

	private static Class<?> resolve(String className) {
		ClassLoader classLoader = ReturnKind.class.getClassLoader();
		return ClassUtils.isPresent(className, classLoader) ? ClassUtils.resolveClassName(className, classLoader)
				: null;
	}

}
