package dev.ten.tracing.sample;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.TurnSpan;
import dev.ten.tracing.annotation.SessionId;
import dev.ten.tracing.annotation.SttResult;
import dev.ten.tracing.annotation.TracedTurn;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Handles one turn as a cascade voice agent does: speech-to-text hears the user, an end-of-turn model decides
 * they are done, the LLM streams its answer, each sentence goes to TTS as soon as it is complete, and the audio
 * plays out. Each call is a {@code user_turn} span in the session named by its {@code @SessionId} parameter,
 * ending when the last audio frame is out, or when the user barges in. The turn is told the moments its
 * latency breakdown needs: the end of the user's speech, the end-of-turn decision, the playback start, and how
 * much audio has played.
 */
@Component
public class VoiceAgent {

	/** How long the scripted end-of-turn model takes to decide, once the user is silent. */
	private static final Duration END_OF_TURN_DECISION = Duration.ofMillis(20);

	private final AgentTracer tracer;

	private final ScriptedStt stt;

	private final ScriptedLlm llm;

	private final ScriptedTts tts;

	private final AtomicInteger requests = new AtomicInteger();

	public VoiceAgent(AgentTracer tracer, ScriptedStt stt, ScriptedLlm llm, ScriptedTts tts) {
		this.tracer = tracer;
		this.stt = stt;
		this.llm = llm;
		this.tts = tts;
	}

	/**
	 * Answers the user.
	 * @param sessionId the session
	 * @param speech what the user says, as the audio would carry it
	 * @return the agent's audio
	 */
	@TracedTurn
	public Flux<byte[]> respond(@SessionId String sessionId, String speech) {
		TurnSpan turn = this.tracer.current(TurnSpan.class).orElseGet(() -> AgentTracer.noop().startTurn(null));
		int request = this.requests.incrementAndGet();
		AtomicInteger sentence = new AtomicInteger();
		AtomicLong played = new AtomicLong();
		return this.stt.transcribe("stt-" + request, ScriptedStt.MODEL, speech)
			.doOnNext((result) -> {
				if (!result.isFinal() && result.text().toString().equals(speech)) {
					// Every word heard and silence: voice activity detection says the user stopped.
					turn.userInputEnded();
					Mono.delay(END_OF_TURN_DECISION).subscribe((decided) -> turn.endOfTurnDetected());
				}
			})
			.filter(SttResult::isFinal)
			.last()
			.flatMapMany((transcript) -> this.llm.stream("llm-" + request, ScriptedLlm.MODEL,
					prompt(transcript.text().toString())))
			.map(ScriptedLlm.Chunk::text)
			.bufferUntil((text) -> text.trim().endsWith("."))
			.map((words) -> String.join("", words).trim())
			.concatMap((text) -> this.tts.stream("tts-" + request + "-" + sentence.incrementAndGet(), text))
			.doOnNext((frame) -> {
				// The sample's player plays each frame as it arrives; a real one reports what it has played.
				turn.playbackStarted();
				turn.playbackPosition(ScriptedTts.FRAME.multipliedBy(played.incrementAndGet()));
			});
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
