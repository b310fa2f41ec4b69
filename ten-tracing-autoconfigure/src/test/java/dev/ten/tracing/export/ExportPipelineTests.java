package dev.ten.tracing.export;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline wraps only the exporters that send to a collector, and silences the OTLP exporters' own
 * per-attempt lines unless the application chose a level for them.
 */
class ExportPipelineTests {

	private static final Logger exporterLogs = Logger.getLogger("io.opentelemetry.exporter.internal");

	private final ExportPipeline pipeline = new ExportPipeline(DataSize.ofMegabytes(1), Duration.ofSeconds(1),
			Duration.ofMillis(100));

	@AfterEach
	void shutDownAndSilenceAsBefore() {
		this.pipeline.exporters().forEach(SpanExporter::shutdown);
		exporterLogs.setLevel(Level.OFF);
	}

	@Test
	void anExporterThatSendsToACollectorIsWrappedAndItsOwnLinesSilenced() {
		exporterLogs.setLevel(null);
		SpanExporter exporter = SpanExporter.composite();
		SpanExporter wrapped = this.pipeline.wrap(exporter,
				(candidate) -> ExportTarget.of("http://collector:4317", "grpc"));
		assertThat(wrapped).isInstanceOf(BufferedSpanExporter.class);
		assertThat(this.pipeline.exporters()).containsExactly((BufferedSpanExporter) wrapped);
		assertThat(exporterLogs.getLevel()).isEqualTo(Level.OFF);
	}

	@Test
	void aLevelTheApplicationSetForTheExportersLinesIsKept() {
		exporterLogs.setLevel(Level.FINE);
		this.pipeline.wrap(SpanExporter.composite(), (candidate) -> ExportTarget.of("http://collector:4317", "grpc"));
		assertThat(exporterLogs.getLevel()).isEqualTo(Level.FINE);
	}

	@Test
	void anExporterThatSendsNowhereIsLeftAlone() {
		SpanExporter exporter = SpanExporter.composite();
		assertThat(this.pipeline.wrap(exporter, (candidate) -> null)).isSameAs(exporter);
		assertThat(this.pipeline.exporters()).isEmpty();
	}

}
