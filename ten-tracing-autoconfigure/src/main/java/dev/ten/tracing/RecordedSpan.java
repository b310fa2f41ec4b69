package dev.ten.tracing;

import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import dev.ten.tracing.internal.Guard;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * An agent span that records: a session or one of its steps. Knows its agent parent and its session, so
 * that children are parented explicitly, and its OpenTelemetry {@link Context}, which is what becomes
 * current when it is made current.
 */
abstract class RecordedSpan {

	private static final AtomicIntegerFieldUpdater<RecordedSpan> EVENTS = AtomicIntegerFieldUpdater
		.newUpdater(RecordedSpan.class, "events");

	final Span span;

	final Context context;

	final RecordedSpan parent;

	final ContentPolicy content;

	/** Events given to the span, to tell how many the SDK dropped beyond its limit. */
	private volatile int events;

	RecordedSpan(Span span, RecordedSpan parent, Context parentContext, ContentPolicy content) {
		this.span = span;
		this.parent = parent;
		this.content = content;
		this.context = AgentContext.of(parentContext, span, this);
	}

	/** The session this span belongs to, {@code null} for a step outside any session. */
	abstract RecordingSession session();

	/**
	 * Records an id or name given by the application or a library, cut and cleaned as identifiers are; an empty
	 * one names nothing and is not recorded. Never throws.
	 */
	final void setIdentifier(AttributeKey<String> key, String value) {
		if (value == null || value.isEmpty()) {
			return;
		}
		try {
			this.span.setAttribute(key, ContentPolicy.identifier(value));
		}
		catch (Throwable ex) {
			Guard.failed(ex);
		}
	}

	/**
	 * Whether the span is done with: its owner closed it, so it never parents new spans through a thread's
	 * context. A step ended by an interruption is not done with until its owner closes it: code still running
	 * in it keeps its steps under it.
	 */
	abstract boolean isClosed();

	public void addEvent(String name) {
		Guard.run(() -> {
			if (name != null) {
				this.span.addEvent(ContentPolicy.identifier(name));
				EVENTS.incrementAndGet(this);
			}
		});
	}

	public void addEvent(String name, Map<String, ?> attributes) {
		Guard.run(() -> {
			if (name != null) {
				this.span.addEvent(ContentPolicy.identifier(name), EventAttributes.of(attributes, this.content));
				EVENTS.incrementAndGet(this);
			}
		});
	}

	final void recordEvent(String name, Attributes attributes) {
		this.span.addEvent(name, attributes);
		EVENTS.incrementAndGet(this);
	}

	/**
	 * Says on the span, just before it ends, how many of its events the SDK dropped beyond its limit: Micrometer
	 * Tracing's exporter bridge does not carry the SDK's own count, so the export restores it from this.
	 */
	final void recordDroppedEvents() {
		int dropped = this.content.eventsDropped(this.events);
		if (dropped > 0) {
			this.span.setAttribute(TenConventions.DROPPED_EVENTS, (long) dropped);
		}
	}

	public SpanContext spanContext() {
		return Guard.call(this.span::getSpanContext, SpanContext.getInvalid());
	}

	public Scope makeCurrent() {
		try {
			return this.context.makeCurrent();
		}
		catch (Throwable ex) {
			Guard.failed(ex);
			return Scope.noop();
		}
	}

	/** The innermost span of a type on the chain from this span up to its session. */
	final <S> S nearest(Class<S> type) {
		for (RecordedSpan candidate = this; candidate != null; candidate = candidate.parent) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
		}
		return null;
	}

}
