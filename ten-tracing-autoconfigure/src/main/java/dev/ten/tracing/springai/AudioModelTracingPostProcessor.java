package dev.ten.tracing.springai;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.function.Supplier;

import dev.ten.tracing.AgentTracer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.ai.audio.transcription.StreamingTranscriptionModel;
import org.springframework.ai.audio.tts.StreamingTextToSpeechModel;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.util.ClassUtils;

/**
 * Proxies the application's Spring AI audio model beans ({@code TranscriptionModel},
 * {@code StreamingTranscriptionModel}, {@code TextToSpeechModel}, {@code StreamingTextToSpeechModel}) so that
 * their calls inside an agent turn are {@code stt_node} and {@code tts_node} steps. A model class that can be
 * subclassed keeps its type (a class proxy). A final (or sealed) one, such as Spring AI's OpenAI models, can
 * only be proxied by its interfaces, which breaks code that injects it by its class: it is left alone, with a
 * line at startup naming it, unless the application asks for interface proxies. A bean already proxied gets
 * the interceptor added.
 */
public final class AudioModelTracingPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor {

	private static final Log logger = LogFactory.getLog(AudioModelTracingPostProcessor.class);

	/** Whether final model classes are proxied by their interfaces. */
	private final boolean proxyFinalClasses;

	/**
	 * Creates the post-processor.
	 * @param tracer supplies the agent tracer at the first call
	 * @param proxyFinalClasses whether to proxy final model classes by their interfaces too (the application
	 * then injects them by their Spring AI interfaces)
	 */
	public AudioModelTracingPostProcessor(Supplier<AgentTracer> tracer, boolean proxyFinalClasses) {
		this.advisor = new DefaultPointcutAdvisor(new EntryPoints(), new AudioModelCalls(tracer));
		this.proxyFinalClasses = proxyFinalClasses;
		setBeforeExistingAdvisors(true);
	}

	@Override
	protected boolean isEligible(Object bean, String beanName) {
		if (!super.isEligible(bean, beanName)) {
			return false;
		}
		Class<?> type = AopUtils.getTargetClass(bean);
		if (subclassable(type) || this.proxyFinalClasses) {
			return true;
		}
		logger.info("Spring AI audio model bean '" + beanName + "' (" + type.getName() + ") is not traced: its class"
				+ " cannot be subclassed, and a proxy by its interfaces would break code that injects it by its class."
				+ " To trace its calls inside agent turns as stt_node/tts_node steps, inject it by its Spring AI"
				+ " interface and set ten.tracing.spring-ai.proxy-final-audio-models=true.");
		return false;
	}

	private static boolean subclassable(Class<?> type) {
		return !Modifier.isFinal(type.getModifiers()) && !type.isSealed();
	}

	/** A class proxy where the class can be subclassed, whatever the application's default; else its interfaces. */
	@Override
	protected void customizeProxyFactory(ProxyFactory proxyFactory) {
		Class<?> target = proxyFactory.getTargetClass();
		if (target == null) {
			return;
		}
		if (subclassable(target)) {
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
