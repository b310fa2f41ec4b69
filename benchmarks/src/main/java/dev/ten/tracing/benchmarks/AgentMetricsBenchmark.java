package dev.ten.tracing.benchmarks;

import java.util.concurrent.TimeUnit;

import dev.ten.tracing.AgentSession;
import dev.ten.tracing.AgentTracer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the agent metrics add to a whole turn (turn, LLM with usage and a streamed chunk, tool, TTS, through
 * the programmatic API): the same turn with and without a Micrometer registry, which is what switches the
 * metrics on. The registry is Micrometer's simple one, in memory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class AgentMetricsBenchmark {

	@Param({ "withoutMetrics", "withMetrics" })
	public String approach;

	private ConfigurableApplicationContext context;

	private VoiceTurn turn;

	private AgentSession session;

	@Setup
	public void start() {
		boolean metrics = this.approach.equals("withMetrics");
		this.context = BenchmarkApplications.start(TurnBenchmark.Application.class, (context) -> {
			if (metrics) {
				context.getBeanFactory().registerSingleton("meterRegistry", new SimpleMeterRegistry());
			}
		}, "management.tracing.export.enabled=false");
		this.turn = this.context.getBean("tenProgrammatic", VoiceTurn.class);
		this.session = this.context.getBean(AgentTracer.class).startSession(TurnBenchmark.SESSION, "agent");
	}

	@TearDown
	public void stop() {
		this.session.end();
		this.context.close();
	}

	@Benchmark
	public String wholeTurn() {
		return this.turn.play(TurnBenchmark.SESSION, "What's the weather in Paris?");
	}

}
