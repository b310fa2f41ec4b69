package dev.ten.tracing.export;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

import dev.ten.tracing.internal.Credentials;
import io.opentelemetry.exporter.internal.FailedExportException;

/**
 * What an export failure means to the person running the agent: one line to show, a hint naming what to
 * change where the cause is recognised, and what to do with the spans. Built from the failure the OTLP
 * exporter reports, never with a header value or credentials in it.
 *
 * @param summary what went wrong, in one line
 * @param hint what to change, or {@code null}
 * @param handling what to do with the spans that were being sent
 */
record ExportFailure(String summary, String hint, Handling handling) {

	/** What to do with the spans of a failed request. */
	enum Handling {

		/**
		 * Keep them and send them again, for as long as it takes: the collector is away or busy, or refuses every
		 * request for a reason that a change on its side can fix (credentials, the path).
		 */
		RETRY,

		/** The request was too large for the collector: send its spans in smaller requests. */
		SPLIT,

		/** The collector refused these spans for good: sending them again cannot help. */
		REJECT

	}

	private static final int GRPC_INVALID_ARGUMENT = 3;

	private static final int GRPC_NOT_FOUND = 5;

	private static final int GRPC_PERMISSION_DENIED = 7;

	private static final int GRPC_RESOURCE_EXHAUSTED = 8;

	private static final int GRPC_UNIMPLEMENTED = 12;

	private static final int GRPC_UNAVAILABLE = 14;

	private static final int GRPC_UNAUTHENTICATED = 16;

	/**
	 * The gRPC statuses that the OTLP specification calls retryable: CANCELLED, DEADLINE_EXCEEDED, ABORTED,
	 * OUT_OF_RANGE, UNAVAILABLE, DATA_LOSS.
	 */
	private static final Set<Integer> GRPC_RETRYABLE = Set.of(1, 4, 10, 11, 14, 15);

	/** The HTTP statuses that the OTLP specification calls retryable. */
	private static final Set<Integer> HTTP_RETRYABLE = Set.of(429, 502, 503, 504);

	/** "HTT" of an HTTP/1.1 status line, read by an HTTP/2 client as a frame's length. */
	private static final String HTTP1_READ_AS_FRAME_LENGTH = "FRAME_SIZE_ERROR: 4740180";

	/** An HTTP/2 SETTINGS frame header (3 bytes length, type 04) where an HTTP/1.1 client wanted a line. */
	private static final Pattern HTTP2_SETTINGS_READ_AS_STATUS_LINE = Pattern
		.compile("n not found: .*content=[0-9a-f]{6}04");

	/** TLS alerts with which a collector refuses the client's certificate, or its absence. */
	private static final Pattern CLIENT_CERTIFICATE_REFUSED = Pattern
		.compile("certificate_required|bad_certificate|certificate_unknown|unknown_ca|access_denied");

	private static final String TRUST_HINT = "the collector's certificate is not trusted by this JVM: trust it"
			+ " with an SSL bundle, ten.tracing.ssl.bundle=<name> (spring.ssl.bundle.jks.<name>.truststore or"
			+ " spring.ssl.bundle.pem.<name>.truststore), or add it to the JVM's trust store";

	private static final String CLIENT_CERTIFICATE_HINT_ACTION = "give the SSL bundle named by"
			+ " ten.tracing.ssl.bundle a keystore with a client certificate the collector trusts";

	private static final String CLIENT_CERTIFICATE_HINT = "the collector refused this application's client"
			+ " certificate, or wanted one: " + CLIENT_CERTIFICATE_HINT_ACTION;

	private static final String HOST_NAME_HINT = "the collector's certificate does not name the host of"
			+ " ten.tracing.otlp-endpoint: use a host name the certificate lists";

	private static final String AUTH_HINT = "the collector wants credentials: set ten.tracing.headers.authorization"
			+ " (environment variable TEN_TRACING_HEADERS_AUTHORIZATION), or the header your backend names";

	/** The export got no answer within the exporter's timeout. */
	static ExportFailure timedOut(ExportTarget target) {
		return retry("no answer from " + target.endpoint() + " within the export timeout", null);
	}

	static ExportFailure of(Throwable failure, ExportTarget target) {
		if (failure == null) {
			return retry("the export to " + target.endpoint() + " failed", transportHint(target));
		}
		Integer grpc = grpcStatus(failure);
		if (grpc != null) {
			return grpc(grpc, target);
		}
		Integer http = httpStatus(failure);
		if (http != null) {
			return http(http, target);
		}
		List<Throwable> causes = causes(failure);
		ExportFailure network = network(causes, target);
		if (network != null) {
			return network;
		}
		ExportFailure mismatch = transportMismatch(failure, target);
		if (mismatch != null) {
			return mismatch;
		}
		if (target.endpoint().startsWith("https:") && has(causes, ExportFailure::connectionClosed)) {
			// With TLS 1.3 a collector that wants a client certificate checks it after the handshake, and a
			// client without one sees only the connection closed.
			return retry("the collector at " + target.endpoint() + " closed the connection (" + describe(failure)
					+ ")", "if it requires a client certificate, " + CLIENT_CERTIFICATE_HINT_ACTION);
		}
		for (Throwable cause : causes) {
			if (cause instanceof SSLException) {
				return retry("TLS with " + target.endpoint() + " failed (" + describe(cause) + ")",
						"does the endpoint's scheme match the collector: https:// for TLS, http:// for plain text?");
			}
		}
		return retry("the export to " + target.endpoint() + " failed: " + describe(failure), transportHint(target));
	}

	private static boolean connectionClosed(Throwable cause) {
		return cause instanceof SocketException || cause instanceof EOFException
				|| (cause instanceof IOException && cause.getMessage() != null
						&& cause.getMessage().contains("end of stream"));
	}

	/**
	 * A failure to connect, recognised anywhere in the chain of causes, the most telling first: a TLS handshake
	 * failure wrapped in a plain {@link SSLException} is still a handshake failure.
	 */
	private static ExportFailure network(List<Throwable> causes, ExportTarget target) {
		String handshake = "the TLS handshake with " + target.endpoint() + " failed";
		if (has(causes, (cause) -> cause instanceof SSLPeerUnverifiedException)) {
			return retry(handshake, HOST_NAME_HINT);
		}
		if (has(causes, (cause) -> cause instanceof CertificateException || cause instanceof CertPathBuilderException
				|| cause instanceof CertPathValidatorException)) {
			return retry(handshake, TRUST_HINT);
		}
		if (has(causes, ExportFailure::clientCertificateRefused)) {
			return retry(handshake, CLIENT_CERTIFICATE_HINT);
		}
		if (has(causes, SSLHandshakeException.class::isInstance)) {
			return retry(handshake, TRUST_HINT);
		}
		if (has(causes, (cause) -> cause instanceof ConnectException || cause instanceof NoRouteToHostException)) {
			return retry("cannot connect to " + target.endpoint(), "is the collector running and listening there?");
		}
		if (has(causes, UnknownHostException.class::isInstance)) {
			return retry("unknown host in " + target.endpoint(), "check ten.tracing.otlp-endpoint");
		}
		return null;
	}

	/**
	 * The collector's alert refusing this side's certificate, or its absence. Only an alert received: the
	 * JVM names the alert it sends itself ({@code certificate_unknown}) when it is the one that does not trust
	 * the collector, which the certificate path failure among the causes says first.
	 */
	private static boolean clientCertificateRefused(Throwable cause) {
		String message = cause.getMessage();
		return cause instanceof SSLHandshakeException && message != null && message.contains("Received fatal alert")
				&& CLIENT_CERTIFICATE_REFUSED.matcher(message).find();
	}

	private static List<Throwable> causes(Throwable failure) {
		List<Throwable> causes = new ArrayList<>();
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
			causes.add(cause);
		}
		return causes;
	}

	private static boolean has(List<Throwable> causes, Predicate<Throwable> kind) {
		return causes.stream().anyMatch(kind);
	}

	private static ExportFailure retry(String summary, String hint) {
		return new ExportFailure(summary, hint, Handling.RETRY);
	}

	/**
	 * The failure when it shows the collector speaking the other transport's protocol, on any port: a gRPC
	 * client reading an HTTP/1.1 answer takes {@code "HTT"} for an HTTP/2 frame length (4740180), and an
	 * HTTP/1.1 client reading a gRPC receiver's first bytes finds an HTTP/2 SETTINGS frame (type 4) where a
	 * status line should be. Else {@code null}.
	 */
	private static ExportFailure transportMismatch(Throwable failure, ExportTarget target) {
		String message = rootCause(failure).getMessage();
		if (message == null) {
			return null;
		}
		if ("grpc".equals(target.transport()) && message.contains(HTTP1_READ_AS_FRAME_LENGTH)) {
			return retry(target.endpoint() + " answered in HTTP/1.1, as an OTLP/HTTP receiver does, not in gRPC",
					"set ten.tracing.transport=http, or point ten.tracing.otlp-endpoint at the collector's gRPC port"
							+ " (usually 4317)");
		}
		if ("http".equals(target.transport()) && HTTP2_SETTINGS_READ_AS_STATUS_LINE.matcher(message).find()) {
			return retry(target.endpoint() + " answered in HTTP/2 only, as an OTLP/gRPC receiver does",
					"set ten.tracing.transport=grpc, or point ten.tracing.otlp-endpoint at the collector's HTTP port"
							+ " (usually 4318)");
		}
		return null;
	}

	/**
	 * As the OTLP specification says: the retryable statuses are retried; so are those with which a collector
	 * refuses every request until something is changed on its side (credentials, the service); a request too
	 * large is split; any other answer refuses these spans for good.
	 */
	private static ExportFailure grpc(int status, ExportTarget target) {
		String summary = target.endpoint() + " answered gRPC status " + status;
		return switch (status) {
			case GRPC_UNAVAILABLE -> retry(summary + " (UNAVAILABLE)", transportHint(target));
			case GRPC_UNAUTHENTICATED, GRPC_PERMISSION_DENIED -> retry(summary, AUTH_HINT);
			case GRPC_UNIMPLEMENTED, GRPC_NOT_FOUND -> retry(summary + ((status == GRPC_UNIMPLEMENTED)
					? " (UNIMPLEMENTED)" : " (NOT_FOUND)"),
					"this endpoint does not receive OTLP traces over gRPC; " + orTransportHint(target));
			case GRPC_RESOURCE_EXHAUSTED -> new ExportFailure(summary + " (RESOURCE_EXHAUSTED)", null, Handling.SPLIT);
			case GRPC_INVALID_ARGUMENT -> new ExportFailure(summary + " (INVALID_ARGUMENT): the spans were refused",
					null, Handling.REJECT);
			default -> GRPC_RETRYABLE.contains(status) ? retry(summary, transportHint(target))
					: new ExportFailure(summary + ": the spans were refused", null, Handling.REJECT);
		};
	}

	private static ExportFailure http(int status, ExportTarget target) {
		String summary = target.endpoint() + " answered HTTP " + status;
		if (status == 401 || status == 403) {
			return retry(summary, AUTH_HINT);
		}
		if (status == 404 || status == 405) {
			return retry(summary, "OTLP/HTTP receives traces at /v1/traces; " + orTransportHint(target));
		}
		if (status == 413) {
			return new ExportFailure(summary + " (request too large)", null, Handling.SPLIT);
		}
		if (HTTP_RETRYABLE.contains(status)) {
			return retry(summary, null);
		}
		return new ExportFailure(summary + ": the spans were refused", null, Handling.REJECT);
	}

	/** A hint when the port is the other transport's usual one, else {@code null}. */
	private static String transportHint(ExportTarget target) {
		if ("grpc".equals(target.transport()) && target.port() == 4318) {
			return "port 4318 is OTLP/HTTP's: set ten.tracing.transport=http, or use port 4317 for gRPC";
		}
		if ("http".equals(target.transport()) && target.port() == 4317) {
			return "port 4317 is OTLP/gRPC's: set ten.tracing.transport=grpc, or use port 4318 for HTTP";
		}
		return null;
	}

	private static String orTransportHint(ExportTarget target) {
		String hint = transportHint(target);
		return (hint != null) ? hint : "check ten.tracing.otlp-endpoint and ten.tracing.transport";
	}

	private static Integer grpcStatus(Throwable failure) {
		try {
			if (failure instanceof FailedExportException.GrpcExportException grpc && grpc.failedWithResponse()) {
				return grpc.getResponse().grpcStatusValue();
			}
		}
		catch (LinkageError ex) {
			// The exporter's internal failure type changed: read the failure as any other.
		}
		return null;
	}

	private static Integer httpStatus(Throwable failure) {
		try {
			if (failure instanceof FailedExportException.HttpExportException http && http.failedWithResponse()) {
				return http.getResponse().statusCode();
			}
		}
		catch (LinkageError ex) {
			// As above.
		}
		return null;
	}

	/**
	 * The innermost cause's type and, for a network failure, its message with credentials and queries of URLs
	 * removed. Other failures' messages are left out: they may quote a header value (OkHttp's check of header
	 * characters does).
	 */
	private static String describe(Throwable failure) {
		Throwable root = rootCause(failure);
		String message = (root instanceof IOException) ? root.getMessage() : null;
		if (message == null) {
			return root.getClass().getSimpleName();
		}
		return root.getClass().getSimpleName() + ": " + Credentials.removedFrom(message);
	}

	private static Throwable rootCause(Throwable failure) {
		List<Throwable> causes = causes(failure);
		return causes.get(causes.size() - 1);
	}

}
