package dev.ten.tracing.otlp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.trace.v1.ResourceSpans;

import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * A real OTLP trace receiver, started in-process on loopback: gRPC through grpc-java with the
 * {@code opentelemetry-proto} service stubs, or OTLP/HTTP protobuf through the JDK's HTTP server. It keeps
 * every span it receives, with its resource, and the headers of the requests.
 */
public final class OtlpTestReceiver implements AutoCloseable {

	private final Queue<ReceivedSpan> spans = new ConcurrentLinkedQueue<>();

	private final AtomicLong spanCount = new AtomicLong();

	private final boolean keepSpans;

	private final Map<String, String> lastHeaders = new ConcurrentHashMap<>();

	private final AtomicInteger requests = new AtomicInteger();

	private final Runnable stop;

	private final int port;

	private OtlpTestReceiver(Starter starter, boolean keepSpans) throws IOException {
		this.keepSpans = keepSpans;
		Started started = starter.start(this);
		this.port = started.port();
		this.stop = started.stop();
	}

	/**
	 * Starts an OTLP/gRPC receiver on a free loopback port.
	 * @return the running receiver
	 * @throws IOException if the server cannot start
	 */
	public static OtlpTestReceiver grpc() throws IOException {
		return new OtlpTestReceiver(OtlpTestReceiver::startGrpc, true);
	}

	/**
	 * Starts an OTLP/gRPC receiver that only counts what it receives, for load: it keeps no span.
	 * @return the running receiver
	 * @throws IOException if the server cannot start
	 * @see #spanCount()
	 */
	public static OtlpTestReceiver countingGrpc() throws IOException {
		return new OtlpTestReceiver(OtlpTestReceiver::startGrpc, false);
	}

	/**
	 * Starts an OTLP/HTTP receiver on a free loopback port, serving {@code POST /v1/traces}.
	 * @return the running receiver
	 * @throws IOException if the server cannot start
	 */
	public static OtlpTestReceiver http() throws IOException {
		return new OtlpTestReceiver(OtlpTestReceiver::startHttp, true);
	}

	/**
	 * Returns the receiver's base URL, without a path.
	 * @return {@code http://127.0.0.1:PORT}
	 */
	public String endpoint() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * Waits until at least {@code count} spans have arrived.
	 * @param count how many spans to wait for
	 * @param timeout how long to wait
	 * @return every span received so far
	 */
	public List<ReceivedSpan> awaitSpans(int count, Duration timeout) {
		try {
			await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> this.spans.size() >= count);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("Expected at least " + count + " spans at the OTLP receiver within " + timeout
					+ ", got " + this.spans.size() + " in " + this.requests.get() + " requests: " + this.spans, ex);
		}
		return spans();
	}

	/**
	 * Waits until at least {@code count} spans have arrived, kept or not.
	 * @param count how many spans to wait for
	 * @param timeout how long to wait at most
	 * @return how many arrived
	 */
	public long awaitSpanCount(long count, Duration timeout) {
		try {
			await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> this.spanCount.get() >= count);
		}
		catch (ConditionTimeoutException ex) {
			// Reported by the caller's assertion on the count.
		}
		return this.spanCount.get();
	}

	/**
	 * Returns the spans received so far.
	 * @return the spans, in arrival order
	 */
	public List<ReceivedSpan> spans() {
		return List.copyOf(this.spans);
	}

	/**
	 * Returns how many spans arrived, kept or not.
	 * @return the span count
	 */
	public long spanCount() {
		return this.spanCount.get();
	}

	/**
	 * Returns how many export requests arrived.
	 * @return the request count
	 */
	public int requests() {
		return this.requests.get();
	}

	/**
	 * Returns a header of the last export request, by lower-case name.
	 * @param name the header name
	 * @return the value, or {@code null}
	 */
	public String lastHeader(String name) {
		return this.lastHeaders.get(name.toLowerCase(java.util.Locale.ROOT));
	}

	@Override
	public void close() {
		this.stop.run();
	}

	private void accept(ExportTraceServiceRequest request, Map<String, String> headers) {
		this.requests.incrementAndGet();
		this.lastHeaders.clear();
		this.lastHeaders.putAll(headers);
		for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
			resourceSpans.getScopeSpansList().forEach((scopeSpans) -> {
				this.spanCount.addAndGet(scopeSpans.getSpansCount());
				if (this.keepSpans) {
					scopeSpans.getSpansList()
						.forEach((span) -> this.spans.add(new ReceivedSpan(resourceSpans.getResource(), span)));
				}
			});
		}
	}

	private static Started startGrpc(OtlpTestReceiver receiver) throws IOException {
		HeaderCapture capture = new HeaderCapture();
		TraceServiceGrpc.TraceServiceImplBase service = new TraceServiceGrpc.TraceServiceImplBase() {
			@Override
			public void export(ExportTraceServiceRequest request,
					StreamObserver<ExportTraceServiceResponse> responseObserver) {
				receiver.accept(request, capture.last);
				responseObserver.onNext(ExportTraceServiceResponse.getDefaultInstance());
				responseObserver.onCompleted();
			}
		};
		Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.addService(ServerInterceptors.intercept(service, capture))
			.build()
			.start();
		return new Started(server.getPort(), () -> {
			server.shutdownNow();
			try {
				server.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
	}

	private static Started startHttp(OtlpTestReceiver receiver) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/v1/traces", (exchange) -> {
			try (exchange) {
				if (!"POST".equals(exchange.getRequestMethod())) {
					exchange.sendResponseHeaders(405, -1);
					return;
				}
				receiver.accept(ExportTraceServiceRequest.parseFrom(body(exchange)), headers(exchange));
				byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
				exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
				exchange.sendResponseHeaders(200, response.length);
				exchange.getResponseBody().write(response);
			}
		});
		server.start();
		return new Started(server.getAddress().getPort(), () -> server.stop(0));
	}

	private static byte[] body(HttpExchange exchange) throws IOException {
		InputStream in = exchange.getRequestBody();
		if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
			in = new GZIPInputStream(in);
		}
		return in.readAllBytes();
	}

	private static Map<String, String> headers(HttpExchange exchange) {
		Map<String, String> headers = new ConcurrentHashMap<>();
		exchange.getRequestHeaders()
			.forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
		return headers;
	}

	@FunctionalInterface
	private interface Starter {

		Started start(OtlpTestReceiver receiver) throws IOException;

	}

	private record Started(int port, Runnable stop) {
	}

	/** Keeps the ASCII headers of the latest gRPC call, for {@link #lastHeader(String)}. */
	private static final class HeaderCapture implements ServerInterceptor {

		volatile Map<String, String> last = Map.of();

		@Override
		public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata metadata,
				ServerCallHandler<Q, R> next) {
			Map<String, String> headers = new ConcurrentHashMap<>();
			for (String key : metadata.keys()) {
				if (!key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
					String value = metadata.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
					if (value != null) {
						headers.put(key, value);
					}
				}
			}
			this.last = headers;
			return next.startCall(call, metadata);
		}

	}

}
