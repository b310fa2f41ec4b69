package dev.ten.tracing.export;

import java.time.Instant;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log says each episode of loss once when it starts and once when it is over, whether it ended with an
 * outage or, with the collector up, after a quiet while.
 */
@ExtendWith(OutputCaptureExtension.class)
class ExportLogTests {

	private static final Instant START = Instant.parse("2026-12-02T10:00:00Z");

	private final ExportLog log = new ExportLog(ExportTarget.of("http://collector:4317", "grpc"),
			DataSize.ofMegabytes(64));

	@Test
	void lossWithTheCollectorUpIsSaidOnceAndSaidOverAfterAQuietWhile(CapturedOutput output) {
		this.log.lost(DropCause.QUEUE_FULL, 5, 5, START);
		this.log.lost(DropCause.QUEUE_FULL, 7, 12, START.plusSeconds(1));
		this.log.delivering(START.plusSeconds(30));
		assertThat(occurrences(output, "Spans are being lost (queue_full): 5 now, 5 in all since start.")).isOne();
		assertThat(output).doesNotContain("no longer being lost");
		this.log.delivering(START.plusSeconds(1).plus(ExportLog.QUIET));
		assertThat(output).contains("Spans are no longer being lost: 12 were lost between 2026-12-02T10:00:00Z and"
				+ " 2026-12-02T10:00:01Z.");
		this.log.lost(DropCause.QUEUE_FULL, 3, 15, START.plusSeconds(600));
		assertThat(output).contains("Spans are being lost (queue_full): 3 now, 15 in all since start.");
	}

	@Test
	void lossDuringAnOutageIsSaidOverWhenTheCollectorIsBack(CapturedOutput output) {
		this.log.lost(DropCause.BUFFER_FULL, 100, 100, START);
		this.log.lost(DropCause.BUFFER_FULL, 50, 150, START.plusSeconds(5));
		this.log.recovered(START.minusSeconds(10), START.plusSeconds(20));
		assertThat(occurrences(output, "Spans are being lost (buffer_full)")).isOne();
		assertThat(output).contains("again, after 30.0 s; 150 were lost while it was down.");
	}

	private static int occurrences(CapturedOutput output, String text) {
		return output.toString().split(Pattern.quote(text), -1).length - 1;
	}

}
