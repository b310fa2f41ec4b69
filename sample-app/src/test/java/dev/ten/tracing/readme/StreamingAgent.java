package dev.ten.tracing.readme;

import dev.ten.tracing.annotation.LlmResult;
import dev.ten.tracing.annotation.Model;
import dev.ten.tracing.annotation.RequestId;
import dev.ten.tracing.annotation.SessionId;
import dev.ten.tracing.annotation.TracedLlm;
import dev.ten.tracing.annotation.TracedTts;
import dev.ten.tracing.annotation.TracedTurn;
import dev.ten.tracing.annotation.TtsInput;
import dev.ten.tracing.annotation.UserInput;
import reactor.core.publisher.Flux;

import org.springframework.stereotype.Component;

/**
 * README: the async and streaming example. Needs reactor-core.
 */
final class StreamingAgent {

	private StreamingAgent() {
	}

	// tag::streaming[]
	@Component
	static class StreamingVoiceAgent {

		private final StreamingLlm llm;

		private final StreamingTts tts;

		StreamingVoiceAgent(StreamingLlm llm, StreamingTts tts) {
			this.llm = llm;
			this.tts = tts;
		}

		@TracedTurn
		public Flux<byte[]> respond(@SessionId String sessionId, @UserInput String transcript) {
			return this.llm.stream("req-1", "gpt-4o", transcript)
				.map(ChatChunk::text)
				.bufferUntil((text) -> text.endsWith(". "))              // a sentence at a time
				.map((words) -> String.join("", words))
				.concatMap((sentence) -> this.tts.synthesize("tts-1", sentence));
		}

	}

	@Component
	static class StreamingLlm {

		@TracedLlm
		public Flux<ChatChunk> stream(@RequestId String requestId, @Model String model, String prompt) {
			// your model's stream, e.g. WebClient's bodyToFlux(ChatChunk.class)
			return Flux.just(new ChatChunk("It is sunny. ", null, null), new ChatChunk("Enjoy! ", 42L, 7L));
		}

	}

	@Component
	static class StreamingTts {

		@TracedTts
		public Flux<byte[]> synthesize(@RequestId String requestId, @TtsInput String sentence) {
			// your text-to-speech engine's audio frames
			return Flux.just(new byte[640], new byte[640]);
		}

	}

	record ChatChunk(String text, Long inputTokens, Long outputTokens) implements LlmResult {

		@Override
		public CharSequence responseText() {
			return this.text;
		}

	}
	// end::streaming[]

}
