package dev.ten.tracing.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import com.sun.management.OperatingSystemMXBean;
import dev.ten.tracing.AgentSession;
import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.export.BufferedSpanExporter;
import dev.ten.tracing.export.ExportPipeline;
import dev.ten.tracing.export.ExportSnapshot;
import io.opentelemetry.sdk.trace.SdkTracerProvider;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Goal 4: many concurrent sessions in one JVM exporting to an OTLP receiver in another process
 * ({@link ReceiverProcess}). Opens all sessions, plays their turns round-robin on a thread pool at a fixed
 * rate of turns per second across all sessions (so every session stays open throughout), ends them, and
 * reports spans delivered per second, spans dropped, the CPU that tracing costs against the same workload
 * with tracing disabled, and heap per open session. A turn is four spans (turn, LLM, tool, TTS); each session adds its root.
 * <p>
 * Run: {@code java -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*"
 * dev.ten.tracing.benchmarks.ScaleRun [sessions] [turns per session] [turns per second] [threads]
 * [max-queue-size]}; a rate of 0 plays turns as fast as the threads go.
 */
public final class ScaleRun {

	private static final int SPANS_PER_TURN = 4;

	private ScaleRun() {
	}

	public static void main(String[] args) throws Exception {
		int sessions = intArg(args, 0, 1_000);
		int turns = intArg(args, 1, 5);
		int rate = intArg(args, 2, 1_000);
		int threads = intArg(args, 3, 4);
		int queueSize = intArg(args, 4, 2048);
		long expected = (long) sessions * (1 + (long) turns * SPANS_PER_TURN);
		System.out.printf("sessions=%d turns/session=%d turns/s=%d (%d spans/s) threads=%d max-queue-size=%d spans=%d%n",
				sessions, turns, rate, rate * SPANS_PER_TURN, threads, queueSize, expected);

		Result untraced = run(sessions, turns, rate, threads, queueSize, false, false);
		Result notExported = run(sessions, turns, rate, threads, queueSize, true, false);
		Result traced = run(sessions, turns, rate, threads, queueSize, true, true);

		System.out.printf("workload wall time: traced %.0f ms, untraced %.0f ms%n", traced.wallMillis, untraced.wallMillis);
		System.out.printf("spans delivered: %d of %d (dropped %d: %s) in %.0f ms = %.0f spans/s%n", traced.received,
				expected, expected - traced.received, traced.dropped, traced.deliveryMillis,
				traced.received / (traced.deliveryMillis / 1000.0));
		System.out.printf("CPU: untraced %.0f ms, traced without export %.0f ms, traced and exported %.0f ms%n",
				untraced.cpuMillis, notExported.cpuMillis, traced.cpuMillis);
		System.out.printf("CPU per span in the application: recording %.2f us, export %.2f us%n",
				(notExported.cpuMillis - untraced.cpuMillis) * 1000.0 / expected,
				(traced.cpuMillis - notExported.cpuMillis) * 1000.0 / expected);
		System.out.printf("heap per open session: %.0f bytes%n", traced.heapPerSession);
		System.exit(0);
	}

	private static Result run(int sessions, int turns, int rate, int threads, int queueSize, boolean traced,
			boolean exported) throws Exception {
		try (RemoteReceiver receiver = new RemoteReceiver()) {
			ConfigurableApplicationContext context = BenchmarkApplications.start(TurnBenchmark.Application.class,
					"ten.tracing.enabled=" + traced, "ten.tracing.otlp-endpoint=" + receiver.endpoint(),
					"ten.tracing.max-queue-size=" + queueSize, "ten.tracing.max-open-sessions=" + Math.max(sessions, 1),
					"management.tracing.export.enabled=" + exported, "logging.level.io.opentelemetry=off");
			SdkTracerProvider sdk = context.getBean(SdkTracerProvider.class);
			Workload workload = new Workload(context.getBean(AgentTracer.class),
					context.getBean("tenProgrammatic", VoiceTurn.class), sessions, turns, rate, threads);
			OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

			// Warm-up pass, not timed: loads and compiles the export path, and measures heap per open session.
			double heapPerSession = workload.play("warmup-", true);
			sdk.forceFlush().join(30, TimeUnit.SECONDS);
			long receivedBefore = receiver.awaitQuiet();

			long cpuStart = os.getProcessCpuTime();
			long start = System.nanoTime();
			workload.play("session-", false);
			double wallMillis = (System.nanoTime() - start) / 1e6;
			ExportPipeline pipeline = context.getBeanProvider(ExportPipeline.class).getIfAvailable();
			List<BufferedSpanExporter> exporters = (pipeline != null) ? pipeline.exporters() : List.of();
			context.close();
			long received = receiver.awaitQuiet() - receivedBefore;
			String dropped = exporters.isEmpty() ? "not exported" : droppedByCause(exporters.get(0).snapshot());
			double deliveryMillis = (System.nanoTime() - start) / 1e6;
			double cpuMillis = (os.getProcessCpuTime() - cpuStart) / 1e6;
			return new Result(wallMillis, deliveryMillis, cpuMillis, received, dropped, heapPerSession);
		}
	}

	/** Opens all sessions, plays their turns round-robin at the rate, ends them. */
	private record Workload(AgentTracer tracer, VoiceTurn turn, int sessions, int turns, int rate, int threads) {

		/** Plays once; returns heap per open session when asked to measure it, else 0. */
		double play(String idPrefix, boolean measureHeap) throws Exception {
			MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
			long heapBefore = measureHeap ? usedHeapAfterGc(memory) : 0;
			List<AgentSession> open = new ArrayList<>(this.sessions);
			for (int i = 0; i < this.sessions; i++) {
				open.add(this.tracer.startSession(idPrefix + i, "agent"));
			}
			double heapPerSession = measureHeap ? (usedHeapAfterGc(memory) - heapBefore) / (double) this.sessions : 0;
			ExecutorService pool = Executors.newFixedThreadPool(this.threads);
			long interval = (this.rate > 0) ? 1_000_000_000L / this.rate : 0;
			long next = System.nanoTime();
			List<Future<?>> played = new ArrayList<>(this.sessions * this.turns);
			for (int t = 0; t < this.turns; t++) {
				for (AgentSession session : open) {
					if (interval > 0) {
						next += interval;
						LockSupport.parkNanos(next - System.nanoTime());
					}
					played.add(pool.submit(() -> this.turn.play(session.id(), "What's the weather in Paris?")));
				}
			}
			for (Future<?> turnPlayed : played) {
				turnPlayed.get();
			}
			open.forEach(AgentSession::end);
			pool.shutdown();
			pool.awaitTermination(1, TimeUnit.MINUTES);
			return heapPerSession;
		}

	}

	private static long usedHeapAfterGc(MemoryMXBean memory) throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(50);
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

	private static int intArg(String[] args, int index, int fallback) {
		return (args.length > index) ? Integer.parseInt(args[index]) : fallback;
	}

	private static String droppedByCause(ExportSnapshot snapshot) {
		return snapshot.dropped()
			.entrySet()
			.stream()
			.filter((dropped) -> dropped.getValue() > 0)
			.map((dropped) -> dropped.getKey().tag() + " " + dropped.getValue())
			.collect(Collectors.joining(", ", "", (snapshot.droppedTotal() == 0) ? "none" : ""));
	}

	private record Result(double wallMillis, double deliveryMillis, double cpuMillis, long received, String dropped,
			double heapPerSession) {
	}

}
