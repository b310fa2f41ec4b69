package dev.ten.tracing.springai;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.ten.tracing.AgentSpan;
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
				context.put(LlmSpan.class, llm);
			}
		});
	}

	@Override
	public void onStop(ChatModelObservationContext context) {
		Guard.run(() -> {
			LlmSpan llm = context.get(LlmSpan.class);
			if (llm != null) {
				record(llm, context);
			}
		});
	}

	private static void record(LlmSpan llm, ChatModelObservationContext context) {
		String provider = context.getOperationMetadata().provider();
		if (provider != null && !provider.isEmpty()) {
			llm.provider(provider);
		}
		Prompt prompt = context.getRequest();
		ChatOptions options = (prompt != null) ? prompt.getOptions() : null;
		if (options != null && options.getModel() != null) {
			llm.model(options.getModel());
		}
		ChatResponse response = context.getResponse();
		if (response == null) {
			return;
		}
		ChatResponseMetadata metadata = response.getMetadata();
		if (metadata != null) {
			String model = metadata.getModel();
			if (model != null && !model.isEmpty()) {
				llm.responseModel(model);
			}
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
