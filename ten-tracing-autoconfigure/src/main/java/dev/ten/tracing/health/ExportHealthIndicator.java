package dev.ten.tracing.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ten.tracing.export.BufferedSpanExporter;
import dev.ten.tracing.export.DropCause;
import dev.ten.tracing.export.ExportPipeline;
import dev.ten.tracing.export.ExportSnapshot;
import dev.ten.tracing.export.ExportStatus;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Whether agent spans reach the collector, as the {@code tenTracing} health contributor: UP while exports
 * succeed, DOWN from the first failed export until one succeeds again, UNKNOWN before the first export and
 * when tracing or export is off. The details say where spans go, how many were exported, how many export
 * attempts failed, how many spans were lost and why, how many wait, and, while down, the error and a hint.
 * They never hold a header value or credentials.
 */
public final class ExportHealthIndicator extends AbstractHealthIndicator {

	private final ExportPipeline pipeline;

	/**
	 * Creates the indicator.
	 * @param pipeline the export pipeline, or {@code null} when tracing is disabled
	 */
	public ExportHealthIndicator(ExportPipeline pipeline) {
		super("Reading the export state of ten-tracing failed");
		this.pipeline = pipeline;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.pipeline == null) {
			builder.unknown().withDetail("tracing", "disabled (ten.tracing.enabled=false)");
			return;
		}
		List<BufferedSpanExporter> exporters = this.pipeline.exporters();
		if (exporters.isEmpty()) {
			builder.unknown()
				.withDetail("export", "off: no OTLP exporter (management.tracing.export.enabled or"
						+ " management.opentelemetry.tracing.export.otlp.enabled is false)");
			return;
		}
		if (exporters.size() == 1) {
			ExportSnapshot snapshot = exporters.get(0).snapshot();
			builder.status(status(snapshot.status())).withDetails(details(snapshot));
			return;
		}
		List<Map<String, Object>> all = new ArrayList<>();
		Status worst = Status.UNKNOWN;
		for (BufferedSpanExporter exporter : exporters) {
			ExportSnapshot snapshot = exporter.snapshot();
			all.add(details(snapshot));
			worst = worse(worst, status(snapshot.status()));
		}
		builder.status(worst).withDetail("exporters", all);
	}

	private static Map<String, Object> details(ExportSnapshot snapshot) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("endpoint", snapshot.endpoint());
		details.put("transport", snapshot.transport());
		details.put("state", state(snapshot));
		if (snapshot.since() != null) {
			details.put("since", snapshot.since().toString());
		}
		details.put("exported", snapshot.exported());
		details.put("failedExports", snapshot.failedExports());
		Map<String, Long> dropped = new LinkedHashMap<>();
		for (DropCause cause : DropCause.values()) {
			dropped.put(cause.tag(), snapshot.dropped().getOrDefault(cause, 0L));
		}
		details.put("dropped", dropped);
		details.put("waiting", snapshot.waiting());
		details.put("bufferedBytes", snapshot.bufferedBytes());
		if (snapshot.lastSuccess() != null) {
			details.put("lastSuccess", snapshot.lastSuccess().toString());
		}
		if (snapshot.lastFailure() != null) {
			details.put("lastFailure", snapshot.lastFailure().toString());
		}
		if (snapshot.error() != null) {
			details.put("error", snapshot.error());
		}
		if (snapshot.hint() != null) {
			details.put("hint", snapshot.hint());
		}
		return details;
	}

	private static String state(ExportSnapshot snapshot) {
		return switch (snapshot.status()) {
			case UNKNOWN -> "no export attempted yet";
			case UP -> "delivering";
			case DOWN -> "failing; spans are kept and sent again";
		};
	}

	private static Status status(ExportStatus status) {
		return switch (status) {
			case UNKNOWN -> Status.UNKNOWN;
			case UP -> Status.UP;
			case DOWN -> Status.DOWN;
		};
	}

	private static Status worse(Status a, Status b) {
		if (a == Status.DOWN || b == Status.DOWN) {
			return Status.DOWN;
		}
		return (a == Status.UP || b == Status.UP) ? Status.UP : Status.UNKNOWN;
	}

}
