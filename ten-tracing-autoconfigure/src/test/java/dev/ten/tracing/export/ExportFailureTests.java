package dev.ten.tracing.export;

import java.io.IOException;
import java.net.ConnectException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an export failure says, and what it means for the spans: never a header value or a credential, and
 * the OTLP specification's retryable statuses retried.
 */
class ExportFailureTests {

	private static final ExportTarget TARGET = ExportTarget.of("http://collector:4317", "grpc");

	@Test
	void aFailureThatQuotesAHeaderValueIsShownByItsTypeAlone() {
		ExportFailure failure = ExportFailure
			.of(new IllegalArgumentException("Unexpected char 0x0a at 6 in x-api-key value: s3cret"), TARGET);
		assertThat(failure.summary()).isEqualTo("the export to http://collector:4317 failed: IllegalArgumentException");
		assertThat(failure.handling()).isEqualTo(ExportFailure.Handling.RETRY);
	}

	@Test
	void aNetworkFailureKeepsItsMessageWithoutCredentialsOrQueries() {
		ExportFailure failure = ExportFailure.of(
				new IOException("unexpected end of stream on https://agent:s3cret@collector:4318/v1/traces?key=s3cret"),
				TARGET);
		assertThat(failure.summary()).contains("IOException: unexpected end of stream on https://collector:4318/v1/traces")
			.doesNotContain("s3cret");
	}

	@Test
	void aCollectorNotListeningIsRetriedWithAHint() {
		ExportFailure failure = ExportFailure.of(new IOException("failed", new ConnectException("refused")), TARGET);
		assertThat(failure.summary()).isEqualTo("cannot connect to http://collector:4317");
		assertThat(failure.hint()).contains("collector running");
		assertThat(failure.handling()).isEqualTo(ExportFailure.Handling.RETRY);
	}

}
