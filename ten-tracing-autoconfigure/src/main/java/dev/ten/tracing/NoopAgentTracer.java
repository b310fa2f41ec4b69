package dev.ten.tracing;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;

/**
 * The tracer when tracing is off: records nothing, allocates as little as it can.
 */
final class NoopAgentTracer implements AgentTracer {

	static final NoopAgentTracer INSTANCE = new NoopAgentTracer();

	private NoopAgentTracer() {
	}

	@Override
	public AgentSession startSession(String sessionId, String agentName) {
		return new NoopSession(sessionId);
	}

	@Override
	public Optional<AgentSession> session(String sessionId) {
		// Agent code that looks its session up must run the same with tracing off.
		return Optional.of(new NoopSession(sessionId));
	}

	@Override
	public Optional<AgentSession> currentSession() {
		return Optional.empty();
	}

	@Override
	public <S extends AgentSpan> Optional<S> current(Class<S> type) {
		return Optional.empty();
	}

	@Override
	public void addSessionEvent(String name, Map<String, ?> attributes) {
	}

	@Override
	public TurnSpan startTurn(CharSequence userInput) {
		return NoopSpan.INSTANCE;
	}

	@Override
	public TurnSpan startAgentTurn() {
		return NoopSpan.INSTANCE;
	}

	@Override
	public LlmSpan startLlm(String requestId, String model) {
		return NoopSpan.INSTANCE;
	}

	@Override
	public SttSpan startStt(String requestId, String model) {
		return NoopSpan.INSTANCE;
	}

	@Override
	public TtsSpan startTts(String requestId, CharSequence inputText) {
		return NoopSpan.INSTANCE;
	}

	@Override
	public ToolSpan startTool(String toolName, Object arguments) {
		return NoopSpan.INSTANCE;
	}

	@Override
	public String toString() {
		return "AgentTracer.noop()";
	}

	/** One stateless span that stands for every kind of step. */
	static final class NoopSpan implements TurnSpan, LlmSpan, TtsSpan, ToolSpan, SttSpan {

		static final NoopSpan INSTANCE = new NoopSpan();

		@Override
		public void addEvent(String name) {
		}

		@Override
		public void addEvent(String name, Map<String, ?> attributes) {
		}

		@Override
		public void recordException(Throwable failure) {
		}

		@Override
		public SpanContext spanContext() {
			return SpanContext.getInvalid();
		}

		@Override
		public void cancelled() {
		}

		@Override
		public Scope makeCurrent() {
			return Scope.noop();
		}

		@Override
		public void close() {
		}

		@Override
		public long turnId() {
			return 0;
		}

		@Override
		public void interrupted() {
		}

		@Override
		public void userInputEnded() {
		}

		@Override
		public void responseChunk(CharSequence chunk) {
		}

		@Override
		public void audioChunk() {
		}

		@Override
		public void model(String model) {
		}

		@Override
		public void provider(String provider) {
		}

		@Override
		public void language(String language) {
		}

		@Override
		public void audioDuration(Duration audio) {
		}

		@Override
		public void interimResult(CharSequence text) {
		}

		@Override
		public void transcriptChunk(CharSequence delta) {
		}

		@Override
		public void finalTranscript(CharSequence transcript) {
		}

		@Override
		public void interruptedBy(InterruptionCause cause) {
		}

		@Override
		public void endOfTurnDetected() {
		}

		@Override
		public void playbackStarted() {
		}

		@Override
		public void playbackPosition(Duration played) {
		}

		@Override
		public void usage(long inputTokens, long outputTokens) {
		}

		@Override
		public void responseText(CharSequence responseText) {
		}

		@Override
		public void inputText(CharSequence text) {
		}

		@Override
		public void output(Object output) {
		}

		@Override
		public void failed() {
		}

	}

	/** A session that records nothing but remembers its id. */
	record NoopSession(String id) implements AgentSession {

		@Override
		public void userJoined() {
		}

		@Override
		public void userLeft() {
		}

		@Override
		public void toolRegistered(String toolName) {
		}

		@Override
		public void addEvent(String name, Map<String, ?> attributes) {
		}

		@Override
		public TurnSpan startTurn(CharSequence userInput) {
			return NoopSpan.INSTANCE;
		}

		@Override
		public TurnSpan startAgentTurn() {
			return NoopSpan.INSTANCE;
		}

		@Override
		public void interrupt() {
		}

		@Override
		public void interruptBy(InterruptionCause cause) {
		}

		@Override
		public SttSpan startStt(String requestId, String model) {
			return NoopSpan.INSTANCE;
		}

		@Override
		public LlmSpan startLlm(String requestId, String model) {
			return NoopSpan.INSTANCE;
		}

		@Override
		public TtsSpan startTts(String requestId, CharSequence inputText) {
			return NoopSpan.INSTANCE;
		}

		@Override
		public ToolSpan startTool(String toolName, Object arguments) {
			return NoopSpan.INSTANCE;
		}

		@Override
		public Scope makeCurrent() {
			return Scope.noop();
		}

		@Override
		public SpanContext spanContext() {
			return SpanContext.getInvalid();
		}

		@Override
		public void end() {
		}

	}

}
