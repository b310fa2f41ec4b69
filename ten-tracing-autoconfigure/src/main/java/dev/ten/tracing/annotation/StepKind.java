package dev.ten.tracing.annotation;

import java.lang.annotation.Annotation;
import java.util.List;

import dev.ten.tracing.AgentSpan;
import dev.ten.tracing.AgentSteps;
import dev.ten.tracing.LlmSpan;
import dev.ten.tracing.SttSpan;
import dev.ten.tracing.ToolSpan;
import dev.ten.tracing.TtsSpan;
import dev.ten.tracing.TurnSpan;
import dev.ten.tracing.internal.Guard;

/**
 * The kinds of step an annotation traces, in the order they are looked for on a method, and what differs
 * between them: how the step starts from the method's arguments, and what its result and the elements of a
 * streamed result record.
 */
enum StepKind {

	TURN(TracedTurn.class) {
		@Override
		AgentSpan start(AgentSteps steps, TracedMethod method, Object[] arguments) {
			return method.agentInitiated ? steps.startAgentTurn() : steps.startTurn(method.userInput(arguments));
		}

		@Override
		void recordResult(AgentSpan span, Object result) {
			if (result instanceof TurnResult turnResult && turnResult.interrupted()) {
				((TurnSpan) span).interrupted();
			}
		}
	},

	LLM(TracedLlm.class) {
		@Override
		AgentSpan start(AgentSteps steps, TracedMethod method, Object[] arguments) {
			LlmSpan llm = steps.startLlm(method.requestId(arguments), method.model(arguments));
			if (method.provider != null) {
				try {
					llm.provider(method.provider);
				}
				catch (Throwable ex) {
					Guard.failed(ex);
				}
			}
			return llm;
		}

		@Override
		void recordResult(AgentSpan span, Object result) {
			LlmSpan llm = (LlmSpan) span;
			if (result instanceof LlmResult reply) {
				llm.responseText(reply.responseText());
				recordModelAndUsage(llm, reply);
			}
			else if (result instanceof CharSequence text) {
				llm.responseText(text);
			}
		}

		@Override
		void recordElement(AgentSpan span, Object element) {
			LlmSpan llm = (LlmSpan) span;
			if (element instanceof LlmResult chunk) {
				llm.responseChunk(chunk.responseText());
				recordModelAndUsage(llm, chunk);
			}
			else {
				llm.responseChunk((element instanceof CharSequence text) ? text : null);
			}
		}
	},

	TTS(TracedTts.class) {
		@Override
		AgentSpan start(AgentSteps steps, TracedMethod method, Object[] arguments) {
			return steps.startTts(method.requestId(arguments), method.ttsInput(arguments));
		}

		@Override
		void recordResult(AgentSpan span, Object result) {
			((TtsSpan) span).audioChunk();
		}

		@Override
		void recordElement(AgentSpan span, Object element) {
			((TtsSpan) span).audioChunk();
		}
	},

	STT(TracedStt.class) {
		@Override
		AgentSpan start(AgentSteps steps, TracedMethod method, Object[] arguments) {
			return steps.startStt(method.requestId(arguments), method.model(arguments));
		}

		@Override
		void recordResult(AgentSpan span, Object result) {
			SttSpan stt = (SttSpan) span;
			if (result instanceof SttResult sttResult) {
				record(stt, sttResult);
			}
			else if (result instanceof CharSequence text) {
				stt.finalTranscript(text);
			}
		}

		@Override
		void recordElement(AgentSpan span, Object element) {
			SttSpan stt = (SttSpan) span;
			if (element instanceof SttResult result) {
				record(stt, result);
			}
			else if (element instanceof CharSequence text) {
				stt.transcriptChunk(text);
			}
		}

		private void record(SttSpan stt, SttResult result) {
			if (result.language() != null) {
				stt.language(result.language());
			}
			if (result.isFinal()) {
				stt.finalTranscript(result.text());
			}
			else {
				stt.interimResult(result.text());
			}
		}
	},

	TOOL(TracedTool.class) {
		@Override
		AgentSpan start(AgentSteps steps, TracedMethod method, Object[] arguments) {
			return steps.startTool(method.toolName, method.toolArguments(arguments));
		}

		@Override
		void recordResult(AgentSpan span, Object result) {
			ToolSpan tool = (ToolSpan) span;
			if (result instanceof ToolResult toolResult) {
				tool.output(toolResult.output());
				if (toolResult.isError()) {
					tool.failed();
				}
			}
			else {
				tool.output(result);
			}
		}
	};

	final Class<? extends Annotation> annotation;

	StepKind(Class<? extends Annotation> annotation) {
		this.annotation = annotation;
	}

	/** Starts the step of a call, not yet current. */
	abstract AgentSpan start(AgentSteps steps, TracedMethod method, Object[] arguments);

	/** Records what the method's work produced (never {@code null}). */
	abstract void recordResult(AgentSpan span, Object result);

	/** Records one element of a streamed result. */
	void recordElement(AgentSpan span, Object element) {
	}

	private static void recordModelAndUsage(LlmSpan llm, LlmResult result) {
		String model = result.model();
		if (model != null) {
			llm.responseModel(model);
		}
		Long input = result.inputTokens();
		Long output = result.outputTokens();
		if (input != null || output != null) {
			llm.usage(orUnknown(input), orUnknown(output));
		}
		Long audioInput = result.audioInputTokens();
		Long audioOutput = result.audioOutputTokens();
		if (audioInput != null || audioOutput != null) {
			llm.audioUsage(orUnknown(audioInput), orUnknown(audioOutput));
		}
		List<String> finishReasons = result.finishReasons();
		if (finishReasons != null && !finishReasons.isEmpty()) {
			llm.finishReasons(finishReasons.toArray(String[]::new));
		}
	}

	/** A count not reported: the span methods ignore negative counts. */
	private static long orUnknown(Long count) {
		return (count != null) ? count : -1;
	}

}
