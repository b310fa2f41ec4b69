package dev.ten.tracing.benchmarks;

/**
 * One whole turn of a session: an LLM call that calls a tool, then TTS. Each implementation records the
 * same four spans with the seed's attributes and events.
 */
public interface VoiceTurn {

	String play(String sessionId, String utterance);

}
