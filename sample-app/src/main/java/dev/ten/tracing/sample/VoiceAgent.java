package dev.ten.tracing.sample;

import java.util.concurrent.atomic.AtomicInteger;

import dev.ten.tracing.annotation.SessionId;
import dev.ten.tracing.annotation.TracedTurn;
import dev.ten.tracing.annotation.TurnResult;
import dev.ten.tracing.annotation.UserInput;

import org.springframework.stereotype.Component;

/**
 * Handles one user turn: understand (LLM, maybe with a tool), then speak (TTS). Each call is a
 * {@code user_turn} span in the session named by its {@code @SessionId} parameter.
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

	@TracedTurn
	public Outcome respond(@SessionId String sessionId, @UserInput String utterance) {
		int request = this.requests.incrementAndGet();
		ScriptedLlm.Reply reply = this.llm.complete("llm-" + request, ScriptedLlm.MODEL, prompt(utterance));
		this.tts.speak("tts-" + request, reply.text());
		return new Outcome(reply.text(), false);
	}

	/** A turn the user talks over: the agent stops speaking half way. */
	@TracedTurn
	public Outcome respondAndGetInterrupted(@SessionId String sessionId, @UserInput String utterance) {
		int request = this.requests.incrementAndGet();
		ScriptedLlm.Reply reply = this.llm.complete("llm-" + request, ScriptedLlm.MODEL, prompt(utterance));
		String firstHalf = reply.text().substring(0, reply.text().length() / 2);
		this.tts.speak("tts-" + request, firstHalf);
		return new Outcome(firstHalf, true);
	}

	private static String prompt(String utterance) {
		String lower = utterance.toLowerCase();
		if (lower.contains("weather in ")) {
			return "weather:" + utterance.substring(lower.indexOf("weather in ") + "weather in ".length()).replace("?", "");
		}
		return lower.contains("story") ? "story" : "hello";
	}

	/**
	 * What a turn ended with.
	 *
	 * @param spoken what the agent said
	 * @param interrupted whether the user interrupted it
	 */
	public record Outcome(String spoken, boolean interrupted) implements TurnResult {
	}

}
