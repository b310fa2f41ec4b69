package dev.ten.tracing.annotation;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

import org.springframework.core.ReactiveAdapter;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.util.ClassUtils;

/**
 * What a traced method's declared return type says about when its work is done, which decides when its
 * span ends. Reactive types are recognised as Spring recognises them, through its
 * {@link ReactiveAdapterRegistry}: Reactor's {@code Mono} and {@code Flux}, and also RxJava's types when
 * RxJava is present.
 */
enum ReturnKind {

	/** A value, recorded, or nothing: the work is done when the method returns. */
	VALUE,

	/** A result whose work may go on but cannot be observed (a plain {@code Future}): ends at return. */
	UNOBSERVED,

	/**
	 * Declared as {@link CompletionStage} or {@link CompletableFuture}: the work is done when it completes, and
	 * callers may get a stage that completes once the span has ended.
	 */
	COMPLETION_STAGE,

	/** Another {@link CompletionStage} type, which callers must get unchanged: done when it completes. */
	COMPLETION_STAGE_SUBTYPE,

	/** A reactive type of at most one value ({@code Mono}, {@code Single}...): traced per subscription. */
	MONO,

	/** A reactive type of many values ({@code Flux}, {@code Publisher}, {@code Flowable}...): traced per subscription. */
	FLUX;

	/** Whether Reactor is on the class path, which tracing a reactive result to its end takes. */
	static final boolean PUBLISHER_SUPPORTED = ClassUtils.isPresent("reactor.core.publisher.Flux",
			ReturnKind.class.getClassLoader());

	static ReturnKind of(Class<?> returnType) {
		if (returnType == CompletionStage.class || returnType == CompletableFuture.class) {
			return COMPLETION_STAGE;
		}
		if (CompletionStage.class.isAssignableFrom(returnType)) {
			return COMPLETION_STAGE_SUBTYPE;
		}
		ReactiveAdapter adapter = adapter(returnType);
		if (adapter != null) {
			return adapter.isMultiValue() ? FLUX : MONO;
		}
		if (Future.class.isAssignableFrom(returnType)
				|| ReactiveAdapterRegistry.getSharedInstance().getAdapter(returnType) != null) {
			// A reactive type that cannot be handed back traced (a subtype of a registered one, or no Reactor).
			return UNOBSERVED;
		}
		return VALUE;
	}

	boolean isReactive() {
		return this == MONO || this == FLUX;
	}

	/**
	 * The adapter of a reactive type that this tracing can hand back to callers: registered for exactly
	 * this type, deferred (nothing happens before subscription), and with Reactor present.
	 */
	static ReactiveAdapter adapter(Class<?> returnType) {
		if (!PUBLISHER_SUPPORTED) {
			return null;
		}
		ReactiveAdapter adapter = ReactiveAdapterRegistry.getSharedInstance().getAdapter(returnType);
		boolean exact = adapter != null && adapter.getReactiveType() == returnType;
		return (exact && adapter.getDescriptor().isDeferred()) ? adapter : null;
	}

}
