package dev.ten.tracing.otlp;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * A real OTLP trace receiver, started in-process on loopback: gRPC through grpc-java with the
 * {@code opentelemetry-proto} service stubs, or OTLP/HTTP protobuf through the JDK's HTTP server. It keeps
 * every span it receives, with its resource, and the headers of the requests. A test can stop it and start it
 * again on the same port, make it answer UNAVAILABLE or not answer at all, make it check a header, and serve
 * it over TLS.
 */
public final class OtlpTestReceiver implements AutoCloseable {

	/** How the receiver answers an export. */
	public enum Answer {

		/** Takes the spans. */
		ACCEPT,

		/** Answers UNAVAILABLE (gRPC) or 503 (HTTP), keeping nothing. */
		UNAVAILABLE,

		/** Takes the request and never answers. */
		NEVER,

		/** Refuses the spans for good: INTERNAL (gRPC) or 500 (HTTP), as the OTLP specification does not retry. */
		REFUSE,

		/** Finds the request too large: RESOURCE_EXHAUSTED (gRPC) or 413 (HTTP). */
		TOO_LARGE

	}

	/** The OTLP transports. */
	public enum Protocol {

		GRPC, HTTP

	}

	private final Protocol protocol;

	private final boolean keepSpans;

	private final TestCertificates tls;

	private final boolean clientCertificateRequired;

	private final String requiredHeader;

	private final String requiredValue;

	private final Queue<ReceivedSpan> spans = new ConcurrentLinkedQueue<>();

	private final AtomicLong spanCount = new AtomicLong();

	private final Map<String, String> lastHeaders = new ConcurrentHashMap<>();

	private final AtomicInteger requests = new AtomicInteger();

	private final AtomicInteger acceptedRequests = new AtomicInteger();

	private final AtomicInteger unavailableLeft = new AtomicInteger();

	private volatile Answer answer = Answer.ACCEPT;

	private volatile int maxSpansPerRequest = Integer.MAX_VALUE;

	private volatile CountDownLatch neverAnswered = new CountDownLatch(1);

	private volatile Runnable stop;

	private int port;

	private OtlpTestReceiver(Builder builder) throws IOException {
		this.protocol = builder.protocol;
		this.keepSpans = builder.keepSpans;
		this.tls = builder.tls;
		this.clientCertificateRequired = builder.clientCertificateRequired;
		this.requiredHeader = builder.requiredHeader;
		this.requiredValue = builder.requiredValue;
		this.port = builder.port;
		start();
	}

	/**
	 * Starts an OTLP/gRPC receiver on a free loopback port.
	 * @return the running receiver
	 * @throws IOException if the server cannot start
	 */
	public static OtlpTestReceiver grpc() throws IOException {
		return builder(Protocol.GRPC).start();
	}

	/**
	 * Starts an OTLP/gRPC receiver that only counts what it receives, for load: it keeps no span.
	 * @return the running receiver
	 * @throws IOException if the server cannot start
	 * @see #spanCount()
	 */
	public static OtlpTestReceiver countingGrpc() throws IOException {
		return builder(Protocol.GRPC).keepSpans(false).start();
	}

	/**
	 * Starts an OTLP/HTTP receiver on a free loopback port, serving {@code POST /v1/traces}.
	 * @return the running receiver
	 * @throws IOException if the server cannot start
	 */
	public static OtlpTestReceiver http() throws IOException {
		return builder(Protocol.HTTP).start();
	}

	/**
	 * Starts building a receiver.
	 * @param protocol gRPC or HTTP
	 * @return the builder
	 */
	public static Builder builder(Protocol protocol) {
		return new Builder(protocol);
	}

	/**
	 * Returns the receiver's base URL, without a path.
	 * @return {@code http://127.0.0.1:PORT}, or {@code https://localhost:PORT} with TLS
	 */
	public String endpoint() {
		return (this.tls != null) ? "https://localhost:" + this.port : "http://127.0.0.1:" + this.port;
	}

	/**
	 * Sets how the receiver answers from now on.
	 * @param answer the answer
	 */
	public void answer(Answer answer) {
		this.answer = answer;
		if (answer != Answer.NEVER) {
			this.neverAnswered.countDown();
		}
	}

	/**
	 * Finds requests with more spans than this too large, as a collector with a message size limit does.
	 * @param spans the most spans a request may carry
	 */
	public void maxSpansPerRequest(int spans) {
		this.maxSpansPerRequest = spans;
	}

	/**
	 * Answers UNAVAILABLE to the next requests, then takes spans again.
	 * @param times how many requests get UNAVAILABLE
	 */
	public void answerUnavailable(int times) {
		this.unavailableLeft.set(times);
	}

	/** Stops the server, as a collector that goes away; what it received stays. */
	public synchronized void stop() {
		Runnable running = this.stop;
		this.stop = null;
		if (running != null) {
			this.neverAnswered.countDown();
			running.run();
		}
	}

	/**
	 * Starts the server again, on the same port, as a collector that comes back.
	 * @throws IOException if the port cannot be bound again
	 */
	public synchronized void restart() throws IOException {
		if (this.stop == null) {
			this.neverAnswered = new CountDownLatch(1);
			start();
		}
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
	 * Returns how many export requests arrived, answered or not.
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
		return this.lastHeaders.get(name.toLowerCase(Locale.ROOT));
	}

	@Override
	public void close() {
		stop();
	}

	private void start() throws IOException {
		IOException last = null;
		for (int attempt = 0; attempt < 100; attempt++) {
			try {
				this.stop = (this.protocol == Protocol.GRPC) ? startGrpc() : startHttp();
				return;
			}
			catch (IOException ex) {
				if (this.port == 0 || !(ex instanceof BindException || ex.getCause() instanceof BindException)) {
					throw ex;
				}
				last = ex;
				sleep(Duration.ofMillis(100));
			}
		}
		throw last;
	}

	/**
	 * What to answer to a request that passed the header check: too large beyond the span limit, UNAVAILABLE
	 * for a while, else the answer set.
	 */
	private Answer nextAnswer(ExportTraceServiceRequest request) {
		long spans = request.getResourceSpansList()
			.stream()
			.flatMap((resourceSpans) -> resourceSpans.getScopeSpansList().stream())
			.mapToLong(ScopeSpans::getSpansCount)
			.sum();
		if (spans > this.maxSpansPerRequest) {
			return Answer.TOO_LARGE;
		}
		if (this.unavailableLeft.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
			return Answer.UNAVAILABLE;
		}
		return this.answer;
	}

	private void accept(ExportTraceServiceRequest request) {
		int number = this.acceptedRequests.incrementAndGet();
		for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
			resourceSpans.getScopeSpansList().forEach((scopeSpans) -> {
				if (this.keepSpans) {
					scopeSpans.getSpansList()
						.forEach((span) -> this.spans.add(new ReceivedSpan(resourceSpans.getResource(), span, number)));
				}
				this.spanCount.addAndGet(scopeSpans.getSpansCount());
			});
		}
	}

	private boolean authorized(Map<String, String> headers) {
		return this.requiredHeader == null || this.requiredValue.equals(headers.get(this.requiredHeader));
	}

	private void received(Map<String, String> headers) {
		this.requests.incrementAndGet();
		this.lastHeaders.clear();
		this.lastHeaders.putAll(headers);
	}

	private Runnable startGrpc() throws IOException {
		HeaderCapture capture = new HeaderCapture();
		TraceServiceGrpc.TraceServiceImplBase service = new TraceServiceGrpc.TraceServiceImplBase() {
			@Override
			public void export(ExportTraceServiceRequest request,
					StreamObserver<ExportTraceServiceResponse> responseObserver) {
				Map<String, String> headers = capture.last;
				received(headers);
				if (!authorized(headers)) {
					responseObserver.onError(Status.UNAUTHENTICATED.withDescription("no or wrong token").asRuntimeException());
					return;
				}
				switch (nextAnswer(request)) {
					case ACCEPT -> {
						accept(request);
						responseObserver.onNext(ExportTraceServiceResponse.getDefaultInstance());
						responseObserver.onCompleted();
					}
					case UNAVAILABLE -> responseObserver
						.onError(Status.UNAVAILABLE.withDescription("try later").asRuntimeException());
					case REFUSE -> responseObserver
						.onError(Status.INTERNAL.withDescription("cannot store these").asRuntimeException());
					case TOO_LARGE -> responseObserver
						.onError(Status.RESOURCE_EXHAUSTED.withDescription("message too large").asRuntimeException());
					case NEVER -> {
						// Never answered: the client's deadline decides.
					}
				}
			}
		};
		ServerCredentials credentials = (this.tls != null) ? tlsCredentials() : InsecureServerCredentials.create();
		Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", this.port), credentials)
			.addService(ServerInterceptors.intercept(service, capture))
			.build()
			.start();
		this.port = server.getPort();
		return () -> {
			server.shutdownNow();
			try {
				server.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		};
	}

	private Runnable startHttp() throws IOException {
		HttpServer server;
		if (this.tls != null) {
			HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", this.port), 0);
			https.setHttpsConfigurator(new HttpsConfigurator(sslContext(this.tls, this.clientCertificateRequired)) {

				@Override
				public void configure(HttpsParameters parameters) {
					SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
					ssl.setNeedClientAuth(OtlpTestReceiver.this.clientCertificateRequired);
					parameters.setSSLParameters(ssl);
				}

			});
			server = https;
		}
		else {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", this.port), 0);
		}
		ExecutorService executor = Executors.newCachedThreadPool();
		server.setExecutor(executor);
		server.createContext("/v1/traces", (exchange) -> {
			try (exchange) {
				if (!"POST".equals(exchange.getRequestMethod())) {
					exchange.sendResponseHeaders(405, -1);
					return;
				}
				Map<String, String> headers = headers(exchange);
				ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body(exchange));
				received(headers);
				if (!authorized(headers)) {
					exchange.sendResponseHeaders(401, -1);
					return;
				}
				switch (nextAnswer(request)) {
					case ACCEPT -> {
						accept(request);
						byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
						exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
						exchange.sendResponseHeaders(200, response.length);
						exchange.getResponseBody().write(response);
					}
					case UNAVAILABLE -> exchange.sendResponseHeaders(503, -1);
					case REFUSE -> exchange.sendResponseHeaders(500, -1);
					case TOO_LARGE -> exchange.sendResponseHeaders(413, -1);
					case NEVER -> {
						try {
							this.neverAnswered.await();
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
						}
					}
				}
			}
		});
		server.start();
		this.port = server.getAddress().getPort();
		return () -> {
			server.stop(0);
			executor.shutdownNow();
		};
	}

	private ServerCredentials tlsCredentials() {
		TlsServerCredentials.Builder tls = TlsServerCredentials.newBuilder()
			.keyManager(this.tls.keyManagers().getKeyManagers());
		if (this.clientCertificateRequired) {
			tls.trustManager(this.tls.clientTrustManagers().getTrustManagers())
				.clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
		}
		return tls.build();
	}

	private static SSLContext sslContext(TestCertificates tls, boolean clientCertificateRequired) {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(tls.keyManagers().getKeyManagers(),
					clientCertificateRequired ? tls.clientTrustManagers().getTrustManagers() : null, null);
			return context;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
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
			.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
		return headers;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Builds a receiver. */
	public static final class Builder {

		private final Protocol protocol;

		private boolean keepSpans = true;

		private TestCertificates tls;

		private boolean clientCertificateRequired;

		private String requiredHeader;

		private String requiredValue;

		private int port;

		private Builder(Protocol protocol) {
			this.protocol = protocol;
		}

		/**
		 * Whether to keep the spans, or only count them.
		 * @param keepSpans {@code false} for load
		 * @return this builder
		 */
		public Builder keepSpans(boolean keepSpans) {
			this.keepSpans = keepSpans;
			return this;
		}

		/**
		 * Serves over TLS with a certificate.
		 * @param certificates the certificate
		 * @return this builder
		 */
		public Builder tls(TestCertificates certificates) {
			this.tls = certificates;
			return this;
		}

		/**
		 * With TLS, refuses clients that do not present the client certificate of the {@link #tls certificates}.
		 * @return this builder
		 */
		public Builder requireClientCertificate() {
			this.clientCertificateRequired = true;
			return this;
		}

		/**
		 * Refuses requests without a header value: UNAUTHENTICATED (gRPC) or 401 (HTTP).
		 * @param name the header, in lower case
		 * @param value its value
		 * @return this builder
		 */
		public Builder requireHeader(String name, String value) {
			this.requiredHeader = name;
			this.requiredValue = value;
			return this;
		}

		/**
		 * Listens on a port instead of a free one.
		 * @param port the port
		 * @return this builder
		 */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/**
		 * Starts the receiver.
		 * @return the running receiver
		 * @throws IOException if the server cannot start
		 */
		public OtlpTestReceiver start() throws IOException {
			return new OtlpTestReceiver(this);
		}

	}

	/** Keeps the ASCII headers of the latest gRPC call. */
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
