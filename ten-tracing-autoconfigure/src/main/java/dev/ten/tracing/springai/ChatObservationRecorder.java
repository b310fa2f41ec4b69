package dev.ten.tracing.springai;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.ten.tracing.AgentSpan;
import dev.ten.tracing.LibrarySteps;
import dev.ten.tracing.LlmSpan;
import dev.ten.tracing.internal.Guard;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.EmptyUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Records what each of Spring AI's chat model calls learned on the {@code llm_node} it was made in: the model
 * requested and the model that answered, the provider, the finish reasons of the last call, and token usage
 * summed over every call (a tool loop calls the model several times; a stream reports usage with its last
 * chunk). Spring AI's own chat spans and meters stay as they are.
 */
final class ChatObservationRecorder implements ObservationHandler<ChatModelObservationContext> {

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ChatModelObservationContext;
	}

	@Override
	public void onStart(ChatModelObservationContext context) {
		Guard.run(() -> {
			AgentSpan enclosing = EnclosingAgentSpan.of(context);
			if (enclosing instanceof LlmSpan llm) {
				ChatCall call = new ChatCall(llm, context);
				context.put(ChatCall.class, call);
				if (context.isStreaming()) {
					// A stream's observation stops after its last signal, which may end the llm_node first; its
					// response is known by then.
					LibrarySteps.whenEnding(llm, call::record);
				}
			}
		});
	}

	@Override
	public void onStop(ChatModelObservationContext context) {
		Guard.run(() -> {
			ChatCall call = context.get(ChatCall.class);
			if (call != null) {
				call.record();
			}
		});
	}

	/** One model call in an llm_node, recorded once: when it stops or when the llm_node ends, whichever is first. */
	private static final class ChatCall {

		private final LlmSpan llm;

		/** Released once recorded: it holds the prompt and the response, which the llm_node may outlive. */
		private volatile ChatModelObservationContext context;

		private final AtomicBoolean recorded = new AtomicBoolean();

		ChatCall(LlmSpan llm, ChatModelObservationContext context) {
			this.llm = llm;
			this.context = context;
		}

		void record() {
			ChatModelObservationContext context = this.context;
			if (context != null && context.getResponse() != null && this.recorded.compareAndSet(false, true)) {
				this.context = null;
				ChatObservationRecorder.record(this.llm, context);
			}
		}

	}

	private static void record(LlmSpan llm, ChatModelObservationContext context) {
		llm.provider(context.getOperationMetadata().provider());
		Prompt prompt = context.getRequest();
		ChatOptions options = (prompt != null) ? prompt.getOptions() : null;
		if (options != null) {
			llm.model(options.getModel());
		}
		ChatResponse response = context.getResponse();
		if (response == null) {
			return;
		}
		ChatResponseMetadata metadata = response.getMetadata();
		if (metadata != null) {
			llm.responseModel(metadata.getModel());
			Usage usage = metadata.getUsage();
			if (usage != null && !(usage instanceof EmptyUsage)) {
				llm.addUsage(count(usage.getPromptTokens()), count(usage.getCompletionTokens()));
			}
		}
		llm.finishReasons(finishReasons(response));
	}

	private static long count(Integer tokens) {
		return (tokens != null) ? tokens : -1;
	}

	/** One per generation, in the conventions' lower case ({@code stop}, {@code tool_calls}). */
	private static String[] finishReasons(ChatResponse response) {
		List<String> reasons = new ArrayList<>();
		for (Generation generation : response.getResults()) {
			ChatGenerationMetadata metadata = (generation != null) ? generation.getMetadata() : null;
			String reason = (metadata != null) ? metadata.getFinishReason() : null;
			if (reason != null && !reason.isEmpty()) {
				reasons.add(reason.toLowerCase(Locale.ROOT));
			}
		}
		return reasons.toArray(String[]::new);
	}

}
