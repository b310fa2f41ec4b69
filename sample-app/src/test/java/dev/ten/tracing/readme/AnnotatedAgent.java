package dev.ten.tracing.readme;

import java.util.UUID;

import dev.ten.tracing.annotation.LlmResult;
import dev.ten.tracing.annotation.Model;
import dev.ten.tracing.annotation.RequestId;
import dev.ten.tracing.annotation.SessionId;
import dev.ten.tracing.annotation.TracedLlm;
import dev.ten.tracing.annotation.TracedTool;
import dev.ten.tracing.annotation.TracedTts;
import dev.ten.tracing.annotation.TracedTurn;
import dev.ten.tracing.annotation.TtsInput;
import dev.ten.tracing.annotation.TurnResult;
import dev.ten.tracing.annotation.UserInput;

import org.springframework.stereotype.Component;

/**
 * README: the annotations example, a whole agent.
 */
final class AnnotatedAgent {

	private AnnotatedAgent() {
	}

	// tag::annotations[]
	@Component
	static class VoiceAgent {

		private final Llm llm;

		private final Tts tts;

		VoiceAgent(Llm llm, Tts tts) {
			this.llm = llm;
			this.tts = tts;
		}

		@TracedTurn
		public Reply onUserSpeech(@SessionId String sessionId, @UserInput String transcript) {
			Answer answer = this.llm.complete("req-" + UUID.randomUUID(), transcript, "gpt-4o");
			this.tts.speak("tts-1", answer.text());
			return new Reply(answer.text(), false);
		}

	}

	@Component
	static class Llm {

		private final Tools tools;

		Llm(Tools tools) {
			this.tools = tools;
		}

		@TracedLlm
		public Answer complete(@RequestId String requestId, String prompt, @Model String model) {
			Weather weather = this.tools.weather("Paris", 1);    // your model decides to call a tool
			return new Answer("It is " + weather.sky() + " in Paris.", model, 42L, 7L);
		}

	}

	@Component
	static class Tools {

		@TracedTool("weather_api")
		public Weather weather(String city, int days) {
			return new Weather("sunny", 21);                     // your weather service
		}

	}

	@Component
	static class Tts {

		@TracedTts
		public void speak(@RequestId String requestId, @TtsInput String text) {
			// your text-to-speech engine
		}

	}

	record Answer(String text, String model, Long inputTokens, Long outputTokens) implements LlmResult {

		@Override
		public CharSequence responseText() {
			return this.text;
		}

	}

	record Reply(String text, boolean interrupted) implements TurnResult {
	}

	record Weather(String sky, int celsius) {
	}
	// end::annotations[]

}
