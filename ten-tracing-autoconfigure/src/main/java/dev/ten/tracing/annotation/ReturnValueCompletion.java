package dev.ten.tracing.annotation;

import dev.ten.tracing.AgentSpan;

/**
 * The span ends when the method returns; a return value is recorded (an LLM reply, a tool's output, audio
 * from TTS).
 */
final class ReturnValueCompletion implements ResultCompletion {

	private final StepOutcomes outcomes;

	private final boolean recordsValue;

	ReturnValueCompletion(StepOutcomes outcomes, boolean recordsValue) {
		this.outcomes = outcomes;
		this.recordsValue = recordsValue;
	}

	@Override
	public Object complete(StepKind kind, AgentSpan span, Object result) {
		this.outcomes.completed(kind, span, this.recordsValue ? result : null);
		return result;
	}

}
