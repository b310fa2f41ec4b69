package dev.ten.tracing.export;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import io.opentelemetry.exporter.internal.FailedExportException;

/**
 * What an export failure means to the person running the agent: one line to show, a hint naming what to
 * change where the cause is recognised, and whether sending the same spans again can ever help. Built from
 * the failure the OTLP exporter reports, never with a header value or credentials in it.
 *
 * @param summary what went wrong, in one line
 * @param hint what to change, or {@code null}
 * @param permanent whether the collector refused the spans for good
 */
record ExportFailure(String summary, String hint, boolean permanent) {

	private static final int GRPC_INVALID_ARGUMENT = 3;

	private static final int GRPC_PERMISSION_DENIED = 7;

	private static final int GRPC_UNIMPLEMENTED = 12;

	private static final int GRPC_UNAVAILABLE = 14;

	private static final int GRPC_UNAUTHENTICATED = 16;

	private static final Pattern USER_INFO = Pattern.compile("//[^/@\\s]+@");

	/** "HTT" of an HTTP/1.1 status line, read by an HTTP/2 client as a frame's length. */
	private static final String HTTP1_READ_AS_FRAME_LENGTH = "FRAME_SIZE_ERROR: 4740180";

	/** An HTTP/2 SETTINGS frame header (3 bytes length, type 04) where an HTTP/1.1 client wanted a line. */
	private static final Pattern HTTP2_SETTINGS_READ_AS_STATUS_LINE = Pattern
		.compile("n not found: .*content=[0-9a-f]{6}04");

	private static final String TRUST_HINT = "the collector's certificate is not trusted by this JVM: trust it"
			+ " with an SSL bundle, ten.tracing.ssl.bundle=<name> (spring.ssl.bundle.jks.<name>.truststore or"
			+ " spring.ssl.bundle.pem.<name>.truststore), or add it to the JVM's trust store";

	private static final String AUTH_HINT = "the collector wants credentials: set ten.tracing.headers.authorization"
			+ " (environment variable TEN_TRACING_HEADERS_AUTHORIZATION), or the header your backend names";

	/** The export got no answer within the exporter's timeout. */
	static ExportFailure timedOut(ExportTarget target) {
		return new ExportFailure("no answer from " + target.endpoint() + " within the export timeout", null, false);
	}

	static ExportFailure of(Throwable failure, ExportTarget target) {
		if (failure == null) {
			return new ExportFailure("the export to " + target.endpoint() + " failed", transportHint(target), false);
		}
		Integer grpc = grpcStatus(failure);
		if (grpc != null) {
			return grpc(grpc, target);
		}
		Integer http = httpStatus(failure);
		if (http != null) {
			return http(http, target);
		}
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
			if (cause instanceof SSLHandshakeException || cause instanceof CertificateException
					|| cause instanceof CertPathBuilderException || cause instanceof CertPathValidatorException) {
				return new ExportFailure("the TLS handshake with " + target.endpoint() + " failed", TRUST_HINT, false);
			}
			if (cause instanceof SSLException) {
				return new ExportFailure("TLS with " + target.endpoint() + " failed (" + describe(cause) + ")",
						"does the endpoint's scheme match the collector: https:// for TLS, http:// for plain text?",
						false);
			}
			if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
				return new ExportFailure("cannot connect to " + target.endpoint(),
						"is the collector running and listening there?", false);
			}
			if (cause instanceof UnknownHostException) {
				return new ExportFailure("unknown host in " + target.endpoint(), "check ten.tracing.otlp-endpoint",
						false);
			}
		}
		ExportFailure mismatch = transportMismatch(failure, target);
		if (mismatch != null) {
			return mismatch;
		}
		return new ExportFailure("the export to " + target.endpoint() + " failed: " + describe(failure),
				transportHint(target), false);
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
			return new ExportFailure(target.endpoint() + " answered in HTTP/1.1, as an OTLP/HTTP receiver does, not"
					+ " in gRPC", "set ten.tracing.transport=http, or point ten.tracing.otlp-endpoint at the"
							+ " collector's gRPC port (usually 4317)",
					false);
		}
		if ("http".equals(target.transport()) && HTTP2_SETTINGS_READ_AS_STATUS_LINE.matcher(message).find()) {
			return new ExportFailure(target.endpoint() + " answered in HTTP/2 only, as an OTLP/gRPC receiver does",
					"set ten.tracing.transport=grpc, or point ten.tracing.otlp-endpoint at the collector's HTTP port"
							+ " (usually 4318)",
					false);
		}
		return null;
	}

	private static ExportFailure grpc(int status, ExportTarget target) {
		String summary = target.endpoint() + " answered gRPC status " + status;
		return switch (status) {
			case GRPC_UNAVAILABLE -> new ExportFailure(summary + " (UNAVAILABLE)", transportHint(target), false);
			case GRPC_UNAUTHENTICATED, GRPC_PERMISSION_DENIED -> new ExportFailure(summary, AUTH_HINT, false);
			case GRPC_UNIMPLEMENTED -> new ExportFailure(summary + " (UNIMPLEMENTED)",
					"this endpoint does not receive OTLP traces over gRPC; " + orTransportHint(target), false);
			case GRPC_INVALID_ARGUMENT -> new ExportFailure(summary + " (INVALID_ARGUMENT): the spans were refused",
					null, true);
			default -> new ExportFailure(summary, transportHint(target), false);
		};
	}

	private static ExportFailure http(int status, ExportTarget target) {
		String summary = target.endpoint() + " answered HTTP " + status;
		if (status == 401 || status == 403) {
			return new ExportFailure(summary, AUTH_HINT, false);
		}
		if (status == 404 || status == 405) {
			return new ExportFailure(summary, "OTLP/HTTP receives traces at /v1/traces; " + orTransportHint(target),
					false);
		}
		if (status == 400 || status == 413 || status == 422) {
			return new ExportFailure(summary + ": the spans were refused", null, true);
		}
		return new ExportFailure(summary, null, false);
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

	private static Throwable rootCause(Throwable failure) {
		Throwable root = failure;
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		while (root.getCause() != null && seen.add(root)) {
			root = root.getCause();
		}
		return root;
	}

	/** The innermost cause's type and message, credentials in URLs removed. */
	private static String describe(Throwable failure) {
		Throwable root = rootCause(failure);
		String message = root.getMessage();
		String text = root.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
		return USER_INFO.matcher(text).replaceAll("//");
	}

}
