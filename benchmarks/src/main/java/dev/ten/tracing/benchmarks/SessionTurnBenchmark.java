package dev.ten.tracing.benchmarks;

import java.util.concurrent.TimeUnit;

import dev.ten.tracing.AgentSession;
import dev.ten.tracing.AgentTracer;
import io.opentelemetry.api.trace.Span;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole turn in one open session, per approach: the application a subclass names holds a {@link VoiceTurn}
 * bean per approach and the raw floor's session bookkeeping ({@link VoiceTurns.RawOpenTelemetry}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public abstract class SessionTurnBenchmark {

	private ConfigurableApplicationContext context;

	private VoiceTurn turn;

	private AgentSession session;

	private Span rawSession;

	/** @return the approach measured, the name of its {@link VoiceTurn} bean */
	protected abstract String approach();

	/** @return the application's configuration */
	protected abstract Class<?> application();

	/** @return the id of the session the turns are played in */
	protected abstract String sessionId();

	@Setup
	public void start() {
		this.context = BenchmarkApplications.start(application(), "management.tracing.export.enabled=false");
		this.turn = this.context.getBean(approach(), VoiceTurn.class);
		this.session = this.context.getBean(AgentTracer.class).startSession(sessionId(), "agent");
		this.rawSession = this.context.getBean(VoiceTurns.RawOpenTelemetry.class).startSession(sessionId());
	}

	@TearDown
	public void stop() {
		this.session.end();
		this.rawSession.end();
		this.context.close();
	}

	@Benchmark
	public String wholeTurn() {
		return this.turn.play(sessionId(), "What's the weather in Paris?");
	}

}
