package dev.ten.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Starts the spans of a session's steps with the seed's attributes, parented explicitly. A step without a
 * parent becomes the root of a trace of its own; that is logged once, as it usually means a session was
 * never started or not passed along.
 */
final class StepFactory {

	private static final Log logger = LogFactory.getLog(StepFactory.class);

	private final Tracer tracer;

	private final ContentPolicy content;

	private volatile boolean orphanLogged;

	StepFactory(Tracer tracer, ContentPolicy content) {
		this.tracer = tracer;
		this.content = content;
	}

	RecordingTurn turn(RecordedSpan parent, long turnId, CharSequence userInput) {
		SpanBuilder builder = builder(TenConventions.TURN_SPAN, parent).setAttribute(TenConventions.TURN_ID, turnId);
		setIfPresent(builder, TenConventions.USER_INPUT, this.content.content(userInput));
		return new RecordingTurn(builder.startSpan(), parent, parentContext(parent), this.content, turnId, false);
	}

	RecordingTurn agentTurn(RecordedSpan parent, long turnId) {
		SpanBuilder builder = builder(TenConventions.TURN_SPAN, parent).setAttribute(TenConventions.TURN_ID, turnId)
			.setAttribute(TenConventions.TURN_INITIATOR, TenConventions.INITIATOR_AGENT);
		return new RecordingTurn(builder.startSpan(), parent, parentContext(parent), this.content, turnId, true);
	}

	RecordingLlm llm(RecordedSpan parent, String requestId, String model) {
		SpanBuilder builder = builder(TenConventions.LLM_SPAN, parent);
		setIfPresent(builder, TenConventions.LLM_REQUEST_ID, ContentPolicy.identifier(requestId));
		setIfPresent(builder, TenConventions.GEN_AI_REQUEST_MODEL, ContentPolicy.identifier(model));
		RecordingTurn turn = turnOf(parent);
		RecordingLlm llm = new RecordingLlm(builder.startSpan(), parent, parentContext(parent), this.content);
		if (turn != null) {
			turn.stepStarted(llm);
		}
		return llm;
	}

	RecordingTts tts(RecordedSpan parent, String requestId, CharSequence inputText) {
		SpanBuilder builder = builder(TenConventions.TTS_SPAN, parent);
		setIfPresent(builder, TenConventions.TTS_REQUEST_ID, ContentPolicy.identifier(requestId));
		setIfPresent(builder, TenConventions.TTS_INPUT_TEXT, this.content.content(inputText));
		RecordingTurn turn = turnOf(parent);
		RecordingTts tts = new RecordingTts(builder.startSpan(), parent, parentContext(parent), this.content, turn);
		if (turn != null) {
			turn.stepStarted(tts);
		}
		return tts;
	}

	RecordingTool tool(RecordedSpan parent, String toolName, Object arguments) {
		SpanBuilder builder = builder(TenConventions.TOOL_SPAN, parent);
		setIfPresent(builder, TenConventions.TOOL_NAME, ContentPolicy.identifier(toolName));
		setIfPresent(builder, TenConventions.TOOL_ARGUMENTS, this.content.contentOf(arguments));
		return new RecordingTool(builder.startSpan(), parent, parentContext(parent), this.content);
	}

	private SpanBuilder builder(String name, RecordedSpan parent) {
		SpanBuilder builder = this.tracer.spanBuilder(name);
		if (parent != null) {
			return builder.setParent(parent.context);
		}
		if (!this.orphanLogged) {
			this.orphanLogged = true;
			logger.warn("A " + name + " span started with no agent session open on this thread, so it starts a"
					+ " trace of its own. Start a session with AgentTracer.startSession(..) and make it current,"
					+ " or annotate a parameter with @SessionId. (Logged once.)");
		}
		return builder.setNoParent();
	}

	/** The turn a step belongs to: the innermost turn on its parent chain. */
	private static RecordingTurn turnOf(RecordedSpan parent) {
		return (parent != null) ? parent.nearest(RecordingTurn.class) : null;
	}

	private static Context parentContext(RecordedSpan parent) {
		return (parent != null) ? parent.context : Context.root();
	}

	private static void setIfPresent(SpanBuilder builder, AttributeKey<String> key, String value) {
		if (value != null) {
			builder.setAttribute(key, value);
		}
	}

}
