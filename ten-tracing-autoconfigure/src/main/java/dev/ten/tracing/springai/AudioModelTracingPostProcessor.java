package dev.ten.tracing.springai;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.function.Supplier;

import dev.ten.tracing.AgentTracer;

import org.springframework.ai.audio.transcription.StreamingTranscriptionModel;
import org.springframework.ai.audio.tts.StreamingTextToSpeechModel;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.util.ClassUtils;

/**
 * Proxies the application's Spring AI audio model beans ({@code TranscriptionModel},
 * {@code StreamingTranscriptionModel}, {@code TextToSpeechModel}, {@code StreamingTextToSpeechModel}) so that
 * their calls inside an agent turn are {@code stt_node} and {@code tts_node} steps. A model class that can be
 * subclassed keeps its type (a class proxy); a final one, such as Spring AI's OpenAI models, is proxied by its
 * interfaces, so inject it by its Spring AI interface. A bean already proxied gets the interceptor added.
 */
public final class AudioModelTracingPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor {

	/**
	 * Creates the post-processor.
	 * @param tracer supplies the agent tracer at the first call
	 */
	public AudioModelTracingPostProcessor(Supplier<AgentTracer> tracer) {
		this.advisor = new DefaultPointcutAdvisor(new EntryPoints(), new AudioModelCalls(tracer));
		setBeforeExistingAdvisors(true);
	}

	/** A class proxy where the class can be subclassed, whatever the application's default; else its interfaces. */
	@Override
	protected void customizeProxyFactory(ProxyFactory proxyFactory) {
		Class<?> target = proxyFactory.getTargetClass();
		if (target == null) {
			return;
		}
		if (!Modifier.isFinal(target.getModifiers())) {
			proxyFactory.setProxyTargetClass(true);
			return;
		}
		proxyFactory.setProxyTargetClass(false);
		if (proxyFactory.getProxiedInterfaces().length == 0) {
			for (Class<?> type : ClassUtils.getAllInterfacesForClass(target)) {
				proxyFactory.addInterface(type);
			}
		}
	}

	/** The models' entry points, on the audio model classes. */
	private static final class EntryPoints extends StaticMethodMatcherPointcut {

		EntryPoints() {
			setClassFilter((type) -> StreamingTranscriptionModel.class.isAssignableFrom(type)
					|| StreamingTextToSpeechModel.class.isAssignableFrom(type));
		}

		@Override
		public boolean matches(Method method, Class<?> targetClass) {
			return AudioModelCalls.isEntryPoint(method);
		}

	}

}
