package dev.ten.tracing;

import java.util.ArrayList;
import java.util.List;

import dev.ten.tracing.internal.Guard;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

final class RecordingLlm extends RecordingStep implements LlmSpan {

	/** Text of the streamed chunks, guarded by {@code this}: created with the first chunk, never with capture off. */
	private StreamedText streamed;

	/** Guarded by {@code this}. */
	private boolean firstChunkRecorded;

	/** Finish reasons kept at most: one per choice, and a model gives a handful of choices at most. */
	private static final int MAX_FINISH_REASONS = 16;

	/** An explicit response text wins over streamed chunks. */
	private volatile boolean responseTextSet;

	/** The model named when the span started, already recorded. */
	private final String requestedModel;

	/** A model was named after the start, with {@link #model(String)}: the model that answered does not replace it. */
	private volatile boolean modelNamed;

	/** Token counts recorded so far: guarded by {@code this}. */
	private final TokenCount inputTokens = new TokenCount();

	private final TokenCount outputTokens = new TokenCount();

	/** The model that answered, as last recorded: each chunk of a stream may report it again. */
	private volatile String responseModel;

	/** The turn this call belongs to, whose latency breakdown its text marks; {@code null} outside a turn. */
	private final RecordingTurn turn;

	/** The call gave text (a chunk or the response), whether content is captured or not. */
	private volatile boolean gaveText;

	RecordingLlm(Span span, RecordedSpan parent, Context parentContext, ContentPolicy content, String requestedModel,
			RecordingTurn turn) {
		super(span, parent, parentContext, content);
		this.requestedModel = requestedModel;
		this.turn = turn;
	}

	/** Text came: the turn's first token and first sentence end, until it has both. */
	private void textCame(CharSequence text, boolean whole) {
		if (text == null || text.isEmpty()) {
			return;
		}
		if (!this.gaveText) {
			// Written once: a stream's later chunks only read it.
			this.gaveText = true;
		}
		if (this.turn != null && this.turn.wantsLlmText()) {
			this.turn.llmText(this, text, whole);
		}
	}

	@Override
	public void model(String model) {
		if (model == null || model.isEmpty()) {
			return;
		}
		try {
			this.modelNamed = true;
			if (!model.equals(this.requestedModel)) {
				this.span.setAttribute(TenConventions.GEN_AI_REQUEST_MODEL, ContentPolicy.identifier(model));
			}
		}
		catch (Throwable ex) {
			Guard.failed(ex);
		}
	}

	@Override
	public void provider(String provider) {
		setIdentifier(TenConventions.GEN_AI_PROVIDER_NAME, provider);
	}

	@Override
	public void responseModel(String model) {
		if (model == null || model.isEmpty() || model.equals(this.responseModel)) {
			return;
		}
		this.responseModel = model;
		setIdentifier(TenConventions.GEN_AI_RESPONSE_MODEL, model);
		if (this.requestedModel == null && !this.modelNamed) {
			// The contract has gen_ai.request.model on every llm_node: with none requested, the model that answered.
			setIdentifier(TenConventions.GEN_AI_REQUEST_MODEL, model);
		}
	}

	@Override
	public void audioUsage(long inputAudioTokens, long outputAudioTokens) {
		tokens(TenConventions.GEN_AI_USAGE_AUDIO_INPUT_TOKENS, inputAudioTokens,
				TenConventions.GEN_AI_USAGE_AUDIO_OUTPUT_TOKENS, outputAudioTokens);
	}

	@Override
	public void finishReasons(String... finishReasons) {
		try {
			if (finishReasons == null || finishReasons.length == 0) {
				return;
			}
			List<String> reasons = new ArrayList<>(Math.min(finishReasons.length, MAX_FINISH_REASONS));
			for (int i = 0; i < finishReasons.length && reasons.size() < MAX_FINISH_REASONS; i++) {
				if (finishReasons[i] != null) {
					reasons.add(ContentPolicy.identifier(finishReasons[i]));
				}
			}
			if (!reasons.isEmpty()) {
				this.span.setAttribute(TenConventions.GEN_AI_RESPONSE_FINISH_REASONS, reasons);
			}
		}
		catch (Throwable ex) {
			Guard.failed(ex);
		}
	}

	@Override
	public void usage(long inputTokens, long outputTokens) {
		synchronized (this) {
			this.inputTokens.set(inputTokens);
			this.outputTokens.set(outputTokens);
			writeUsage();
		}
	}

	@Override
	public void addUsage(long inputTokens, long outputTokens) {
		synchronized (this) {
			this.inputTokens.add(inputTokens);
			this.outputTokens.add(outputTokens);
			writeUsage();
		}
	}

	/** Called under the lock: the attributes change in the order the counts do. */
	private void writeUsage() {
		tokens(TenConventions.GEN_AI_USAGE_INPUT_TOKENS, this.inputTokens.value(),
				TenConventions.GEN_AI_USAGE_OUTPUT_TOKENS, this.outputTokens.value());
	}

	/**
	 * One direction's token count: what the application set wins over what libraries added up, whichever came
	 * first, so that a count is never taken twice. Guarded by the step's lock.
	 */
	private static final class TokenCount {

		private long set = -1;

		private long added = -1;

		void set(long tokens) {
			if (tokens >= 0) {
				this.set = tokens;
			}
		}

		void add(long tokens) {
			if (tokens >= 0) {
				this.added = Math.max(this.added, 0) + tokens;
			}
		}

		long value() {
			return (this.set >= 0) ? this.set : this.added;
		}

	}

	/** Records token counts; a negative count is one not reported. */
	private void tokens(AttributeKey<Long> inputKey, long input, AttributeKey<Long> outputKey, long output) {
		try {
			if (input >= 0) {
				this.span.setAttribute(inputKey, input);
			}
			if (output >= 0) {
				this.span.setAttribute(outputKey, output);
			}
		}
		catch (Throwable ex) {
			Guard.failed(ex);
		}
	}

	@Override
	public void responseText(CharSequence responseText) {
		if (responseText == null) {
			return;
		}
		try {
			if (!hasEnded()) {
				textCame(responseText, true);
			}
			String text = this.content.content(responseText);
			if (text == null) {
				return;
			}
			// Flagged before it is set: an end racing this records the streamed text or this one, never both.
			this.responseTextSet = true;
			this.span.setAttribute(TenConventions.LLM_RESPONSE_TEXT, text);
		}
		catch (Throwable ex) {
			Guard.failed(ex);
		}
	}

	@Override
	public void responseChunk(CharSequence chunk) {
		if (hasEnded()) {
			return;
		}
		Guard.run(() -> {
			synchronized (this) {
				if (hasEnded()) {
					return;
				}
				if (!this.firstChunkRecorded) {
					this.firstChunkRecorded = true;
					this.streamed = this.content.streamedText();
					double seconds = secondsSinceStart();
					this.span.setAttribute(TenConventions.LLM_TIME_TO_FIRST_TOKEN, seconds);
					this.span.setAttribute(TenConventions.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK, seconds);
				}
				if (chunk != null && this.streamed != null) {
					this.streamed.append(chunk);
				}
			}
			textCame(chunk, false);
		});
	}

	@Override
	void beforeEnd() {
		if (!this.responseTextSet && this.streamed != null && !this.streamed.isEmpty()) {
			this.span.setAttribute(TenConventions.LLM_RESPONSE_TEXT, this.streamed.render());
		}
		if (outcome() == null) {
			recordEvent(TenConventions.LLM_RESPONSE_COMPLETE, Attributes.empty());
		}
	}

	@Override
	void afterEnd() {
		if (this.turn != null) {
			this.turn.llmEnded(this, this.gaveText, outcome() == null);
		}
	}

}
