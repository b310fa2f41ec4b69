package dev.ten.tracing.sample;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.ten.tracing.AgentSession;
import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.InterruptionCause;
import io.opentelemetry.context.Scope;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Plays the scripted conversation at startup: one session, whose trace shows every span kind and every
 * event of the TEN tracing document, the latencies a caller feels and where they went, and a barge-in with
 * what the caller heard.
 */
@Component
public class Conversation implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(Conversation.class);

	private static final Duration TURN_TIMEOUT = Duration.ofSeconds(30);

	private static final int FRAMES_BEFORE_BARGE_IN = 10;

	private final AgentTracer tracer;

	private final VoiceAgent agent;

	public Conversation(AgentTracer tracer, VoiceAgent agent) {
		this.tracer = tracer;
		this.agent = agent;
	}

	@Override
	public void run(ApplicationArguments args) throws InterruptedException {
		play("demo-" + UUID.randomUUID().toString().substring(0, 8));
	}

	void play(String sessionId) throws InterruptedException {
		AgentSession session = this.tracer.startSession(sessionId, "weather-agent");
		logger.info("Session " + sessionId + " is trace " + session.spanContext().getTraceId());
		session.toolRegistered("weather_api");
		session.userJoined();
		logger.info("Agent greets: " + frames(this.agent.greet(sessionId).count().block(TURN_TIMEOUT)));
		say(sessionId, "What's the weather in Paris?");
		say(sessionId, "And the weather in Atlantis?");
		bargeIn(session, "Tell me a story");
		try (Scope ignored = session.makeCurrent()) {
			// The counterparts of tracer.add_session_event(...) and async with tracer.trace_llm(...).
			this.tracer.addSessionEvent("custom_event", Map.of("key", "value"));
			this.tracer.traceLlm("custom-id", (llmSpan) -> {
				llmSpan.model(ScriptedLlm.MODEL);
				llmSpan.responseText("The user asked about Paris and Atlantis, then cut the story short.");
				return null;
			});
		}
		session.userLeft();
		session.end();
		logger.info("Session " + sessionId + " ended");
	}

	private void say(String sessionId, String utterance) {
		logger.info("User: " + utterance);
		logger.info("Agent answers: " + frames(this.agent.respond(sessionId, utterance).count().block(TURN_TIMEOUT)));
	}

	/**
	 * The user talks over the agent once 10 frames (200 ms) of its audio have played: the agent stops
	 * streaming, and the turn records what the user heard of it.
	 */
	private void bargeIn(AgentSession session, String utterance) throws InterruptedException {
		logger.info("User: " + utterance);
		CountDownLatch speaking = new CountDownLatch(FRAMES_BEFORE_BARGE_IN);
		Disposable playback = this.agent.respond(session.id(), utterance)
			.subscribe((frame) -> speaking.countDown());
		if (!speaking.await(TURN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			logger.warn("The agent never started speaking");
		}
		logger.info("User barges in: \"Stop, thanks!\"");
		session.interruptBy(InterruptionCause.USER_SPEECH);
		playback.dispose();
	}

	private static String frames(Long count) {
		return count + " audio frames";
	}

}
