/*
 * The names in this class are the public contract of ten-agent-tracing: span names, attribute keys and
 * event names are spelled here and nowhere else.
 */
package dev.ten.tracing;

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;

/**
 * Span names, attribute keys and event names of TEN agent tracing, declared once.
 * <p>
 * The {@code ten.*} names and the five span names come from the TEN Agent tracing document and are spelled
 * exactly as there; the {@code gen_ai.*} keys are OpenTelemetry's GenAI semantic conventions that the
 * document also uses. Keys that ten-tracing adds are marked as such.
 */
public final class TenConventions {

	/** Span around a whole agent session: the root of the session's trace. */
	public static final String SESSION_SPAN = "agent_session";

	/** Span around one user-agent interaction turn. */
	public static final String TURN_SPAN = "user_turn";

	/** Span around one LLM inference call. */
	public static final String LLM_SPAN = "llm_node";

	/** Span around one text-to-speech synthesis. */
	public static final String TTS_SPAN = "tts_node";

	/** Span around one function or tool execution. */
	public static final String TOOL_SPAN = "tool_call";

	/** Span around one speech-to-text transcription of what the user said. Added by ten-tracing. */
	public static final String STT_SPAN = "stt_node";

	/** Session identifier, on {@value #SESSION_SPAN}. */
	public static final AttributeKey<String> SESSION_ID = AttributeKey.stringKey("ten.session_id");

	/** Agent name, on {@value #SESSION_SPAN}. */
	public static final AttributeKey<String> AGENT_NAME = AttributeKey.stringKey("ten.agent_name");

	/** Turn number within its session, starting at 1, on {@value #TURN_SPAN}. */
	public static final AttributeKey<Long> TURN_ID = AttributeKey.longKey("ten.turn_id");

	/** What the user said (content), on {@value #TURN_SPAN}. */
	public static final AttributeKey<String> USER_INPUT = AttributeKey.stringKey("ten.user_input");

	/**
	 * Whether the turn was interrupted by the user, on {@value #TURN_SPAN}; ten-tracing also sets it on the
	 * {@value #LLM_SPAN} and {@value #TTS_SPAN} spans that the interruption cut short.
	 */
	public static final AttributeKey<Boolean> INTERRUPTED = AttributeKey.booleanKey("ten.interrupted");

	/** LLM request identifier, on {@value #LLM_SPAN}. */
	public static final AttributeKey<String> LLM_REQUEST_ID = AttributeKey.stringKey("ten.llm.request_id");

	/** LLM response text (content, truncated), on {@value #LLM_SPAN}. */
	public static final AttributeKey<String> LLM_RESPONSE_TEXT = AttributeKey.stringKey("ten.llm.response_text");

	/** Model name, on {@value #LLM_SPAN}. */
	public static final AttributeKey<String> GEN_AI_REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");

	/** The audio share of the input tokens, on {@value #LLM_SPAN} when reported. Added by ten-tracing. */
	public static final AttributeKey<Long> GEN_AI_USAGE_AUDIO_INPUT_TOKENS = AttributeKey
		.longKey("gen_ai.usage.audio.input_tokens");

	/** The audio share of the output tokens, on {@value #LLM_SPAN} when reported. Added by ten-tracing. */
	public static final AttributeKey<Long> GEN_AI_USAGE_AUDIO_OUTPUT_TOKENS = AttributeKey
		.longKey("gen_ai.usage.audio.output_tokens");

	/** Why the model stopped, per choice, on {@value #LLM_SPAN} when reported. Added by ten-tracing. */
	public static final AttributeKey<List<String>> GEN_AI_RESPONSE_FINISH_REASONS = AttributeKey
		.stringArrayKey("gen_ai.response.finish_reasons");

	/** Who serves the model, on {@value #LLM_SPAN} when given. Added by ten-tracing. */
	public static final AttributeKey<String> GEN_AI_PROVIDER_NAME = AttributeKey.stringKey("gen_ai.provider.name");

	/** The model that answered, on {@value #LLM_SPAN} when reported. Added by ten-tracing. */
	public static final AttributeKey<String> GEN_AI_RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");

	/** The id the LLM gave a tool call, on {@value #TOOL_SPAN} when given. Added by ten-tracing. */
	public static final AttributeKey<String> GEN_AI_TOOL_CALL_ID = AttributeKey.stringKey("gen_ai.tool.call.id");

	/** Input token count, on {@value #LLM_SPAN}. */
	public static final AttributeKey<Long> GEN_AI_USAGE_INPUT_TOKENS = AttributeKey
		.longKey("gen_ai.usage.input_tokens");

	/** Output token count, on {@value #LLM_SPAN}. */
	public static final AttributeKey<Long> GEN_AI_USAGE_OUTPUT_TOKENS = AttributeKey
		.longKey("gen_ai.usage.output_tokens");

	/**
	 * The OpenTelemetry GenAI operation a step stands for, on every step: {@value #OPERATION_INVOKE_AGENT} on
	 * {@value #TURN_SPAN}, {@value #OPERATION_CHAT} on {@value #LLM_SPAN}, {@value #OPERATION_EXECUTE_TOOL} on
	 * {@value #TOOL_SPAN}, {@value #OPERATION_TEXT_TO_SPEECH} on {@value #TTS_SPAN},
	 * {@value #OPERATION_SPEECH_TO_TEXT} on {@value #STT_SPAN}. Added by ten-tracing, so
	 * that GenAI-aware backends recognise the steps.
	 */
	public static final AttributeKey<String> GEN_AI_OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");

	/** {@link #GEN_AI_OPERATION_NAME} of a turn: the agent invoked with what the user said. */
	public static final String OPERATION_INVOKE_AGENT = "invoke_agent";

	/** {@link #GEN_AI_OPERATION_NAME} of an LLM call. */
	public static final String OPERATION_CHAT = "chat";

	/** {@link #GEN_AI_OPERATION_NAME} of a tool call. */
	public static final String OPERATION_EXECUTE_TOOL = "execute_tool";

	/** {@link #GEN_AI_OPERATION_NAME} of a synthesis. */
	public static final String OPERATION_TEXT_TO_SPEECH = "text_to_speech";

	/** {@link #GEN_AI_OPERATION_NAME} of a transcription, as the GenAI conventions' voice-agent guidance names it. */
	public static final String OPERATION_SPEECH_TO_TEXT = "speech_to_text";

	/**
	 * The session id under its GenAI name, on {@value #SESSION_SPAN}, {@value #TURN_SPAN} and {@value #LLM_SPAN}
	 * in a session. Added by ten-tracing.
	 */
	public static final AttributeKey<String> GEN_AI_CONVERSATION_ID = AttributeKey
		.stringKey("gen_ai.conversation.id");

	/** The agent name under its GenAI name, on {@value #TURN_SPAN} in a session. Added by ten-tracing. */
	public static final AttributeKey<String> GEN_AI_AGENT_NAME = AttributeKey.stringKey("gen_ai.agent.name");

	/** The tool name under its GenAI name, on {@value #TOOL_SPAN}. Added by ten-tracing. */
	public static final AttributeKey<String> GEN_AI_TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");

	/**
	 * The kind of tool, on {@value #TOOL_SPAN}: {@value #TOOL_TYPE_FUNCTION}, a function of the application that
	 * the LLM asked for. Added by ten-tracing.
	 */
	public static final AttributeKey<String> GEN_AI_TOOL_TYPE = AttributeKey.stringKey("gen_ai.tool.type");

	/** {@link #GEN_AI_TOOL_TYPE} of a tool the application runs for the LLM. */
	public static final String TOOL_TYPE_FUNCTION = "function";

	/** What a step produces, on {@value #TTS_SPAN}: {@value #OUTPUT_TYPE_SPEECH}. Added by ten-tracing. */
	public static final AttributeKey<String> GEN_AI_OUTPUT_TYPE = AttributeKey.stringKey("gen_ai.output.type");

	/** {@link #GEN_AI_OUTPUT_TYPE} of a synthesis. */
	public static final String OUTPUT_TYPE_SPEECH = "speech";

	/**
	 * How a turn ended, on {@value #TURN_SPAN}: {@value #TURN_END_COMPLETED}, {@value #TURN_END_INTERRUPTED} or
	 * {@value #TURN_END_SESSION_CLOSED}; none on a failed turn, whose error status says it. A proposal of the
	 * GenAI conventions' voice-agent guidance, still in development and under discussion: recorded only with
	 * {@code ten.tracing.gen-ai-proposals=true} or {@code OTEL_SEMCONV_STABILITY_OPT_IN=gen_ai_latest_experimental}.
	 */
	public static final AttributeKey<String> GEN_AI_AGENT_INVOCATION_END_REASON = AttributeKey
		.stringKey("gen_ai.agent.invocation.end_reason");

	/** {@link #GEN_AI_AGENT_INVOCATION_END_REASON} of a turn that finished. */
	public static final String TURN_END_COMPLETED = "completed";

	/** {@link #GEN_AI_AGENT_INVOCATION_END_REASON} of a turn cut by a barge-in, a newer turn or a cancellation. */
	public static final String TURN_END_INTERRUPTED = "interrupted";

	/** {@link #GEN_AI_AGENT_INVOCATION_END_REASON} of a turn ended because ten-tracing ended its session. */
	public static final String TURN_END_SESSION_CLOSED = "session_closed";

	/** Text sent to TTS (content, truncated), on {@value #TTS_SPAN}. */
	public static final AttributeKey<String> TTS_INPUT_TEXT = AttributeKey.stringKey("ten.tts.input_text");

	/** TTS request identifier, on {@value #TTS_SPAN}. */
	public static final AttributeKey<String> TTS_REQUEST_ID = AttributeKey.stringKey("ten.tts.request_id");

	/** Voice of a synthesis, on {@value #TTS_SPAN} when given. Added by ten-tracing. */
	public static final AttributeKey<String> TTS_VOICE = AttributeKey.stringKey("ten.tts.voice");

	/**
	 * Seconds of audio a synthesis produced, on {@value #TTS_SPAN} when the application reports chunk durations
	 * ({@code audioChunk(Duration)}). Added by ten-tracing.
	 */
	public static final AttributeKey<Double> TTS_AUDIO_DURATION = AttributeKey.doubleKey("ten.tts.audio_duration");

	/** Transcription request identifier, on {@value #STT_SPAN}. Added by ten-tracing. */
	public static final AttributeKey<String> STT_REQUEST_ID = AttributeKey.stringKey("ten.stt.request_id");

	/**
	 * The transcript (content, truncated), on {@value #STT_SPAN}: the final one, else the latest result, and on
	 * each {@value #STT_INTERIM_RESULT} event. Added by ten-tracing.
	 */
	public static final AttributeKey<String> STT_TRANSCRIPT = AttributeKey.stringKey("ten.stt.transcript");

	/**
	 * Whether {@link #STT_TRANSCRIPT} is a final result, on {@value #STT_SPAN}: {@code false} when the span ended
	 * (cancelled, failed, or closed with interim results only) before one. Added by ten-tracing.
	 */
	public static final AttributeKey<Boolean> STT_IS_FINAL = AttributeKey.booleanKey("ten.stt.is_final");

	/** Language of the speech, as the application or the model gives it, on {@value #STT_SPAN}. Added by ten-tracing. */
	public static final AttributeKey<String> STT_LANGUAGE = AttributeKey.stringKey("ten.stt.language");

	/** Seconds of audio transcribed, on {@value #STT_SPAN} when given. Added by ten-tracing. */
	public static final AttributeKey<Double> STT_AUDIO_DURATION = AttributeKey.doubleKey("ten.stt.audio_duration");

	/**
	 * Seconds from the end of the user's speech ({@code TurnSpan.userInputEnded()}) to the final transcript, on
	 * {@value #STT_SPAN}; absent when the end of speech was not marked by then, or the transcript came after the
	 * turn's wait was over. Added by ten-tracing.
	 */
	public static final AttributeKey<Double> STT_TIME_TO_FINAL_TRANSCRIPT = AttributeKey
		.doubleKey("ten.stt.time_to_final_transcript");

	/**
	 * How many interim results a transcription reported, on {@value #STT_SPAN} when it reported any; only the
	 * first {@value #STT_MAX_INTERIM_EVENTS} are recorded as events. Added by ten-tracing.
	 */
	public static final AttributeKey<Long> STT_INTERIM_RESULTS = AttributeKey.longKey("ten.stt.interim_results");

	/** Interim results recorded as events per {@value #STT_SPAN}, at most. */
	public static final int STT_MAX_INTERIM_EVENTS = 16;

	/** Event: an interim transcription result, with {@link #STT_TRANSCRIPT}. Added by ten-tracing. */
	public static final String STT_INTERIM_RESULT = "stt_interim_result";

	/** Tool or function name, on {@value #TOOL_SPAN} and on the {@value #TOOL_REGISTERED} event. */
	public static final AttributeKey<String> TOOL_NAME = AttributeKey.stringKey("ten.tool.name");

	/** Tool arguments as JSON (content, truncated), on {@value #TOOL_SPAN}. */
	public static final AttributeKey<String> TOOL_ARGUMENTS = AttributeKey.stringKey("ten.tool.arguments");

	/** Tool output (content, truncated), on {@value #TOOL_SPAN}. */
	public static final AttributeKey<String> TOOL_OUTPUT = AttributeKey.stringKey("ten.tool.output");

	/** Whether the tool failed, on {@value #TOOL_SPAN}. */
	public static final AttributeKey<Boolean> TOOL_IS_ERROR = AttributeKey.booleanKey("ten.tool.is_error");

	/**
	 * Why a session ended when ten-tracing ended it rather than the agent, on {@value #SESSION_SPAN}: one of
	 * {@value #END_REASON_SHUTDOWN}, {@value #END_REASON_IDLE_TIMEOUT}, {@value #END_REASON_EVICTED} and
	 * {@value #END_REASON_REPLACED}; absent when the agent ended the session. Added by ten-tracing.
	 */
	public static final AttributeKey<String> SESSION_END_REASON = AttributeKey.stringKey("ten.session.end_reason");

	/** Value of {@link #SESSION_END_REASON} for a session still open when the application shut down. */
	public static final String END_REASON_SHUTDOWN = "shutdown";

	/**
	 * Value of {@link #SESSION_END_REASON} for a session without activity for longer than
	 * {@code ten.tracing.session-idle-timeout}.
	 */
	public static final String END_REASON_IDLE_TIMEOUT = "idle_timeout";

	/**
	 * Value of {@link #SESSION_END_REASON} for the least recently active session, ended to make room when
	 * {@code ten.tracing.max-open-sessions} sessions were open.
	 */
	public static final String END_REASON_EVICTED = "evicted";

	/** Value of {@link #SESSION_END_REASON} for a session replaced by a new session opened with the same id. */
	public static final String END_REASON_REPLACED = "replaced";

	/**
	 * How many events given to an agent span the SDK dropped beyond its limit per span (128 by default); absent
	 * when none were. The export also sends it as the span's OTLP {@code dropped_events_count}. Added by
	 * ten-tracing.
	 */
	public static final AttributeKey<Long> DROPPED_EVENTS = AttributeKey.longKey("ten.dropped_events_count");

	/**
	 * Seconds from the start of an LLM call to its first streamed chunk, on {@value #LLM_SPAN}. Added by
	 * ten-tracing.
	 */
	public static final AttributeKey<Double> LLM_TIME_TO_FIRST_TOKEN = AttributeKey
		.doubleKey("ten.llm.time_to_first_token");

	/**
	 * The same time to first chunk under its OpenTelemetry GenAI name, in seconds, on {@value #LLM_SPAN}, so
	 * that GenAI-aware backends show it.
	 */
	public static final AttributeKey<Double> GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK = AttributeKey
		.doubleKey("gen_ai.response.time_to_first_chunk");

	/**
	 * Seconds from the start of a synthesis to its first audio, on {@value #TTS_SPAN}. Added by ten-tracing.
	 */
	public static final AttributeKey<Double> TTS_TIME_TO_FIRST_BYTE = AttributeKey
		.doubleKey("ten.tts.time_to_first_byte");

	/**
	 * Seconds from the end of the user's speech to the turn's first audio out, or to the start of its playback
	 * when the application reports it: the wait a caller feels, on {@value #TURN_SPAN}. The
	 * {@value #TURN_LATENCY_PREFIX}{@code *} segments add up to it. Added by ten-tracing.
	 */
	public static final AttributeKey<Double> TURN_E2E_LATENCY = AttributeKey.doubleKey("ten.turn.e2e_latency");

	/**
	 * Prefix of a turn's latency breakdown, on {@value #TURN_SPAN}: one seconds attribute per segment of the
	 * wait from the end of the user's speech to the first audio out, the segments summing to
	 * {@link #TURN_E2E_LATENCY}. Added by ten-tracing.
	 */
	public static final String TURN_LATENCY_PREFIX = "ten.turn.latency.";

	/** Segment: from the end of the user's speech to the end of turn being detected ({@code TurnSpan.endOfTurnDetected()}). */
	public static final AttributeKey<Double> TURN_LATENCY_END_OF_TURN = latency("end_of_turn_detection");

	/** Segment: from the end of the user's speech to the final transcript of an {@value #STT_SPAN}. */
	public static final AttributeKey<Double> TURN_LATENCY_TRANSCRIPTION = latency("transcription");

	/** Segment: LLM calls of the turn until its first token of text. */
	public static final AttributeKey<Double> TURN_LATENCY_LLM_FIRST_TOKEN = latency("llm_time_to_first_token");

	/** Segment: from the first token to the end of the first complete sentence. */
	public static final AttributeKey<Double> TURN_LATENCY_FIRST_SENTENCE = latency("llm_first_sentence");

	/** Segment: tool calls that ran before the first audio. */
	public static final AttributeKey<Double> TURN_LATENCY_TOOLS = latency("tools");

	/** Segment: from the start of the synthesis that gave the first audio to that audio. */
	public static final AttributeKey<Double> TURN_LATENCY_TTS_FIRST_BYTE = latency("tts_time_to_first_byte");

	/** Segment: from the first audio out to the start of its playback ({@code TurnSpan.playbackStarted()}). */
	public static final AttributeKey<Double> TURN_LATENCY_PLAYBACK_START = latency("playback_start");

	/** Segment: the time of the wait that no reported stage covers. */
	public static final AttributeKey<Double> TURN_LATENCY_UNATTRIBUTED = latency("unattributed");

	/** The segments of a turn's latency breakdown, in pipeline order, the remainder last. */
	public static final List<AttributeKey<Double>> TURN_LATENCY_SEGMENTS = List.of(TURN_LATENCY_END_OF_TURN,
			TURN_LATENCY_TRANSCRIPTION, TURN_LATENCY_LLM_FIRST_TOKEN, TURN_LATENCY_TOOLS, TURN_LATENCY_FIRST_SENTENCE,
			TURN_LATENCY_TTS_FIRST_BYTE, TURN_LATENCY_PLAYBACK_START, TURN_LATENCY_UNATTRIBUTED);

	/**
	 * The marks a turn's latency breakdown had to do without, on {@value #TURN_SPAN}: any of
	 * {@code user_speech_end} (the wait then runs from the start of the turn) and the segment names whose mark
	 * was not reported. Added by ten-tracing.
	 */
	public static final AttributeKey<List<String>> TURN_LATENCY_MISSING = AttributeKey
		.stringArrayKey("ten.turn.latency_breakdown.missing");

	/**
	 * The segments that ran beside another one, on {@value #TURN_SPAN}: their shared time is counted once, on the
	 * stage the turn waited for longest (the critical path). Added by ten-tracing.
	 */
	public static final AttributeKey<List<String>> TURN_LATENCY_PARALLEL = AttributeKey
		.stringArrayKey("ten.turn.latency_breakdown.parallel");

	/**
	 * What cut a turn short, on an interrupted {@value #TURN_SPAN}: {@value #CAUSE_USER_SPEECH},
	 * {@value #CAUSE_NEW_TURN} or {@value #CAUSE_PROGRAMMATIC}. Added by ten-tracing.
	 */
	public static final AttributeKey<String> INTERRUPTION_CAUSE = AttributeKey.stringKey("ten.interruption.cause");

	/** {@link #INTERRUPTION_CAUSE}: the user spoke over the agent (a barge-in). */
	public static final String CAUSE_USER_SPEECH = "user_speech";

	/** {@link #INTERRUPTION_CAUSE}: the next turn started while this one was open. */
	public static final String CAUSE_NEW_TURN = "new_turn";

	/** {@link #INTERRUPTION_CAUSE}: the application cut the turn for its own reasons. */
	public static final String CAUSE_PROGRAMMATIC = "programmatic";

	/**
	 * Seconds of the agent's audio played before an interruption cut it, on an interrupted {@value #TURN_SPAN}.
	 * Added by ten-tracing.
	 */
	public static final AttributeKey<Double> INTERRUPTION_PLAYOUT_POSITION = AttributeKey
		.doubleKey("ten.interruption.playout_position");

	/**
	 * The agent's text that the user heard before an interruption (content, truncated), on an interrupted
	 * {@value #TURN_SPAN}: the synthesised sentences as far as the played audio reached. Added by ten-tracing.
	 */
	public static final AttributeKey<String> INTERRUPTION_HEARD_TEXT = AttributeKey
		.stringKey("ten.interruption.heard_text");

	/**
	 * Who started a turn, set to {@value #INITIATOR_AGENT} on turns the agent started (a greeting, a proactive
	 * prompt); absent on turns the user started. On {@value #TURN_SPAN}. Added by ten-tracing.
	 */
	public static final AttributeKey<String> TURN_INITIATOR = AttributeKey.stringKey("ten.turn.initiator");

	/** Value of {@link #TURN_INITIATOR} for a turn the agent started. */
	public static final String INITIATOR_AGENT = "agent";

	/**
	 * Whether the work of a step was cancelled before it finished, on any step span. A cancelled step is not
	 * an error. Added by ten-tracing.
	 */
	public static final AttributeKey<Boolean> CANCELLED = AttributeKey.booleanKey("ten.cancelled");

	/**
	 * Event recorded on a failed span, as OpenTelemetry's exception conventions define it: carries
	 * {@link #EXCEPTION_TYPE}, and {@link #EXCEPTION_MESSAGE} and {@link #EXCEPTION_STACKTRACE} within the
	 * content rules.
	 */
	public static final String EXCEPTION_EVENT = "exception";

	/**
	 * The class name of the exception a step failed with, on the step's span, as OpenTelemetry's general
	 * conventions (and the GenAI ones) have it for failed operations; absent when the step did not fail.
	 * Added by ten-tracing.
	 */
	public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

	/** The exception's class name, on the {@value #EXCEPTION_EVENT} event. */
	public static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");

	/** The exception's message (content, truncated; only with content capture on), on the {@value #EXCEPTION_EVENT} event. */
	public static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");

	/**
	 * The exception's stack trace, truncated, on the {@value #EXCEPTION_EVENT} event; with content capture off
	 * it lists types and frames only, without any message.
	 */
	public static final AttributeKey<String> EXCEPTION_STACKTRACE = AttributeKey.stringKey("exception.stacktrace");

	/** Event: the user joined the session. */
	public static final String USER_JOINED = "user_joined";

	/** Event: the user left the session. */
	public static final String USER_LEFT = "user_left";

	/** Event: a tool was registered; carries {@link #TOOL_NAME}. */
	public static final String TOOL_REGISTERED = "tool_registered";

	/** Event: the LLM finished generating. */
	public static final String LLM_RESPONSE_COMPLETE = "llm_response_complete";

	/** Event: the turn was interrupted by the user. */
	public static final String INTERRUPTED_EVENT = "interrupted";

	/** Instrumentation scope name of the spans ten-tracing creates. */
	public static final String INSTRUMENTATION_SCOPE = "dev.ten.tracing";

	private TenConventions() {
	}

	private static AttributeKey<Double> latency(String segment) {
		return AttributeKey.doubleKey(TURN_LATENCY_PREFIX + segment);
	}

}
