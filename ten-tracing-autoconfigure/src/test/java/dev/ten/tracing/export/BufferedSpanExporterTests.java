package dev.ten.tracing.export;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The buffering exporter on its own, around an exporter that behaves as a test needs: the batch processor's
 * drops are said in the log, and an exporter that throws, even an error, never stops delivery.
 */
@ExtendWith(OutputCaptureExtension.class)
class BufferedSpanExporterTests {

	private static final Duration PATIENCE = Duration.ofMinutes(1);

	private final List<BufferedSpanExporter> exporters = new ArrayList<>();

	@AfterEach
	void shutDown() {
		this.exporters.forEach(BufferedSpanExporter::shutdown);
	}

	@Test
	void spansTheBatchProcessorDroppedAreSaidInTheLogOnce(CapturedOutput output) {
		BufferedSpanExporter exporter = buffered(new Recording(0));
		exporter.reportQueue(() -> 37, () -> 0);
		await().atMost(PATIENCE).until(() -> output.toString().contains("Spans are being lost (queue_full): 37 now, 37"
				+ " in all since start. Spans ended faster than the batch processor could take them: raise"
				+ " ten.tracing.max-queue-size."));
		assertThat(exporter.snapshot().dropped()).containsEntry(DropCause.QUEUE_FULL, 37L);
	}

	@Test
	void anExporterThatThrowsEvenAnErrorDoesNotStopDelivery() {
		Recording delegate = new Recording(2);
		BufferedSpanExporter exporter = buffered(delegate);
		exporter.export(List.of(EndedSpans.named("first"), EndedSpans.named("second")));
		await().atMost(PATIENCE).until(() -> delegate.names.size() == 2);
		assertThat(delegate.names).containsExactly("first", "second");
		assertThat(exporter.snapshot().failedExports()).isEqualTo(2);
		assertThat(exporter.snapshot().droppedTotal()).isZero();
		assertThat(exporter.snapshot().status()).isEqualTo(ExportStatus.UP);
	}

	private BufferedSpanExporter buffered(SpanExporter delegate) {
		BufferedSpanExporter exporter = new BufferedSpanExporter(delegate,
				ExportTarget.of("http://collector:4317", "grpc"), DataSize.ofMegabytes(1), Duration.ofSeconds(1),
				Duration.ofSeconds(1));
		this.exporters.add(exporter);
		return exporter;
	}

	/** Throws on its first calls (an error, then a runtime exception), then records what it is given. */
	private static final class Recording implements SpanExporter {

		private final AtomicInteger failuresLeft;

		private final List<String> names = new CopyOnWriteArrayList<>();

		Recording(int failures) {
			this.failuresLeft = new AtomicInteger(failures);
		}

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			int left = this.failuresLeft.getAndDecrement();
			if (left == 2) {
				throw new StackOverflowError("from the exporter");
			}
			if (left == 1) {
				throw new IllegalStateException("from the exporter");
			}
			spans.forEach((span) -> this.names.add(span.getName()));
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

}
