package dev.ten.tracing.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs one benchmark in rounds, every approach once per round, and reports each approach's median call
 * time and its ratio to the first approach, per round and as the median over the rounds. On a shared
 * 2-core virtual machine, two runs minutes apart can differ by a third; the ratio of medians measured side
 * by side in one round, repeated, is what holds still.
 * <p>
 * Run: {@code java -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*"
 * dev.ten.tracing.benchmarks.RatioRounds <benchmark class> <rounds> <baseline approach> <approach>...}
 */
public final class RatioRounds {

	private RatioRounds() {
	}

	public static void main(String[] args) throws Exception {
		String benchmark = args[0];
		int rounds = Integer.parseInt(args[1]);
		List<String> approaches = List.of(args).subList(2, args.length);
		Map<String, List<Double>> ratios = new LinkedHashMap<>();
		for (int round = 1; round <= rounds; round++) {
			Map<String, Double> medians = new LinkedHashMap<>();
			for (String approach : approaches) {
				medians.put(approach, median(benchmark, approach));
			}
			double baseline = medians.get(approaches.get(0));
			StringBuilder line = new StringBuilder("round " + round + ":");
			medians.forEach((approach, median) -> {
				ratios.computeIfAbsent(approach, (key) -> new ArrayList<>()).add(median / baseline);
				line.append(String.format(" %s %.0f ns (%.2fx)", approach, median, median / baseline));
			});
			System.out.println(line);
		}
		ratios.forEach((approach, values) -> System.out.printf("%s: median %.2fx, range %.2f-%.2fx over %d rounds%n",
				approach, median(values), values.stream().mapToDouble(Double::doubleValue).min().orElse(0),
				values.stream().mapToDouble(Double::doubleValue).max().orElse(0), values.size()));
	}

	private static double median(String benchmark, String approach) throws Exception {
		Options options = new OptionsBuilder().include("\\." + benchmark + "\\.")
			.param("approach", approach)
			.mode(Mode.SampleTime)
			.timeUnit(TimeUnit.NANOSECONDS)
			.warmupIterations(4)
			.warmupTime(TimeValue.seconds(2))
			.measurementIterations(5)
			.measurementTime(TimeValue.seconds(2))
			.forks(1)
			.shouldFailOnError(true)
			.verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
			.build();
		Collection<RunResult> results = new Runner(options).run();
		return results.iterator().next().getPrimaryResult().getStatistics().getPercentile(50);
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

}
