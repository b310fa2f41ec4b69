package dev.ten.tracing.springai;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import dev.ten.tracing.internal.Guard;

import org.springframework.ai.audio.transcription.AudioTranscriptionOptions;
import org.springframework.util.ReflectionUtils;

/**
 * The model a transcription model uses when a prompt names none: Spring AI's {@code TranscriptionModel} has no
 * getter for its default options, but its models have a public {@code getOptions()}, looked up once per class.
 */
final class DefaultTranscriptionOptions extends ClassValue<Method> {

	/**
	 * The model of a transcription model's default options.
	 * @param model the transcription model
	 * @return the model name, or {@code null} when it has no such options
	 */
	String modelOf(Object model) {
		if (model == null) {
			return null;
		}
		Method getter = get(model.getClass());
		if (getter == null) {
			return null;
		}
		return Guard.call(() -> (ReflectionUtils.invokeMethod(getter, model) instanceof AudioTranscriptionOptions options)
				? options.getModel() : null, null);
	}

	@Override
	protected Method computeValue(Class<?> type) {
		Method getter = ReflectionUtils.findMethod(type, "getOptions");
		boolean usable = getter != null && Modifier.isPublic(getter.getModifiers())
				&& Modifier.isPublic(getter.getDeclaringClass().getModifiers())
				&& AudioTranscriptionOptions.class.isAssignableFrom(getter.getReturnType());
		return usable ? getter : null;
	}

}
