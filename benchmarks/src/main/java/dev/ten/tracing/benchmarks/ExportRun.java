package dev.ten.tracing.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.ten.tracing.AgentSession;
import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.LlmSpan;
import dev.ten.tracing.ToolSpan;
import dev.ten.tracing.TtsSpan;
import dev.ten.tracing.TurnSpan;
import dev.ten.tracing.export.BufferedSpanExporter;
import dev.ten.tracing.export.ExportPipeline;
import dev.ten.tracing.export.ExportSnapshot;
import io.opentelemetry.context.Scope;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The export as production meets it: an agent application with the default settings exporting over gRPC to
 * a collector in another process ({@link ReceiverProcess}) that goes away, comes back, answers UNAVAILABLE,
 * or is down at shutdown. Each scenario counts the spans the agent made, those the collector took and those
 * the export says it dropped (by cause), the most spans and bytes waiting at once, the heap they took, how
 * long each turn's tracing calls took on the agent's threads, and how long shutdown took.
 * <p>
 * Two workloads: {@code arrivals} starts a number of sessions a second, each playing three turns and ending
 * (1 + 3 x 4 = 13 spans, as the issue's probe did); {@code concurrent} keeps a number of sessions open, each
 * taking a turn every few seconds. A turn is four spans (turn, LLM, tool, TTS) with content of realistic
 * length.
 * <p>
 * Run: {@code java -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*"
 * dev.ten.tracing.benchmarks.ExportRun [scenario ...]}; with no argument every scenario runs.
 */
public final class ExportRun {

	private static final String UTTERANCE = "Can you move my dentist appointment on Thursday to the afternoon, "
			+ "and tell me if it is going to rain?";

	private static final String ANSWER = ("I moved your dentist appointment to Thursday at 3 pm. There is a forty "
			+ "percent chance of light rain in the afternoon, so you may want to take an umbrella. ").repeat(3);

	private static final String TOOL_ARGUMENTS = "{\"appointment\":\"dentist\",\"day\":\"thursday\",\"time\":\"15:00\"}";

	private static final String TOOL_OUTPUT = "{\"status\":\"moved\",\"at\":\"2026-12-03T15:00:00+01:00\"}";

	private static final int SPANS_PER_TURN = 4;

	private ExportRun() {
	}

	public static void main(String[] args) throws Exception {
		List<String> chosen = Arrays.asList(args);
		for (Scenario scenario : scenarios()) {
			if (chosen.isEmpty() || chosen.contains(scenario.name())) {
				run(scenario);
			}
		}
		System.exit(0);
	}

	private static List<Scenario> scenarios() {
		Workload probe = Workload.arrivals(20, 3);
		return List.of(
				new Scenario("down-first-10s", probe, 30, List.of(at(0, "stop"), at(10, "restart")), false),
				new Scenario("killed-at-10s-back-at-20s", probe, 40, List.of(at(10, "stop"), at(20, "restart")), false),
				new Scenario("unavailable-3", probe, 15, List.of(at(0, "unavailable 3")), false),
				new Scenario("unavailable-6", probe, 15, List.of(at(0, "unavailable 6")), false),
				new Scenario("down-60s-at-300-spans-per-s", Workload.arrivals(23, 3), 90,
						List.of(at(10, "stop"), at(70, "restart")), false),
				new Scenario("down-at-shutdown", probe, 10, List.of(at(5, "stop")), true),
				new Scenario("1000-sessions-4000-spans-per-s", Workload.concurrent(1_000, 1_000), 20, List.of(), false),
				new Scenario("1000-sessions-turn-every-3s-down-60s", Workload.concurrent(1_000, 333), 100,
						List.of(at(20, "stop"), at(80, "restart")), false));
	}

	private static void run(Scenario scenario) throws Exception {
		try (RemoteReceiver receiver = new RemoteReceiver()) {
			ConfigurableApplicationContext context = BenchmarkApplications.start(Application.class,
					"ten.tracing.otlp-endpoint=" + receiver.endpoint(), "logging.level.dev.ten.tracing.export=info",
					"ten.tracing.max-open-sessions=20000");
			BufferedSpanExporter exporter = context.getBean(ExportPipeline.class).exporters().get(0);
			AgentTracer tracer = context.getBean(AgentTracer.class);
			Monitor monitor = new Monitor(exporter);
			monitor.start();
			Turns turns = new Turns(tracer);
			long produced = scenario.workload().play(tracer, scenario, receiver, turns, monitor);
			ExportSnapshot beforeShutdown = exporter.snapshot();
			long closing = System.nanoTime();
			context.close();
			Duration shutdown = Duration.ofNanos(System.nanoTime() - closing);
			monitor.interrupt();
			long received = scenario.downAtShutdown() ? receiver.spans() : receiver.awaitQuiet();
			ExportSnapshot after = exporter.snapshot();
			System.out.printf("%n== %s: %s, %d s%n", scenario.name(), scenario.workload(), scenario.seconds());
			System.out.printf("spans made %,d, taken by the collector %,d, lost %,d; dropped by cause %s%n", produced,
					received, produced - received, droppedByCause(after));
			System.out.printf("most waiting at once %,d spans, %,d bytes (estimated); heap for them %s%n",
					monitor.mostWaiting.get(), monitor.mostBytes.get(), monitor.heapPerWaitingSpan());
			System.out.printf("tracing calls per turn on the agent's threads: %s%n", turns.summary());
			System.out.printf("shutdown took %d ms (waiting before it: %,d spans); failed exports %,d%n",
					shutdown.toMillis(), beforeShutdown.waiting(), after.failedExports());
		}
	}

	private static String droppedByCause(ExportSnapshot snapshot) {
		StringBuilder causes = new StringBuilder();
		snapshot.dropped().forEach((cause, count) -> causes.append(causes.isEmpty() ? "" : ", ")
			.append(cause.tag()).append(' ').append(String.format("%,d", count)));
		return causes.isEmpty() ? "none" : causes.toString();
	}

	private static Action at(int second, String command) {
		return new Action(second, command);
	}

	/** What happens to the collector at a second of the run. */
	record Action(int second, String command) {

		void apply(RemoteReceiver receiver, Monitor monitor) throws Exception {
			if (this.command.equals("restart")) {
				monitor.measureHeap();
				receiver.restart();
			}
			else if (this.command.equals("stop")) {
				receiver.stop();
			}
			else {
				receiver.answerUnavailable(Integer.parseInt(this.command.split(" ")[1]));
			}
		}

	}

	record Scenario(String name, Workload workload, int seconds, List<Action> actions, boolean downAtShutdown) {
	}

	/**
	 * Sessions started at a rate, each playing its turns and ending; or sessions kept open, taking turns at a
	 * rate across them.
	 */
	record Workload(boolean concurrent, int sessions, int rate, int turnsPerSession) {

		static Workload arrivals(int sessionsPerSecond, int turns) {
			return new Workload(false, 0, sessionsPerSecond, turns);
		}

		static Workload concurrent(int sessions, int turnsPerSecond) {
			return new Workload(true, sessions, turnsPerSecond, 0);
		}

		long play(AgentTracer tracer, Scenario scenario, RemoteReceiver receiver, Turns turns, Monitor monitor)
				throws Exception {
			ExecutorService agents = Executors.newFixedThreadPool(4);
			AtomicLong spans = new AtomicLong();
			List<AgentSession> open = new ArrayList<>();
			for (int i = 0; i < this.sessions; i++) {
				open.add(tracer.startSession("open-" + i, "agent"));
			}
			spans.addAndGet(this.sessions);
			long start = System.nanoTime();
			long interval = 1_000_000_000L / this.rate;
			long next = start;
			int action = 0;
			for (long n = 0; next - start < TimeUnit.SECONDS.toNanos(scenario.seconds()); n++) {
				while (action < scenario.actions().size()
						&& System.nanoTime() - start >= TimeUnit.SECONDS.toNanos(scenario.actions().get(action).second())) {
					scenario.actions().get(action++).apply(receiver, monitor);
				}
				LockSupport.parkNanos(next - System.nanoTime());
				next += interval;
				if (this.concurrent) {
					AgentSession session = open.get((int) (n % open.size()));
					agents.execute(() -> turns.play(session, spans));
				}
				else {
					String id = "arrival-" + n;
					agents.execute(() -> {
						AgentSession session = tracer.startSession(id, "agent");
						for (int t = 0; t < this.turnsPerSession; t++) {
							turns.play(session, spans);
						}
						session.end();
						spans.incrementAndGet();
					});
				}
			}
			agents.shutdown();
			agents.awaitTermination(1, TimeUnit.MINUTES);
			for (; action < scenario.actions().size(); action++) {
				scenario.actions().get(action).apply(receiver, monitor);
			}
			open.forEach(AgentSession::end);
			return spans.get();
		}

		@Override
		public String toString() {
			return this.concurrent
					? "%,d sessions open, %,d turns/s (%,d spans/s)".formatted(this.sessions, this.rate,
							this.rate * SPANS_PER_TURN)
					: "%d sessions/s x %d turns (%,d spans/s)".formatted(this.rate, this.turnsPerSession,
							this.rate * (1 + this.turnsPerSession * SPANS_PER_TURN));
		}

	}

	/** Plays turns and times the tracing calls of each. */
	static final class Turns {

		private final List<Long> nanos = Collections.synchronizedList(new ArrayList<>());

		private final AgentTracer tracer;

		Turns(AgentTracer tracer) {
			this.tracer = tracer;
		}

		void play(AgentSession session, AtomicLong spans) {
			long start = System.nanoTime();
			try (TurnSpan turn = session.startTurn(UTTERANCE); Scope inTurn = turn.makeCurrent()) {
				turn.userInputEnded();
				try (LlmSpan llm = this.tracer.startLlm("request-1", "gpt-4o-mini"); Scope inLlm = llm.makeCurrent()) {
					try (ToolSpan tool = this.tracer.startTool("move_appointment", TOOL_ARGUMENTS)) {
						tool.output(TOOL_OUTPUT);
					}
					llm.usage(420L, 96L);
					llm.responseText(ANSWER);
				}
				try (TtsSpan tts = this.tracer.startTts("tts-1", ANSWER)) {
					tts.audioChunk();
				}
			}
			this.nanos.add(System.nanoTime() - start);
			spans.addAndGet(SPANS_PER_TURN);
		}

		String summary() {
			long[] sorted;
			synchronized (this.nanos) {
				sorted = this.nanos.stream().mapToLong(Long::longValue).sorted().toArray();
			}
			if (sorted.length == 0) {
				return "none";
			}
			return "p50 %.1f us, p99 %.1f us, max %.1f ms over %,d turns".formatted(sorted[sorted.length / 2] / 1e3,
					sorted[(int) (sorted.length * 0.99)] / 1e3, sorted[sorted.length - 1] / 1e6, sorted.length);
		}

	}

	/** Samples the export's state every 100 ms; measures the heap when asked. */
	static final class Monitor extends Thread {

		private final BufferedSpanExporter exporter;

		private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

		private final long heapAtStart;

		final AtomicLong mostWaiting = new AtomicLong();

		final AtomicLong mostBytes = new AtomicLong();

		private volatile String heap = "not measured (no outage)";

		Monitor(BufferedSpanExporter exporter) {
			super("export-monitor");
			setDaemon(true);
			this.exporter = exporter;
			this.heapAtStart = usedHeapAfterGc();
		}

		@Override
		public void run() {
			while (!isInterrupted()) {
				ExportSnapshot snapshot = this.exporter.snapshot();
				this.mostWaiting.accumulateAndGet(snapshot.waiting(), Math::max);
				this.mostBytes.accumulateAndGet(snapshot.bufferedBytes(), Math::max);
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

		/** Just before the collector comes back: the heap the waiting spans hold, against the estimate. */
		void measureHeap() {
			long used = usedHeapAfterGc();
			ExportSnapshot snapshot = this.exporter.snapshot();
			if (snapshot.waiting() > 0) {
				this.heap = "%,d bytes for %,d spans waiting (%,d B per span, estimated %,d B)".formatted(
						used - this.heapAtStart, snapshot.waiting(), (used - this.heapAtStart) / snapshot.waiting(),
						snapshot.bufferedBytes() / snapshot.waiting());
			}
		}

		String heapPerWaitingSpan() {
			return this.heap;
		}

		private long usedHeapAfterGc() {
			for (int i = 0; i < 3; i++) {
				System.gc();
			}
			return this.memory.getHeapMemoryUsage().getUsed();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}
