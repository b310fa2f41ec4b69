package dev.ten.tracing.annotation;

import java.lang.annotation.Annotation;

/**
 * The kinds of step an annotation traces, in the order they are looked for on a method.
 */
enum StepKind {

	TURN(TracedTurn.class), LLM(TracedLlm.class), TTS(TracedTts.class), TOOL(TracedTool.class);

	final Class<? extends Annotation> annotation;

	StepKind(Class<? extends Annotation> annotation) {
		this.annotation = annotation;
	}

}
