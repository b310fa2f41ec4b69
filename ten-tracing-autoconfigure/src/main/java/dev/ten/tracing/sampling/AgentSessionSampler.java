package dev.ten.tracing.sampling;

import java.util.List;
import java.util.Set;

import dev.ten.tracing.TenConventions;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * Samples agent sessions with a probability of their own and leaves every other span to the application's
 * sampler. A session ({@value TenConventions#SESSION_SPAN}, always the root of its trace) is sampled with the
 * session probability, by trace id; its turns and steps follow their parent, so a session is traced whole or
 * not at all. With metrics read from spans, a session not sampled is still recorded, with its steps, though
 * not exported, so that the agent's metrics count every session. Spans started by other instrumentation inside a session follow the
 * application's sampler, which in Spring Boot follows the parent too. Spans outside any session, such as the application's own HTTP
 * requests, keep exactly the sampling the application configured.
 */
public final class AgentSessionSampler implements Sampler {

	private static final Set<String> STEP_SPANS = Set.of(TenConventions.TURN_SPAN, TenConventions.LLM_SPAN,
			TenConventions.TTS_SPAN, TenConventions.TOOL_SPAN, TenConventions.STT_SPAN);

	private static final Sampler FOLLOW_PARENT = Sampler.parentBased(Sampler.alwaysOff());

	/** A session not sampled and its steps: recorded, for the agent's metrics, but not exported. */
	private static final SamplingResult RECORDED_NOT_EXPORTED = SamplingResult.recordOnly();

	private final Sampler sessions;

	private final Sampler application;

	/** Whether a session not sampled is recorded (for metrics read from spans) rather than dropped. */
	private final boolean recordUnsampled;

	/**
	 * Creates the sampler.
	 * @param sessionProbability the probability, from 0.0 to 1.0, that a session is traced
	 * @param application the application's sampler, for every span that is not an agent span
	 */
	public AgentSessionSampler(double sessionProbability, Sampler application) {
		this(sessionProbability, application, false);
	}

	/**
	 * Creates the sampler.
	 * @param sessionProbability the probability, from 0.0 to 1.0, that a session is traced
	 * @param application the application's sampler, for every span that is not an agent span
	 * @param recordUnsampled whether a session not sampled is still recorded, not exported, for what reads
	 * spans as they end (ten-tracing's agent metrics)
	 */
	public AgentSessionSampler(double sessionProbability, Sampler application, boolean recordUnsampled) {
		this.sessions = Sampler.traceIdRatioBased(sessionProbability);
		this.application = application;
		this.recordUnsampled = recordUnsampled;
	}

	@Override
	public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
			Attributes attributes, List<LinkData> parentLinks) {
		Span parent = Span.fromContext(parentContext);
		boolean hasParent = parent.getSpanContext().isValid();
		if (!hasParent && TenConventions.SESSION_SPAN.equals(name)) {
			SamplingResult session = this.sessions.shouldSample(parentContext, traceId, name, spanKind, attributes,
					parentLinks);
			return (this.recordUnsampled && session.getDecision() == SamplingDecision.DROP) ? RECORDED_NOT_EXPORTED
					: session;
		}
		if (hasParent && STEP_SPANS.contains(name)) {
			if (!parent.getSpanContext().isSampled() && parent.isRecording()) {
				return RECORDED_NOT_EXPORTED;
			}
			return FOLLOW_PARENT.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
		}
		return this.application.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
	}

	@Override
	public String getDescription() {
		return "AgentSessionSampler{sessions=" + this.sessions.getDescription() + ", otherwise="
				+ this.application.getDescription() + "}";
	}

	@Override
	public String toString() {
		return getDescription();
	}

}
