package dev.ten.tracing;

/**
 * Starts the steps of a conversation: turns, speech-to-text, LLM calls, text-to-speech and tool calls. Both
 * {@link AgentTracer} and {@link AgentSession} start steps; they differ in how they choose the parent (see
 * each).
 * <p>
 * Starting a step and making it current are two steps, as in OpenTelemetry: a started span is not current
 * anywhere until {@link AgentSpan#makeCurrent()}, whose scope belongs to the calling thread. So a span that
 * ends on another thread than the one that started it never leaves a stale context behind. For synchronous
 * work use the lambda forms ({@link #traceLlm(String, SpanWork)} and friends), which do both and end the
 * span, or try-with-resources:
 *
 * <pre class="code">
 * try (LlmSpan llm = session.startLlm("req-1", "gpt-4o"); Scope scope = llm.makeCurrent()) {
 *     ...
 * }
 * </pre>
 *
 * No method throws, whatever its arguments: a failure inside tracing is logged once and the work goes on
 * untraced.
 */
public interface AgentSteps {

	/**
	 * Starts a turn: one user-agent interaction. A turn still open in the same session when the next one
	 * starts was overtaken by the user: it is {@link TurnSpan#interrupted() interrupted} and ends at this
	 * moment.
	 * @param userInput what the user said, or {@code null} if not known yet
	 * @return the turn, to close when the turn is over
	 */
	TurnSpan startTurn(CharSequence userInput);

	/**
	 * Starts a turn that the agent begins, such as a greeting or a proactive prompt, marked
	 * {@code ten.turn.initiator=agent}, with no end-to-end latency (no user input to measure from).
	 * @return the turn, to close when the turn is over
	 */
	TurnSpan startAgentTurn();

	/**
	 * Starts an LLM span; the counterpart of {@code tracer.trace_llm(request_id=...)}.
	 * @param requestId the LLM request id ({@code ten.llm.request_id}), or {@code null}
	 * @return the span, to close when the call is over
	 */
	default LlmSpan startLlm(String requestId) {
		return startLlm(requestId, null);
	}

	/**
	 * Starts an LLM span with the model known up front.
	 * @param requestId the LLM request id ({@code ten.llm.request_id}), or {@code null}
	 * @param model the model name ({@code gen_ai.request.model}), or {@code null}
	 * @return the span, to close when the call is over
	 */
	LlmSpan startLlm(String requestId, String model);

	/**
	 * Starts a TTS span.
	 * @param requestId the TTS request id ({@code ten.tts.request_id}), or {@code null}
	 * @param inputText the text to speak ({@code ten.tts.input_text}), or {@code null}
	 * @return the span, to close when the synthesis is over
	 */
	TtsSpan startTts(String requestId, CharSequence inputText);

	/**
	 * Starts a speech-to-text span.
	 * @param requestId the transcription request id ({@code ten.stt.request_id}), or {@code null}
	 * @param model the model name ({@code gen_ai.request.model}), or {@code null}
	 * @return the span, to close when the transcription is over
	 */
	default SttSpan startStt(String requestId, String model) {
		return NoopAgentTracer.NoopSpan.INSTANCE;
	}

	/**
	 * Starts a tool span.
	 * @param toolName the tool's name ({@code ten.tool.name})
	 * @param arguments the arguments ({@code ten.tool.arguments}): a {@link CharSequence} is recorded as it
	 * is, anything else as JSON; with content capture off it is not even looked at
	 * @return the span, to close when the tool is done
	 */
	ToolSpan startTool(String toolName, Object arguments);

	/**
	 * Runs work inside a turn: starts it, makes it current for the work, records a failure, ends it.
	 * @param <T> the result type
	 * @param <E> the exception the work may throw
	 * @param userInput what the user said
	 * @param work the work; {@code null} does nothing
	 * @return what the work returned
	 * @throws E what the work threw, unchanged
	 */
	default <T, E extends Throwable> T traceTurn(CharSequence userInput, SpanWork<TurnSpan, T, E> work) throws E {
		return SpanWorkRunner.run(startTurn(userInput), work);
	}

	/**
	 * Runs work inside an LLM span; the counterpart of {@code async with tracer.trace_llm(request_id=...)}.
	 * @param <T> the result type
	 * @param <E> the exception the work may throw
	 * @param requestId the LLM request id
	 * @param work the work; {@code null} does nothing
	 * @return what the work returned
	 * @throws E what the work threw, unchanged
	 */
	default <T, E extends Throwable> T traceLlm(String requestId, SpanWork<LlmSpan, T, E> work) throws E {
		return SpanWorkRunner.run(startLlm(requestId), work);
	}

	/**
	 * Runs work inside a TTS span.
	 * @param <T> the result type
	 * @param <E> the exception the work may throw
	 * @param requestId the TTS request id
	 * @param inputText the text to speak
	 * @param work the work; {@code null} does nothing
	 * @return what the work returned
	 * @throws E what the work threw, unchanged
	 */
	default <T, E extends Throwable> T traceTts(String requestId, CharSequence inputText,
			SpanWork<TtsSpan, T, E> work) throws E {
		return SpanWorkRunner.run(startTts(requestId, inputText), work);
	}

	/**
	 * Runs work inside a speech-to-text span.
	 * @param <T> the result type
	 * @param <E> the exception the work may throw
	 * @param requestId the transcription request id
	 * @param work the work; {@code null} does nothing
	 * @return what the work returned
	 * @throws E what the work threw, unchanged
	 */
	default <T, E extends Throwable> T traceStt(String requestId, SpanWork<SttSpan, T, E> work) throws E {
		return SpanWorkRunner.run(startStt(requestId, null), work);
	}

	/**
	 * Runs work inside a tool span; a failure also records {@code ten.tool.is_error=true}.
	 * @param <T> the result type
	 * @param <E> the exception the work may throw
	 * @param toolName the tool's name
	 * @param arguments the arguments
	 * @param work the work; {@code null} does nothing
	 * @return what the work returned
	 * @throws E what the work threw, unchanged
	 */
	default <T, E extends Throwable> T traceTool(String toolName, Object arguments, SpanWork<ToolSpan, T, E> work)
			throws E {
		return SpanWorkRunner.run(startTool(toolName, arguments), work);
	}

}
