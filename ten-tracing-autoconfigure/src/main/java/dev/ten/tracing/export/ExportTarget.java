package dev.ten.tracing.export;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where spans go, as it may be shown: in health details and log lines. User information, a query and a
 * fragment in the endpoint are removed, as they may hold credentials.
 *
 * @param endpoint the endpoint without credentials
 * @param transport {@code grpc} or {@code http}
 * @param port the endpoint's port, or -1
 */
public record ExportTarget(String endpoint, String transport, int port) {

	/**
	 * Describes an endpoint.
	 * @param endpoint the configured endpoint, or {@code null}
	 * @param transport {@code grpc} or {@code http}
	 * @return the target, credentials removed
	 */
	public static ExportTarget of(String endpoint, String transport) {
		if (endpoint == null) {
			return new ExportTarget("(not set)", transport, -1);
		}
		try {
			URI uri = new URI(endpoint.trim());
			URI shown = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
			return new ExportTarget(shown.toString(), transport, uri.getPort());
		}
		catch (URISyntaxException ex) {
			return new ExportTarget("(unreadable endpoint)", transport, -1);
		}
	}

}
