package dev.ten.tracing.readme;

import java.time.Duration;
import java.util.List;

import dev.ten.tracing.AgentSession;
import dev.ten.tracing.InterruptionCause;
import dev.ten.tracing.LlmSpan;
import dev.ten.tracing.SttSpan;
import dev.ten.tracing.TtsSpan;
import dev.ten.tracing.TurnSpan;

/**
 * README: a cascade pipeline reporting the marks of the latency breakdown and what the caller heard.
 * {@code recognizer}, {@code llmClient}, {@code synthesizer} and {@code player} stand for the agent's own
 * speech-to-text, LLM, text-to-speech and audio output.
 */
final class VoicePipelineAgent {

	private final Recognizer recognizer;

	private final SentenceLlm llmClient;

	private final Synthesizer synthesizer;

	private final Player player;

	VoicePipelineAgent(Recognizer recognizer, SentenceLlm llmClient, Synthesizer synthesizer, Player player) {
		this.recognizer = recognizer;
		this.llmClient = llmClient;
		this.synthesizer = synthesizer;
		this.player = player;
	}

	void respond(AgentSession session, TurnSpan turn) {
		// tag::voice-pipeline[]
		SttSpan stt = session.startStt("stt-1", "nova-3");
		stt.interimResult(recognizer.partial());          // each hypothesis as it comes
		turn.userInputEnded();                            // voice activity detection: the user stopped
		turn.endOfTurnDetected();                         // your end-of-turn model decided they are done
		String question = recognizer.finish();
		stt.finalTranscript(question);                    // also the turn's ten.user_input, if it had none
		stt.close();

		try (LlmSpan llm = session.startLlm("req-1", "gpt-4o")) {
			for (String sentence : llmClient.sentences(question)) {
				llm.responseChunk(sentence);                  // first token, first sentence
				try (TtsSpan tts = session.startTts(null, sentence)) {
					for (AudioFrame frame : synthesizer.synthesize(sentence)) {
						tts.audioChunk(frame.duration());         // first byte; how long the audio plays
						player.play(frame);
						turn.playbackStarted();                   // the caller hears it: the wait ends (first call counts)
					}
				}
			}
		}
		// end::voice-pipeline[]
	}

	void bargeIn(AgentSession session, TurnSpan turn) {
		// tag::heard-text[]
		turn.playbackPosition(player.played());          // optional: what your audio output really played
		session.interruptBy(InterruptionCause.USER_SPEECH);
		// end::heard-text[]
	}

	/** The agent's speech-to-text. */
	interface Recognizer {

		String partial();

		String finish();

	}

	/** The agent's LLM, streaming its answer sentence by sentence. */
	interface SentenceLlm {

		List<String> sentences(String question);

	}

	/** The agent's text-to-speech. */
	interface Synthesizer {

		List<AudioFrame> synthesize(String sentence);

	}

	/** The agent's audio output. */
	interface Player {

		void play(AudioFrame frame);

		Duration played();

	}

	/** Audio to play. */
	record AudioFrame(byte[] pcm, Duration duration) {
	}

}
