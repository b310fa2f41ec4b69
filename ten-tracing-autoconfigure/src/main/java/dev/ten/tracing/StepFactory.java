package dev.ten.tracing;

import dev.ten.tracing.NoopAgentTracer.NoopSpan;
import dev.ten.tracing.internal.Guard;
import dev.ten.tracing.internal.OnceLog;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Starts the spans of a session's steps with the seed's attributes, parented explicitly: the one place where
 * steps are made, for the tracer and for sessions alike, and where making them is guarded. A step without a
 * parent becomes the root of a trace of its own; a step of a session that has ended records nothing. Each is
 * logged once, as it usually means a session was never started, not passed along, or ended too early.
 */
final class StepFactory {

	/** What a step that records nothing returns. */
	static final NoopSpan NOTHING = NoopSpan.INSTANCE;

	private static final Log logger = LogFactory.getLog(StepFactory.class);

	private final Tracer tracer;

	private final ContentPolicy content;

	private final OnceLog orphan = new OnceLog(logger);

	private final OnceLog ended = new OnceLog(logger);

	/** Whether turns record the GenAI conventions' proposed voice-agent keys. */
	private final boolean genAiProposals;

	StepFactory(Tracer tracer, ContentPolicy content, boolean genAiProposals) {
		this.tracer = tracer;
		this.content = content;
		this.genAiProposals = genAiProposals;
	}

	/**
	 * A turn: in a session, numbered there and made its open turn; with no session, the root of a trace of
	 * its own, numbered 1.
	 */
	TurnSpan turn(RecordingSession session, CharSequence userInput, boolean agentInitiated) {
		try {
			if (session != null && session.isClosed()) {
				return ignoredInEndedSession(TenConventions.TURN_SPAN);
			}
			long turnId = (session != null) ? session.nextTurnId() : 1;
			SpanBuilder builder = step(TenConventions.TURN_SPAN, TenConventions.OPERATION_INVOKE_AGENT, session)
				.setAttribute(TenConventions.TURN_ID, turnId);
			if (session != null) {
				conversation(builder, session);
				setIfPresent(builder, TenConventions.GEN_AI_AGENT_NAME, session.agentName());
			}
			if (agentInitiated) {
				builder.setAttribute(TenConventions.TURN_INITIATOR, TenConventions.INITIATOR_AGENT);
			}
			else {
				setIfPresent(builder, TenConventions.USER_INPUT, this.content.content(userInput));
			}
			RecordingTurn turn = new RecordingTurn(builder.startSpan(), session, parentContext(session), this.content,
					turnId, agentInitiated, this.genAiProposals, userInput != null);
			if (session != null) {
				session.opened(turn);
			}
			return turn;
		}
		catch (Throwable ex) {
			Guard.failed(ex);
			return NOTHING;
		}
	}

	LlmSpan llm(RecordedSpan parent, String requestId, String model) {
		try {
			if (inEndedSession(parent)) {
				return ignoredInEndedSession(TenConventions.LLM_SPAN);
			}
			SpanBuilder builder = step(TenConventions.LLM_SPAN, TenConventions.OPERATION_CHAT, parent);
			RecordingSession session = (parent != null) ? parent.session() : null;
			if (session != null) {
				conversation(builder, session);
			}
			setIfPresent(builder, TenConventions.LLM_REQUEST_ID, ContentPolicy.identifier(requestId));
			setIfPresent(builder, TenConventions.GEN_AI_REQUEST_MODEL, ContentPolicy.identifier(model));
			RecordingLlm llm = new RecordingLlm(builder.startSpan(), parent, parentContext(parent), this.content, model,
					turnOf(parent));
			inTurn(parent, llm);
			return llm;
		}
		catch (Throwable ex) {
			Guard.failed(ex);
			return NOTHING;
		}
	}

	TtsSpan tts(RecordedSpan parent, String requestId, CharSequence inputText) {
		try {
			if (inEndedSession(parent)) {
				return ignoredInEndedSession(TenConventions.TTS_SPAN);
			}
			SpanBuilder builder = step(TenConventions.TTS_SPAN, TenConventions.OPERATION_TEXT_TO_SPEECH, parent)
				.setAttribute(TenConventions.GEN_AI_OUTPUT_TYPE, TenConventions.OUTPUT_TYPE_SPEECH);
			setIfPresent(builder, TenConventions.TTS_REQUEST_ID, ContentPolicy.identifier(requestId));
			String text = this.content.content(inputText);
			setIfPresent(builder, TenConventions.TTS_INPUT_TEXT, text);
			RecordingTts tts = new RecordingTts(builder.startSpan(), parent, parentContext(parent), this.content,
					turnOf(parent), inputText, text);
			inTurn(parent, tts);
			return tts;
		}
		catch (Throwable ex) {
			Guard.failed(ex);
			return NOTHING;
		}
	}

	SttSpan stt(RecordedSpan parent, String requestId, String model) {
		try {
			if (inEndedSession(parent)) {
				return ignoredInEndedSession(TenConventions.STT_SPAN);
			}
			SpanBuilder builder = step(TenConventions.STT_SPAN, TenConventions.OPERATION_SPEECH_TO_TEXT, parent);
			setIfPresent(builder, TenConventions.STT_REQUEST_ID, ContentPolicy.identifier(requestId));
			setIfPresent(builder, TenConventions.GEN_AI_REQUEST_MODEL, ContentPolicy.identifier(model));
			return new RecordingStt(builder.startSpan(), parent, parentContext(parent), this.content, turnOf(parent));
		}
		catch (Throwable ex) {
			Guard.failed(ex);
			return NOTHING;
		}
	}

	ToolSpan tool(RecordedSpan parent, String toolName, Object arguments) {
		try {
			if (inEndedSession(parent)) {
				return ignoredInEndedSession(TenConventions.TOOL_SPAN);
			}
			String name = ContentPolicy.identifier(toolName);
			ToolSpan joined = (parent instanceof RecordingTool started) ? started.joinedBy(name) : null;
			if (joined != null) {
				return joined;
			}
			SpanBuilder builder = step(TenConventions.TOOL_SPAN, TenConventions.OPERATION_EXECUTE_TOOL, parent)
				.setAttribute(TenConventions.GEN_AI_TOOL_TYPE, TenConventions.TOOL_TYPE_FUNCTION);
			setIfPresent(builder, TenConventions.TOOL_NAME, name);
			setIfPresent(builder, TenConventions.GEN_AI_TOOL_NAME, name);
			setIfPresent(builder, TenConventions.TOOL_ARGUMENTS, this.content.contentOf(arguments));
			return new RecordingTool(builder.startSpan(), parent, parentContext(parent), this.content, turnOf(parent));
		}
		catch (Throwable ex) {
			Guard.failed(ex);
			return NOTHING;
		}
	}

	/** Whether a step under this parent would land in a session that has ended. */
	private static boolean inEndedSession(RecordedSpan parent) {
		RecordingSession session = (parent != null) ? parent.session() : null;
		return session != null && session.isClosed();
	}

	/** What a step started in a session that has ended gets: nothing is recorded. */
	private NoopSpan ignoredInEndedSession(String name) {
		if (this.ended.isDue()) {
			this.ended.warn("A " + name + " span was started in an agent session that has already ended, so it"
					+ " records nothing. Was the session ended before its last turn finished, or ended by"
					+ " ten-tracing (see ten.session.end_reason)?");
		}
		return NOTHING;
	}

	/** A step's span: named, parented, and saying its GenAI operation. */
	private SpanBuilder step(String name, String operation, RecordedSpan parent) {
		return builder(name, parent).setAttribute(TenConventions.GEN_AI_OPERATION_NAME, operation);
	}

	private SpanBuilder builder(String name, RecordedSpan parent) {
		SpanBuilder builder = this.tracer.spanBuilder(name);
		if (parent != null) {
			return builder.setParent(parent.context);
		}
		if (this.orphan.isDue()) {
			this.orphan.warn("A " + name + " span started with no agent session open on this thread, so it starts"
					+ " a trace of its own. Start a session with AgentTracer.startSession(..) and make it current,"
					+ " or annotate a parameter with @SessionId.");
		}
		return builder.setNoParent();
	}

	/** An LLM or TTS step registers with its turn, for an interruption to cut it. */
	private static void inTurn(RecordedSpan parent, RecordingStep step) {
		RecordingTurn turn = turnOf(parent);
		if (turn != null) {
			turn.stepStarted(step);
		}
	}

	/** The turn a step belongs to: the innermost turn on its parent chain. */
	private static RecordingTurn turnOf(RecordedSpan parent) {
		return (parent != null) ? parent.nearest(RecordingTurn.class) : null;
	}

	private static Context parentContext(RecordedSpan parent) {
		return (parent != null) ? parent.context : Context.root();
	}

	/** The session's id as the GenAI conversation, unless it has none: an empty id would join unrelated sessions. */
	private static void conversation(SpanBuilder builder, RecordingSession session) {
		if (!session.id().isEmpty()) {
			builder.setAttribute(TenConventions.GEN_AI_CONVERSATION_ID, session.id());
		}
	}

	private static void setIfPresent(SpanBuilder builder, AttributeKey<String> key, String value) {
		if (value != null) {
			builder.setAttribute(key, value);
		}
	}

}
