package dev.ten.tracing;

/**
 * Reaches the application's {@link AgentTracer} from code that is not a Spring bean; the counterpart of
 * {@code get_tracer()}. In a Spring Boot application the auto-configuration registers the tracer bean here
 * at startup and removes it at shutdown. Before that, or when tracing is off, {@link #get()} returns the
 * no-op tracer, never {@code null}.
 */
public final class GlobalAgentTracer {

	private static volatile AgentTracer tracer = AgentTracer.noop();

	private GlobalAgentTracer() {
	}

	/**
	 * Returns the registered tracer.
	 * @return the tracer, the no-op one if none is registered
	 */
	public static AgentTracer get() {
		return tracer;
	}

	/**
	 * Registers the tracer that {@link #get()} returns.
	 * @param agentTracer the tracer, or {@code null} to register the no-op tracer
	 */
	public static void set(AgentTracer agentTracer) {
		tracer = (agentTracer != null) ? agentTracer : AgentTracer.noop();
	}

	/**
	 * Registers the no-op tracer again, if {@code agentTracer} is the one registered.
	 * @param agentTracer the tracer to unregister
	 */
	public static void unset(AgentTracer agentTracer) {
		if (tracer == agentTracer) {
			tracer = AgentTracer.noop();
		}
	}

}
