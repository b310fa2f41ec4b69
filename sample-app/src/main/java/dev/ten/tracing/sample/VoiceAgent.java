package dev.ten.tracing.sample;

import java.util.concurrent.atomic.AtomicInteger;

import dev.ten.tracing.annotation.SessionId;
import dev.ten.tracing.annotation.TracedTurn;
import dev.ten.tracing.annotation.UserInput;
import reactor.core.publisher.Flux;

import org.springframework.stereotype.Component;

/**
 * Handles one turn as a voice agent does: the LLM streams its answer, each sentence goes to TTS as soon as
 * it is complete, and the audio streams out. Each call is a {@code user_turn} span in the session named by
 * its {@code @SessionId} parameter, ending when the last audio frame is out, or when the user barges in.
 */
@Component
public class VoiceAgent {

	private final ScriptedLlm llm;

	private final ScriptedTts tts;

	private final AtomicInteger requests = new AtomicInteger();

	public VoiceAgent(ScriptedLlm llm, ScriptedTts tts) {
		this.llm = llm;
		this.tts = tts;
	}

	/**
	 * Answers the user.
	 * @param sessionId the session
	 * @param utterance what the user said
	 * @return the agent's audio
	 */
	@TracedTurn
	public Flux<byte[]> respond(@SessionId String sessionId, @UserInput String utterance) {
		int request = this.requests.incrementAndGet();
		AtomicInteger sentence = new AtomicInteger();
		return this.llm.stream("llm-" + request, ScriptedLlm.MODEL, prompt(utterance))
			.map(ScriptedLlm.Chunk::text)
			.bufferUntil((text) -> text.trim().endsWith("."))
			.map((words) -> String.join("", words).trim())
			.concatMap((text) -> this.tts.stream("tts-" + request + "-" + sentence.incrementAndGet(), text));
	}

	/**
	 * Greets the user when the session starts: a turn the agent begins, in the session's trace.
	 * @param sessionId the session
	 * @return the agent's audio
	 */
	@TracedTurn(agentInitiated = true)
	public Flux<byte[]> greet(@SessionId String sessionId) {
		return this.tts.stream("tts-greeting", "Hello! Ask me about the weather anywhere.");
	}

	private static String prompt(String utterance) {
		String lower = utterance.toLowerCase();
		if (lower.contains("weather in ")) {
			return "weather:" + utterance.substring(lower.indexOf("weather in ") + "weather in ".length()).replace("?", "");
		}
		return lower.contains("story") ? "story" : "hello";
	}

}
