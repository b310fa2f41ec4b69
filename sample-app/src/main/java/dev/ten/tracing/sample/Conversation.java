package dev.ten.tracing.sample;

import java.util.Map;
import java.util.UUID;

import dev.ten.tracing.AgentSession;
import dev.ten.tracing.AgentTracer;
import io.opentelemetry.context.Scope;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Plays the scripted conversation at startup: one session, whose trace shows every span kind and every
 * event of the TEN tracing document.
 */
@Component
public class Conversation implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(Conversation.class);

	private final AgentTracer tracer;

	private final VoiceAgent agent;

	public Conversation(AgentTracer tracer, VoiceAgent agent) {
		this.tracer = tracer;
		this.agent = agent;
	}

	@Override
	public void run(ApplicationArguments args) {
		play("demo-" + UUID.randomUUID().toString().substring(0, 8));
	}

	void play(String sessionId) {
		AgentSession session = this.tracer.startSession(sessionId, "weather-agent");
		logger.info("Session " + sessionId + " is trace " + session.spanContext().getTraceId());
		session.toolRegistered("weather_api");
		session.userJoined();
		say(sessionId, "Hello there!");
		say(sessionId, "What's the weather in Paris?");
		say(sessionId, "And the weather in Atlantis?");
		VoiceAgent.Outcome interrupted = this.agent.respondAndGetInterrupted(sessionId, "Tell me a story");
		logger.info("Agent: " + interrupted.spoken() + " (interrupted)");
		try (Scope ignored = session.makeCurrent()) {
			// The counterparts of tracer.add_session_event(...) and async with tracer.trace_llm(...).
			this.tracer.addSessionEvent("custom_event", Map.of("key", "value"));
			this.tracer.traceLlm("custom-id", (llmSpan) -> {
				llmSpan.model(ScriptedLlm.MODEL);
				llmSpan.responseText("The user asked about Paris and Atlantis.");
				return null;
			});
		}
		session.userLeft();
		session.end();
		logger.info("Session " + sessionId + " ended");
	}

	private void say(String sessionId, String utterance) {
		logger.info("User: " + utterance);
		logger.info("Agent: " + this.agent.respond(sessionId, utterance).spoken());
	}

}
