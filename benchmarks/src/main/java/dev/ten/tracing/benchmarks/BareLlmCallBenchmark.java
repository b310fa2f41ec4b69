package dev.ten.tracing.benchmarks;

import java.util.concurrent.TimeUnit;

import dev.ten.tracing.LlmSpan;
import dev.ten.tracing.OpenTelemetryAgentTracer;
import dev.ten.tracing.annotation.AgentTracingAdvisor;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
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

import org.springframework.aop.framework.ProxyFactory;

/**
 * Goal 1, bare: one traced LLM call on the same OpenTelemetry SDK outside any Spring Boot context, so that
 * neither side pays Spring Boot's context wrapper (log correlation) and the ratio is ten-tracing's own.
 * {@code @TracedLlm} runs through a Spring AOP proxy with ten-tracing's advisor, as in an application; the
 * programmatic API and the raw API are called directly. The SDK's one span processor counts ended spans on
 * the calling thread: no export thread competes for the machine's cores, so the ratio is steady.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = "-Xmx1g")
public class BareLlmCallBenchmark {

	@Param({ "springAopNoopAdvice", "rawOpenTelemetry", "tenProgrammatic", "tenTracedLlm" })
	public String approach;

	private OpenTelemetrySdk sdk;

	private LlmCall call;

	@Setup
	public void start() {
		this.sdk = sdk();
		OpenTelemetryAgentTracer tracer = OpenTelemetryAgentTracer.builder(this.sdk).build();
		this.call = switch (this.approach) {
			case "springAopNoopAdvice" -> proxiedWithoutTracing(new LlmCalls.TenTracedLlm());
			case "rawOpenTelemetry" -> new LlmCalls.RawOpenTelemetry(this.sdk);
			case "tenProgrammatic" -> new Programmatic(tracer);
			case "tenTracedLlm" -> proxied(new LlmCalls.TenTracedLlm(), tracer);
			default -> throw new IllegalArgumentException(this.approach);
		};
	}

	@TearDown
	public void stop() {
		this.sdk.close();
	}

	@Benchmark
	public Reply llmCall() {
		return this.call.complete("req-1", "gpt-4o", "What's the weather in Paris?");
	}

	static OpenTelemetrySdk sdk() {
		return OpenTelemetrySdk.builder()
			.setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(new CountingProcessor()).build())
			.build();
	}

	static LlmCall proxied(LlmCall target, OpenTelemetryAgentTracer tracer) {
		ProxyFactory proxy = new ProxyFactory(target);
		proxy.setProxyTargetClass(true);
		proxy.addAdvisor(new AgentTracingAdvisor(() -> tracer));
		return (LlmCall) proxy.getProxy();
	}

	/** The same proxy with an interceptor that only proceeds: what the proxy itself costs. */
	static LlmCall proxiedWithoutTracing(LlmCall target) {
		ProxyFactory proxy = new ProxyFactory(target);
		proxy.setProxyTargetClass(true);
		proxy.addAdvice((MethodInterceptor) MethodInvocation::proceed);
		return (LlmCall) proxy.getProxy();
	}

	/** ten-tracing's programmatic API, recording what the annotation records. */
	static final class Programmatic implements LlmCall {

		private final OpenTelemetryAgentTracer tracer;

		Programmatic(OpenTelemetryAgentTracer tracer) {
			this.tracer = tracer;
		}

		@Override
		public Reply complete(String requestId, String model, String prompt) {
			try (LlmSpan llm = this.tracer.startLlm(requestId, model); io.opentelemetry.context.Scope scope = llm.makeCurrent()) {
				Reply reply = Reply.ANSWER;
				llm.responseText(reply.text());
				llm.usage(reply.inputTokens(), reply.outputTokens());
				return reply;
			}
		}

	}

	/** Counts the spans that end, on the thread that ends them. */
	static final class CountingProcessor implements SpanProcessor {

		private long ended;

		@Override
		public void onStart(Context parentContext, ReadWriteSpan span) {
		}

		@Override
		public boolean isStartRequired() {
			return false;
		}

		@Override
		public void onEnd(ReadableSpan span) {
			this.ended++;
		}

		@Override
		public boolean isEndRequired() {
			return true;
		}

	}

}
