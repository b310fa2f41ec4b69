package dev.ten.tracing.benchmarks;

import java.util.concurrent.TimeUnit;

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
 * Goal 2: with {@code ten.tracing.enabled=false}, an annotated call ({@code tenTracedLlm}) costs what a
 * plain call ({@code untraced}) costs, because nothing is proxied.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class DisabledBenchmark {

	@Param({ "untraced", "tenTracedLlm" })
	public String approach;

	private ConfigurableApplicationContext context;

	private LlmCall call;

	private int turn;

	@Setup
	public void start() {
		this.context = BenchmarkApplications.start(LlmCallBenchmark.Application.class, "ten.tracing.enabled=false");
		this.call = this.context.getBean(this.approach, LlmCall.class);
	}

	@TearDown
	public void stop() {
		this.context.close();
	}

	@Benchmark
	public Reply llmCall() {
		return this.call.complete("req-" + (this.turn++ & 7), "gpt-4o", "What's the weather in Paris?");
	}

}
