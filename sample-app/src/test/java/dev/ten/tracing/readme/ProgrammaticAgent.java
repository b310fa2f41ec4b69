package dev.ten.tracing.readme;

import java.util.Map;

import dev.ten.tracing.AgentReactorContext;
import dev.ten.tracing.AgentSession;
import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.LlmSpan;
import dev.ten.tracing.TtsSpan;
import dev.ten.tracing.TurnSpan;
import io.opentelemetry.context.Scope;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * README: the programmatic API. {@code llmClient}, {@code speaker} and {@code streamingClient} stand for the
 * agent's own clients.
 */
final class ProgrammaticAgent {

	private final AgentTracer tracer;

	private final LlmClient llmClient;

	private final Speaker speaker;

	private final StreamingLlmClient streamingClient;

	ProgrammaticAgent(AgentTracer tracer, LlmClient llmClient, Speaker speaker, StreamingLlmClient streamingClient) {
		this.tracer = tracer;
		this.llmClient = llmClient;
		this.speaker = speaker;
		this.streamingClient = streamingClient;
	}

	void converse() {
		// tag::programmatic[]
		AgentSession session = tracer.startSession("session-42", "weather-agent");
		session.userJoined();
		session.toolRegistered("weather_api");
		session.addEvent("custom_event", Map.of("key", "value"));   // add_session_event("custom_event", key="value")

		try (TurnSpan turn = session.startTurn("What's the weather in Paris?")) {
			String answer = session.traceLlm("req-1", (llm) -> {     // async with tracer.trace_llm(request_id=...)
				llm.model("gpt-4o");
				String text = llmClient.complete("What's the weather in Paris?");
				llm.usage(42, 7);
				llm.responseText(text);
				return text;
			});
			try (TtsSpan tts = session.startTts("tts-1", answer)) {
				speaker.speak(answer);
				tts.audioChunk();
			}
		}
		session.userLeft();
		session.end();
		// end::programmatic[]
	}

	String current(AgentSession session) {
		String reply;
		// tag::make-current[]
		try (LlmSpan llm = session.startLlm("req-2", "gpt-4o"); Scope scope = llm.makeCurrent()) {
			// RestClient, WebClient and Spring AI calls made here are children of llm_node
			reply = llmClient.complete("And tomorrow?");
		}
		// end::make-current[]
		return reply;
	}

	Disposable streamByHand(AgentSession session, String prompt) {
		// tag::streaming-by-hand[]
		LlmSpan llm = session.startLlm("req-3", "gpt-4o");
		Flux<String> answer = streamingClient.stream(prompt)
			.doOnNext(llm::responseChunk)
			.doOnError(llm::recordException)
			.doOnCancel(llm::cancelled)
			.doFinally((signal) -> llm.close());
		Disposable playback = AgentReactorContext.within(answer, llm).subscribe();
		// end::streaming-by-hand[]
		return playback;
	}

	void bargeIn(AgentSession session, Disposable playback) {
		// tag::barge-in[]
		session.interrupt();        // the turn: ten.interrupted=true and the `interrupted` event
		playback.dispose();         // its llm_node/tts_node already ended, marked ten.interrupted=true
		// end::barge-in[]
	}

	/** The agent's LLM client. */
	interface LlmClient {

		String complete(String prompt);

	}

	/** The agent's streaming LLM client. */
	interface StreamingLlmClient {

		Flux<String> stream(String prompt);

	}

	/** The agent's text-to-speech. */
	interface Speaker {

		void speak(String text);

	}

}
