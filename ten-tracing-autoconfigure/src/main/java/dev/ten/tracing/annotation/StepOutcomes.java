package dev.ten.tracing.annotation;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import dev.ten.tracing.AgentSpan;
import dev.ten.tracing.LlmSpan;
import dev.ten.tracing.ToolSpan;
import dev.ten.tracing.TtsSpan;
import dev.ten.tracing.TurnSpan;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Records how a traced method's work ended (its result, each element of a stream, a failure or a
 * cancellation) and ends its span. Tracing never reaches agent code: a failure inside tracing is logged
 * once and otherwise ignored.
 */
final class StepOutcomes {

	private static final Log logger = LogFactory.getLog(StepOutcomes.class);

	private volatile boolean failureLogged;

	/** The work produced its result: records it and ends the span. */
	void completed(StepKind kind, AgentSpan span, Object result) {
		try {
			if (result != null) {
				recordResult(kind, span, result);
			}
		}
		catch (RuntimeException | LinkageError ex) {
			tracingFailed(ex);
		}
		close(span);
	}

	/** A streamed result produced an element: an LLM chunk or TTS audio. */
	void element(StepKind kind, AgentSpan span, Object element) {
		try {
			switch (kind) {
				case LLM -> recordChunk((LlmSpan) span, element);
				case TTS -> ((TtsSpan) span).audioChunk();
				case TURN, TOOL -> {
				}
			}
		}
		catch (RuntimeException | LinkageError ex) {
			tracingFailed(ex);
		}
	}

	/** The work failed; a cancellation is recorded as such, not as an error. Ends the span. */
	void failed(AgentSpan span, Throwable failure) {
		Throwable cause = unwrap(failure);
		try {
			if (cause instanceof CancellationException) {
				span.cancelled();
			}
			else {
				span.recordException(cause);
			}
		}
		catch (RuntimeException | LinkageError ex) {
			tracingFailed(ex);
		}
		close(span);
	}

	/** The work was cancelled before it finished: not an error. Ends the span. */
	void cancelled(AgentSpan span) {
		try {
			span.cancelled();
		}
		catch (RuntimeException | LinkageError ex) {
			tracingFailed(ex);
		}
		close(span);
	}

	/** The work goes on after the method returned: the span stops being current on the calling thread. */
	void detach(AgentSpan span) {
		try {
			span.detach();
		}
		catch (RuntimeException | LinkageError ex) {
			tracingFailed(ex);
		}
	}

	void close(AgentSpan span) {
		try {
			span.close();
		}
		catch (RuntimeException | LinkageError ex) {
			tracingFailed(ex);
		}
	}

	void tracingFailed(Throwable ex) {
		if (!this.failureLogged) {
			this.failureLogged = true;
			logger.warn("Tracing an agent method failed; the method ran untraced. (Logged once.)", ex);
		}
	}

	private static void recordResult(StepKind kind, AgentSpan span, Object result) {
		switch (kind) {
			case TURN -> {
				if (result instanceof TurnResult turnResult && turnResult.interrupted()) {
					((TurnSpan) span).interrupted();
				}
			}
			case LLM -> recordLlmResult((LlmSpan) span, result);
			case TTS -> ((TtsSpan) span).audioChunk();
			case TOOL -> recordToolResult((ToolSpan) span, result);
		}
	}

	private static void recordLlmResult(LlmSpan llm, Object result) {
		if (result instanceof LlmResult reply) {
			llm.responseText(reply.responseText());
			recordModelAndUsage(llm, reply);
		}
		else if (result instanceof CharSequence text) {
			llm.responseText(text);
		}
	}

	private static void recordChunk(LlmSpan llm, Object element) {
		if (element instanceof LlmResult chunk) {
			llm.responseChunk(chunk.responseText());
			recordModelAndUsage(llm, chunk);
		}
		else {
			llm.responseChunk((element instanceof CharSequence text) ? text : null);
		}
	}

	private static void recordModelAndUsage(LlmSpan llm, LlmResult result) {
		if (result.model() != null) {
			llm.model(result.model());
		}
		llm.usage(orMinusOne(result.inputTokens()), orMinusOne(result.outputTokens()));
	}

	private static void recordToolResult(ToolSpan tool, Object result) {
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

	private static long orMinusOne(Long value) {
		return (value != null) ? value : -1;
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
