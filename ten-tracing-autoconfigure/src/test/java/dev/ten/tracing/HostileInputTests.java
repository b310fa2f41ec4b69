package dev.ten.tracing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No exception from tracing ever reaches agent code: every public method of the API is called with nulls
 * and with hostile objects (whose {@code toString()}, getters, {@code length()}, {@code getMessage()} or
 * iteration throw), on live, closed and ended receivers, with tracing on, off, and over an OpenTelemetry SDK
 * whose span processor and sampler throw. New methods are covered as they are added: the methods are found
 * by reflection.
 */
class HostileInputTests {

	private static final List<Class<?>> API = List.of(AgentTracer.class, AgentSession.class, TurnSpan.class,
			LlmSpan.class, TtsSpan.class, ToolSpan.class, SttSpan.class);

	enum Tracing {

		ON(() -> OpenTelemetryAgentTracer.builder(new InMemoryTracing().sdk).build()),

		CAPTURE_OFF(() -> OpenTelemetryAgentTracer.builder(new InMemoryTracing().sdk).captureContent(false).build()),

		FAILING_SDK(() -> OpenTelemetryAgentTracer.builder(failingSdk()).build()),

		OFF(AgentTracer::noop);

		private final Supplier<AgentTracer> tracer;

		Tracing(Supplier<AgentTracer> tracer) {
			this.tracer = tracer;
		}

	}

	@ParameterizedTest
	@EnumSource(Tracing.class)
	void noPublicMethodThrowsWhateverItIsGiven(Tracing tracing) {
		AgentTracer tracer = tracing.tracer.get();
		List<String> called = new ArrayList<>();
		for (Object[] arguments : List.of(Values.NULLS, Values.HOSTILE)) {
			AgentSession session = tracer.startSession("session", "agent");
			callEveryMethod(tracer, arguments, called);
			for (Object receiver : receivers(tracer, session)) {
				callEveryMethod(receiver, arguments, called);
			}
			session.end();
			for (Object receiver : receivers(tracer, session)) {
				callEveryMethod(receiver, arguments, called);
			}
		}
		assertThat(called).as("methods called").hasSizeGreaterThan(100);
		if (tracer instanceof AutoCloseable closeable) {
			assertThat(org.assertj.core.api.Assertions.catchThrowable(closeable::close)).isNull();
		}
	}

	@ParameterizedTest
	@EnumSource(Tracing.class)
	void theStaticEntryPointsTakeNullsAndForeignImplementations(Tracing tracing) {
		AgentTracer tracer = tracing.tracer.get();
		assertThat(AgentReactorContext.of((AgentSpan) null).isEmpty()).isTrue();
		assertThat(AgentReactorContext.of((AgentSession) null).isEmpty()).isTrue();
		assertThat(AgentReactorContext.of(tracer.startLlm(null, null))).isNotNull();
		AgentSpanThreadLocalAccessor accessor = new AgentSpanThreadLocalAccessor();
		accessor.setValue(null);
		accessor.restore(null);
		accessor.setValue();
		accessor.restore();
		accessor.restore();
		assertThat(accessor.getValue()).isNull();
		assertThat(Context.current()).isSameAs(Context.root());
	}

	private static List<Object> receivers(AgentTracer tracer, AgentSession session) {
		List<Object> receivers = new ArrayList<>();
		receivers.add(session);
		receivers.add(session.startTurn("turn"));
		receivers.add(session.startAgentTurn());
		receivers.add(session.startLlm("llm", "model"));
		receivers.add(session.startTts("tts", "text"));
		receivers.add(session.startTool("tool", "{}"));
		receivers.add(session.startStt("stt", "model"));
		receivers.add(tracer.startTurn(null));
		receivers.add(tracer.startLlm(null, null));
		LlmSpan closed = session.startLlm("closed", null);
		closed.close();
		receivers.add(closed);
		return receivers;
	}

	private static void callEveryMethod(Object receiver, Object[] values, List<String> called) {
		for (Class<?> type : API) {
			if (!type.isInstance(receiver)) {
				continue;
			}
			for (Method method : type.getMethods()) {
				if (Modifier.isStatic(method.getModifiers()) || method.getName().equals("end")
						|| method.getName().equals("close")) {
					continue;
				}
				Object result = call(receiver, method, values);
				called.add(type.getSimpleName() + "." + method.getName());
				release(result);
			}
		}
		call(receiver, findMethod(receiver, "close"), values);
		call(receiver, findMethod(receiver, "end"), values);
	}

	private static Object call(Object receiver, Method method, Object[] values) {
		if (method == null) {
			return null;
		}
		Object[] arguments = Values.forParameters(method.getParameterTypes(), values);
		try {
			return method.invoke(receiver, arguments);
		}
		catch (InvocationTargetException ex) {
			throw new AssertionError(method + " threw on " + receiver + " given " + List.of(describe(arguments)),
					ex.getCause());
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Method findMethod(Object receiver, String name) {
		for (Class<?> type : API) {
			if (type.isInstance(receiver)) {
				try {
					return type.getMethod(name);
				}
				catch (NoSuchMethodException ex) {
					// Not this type's.
				}
			}
		}
		return null;
	}

	/** What a call hands back is let go of as agent code would: scopes closed, spans ended. */
	private static void release(Object result) {
		if (result instanceof Scope scope) {
			scope.close();
		}
		else if (result instanceof AgentSpan span) {
			span.close();
		}
	}

	private static String[] describe(Object[] arguments) {
		String[] described = new String[arguments.length];
		for (int i = 0; i < arguments.length; i++) {
			described[i] = (arguments[i] != null) ? arguments[i].getClass().getSimpleName() : "null";
		}
		return described;
	}

	/** An SDK whose span processor fails on every span and whose sampler fails for every third span. */
	private static OpenTelemetrySdk failingSdk() {
		SpanProcessor failing = new SpanProcessor() {
			@Override
			public void onStart(Context parentContext, ReadWriteSpan span) {
				throw new IllegalStateException("processor broken on start");
			}

			@Override
			public boolean isStartRequired() {
				return true;
			}

			@Override
			public void onEnd(ReadableSpan span) {
				throw new IllegalStateException("processor broken on end");
			}

			@Override
			public boolean isEndRequired() {
				return true;
			}
		};
		Sampler sometimesFailing = new Sampler() {
			private int calls;

			@Override
			public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
					Attributes attributes, List<LinkData> parentLinks) {
				if (++this.calls % 3 == 0) {
					throw new IllegalStateException("sampler broken");
				}
				return SamplingResult.recordAndSample();
			}

			@Override
			public String getDescription() {
				return "sometimes failing";
			}
		};
		return OpenTelemetrySdk.builder()
			.setTracerProvider(SdkTracerProvider.builder().setSampler(sometimesFailing).addSpanProcessor(failing).build())
			.build();
	}

	/** Arguments by parameter type: all {@code null}, or all hostile. */
	static final class Values {

		static final Object[] NULLS = {};

		static final Object[] HOSTILE = { new HostileCharSequence(), new HostileObject(), new HostileMap(),
				new HostileThrowable(), "\u0000\u001b[2J" + "x".repeat(1_000_000) };

		private Values() {
		}

		static Object[] forParameters(Class<?>[] types, Object[] values) {
			Object[] arguments = new Object[types.length];
			for (int i = 0; i < types.length; i++) {
				arguments[i] = valueFor(types[i], values);
			}
			return arguments;
		}

		private static Object valueFor(Class<?> type, Object[] values) {
			boolean hostile = values == HOSTILE;
			if (type == long.class) {
				return hostile ? Long.MIN_VALUE : -1L;
			}
			if (type == int.class) {
				return hostile ? Integer.MIN_VALUE : -1;
			}
			if (type == double.class) {
				return Double.NaN;
			}
			if (type == boolean.class) {
				return hostile;
			}
			if (!hostile) {
				return null;
			}
			if (type == Class.class) {
				return AgentSpan.class;
			}
			if (type == Duration.class) {
				// Too long for nanoseconds.
				return Duration.ofSeconds(Long.MAX_VALUE);
			}
			if (type == InterruptionCause.class) {
				return InterruptionCause.PROGRAMMATIC;
			}
			if (type == SpanWork.class) {
				return (SpanWork<AgentSpan, Object, RuntimeException>) (span) -> {
					span.addEvent("inside", new HostileMap());
					return new HostileObject();
				};
			}
			for (Object value : values) {
				if (type.isInstance(value) && !(type == Object.class && value instanceof String)) {
					return value;
				}
			}
			return null;
		}

	}

	/** A text whose every method throws. */
	static final class HostileCharSequence implements CharSequence {

		@Override
		public int length() {
			throw new IllegalStateException("length");
		}

		@Override
		public char charAt(int index) {
			throw new IllegalStateException("charAt");
		}

		@Override
		public CharSequence subSequence(int start, int end) {
			throw new IllegalStateException("subSequence");
		}

		@Override
		public String toString() {
			throw new IllegalStateException("toString");
		}

	}

	/** An object whose toString(), hashCode() and getter throw. */
	static final class HostileObject {

		public String getSecret() {
			throw new IllegalStateException("getter");
		}

		@Override
		public String toString() {
			throw new IllegalStateException("toString");
		}

		@Override
		public int hashCode() {
			throw new IllegalStateException("hashCode");
		}

		@Override
		public boolean equals(Object other) {
			throw new IllegalStateException("equals");
		}

	}

	/** A map that cannot be iterated. */
	static final class HostileMap extends AbstractMap<String, Object> {

		@Override
		public Set<Entry<String, Object>> entrySet() {
			throw new IllegalStateException("entrySet");
		}

		@Override
		public boolean isEmpty() {
			return false;
		}

		@Override
		public int size() {
			return 1;
		}

	}

	/** A failure whose message, cause and stack trace cannot be read. */
	static final class HostileThrowable extends RuntimeException {

		@Override
		public String getMessage() {
			throw new IllegalStateException("getMessage");
		}

		@Override
		public synchronized Throwable getCause() {
			throw new IllegalStateException("getCause");
		}

		@Override
		public StackTraceElement[] getStackTrace() {
			throw new IllegalStateException("getStackTrace");
		}

		@Override
		public String toString() {
			throw new IllegalStateException("toString");
		}

	}


}
