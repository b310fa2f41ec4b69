package dev.ten.tracing;

import dev.ten.tracing.internal.Guard;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.reactivestreams.Subscription;
import reactor.core.CorePublisher;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;

/**
 * Where a traced publisher meets its subscriber: the agent span is in the Reactor context of everything
 * upstream, and current on the thread while upstream works on a request (a source that emits on request, and
 * the operators it feeds, run inside the span); each signal reaches the subscriber with the subscriber's own
 * context current again.
 * <p>
 * What Reactor's {@code contextWrite} does under automatic context propagation, at a fraction of its cost per
 * signal: it restores every registered thread-local around every element (a Micrometer observation scope among
 * them), where this switches only ten-tracing's own context, and only when the span is current on the
 * signalling thread. The subscription is not fusable, so that no element bypasses it.
 */
final class AgentContextBoundary<T> implements CoreSubscriber<T>, Subscription, Scannable {

	/**
	 * Reactor's name for the attribute by which its own operators say they restore thread-locals themselves, so
	 * that Reactor does not wrap their subscribers to restore every registered thread-local per signal. The
	 * boundary does the restoring that matters for agent spans; should the name change, Reactor wraps it again,
	 * which costs time, not correctness.
	 */
	private static final String INTERNAL_PRODUCER_ATTRIBUTE = "reactor.core.publisher.InternalProducerAttr";

	static boolean isInternalProducerAttribute(Attr<?> key) {
		return key != null && INTERNAL_PRODUCER_ATTRIBUTE.equals(key.getClass().getName());
	}

	/** Subscribes the boundary to the source with the span current, as the subscriber's thread left it. */
	private static <T> void subscribeInside(RecordedSpan span, reactor.util.context.Context entries,
			CorePublisher<? extends T> source, CoreSubscriber<? super T> actual) {
		AgentContextBoundary<T> boundary = new AgentContextBoundary<>(actual, span, entries, AgentContext.effective());
		try (Scope scope = span.makeCurrent()) {
			source.subscribe(boundary);
		}
	}

	/** A {@code Flux} whose subscription runs inside the span, and whose subscriber gets the boundary. */
	static final class OnFlux<T> extends FluxOperator<T, T> {

		private final RecordedSpan span;

		private final reactor.util.context.Context entries;

		OnFlux(Flux<? extends T> source, RecordedSpan span, reactor.util.context.Context entries) {
			super(source);
			this.span = span;
			this.entries = entries;
		}

		@Override
		public void subscribe(CoreSubscriber<? super T> actual) {
			subscribeInside(this.span, this.entries, this.source, actual);
		}

		@Override
		public Object scanUnsafe(Attr key) {
			return isInternalProducerAttribute(key) ? Boolean.TRUE : super.scanUnsafe(key);
		}

	}

	/** A {@code Mono} whose subscription runs inside the span, and whose subscriber gets the boundary. */
	static final class OnMono<T> extends MonoOperator<T, T> {

		private final RecordedSpan span;

		private final reactor.util.context.Context entries;

		OnMono(Mono<? extends T> source, RecordedSpan span, reactor.util.context.Context entries) {
			super(source);
			this.span = span;
			this.entries = entries;
		}

		@Override
		public void subscribe(CoreSubscriber<? super T> actual) {
			subscribeInside(this.span, this.entries, this.source, actual);
		}

		@Override
		public Object scanUnsafe(Attr key) {
			return isInternalProducerAttribute(key) ? Boolean.TRUE : super.scanUnsafe(key);
		}

	}

	private final CoreSubscriber<? super T> actual;

	private final reactor.util.context.Context context;

	private final RecordedSpan span;

	private Subscription upstream;

	/** The context current where the subscriber subscribed. */
	private final Context subscriber;

	/**
	 * The request running, and the agent span its requester sees; read by signals emitted during it, on its
	 * thread. One reference, so that a request on another thread never mixes its fields with this one's.
	 */
	private RequestScope request;

	/** Stands for "no override was set" in what {@link #enterOutside()} returns. */
	private static final AgentContext.View NO_VIEW = new AgentContext.View(null, null);

	/** A request running on a thread; closed when it returns, so that a stale one never applies. */
	private static final class RequestScope {

		final Thread thread;

		final AgentContext.View view;

		volatile boolean open = true;

		RequestScope(Thread thread, AgentContext.View view) {
			this.thread = thread;
			this.view = view;
		}

	}

	AgentContextBoundary(CoreSubscriber<? super T> actual, RecordedSpan span, reactor.util.context.Context entries,
			Context subscriber) {
		this.actual = actual;
		this.span = span;
		this.subscriber = subscriber;
		this.context = actual.currentContext().putAll(entries.readOnly());
	}

	@Override
	public reactor.util.context.Context currentContext() {
		return this.context;
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		this.upstream = subscription;
		this.actual.onSubscribe(this);
	}

	@Override
	public void request(long n) {
		// A request made while subscribing, inside the span, comes from where the subscriber subscribed.
		RecordedSpan current = AgentContext.innermost();
		RecordedSpan requester = isInside(current) ? AgentContext.agentSpanOf(this.subscriber) : current;
		RequestScope request = new RequestScope(Thread.currentThread(),
				new AgentContext.View(this.span.context, requester));
		RequestScope previous = this.request;
		this.request = request;
		// Upstream works inside the span, not under an override a signal of this boundary set.
		AgentContext.View override = AgentContext.override(null);
		try (Scope scope = this.span.makeCurrent()) {
			this.upstream.request(n);
		}
		finally {
			request.open = false;
			if (this.request == request) {
				this.request = previous;
			}
			AgentContext.restore(override);
		}
	}

	@Override
	public void cancel() {
		try (Scope scope = this.span.makeCurrent()) {
			this.upstream.cancel();
		}
	}

	@Override
	public void onNext(T element) {
		Object outside = enterOutside();
		try {
			this.actual.onNext(element);
		}
		finally {
			if (outside != null) {
				leaveOutside(outside);
			}
		}
	}

	@Override
	public void onError(Throwable failure) {
		Object outside = enterOutside();
		try {
			this.actual.onError(failure);
		}
		finally {
			if (outside != null) {
				leaveOutside(outside);
			}
		}
	}

	@Override
	public void onComplete() {
		Object outside = enterOutside();
		try {
			this.actual.onComplete();
		}
		finally {
			if (outside != null) {
				leaveOutside(outside);
			}
		}
	}

	/**
	 * Lets the subscriber see its own agent span for a signal: for a signal emitted during the subscriber's
	 * request on its thread, where the boundary made the span current, through a cheap override of the agent
	 * span current (which only ten-tracing reads); for a signal from a thread where upstream made the span
	 * current, by making the subscriber's context current.
	 * @return what {@link #leaveOutside(Object)} undoes: the override replaced (a {@link AgentContext.View}) or
	 * the scope opened; {@code null} when the current context will do
	 */
	private Object enterOutside() {
		try {
			Context current = Context.current();
			RequestScope request = this.request;
			if (current == this.span.context && request != null && request.open
					&& request.thread == Thread.currentThread()) {
				AgentContext.View replaced = AgentContext.override(request.view);
				return (replaced != null) ? replaced : NO_VIEW;
			}
			if (isInside(AgentContext.innermost(current))) {
				Object carried = this.actual.currentContext().getOrDefault(AgentSpanThreadLocalAccessor.KEY, null);
				Context outside = (carried instanceof Context downstream) ? downstream : AgentContext.without(current);
				return outside.makeCurrent();
			}
			return null;
		}
		catch (Throwable ex) {
			Guard.failed(ex);
			return null;
		}
	}

	private static void leaveOutside(Object outside) {
		try {
			if (outside instanceof Scope scope) {
				scope.close();
			}
			else if (outside instanceof AgentContext.View replaced) {
				AgentContext.restore((replaced != NO_VIEW) ? replaced : null);
			}
		}
		catch (Throwable ex) {
			Guard.failed(ex);
		}
	}

	/** Whether an agent span is this one or a step inside it. */
	private boolean isInside(RecordedSpan agent) {
		for (RecordedSpan candidate = agent; candidate != null; candidate = candidate.parent) {
			if (candidate == this.span) {
				return true;
			}
		}
		return false;
	}

	@Override
	public Object scanUnsafe(Attr key) {
		if (key == Attr.PARENT) {
			return this.upstream;
		}
		if (key == Attr.ACTUAL) {
			return this.actual;
		}
		if (key == Attr.RUN_STYLE) {
			return Attr.RunStyle.SYNC;
		}
		return isInternalProducerAttribute(key) ? Boolean.TRUE : null;
	}

}
