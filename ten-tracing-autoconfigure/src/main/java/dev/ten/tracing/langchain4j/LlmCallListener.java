package dev.ten.tracing.langchain4j;

import java.util.Locale;
import java.util.Map;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.output.TokenUsage;
import dev.ten.tracing.LibrarySteps;
import dev.ten.tracing.LlmSpan;
import dev.ten.tracing.internal.Guard;

/**
 * Records what each LangChain4j chat model call learned on the {@code llm_node} it was made in: the model
 * requested and the model that answered, the provider, the finish reason of the last call, and token usage
 * summed over every call (an AI service's tool loop calls the model several times). The request names the
 * step in the listener's attributes, which LangChain4j hands to the response also when a streaming model
 * answers on another thread.
 */
final class LlmCallListener implements ChatModelListener {

	/** LangChain4j's providers under the GenAI conventions' names; others are not named rather than guessed. */
	private static final Map<String, String> PROVIDERS = Map.of("OPEN_AI", "openai", "AZURE_OPEN_AI",
			"azure.ai.openai", "ANTHROPIC", "anthropic", "AMAZON_BEDROCK", "aws.bedrock", "GOOGLE_AI_GEMINI",
			"gcp.gemini", "GOOGLE_VERTEX_AI_GEMINI", "gcp.vertex_ai", "GOOGLE_GENAI", "gcp.gen_ai", "MISTRAL_AI",
			"mistral_ai", "COHERE", "cohere", "WATSONX", "ibm.watsonx.ai");

	private static final Object STEP = LlmCallListener.class;

	@Override
	public void onRequest(ChatModelRequestContext context) {
		Guard.run(() -> {
			if (LibrarySteps.current() instanceof LlmSpan llm) {
				context.attributes().put(STEP, llm);
				String provider = provider(context.modelProvider());
				if (provider != null) {
					llm.provider(provider);
				}
				llm.model(context.chatRequest().modelName());
			}
		});
	}

	@Override
	public void onResponse(ChatModelResponseContext context) {
		Guard.run(() -> {
			if (context.attributes().get(STEP) instanceof LlmSpan llm) {
				record(llm, context.chatResponse());
			}
		});
	}

	@Override
	public void onError(ChatModelErrorContext context) {
		// The step's own method sees the exception and records it; a failed call reports no usage.
	}

	private static void record(LlmSpan llm, ChatResponse response) {
		ChatResponseMetadata metadata = (response != null) ? response.metadata() : null;
		if (metadata == null) {
			return;
		}
		llm.responseModel(metadata.modelName());
		TokenUsage usage = metadata.tokenUsage();
		if (usage != null) {
			llm.addUsage(count(usage.inputTokenCount()), count(usage.outputTokenCount()));
		}
		if (metadata.finishReason() != null) {
			llm.finishReasons(metadata.finishReason().name().toLowerCase(Locale.ROOT));
		}
	}

	private static long count(Integer tokens) {
		return (tokens != null) ? tokens : -1;
	}

	private static String provider(ModelProvider provider) {
		return (provider != null) ? PROVIDERS.get(provider.name()) : null;
	}

}
