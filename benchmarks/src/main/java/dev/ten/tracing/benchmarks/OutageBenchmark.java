package dev.ten.tracing.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

import dev.ten.tracing.AgentSession;
import dev.ten.tracing.AgentTracer;
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
import org.openjdk.jmh.infra.Blackhole;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Goal 5: a traced turn costs the agent's thread the same whether the collector is up (an OTLP receiver in
 * another process, {@link ReceiverProcess}) or down (nothing listening): export happens on the export
 * buffer's thread, never the agent's, and with the collector down and turns played flat out the buffer
 * reaches its budget and drops its oldest spans, also off the agent's thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class OutageBenchmark {

	@Param({ "collectorUp", "collectorDown" })
	public String collector;

	/**
	 * Work the agent does per turn besides tracing, in JMH CPU tokens: 0 runs turns flat out, so the export
	 * thread competes for the CPU; 20000 (tens of microseconds) leaves the exporter room, as a real agent
	 * that waits on models and audio does.
	 */
	@Param({ "0", "20000" })
	public long agentWork;

	private RemoteReceiver receiver;

	private ConfigurableApplicationContext context;

	private VoiceTurn turn;

	private AgentSession session;

	@Setup
	public void start() throws IOException {
		String endpoint;
		if (this.collector.equals("collectorUp")) {
			this.receiver = new RemoteReceiver();
			endpoint = this.receiver.endpoint();
		}
		else {
			endpoint = "http://127.0.0.1:" + closedPort();
		}
		this.context = BenchmarkApplications.start(TurnBenchmark.Application.class, "ten.tracing.otlp-endpoint=" + endpoint,
				"logging.level.io.opentelemetry=off");
		this.turn = this.context.getBean("tenAnnotations", VoiceTurn.class);
		this.session = this.context.getBean(AgentTracer.class).startSession(TurnBenchmark.SESSION, "agent");
		this.context.getBean(VoiceTurns.RawOpenTelemetry.class).startSession(TurnBenchmark.SESSION).end();
	}

	@TearDown
	public void stop() throws InterruptedException {
		this.session.end();
		this.context.close();
		if (this.receiver != null) {
			this.receiver.close();
		}
	}

	@Benchmark
	public String tracedTurn() {
		Blackhole.consumeCPU(this.agentWork);
		return this.turn.play(TurnBenchmark.SESSION, "What's the weather in Paris?");
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
