package dev.ten.tracing.autoconfigure;

import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.GlobalAgentTracer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Registers the application's tracer with {@link GlobalAgentTracer} for code outside Spring beans, and
 * removes it at shutdown.
 */
class GlobalAgentTracerRegistration implements InitializingBean, DisposableBean {

	private final AgentTracer tracer;

	GlobalAgentTracerRegistration(AgentTracer tracer) {
		this.tracer = tracer;
	}

	@Override
	public void afterPropertiesSet() {
		GlobalAgentTracer.set(this.tracer);
	}

	@Override
	public void destroy() {
		GlobalAgentTracer.unset(this.tracer);
	}

}
