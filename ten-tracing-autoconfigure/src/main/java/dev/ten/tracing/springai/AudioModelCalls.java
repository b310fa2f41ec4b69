package dev.ten.tracing.springai;

import java.lang.reflect.Method;
import java.util.function.Supplier;

import dev.ten.tracing.AgentReactorContext;
import dev.ten.tracing.AgentSpan;
import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.LibrarySteps;
import dev.ten.tracing.SttSpan;
import dev.ten.tracing.TtsSpan;
import dev.ten.tracing.internal.Guard;
import io.opentelemetry.context.Scope;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import reactor.core.publisher.Flux;

import org.springframework.ai.audio.transcription.AudioTranscription;
import org.springframework.ai.audio.transcription.AudioTranscriptionOptions;
import org.springframework.ai.audio.transcription.AudioTranscriptionPrompt;
import org.springframework.ai.audio.transcription.AudioTranscriptionResponse;
import org.springframework.ai.audio.transcription.StreamingTranscriptionModel;
import org.springframework.ai.audio.tts.StreamingTextToSpeechModel;
import org.springframework.ai.audio.tts.TextToSpeechModel;
import org.springframework.ai.audio.tts.TextToSpeechOptions;
import org.springframework.ai.audio.tts.TextToSpeechPrompt;

/**
 * Traces the calls of Spring AI's audio models made inside an agent turn, which Spring AI does not observe:
 * a transcription is an {@code stt_node} (model, transcript, streamed pieces), a synthesis a {@code tts_node}
 * (model, voice, text, time to first audio). Every entry point of the models' interfaces is intercepted, as
 * their default methods call the model itself rather than its proxy. A call outside any agent step runs as it
 * is. The model is called when the application calls it, as without tracing; a streamed result's step starts
 * when the stream is subscribed and ends with it. A failure to start a step leaves the call untraced.
 */
final class AudioModelCalls implements MethodInterceptor {

	/** Spring AI's transcription interface has no options getter; its models have one. */
	private static final DefaultTranscriptionOptions DEFAULT_OPTIONS = new DefaultTranscriptionOptions();

	private final Supplier<AgentTracer> tracer;

	AudioModelCalls(Supplier<AgentTracer> tracer) {
		this.tracer = tracer;
	}

	/** Whether a method is one of the models' entry points. */
	static boolean isEntryPoint(Method method) {
		return Kind.of(method) != null;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		Kind kind = Kind.of(invocation.getMethod());
		AgentSpan current = LibrarySteps.current();
		if (kind == null || current == null || current instanceof SttSpan || current instanceof TtsSpan) {
			return invocation.proceed();
		}
		if (Flux.class.equals(invocation.getMethod().getReturnType())) {
			// Called now, as without tracing; each subscription of its stream is a step.
			Object result = invocation.proceed();
			return (result instanceof Flux<?> stream) ? Flux.defer(() -> traced(kind, current, invocation, stream))
					: result;
		}
		AgentSpan step = start(kind, invocation);
		if (step == null) {
			return invocation.proceed();
		}
		Object result;
		try (Scope scope = step.makeCurrent()) {
			result = invocation.proceed();
		}
		catch (Throwable failure) {
			step.recordException(failure);
			step.close();
			throw failure;
		}
		Guard.run(() -> kind.recordResult(step, result));
		step.close();
		return result;
	}

	private Flux<?> traced(Kind kind, AgentSpan parent, MethodInvocation invocation, Flux<?> stream) {
		AgentSpan step;
		try (Scope scope = parent.makeCurrent()) {
			step = start(kind, invocation);
		}
		if (step == null) {
			return stream;
		}
		return AgentReactorContext.within(stream.doOnNext((element) -> Guard.run(() -> kind.recordElement(step, element)))
			.doOnError(step::recordException)
			.doOnCancel(step::cancelled)
			.doFinally((signal) -> step.close()), step);
	}

	/** Starts the step, or returns {@code null} when tracing it failed (the call then runs untraced). */
	private AgentSpan start(Kind kind, MethodInvocation invocation) {
		return Guard.call(() -> kind.start(this.tracer.get(), invocation), null);
	}

	/** The two kinds of audio model call, told apart by the first parameter of the entry point. */
	enum Kind {

		TRANSCRIPTION {
			@Override
			AgentSpan start(AgentTracer tracer, MethodInvocation invocation) {
				Object[] arguments = invocation.getArguments();
				AudioTranscriptionOptions options = null;
				if (arguments[0] instanceof AudioTranscriptionPrompt prompt) {
					options = prompt.getOptions();
				}
				else if (arguments.length > 1 && arguments[1] instanceof AudioTranscriptionOptions given) {
					options = given;
				}
				String model = (options != null) ? options.getModel() : null;
				return tracer.startStt(null, (model != null) ? model : DEFAULT_OPTIONS.modelOf(invocation.getThis()));
			}

			@Override
			void recordResult(AgentSpan step, Object result) {
				String text = textOf(result);
				if (text != null) {
					((SttSpan) step).finalTranscript(text);
				}
			}

			@Override
			void recordElement(AgentSpan step, Object element) {
				String text = textOf(element);
				if (text != null) {
					((SttSpan) step).transcriptChunk(text);
				}
			}

			/** The text of a response, or the text itself (the interfaces' default methods return it). */
			private String textOf(Object result) {
				if (result instanceof AudioTranscriptionResponse response) {
					AudioTranscription transcription = response.getResult();
					return (transcription != null) ? transcription.getOutput() : null;
				}
				return (result instanceof String text) ? text : null;
			}
		},

		SYNTHESIS {
			@Override
			AgentSpan start(AgentTracer tracer, MethodInvocation invocation) {
				Object[] arguments = invocation.getArguments();
				String text = null;
				TextToSpeechOptions options = null;
				if (arguments[0] instanceof TextToSpeechPrompt prompt) {
					text = (prompt.getInstructions() != null) ? prompt.getInstructions().getText() : null;
					options = prompt.getOptions();
				}
				else if (arguments[0] instanceof String given) {
					text = given;
					options = (arguments.length > 1 && arguments[1] instanceof TextToSpeechOptions opts) ? opts : null;
				}
				TtsSpan tts = tracer.startTts(null, text);
				TextToSpeechOptions defaults = (invocation.getThis() instanceof TextToSpeechModel model)
						? Guard.call(model::getOptions, null) : null;
				tts.model(firstOf((options != null) ? options.getModel() : null,
						(defaults != null) ? defaults.getModel() : null));
				tts.voice(firstOf((options != null) ? options.getVoice() : null,
						(defaults != null) ? defaults.getVoice() : null));
				return tts;
			}

			@Override
			void recordResult(AgentSpan step, Object result) {
				((TtsSpan) step).audioChunk();
			}

			@Override
			void recordElement(AgentSpan step, Object element) {
				((TtsSpan) step).audioChunk();
			}

			private String firstOf(String given, String fallback) {
				return (given != null) ? given : fallback;
			}
		};

		abstract AgentSpan start(AgentTracer tracer, MethodInvocation invocation);

		abstract void recordResult(AgentSpan step, Object result);

		abstract void recordElement(AgentSpan step, Object element);

		/** The kind of an entry point of the audio models' interfaces, or {@code null} for any other method. */
		static Kind of(Method method) {
			Class<?>[] parameters = method.getParameterTypes();
			if (parameters.length == 0 || parameters.length > 2) {
				return null;
			}
			String name = method.getName();
			Class<?> first = parameters[0];
			boolean transcriptionModel = StreamingTranscriptionModel.class.isAssignableFrom(method.getDeclaringClass());
			if (transcriptionModel && (name.equals("call") || name.equals("stream"))
					&& first == AudioTranscriptionPrompt.class && parameters.length == 1) {
				return TRANSCRIPTION;
			}
			if (transcriptionModel && (name.equals("transcribe") || name.equals("streamTranscribe"))
					&& first == org.springframework.core.io.Resource.class) {
				return TRANSCRIPTION;
			}
			boolean synthesisModel = StreamingTextToSpeechModel.class.isAssignableFrom(method.getDeclaringClass());
			if (synthesisModel && (name.equals("call") || name.equals("stream"))
					&& (first == TextToSpeechPrompt.class || first == String.class)) {
				return SYNTHESIS;
			}
			return null;
		}

	}

}
