package dev.ten.tracing.export;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import dev.ten.tracing.AgentSession;
import dev.ten.tracing.AgentTracer;
import dev.ten.tracing.TenConventions;
import dev.ten.tracing.TurnSpan;
import dev.ten.tracing.health.ExportHealthIndicator;
import dev.ten.tracing.metrics.ExportMetrics;
import dev.ten.tracing.otlp.OtlpTestReceiver;
import dev.ten.tracing.otlp.OtlpTestReceiver.Answer;
import dev.ten.tracing.otlp.OtlpTestReceiver.Protocol;
import dev.ten.tracing.otlp.ReceivedSpan;
import dev.ten.tracing.otlp.TestCertificates;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.trace.SpanLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SdkTracerProviderBuilderCustomizer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The export as production sees it: a real OTLP receiver that goes away and comes back, answers
 * UNAVAILABLE, never answers, checks a token, and speaks TLS with a self-signed certificate. Nothing is
 * lost within the buffer's budget, what is lost is counted by cause, health says what is going on, and the
 * log says it once.
 */
@ExtendWith(OutputCaptureExtension.class)
class ExportResilienceTests {

	private static final Duration PATIENCE = Duration.ofMinutes(2);

	@Test
	void healthIsUnknownBeforeTheFirstExportThenUpWithTheCounts() throws IOException {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.grpc();
				ConfigurableApplicationContext context = run(receiver)) {
			assertThat(context.getBean(HealthContributorRegistry.class).getContributor("tenTracing"))
				.as("the contributor, under the name the README gives")
				.isInstanceOf(ExportHealthIndicator.class);
			Health before = health(context);
			assertThat(before.getStatus()).isEqualTo(Status.UNKNOWN);
			assertThat(before.getDetails()).containsEntry("state", "no export attempted yet")
				.containsEntry("endpoint", receiver.endpoint())
				.containsEntry("transport", "grpc");
			endSessions(context, "s-", 20);
			receiver.awaitSpans(20, PATIENCE);
			await().atMost(PATIENCE).until(() -> health(context).getStatus() == Status.UP);
			Health after = health(context);
			assertThat(after.getDetails()).containsEntry("exported", 20L)
				.containsEntry("failedExports", 0L)
				.containsEntry("waiting", 0L)
				.containsEntry("state", "delivering")
				.containsKeys("lastSuccess", "since")
				.containsEntry("dropped", Map.of("queue_full", 0L, "buffer_full", 0L, "rejected", 0L, "shutdown", 0L));
		}
	}

	@Test
	void aCollectorStoppedAndRestartedOnTheSamePortLosesNothingAndGetsTheOutageInOrder(CapturedOutput output)
			throws IOException {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.grpc();
				ConfigurableApplicationContext context = run(receiver)) {
			endSessions(context, "before-", 50);
			receiver.awaitSpans(50, PATIENCE);
			receiver.stop();
			endSessions(context, "during-", 300);
			await().atMost(PATIENCE).until(() -> health(context).getStatus() == Status.DOWN);
			Health down = health(context);
			assertThat(down.getDetails()).containsEntry("state", "failing; spans are kept and sent again")
				.containsKeys("error", "lastFailure");
			assertThat((String) down.getDetails().get("error")).contains("cannot connect to " + receiver.endpoint());
			assertThat((Long) down.getDetails().get("waiting")).isPositive();
			receiver.restart();
			endSessions(context, "after-", 50);
			List<ReceivedSpan> spans = receiver.awaitSpans(400, PATIENCE);
			await().atMost(PATIENCE).until(() -> health(context).getStatus() == Status.UP);
			assertThat(snapshot(context).droppedTotal()).isZero();
			assertThat(sessionIds(spans, "during-")).as("the outage's spans, each once")
				.containsExactlyInAnyOrderElementsOf(IntStream.range(0, 300).mapToObj((i) -> "during-" + i).toList());
			assertThat(sessionIds(spans, "")).doesNotHaveDuplicates().hasSize(400);
			assertThat(requestsCarrying(spans, "during-").max().getAsInt())
				.as("the outage's spans were sent before or with the first spans after it")
				.isLessThanOrEqualTo(requestsCarrying(spans, "after-").min().getAsInt());
			assertThat(requestsCarrying(spans, "before-").max().getAsInt())
				.isLessThanOrEqualTo(requestsCarrying(spans, "during-").min().getAsInt());
		}
		assertThat(occurrences(output, "Spans cannot reach the collector")).isEqualTo(1);
		assertThat(occurrences(output, "again, after")).isEqualTo(1);
		assertThat(output).contains("none were lost").doesNotContain("\tat io.opentelemetry.exporter");
	}

	@Test
	void unavailableAnswersAreRetriedUntilTheCollectorTakesTheSpans() throws IOException {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.grpc();
				ConfigurableApplicationContext context = run(receiver)) {
			receiver.answerUnavailable(6);
			endSessions(context, "s-", 100);
			assertThat(receiver.awaitSpanCount(100, PATIENCE)).isEqualTo(100);
			await().atMost(PATIENCE).until(() -> health(context).getStatus() == Status.UP);
			ExportSnapshot snapshot = snapshot(context);
			assertThat(snapshot.failedExports()).isGreaterThanOrEqualTo(6);
			assertThat(snapshot.droppedTotal()).isZero();
			assertThat(receiver.spans()).hasSize(100);
		}
	}

	@Test
	void unavailableOverHttpIsRetriedAndTheErrorSaysWhatTheCollectorAnswered() throws IOException {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.http();
				ConfigurableApplicationContext context = run(receiver, "--ten.tracing.transport=http")) {
			receiver.answer(Answer.UNAVAILABLE);
			endSessions(context, "s-", 10);
			await().atMost(PATIENCE).until(() -> health(context).getStatus() == Status.DOWN);
			assertThat((String) health(context).getDetails().get("error")).contains("answered HTTP 503");
			receiver.answer(Answer.ACCEPT);
			assertThat(receiver.awaitSpanCount(10, PATIENCE)).isEqualTo(10);
			await().atMost(PATIENCE).until(() -> health(context).getStatus() == Status.UP);
		}
	}

	@Test
	void requestsTooLargeForTheCollectorAreSplitAndNothingIsLost() throws IOException {
		for (Protocol protocol : Protocol.values()) {
			try (OtlpTestReceiver receiver = OtlpTestReceiver.builder(protocol).start();
					ConfigurableApplicationContext context = run(receiver,
							"--ten.tracing.transport=" + transport(protocol))) {
				receiver.maxSpansPerRequest(7);
				endSessions(context, "split-", 100);
				assertThat(receiver.awaitSpanCount(100, PATIENCE)).as(protocol.name()).isEqualTo(100);
				assertThat(sessionIds(receiver.spans(), "split-")).doesNotHaveDuplicates().hasSize(100);
				assertThat(snapshot(context).droppedTotal()).isZero();
				await().atMost(PATIENCE).until(() -> health(context).getStatus() == Status.UP);
			}
		}
	}

	@Test
	void spansTheCollectorRefusesForGoodAreCountedAndSaidButTheExportIsNotDown(CapturedOutput output)
			throws IOException {
		for (Protocol protocol : Protocol.values()) {
			try (OtlpTestReceiver receiver = OtlpTestReceiver.builder(protocol).start();
					ConfigurableApplicationContext context = run(receiver,
							"--ten.tracing.transport=" + transport(protocol))) {
				receiver.answer(Answer.REFUSE);
				endSessions(context, "refused-", 10);
				await().atMost(PATIENCE).until(() -> snapshot(context).dropped().get(DropCause.REJECTED) == 10);
				assertThat(health(context).getStatus()).as("refused spans are no outage").isNotEqualTo(Status.DOWN);
				assertThat(snapshot(context).failedExports()).isPositive();
				receiver.answer(Answer.ACCEPT);
				endSessions(context, "taken-", 5);
				assertThat(receiver.awaitSpanCount(5, PATIENCE)).isEqualTo(5);
				await().atMost(PATIENCE).until(() -> health(context).getStatus() == Status.UP);
				assertThat(sessionIds(receiver.spans(), "refused-")).isEmpty();
			}
		}
		assertThat(output).contains("Spans are being lost (rejected): ")
			.contains("The collector refused them for good: http://127.0.0.1:")
			.contains("answered gRPC status 13: the spans were refused")
			.contains("answered HTTP 500: the spans were refused")
			.doesNotContain("Spans cannot reach the collector");
	}

	@Test
	void aCollectorThatNeverAnswersIsGivenUpOnAtTheTimeoutAndTheSpansWaitForIt() throws IOException {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.grpc();
				ConfigurableApplicationContext context = run(receiver, "--ten.tracing.timeout=1s")) {
			receiver.answer(Answer.NEVER);
			endSessions(context, "s-", 10);
			await().atMost(PATIENCE).until(() -> health(context).getStatus() == Status.DOWN);
			await().atMost(PATIENCE).until(() -> snapshot(context).waiting() == 10);
			receiver.answer(Answer.ACCEPT);
			assertThat(receiver.awaitSpanCount(10, PATIENCE)).isEqualTo(10);
			assertThat(snapshot(context).droppedTotal()).isZero();
		}
	}

	@Test
	void beyondTheBudgetTheOldestSpansAreDroppedCountedAndSaidOnce(CapturedOutput output) throws IOException {
		OtlpTestReceiver receiver = OtlpTestReceiver.grpc();
		receiver.stop();
		try (receiver; ConfigurableApplicationContext context = run(receiver, "--ten.tracing.buffer-size=64KB")) {
			endSessions(context, "s-", 2_000);
			await().atMost(PATIENCE).until(() -> snapshot(context).dropped().get(DropCause.BUFFER_FULL) > 0
					&& snapshot(context).waiting() + snapshot(context).dropped().get(DropCause.BUFFER_FULL) >= 2_000);
			ExportSnapshot snapshot = snapshot(context);
			assertThat(snapshot.bufferedBytes()).isLessThanOrEqualTo(64 * 1024);
			assertThat(snapshot.dropped().get(DropCause.BUFFER_FULL) + snapshot.waiting()).isEqualTo(2_000);
			receiver.restart();
			await().atMost(PATIENCE).until(() -> receiver.spanCount() == snapshot(context).exported()
					&& snapshot(context).waiting() == 0);
			assertThat(sessionIds(receiver.spans(), "")).as("the newest were kept").contains("s-1999")
				.doesNotContain("s-0");
		}
		assertThat(occurrences(output, "Spans are being lost (buffer_full)")).isEqualTo(1);
	}

	@Test
	void withTheCollectorDownShutdownKeepsToItsTimeoutAndSaysWhatWasNotDelivered(CapturedOutput output)
			throws IOException {
		OtlpTestReceiver receiver = OtlpTestReceiver.grpc();
		receiver.stop();
		ConfigurableApplicationContext context = run(receiver, "--ten.tracing.shutdown-timeout=2s");
		BufferedSpanExporter exporter = context.getBean(ExportPipeline.class).exporters().get(0);
		AgentTracer tracer = context.getBean(AgentTracer.class);
		for (int i = 0; i < 100; i++) {
			tracer.startSession("open-" + i, "agent");
		}
		long started = System.nanoTime();
		context.close();
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		receiver.close();
		assertThat(took).as("bounded by the shutdown timeout, with room for a busy machine")
			.isLessThan(Duration.ofSeconds(60));
		assertThat(exporter.snapshot().dropped().get(DropCause.SHUTDOWN)).isEqualTo(100);
		Matcher line = Pattern.compile("(\\d+) span\\(s\\) could not be delivered to " + Pattern.quote(receiver.endpoint())
				+ " before shutdown \\(ten.tracing.shutdown-timeout=2000ms\\)").matcher(output.toString());
		assertThat(line.find()).as("the shutdown line").isTrue();
		assertThat(line.group(1)).isEqualTo("100");
	}

	@Test
	void tlsWithASelfSignedCertificateTrustedThroughAnSslBundle(@TempDir Path directory) throws IOException {
		TestCertificates certificates = TestCertificates.create(directory);
		for (Protocol protocol : Protocol.values()) {
			try (OtlpTestReceiver receiver = OtlpTestReceiver.builder(protocol).tls(certificates).start();
					ConfigurableApplicationContext context = run(receiver, "--ten.tracing.transport=" + transport(protocol),
							"--ten.tracing.ssl.bundle=collector",
							"--spring.ssl.bundle.jks.collector.truststore.location=file:" + certificates.trustStore(),
							"--spring.ssl.bundle.jks.collector.truststore.password=" + certificates.password(),
							"--spring.ssl.bundle.jks.collector.truststore.type=PKCS12")) {
				endSessions(context, "tls-", 5);
				assertThat(receiver.awaitSpanCount(5, PATIENCE)).as(protocol.name()).isEqualTo(5);
				await().atMost(PATIENCE).until(() -> health(context).getStatus() == Status.UP);
			}
		}
	}

	@Test
	void aCollectorThatWantsAClientCertificateGetsTheOneOfTheSslBundle(@TempDir Path directory) throws IOException {
		TestCertificates certificates = TestCertificates.create(directory);
		String[] trust = { "--ten.tracing.ssl.bundle=collector",
				"--spring.ssl.bundle.jks.collector.truststore.location=file:" + certificates.trustStore(),
				"--spring.ssl.bundle.jks.collector.truststore.password=" + certificates.password(),
				"--spring.ssl.bundle.jks.collector.truststore.type=PKCS12" };
		String[] clientCertificate = { "--spring.ssl.bundle.jks.collector.keystore.location=file:"
				+ certificates.clientKeyStore(),
				"--spring.ssl.bundle.jks.collector.keystore.password=" + certificates.password(),
				"--spring.ssl.bundle.jks.collector.keystore.type=PKCS12" };
		for (Protocol protocol : Protocol.values()) {
			try (OtlpTestReceiver receiver = OtlpTestReceiver.builder(protocol)
				.tls(certificates)
				.requireClientCertificate()
				.start()) {
				try (ConfigurableApplicationContext context = run(receiver,
						concat(concat(trust, clientCertificate), "--ten.tracing.transport=" + transport(protocol)))) {
					endSessions(context, "mtls-", 5);
					assertThat(receiver.awaitSpanCount(5, PATIENCE)).as(protocol.name()).isEqualTo(5);
					await().atMost(PATIENCE).until(() -> health(context).getStatus() == Status.UP);
				}
				try (ConfigurableApplicationContext context = run(receiver,
						concat(trust, "--ten.tracing.transport=" + transport(protocol), "--ten.tracing.shutdown-timeout=1s"))) {
					endSessions(context, "no-client-certificate-", 5);
					await().atMost(PATIENCE).until(() -> health(context).getStatus() == Status.DOWN);
					assertThat((String) health(context).getDetails().get("hint")).as(protocol.name())
						.contains("client certificate");
					await().atMost(PATIENCE).until(() -> snapshot(context).waiting() == 5);
				}
				assertThat(receiver.spanCount()).as("%s: only the spans of the agent with the certificate", protocol)
					.isEqualTo(5);
			}
		}
	}

	@Test
	void theWrongTransportForTheCollectorsPortIsNamedOnAnyPort(CapturedOutput output) throws IOException {
		for (Protocol protocol : Protocol.values()) {
			String wrong = (protocol == Protocol.GRPC) ? "http" : "grpc";
			try (OtlpTestReceiver receiver = OtlpTestReceiver.builder(protocol).start();
					ConfigurableApplicationContext context = run(receiver, "--ten.tracing.transport=" + wrong,
							"--ten.tracing.shutdown-timeout=1s")) {
				endSessions(context, "wrong-transport-", 1);
				// The first failed attempt may end before the receiver answered (a reset); the hint comes with the
				// attempt that reads its answer.
				await().atMost(PATIENCE).untilAsserted(() -> {
					assertThat(health(context).getStatus()).isEqualTo(Status.DOWN);
					assertThat((String) health(context).getDetails().get("hint")).as("%s receiver", protocol)
						.contains("set ten.tracing.transport=" + transport(protocol));
				});
				assertThat(receiver.spanCount()).isZero();
			}
		}
		assertThat(output).contains("answered in HTTP/1.1, as an OTLP/HTTP receiver does, not in gRPC. Hint: set"
				+ " ten.tracing.transport=http")
			.contains("answered in HTTP/2 only, as an OTLP/gRPC receiver does. Hint: set ten.tracing.transport=grpc")
			.doesNotContain("FRAME_SIZE_ERROR");
	}

	@Test
	void withGzipEveryRequestIsCompressedAndTheSpansArriveWhole() throws IOException {
		for (Protocol protocol : Protocol.values()) {
			try (OtlpTestReceiver receiver = OtlpTestReceiver.builder(protocol).start();
					ConfigurableApplicationContext context = run(receiver, "--ten.tracing.compression=gzip",
							"--ten.tracing.transport=" + transport(protocol))) {
				endSessions(context, "gzip-", 5);
				assertThat(receiver.awaitSpanCount(5, PATIENCE)).as(protocol.name()).isEqualTo(5);
				assertThat(sessionIds(receiver.spans(), "gzip-")).containsExactlyInAnyOrder("gzip-0", "gzip-1",
						"gzip-2", "gzip-3", "gzip-4");
				String encoding = (protocol == Protocol.GRPC) ? "grpc-encoding" : "content-encoding";
				assertThat(receiver.lastHeader(encoding)).as(protocol.name()).isEqualTo("gzip");
			}
		}
	}

	@Test
	void anSslBundleThatDoesNotExistStopsStartupNamingTheProperty() throws IOException {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.grpc()) {
			assertThatException().isThrownBy(() -> run(receiver, "--ten.tracing.ssl.bundle=colector").close())
				.havingRootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.withMessageContaining("ten.tracing.ssl.bundle")
				.withMessageContaining("colector");
		}
	}

	@Test
	void anUntrustedCertificateGivesOneLineNamingThePropertyToSet(@TempDir Path directory, CapturedOutput output)
			throws IOException {
		TestCertificates certificates = TestCertificates.create(directory);
		try (OtlpTestReceiver receiver = OtlpTestReceiver.builder(Protocol.GRPC).tls(certificates).start();
				ConfigurableApplicationContext context = run(receiver)) {
			endSessions(context, "s-", 5);
			await().atMost(PATIENCE).until(() -> health(context).getStatus() == Status.DOWN);
			await().atMost(PATIENCE).until(() -> snapshot(context).failedExports() >= 3);
			assertThat((String) health(context).getDetails().get("hint")).contains("ten.tracing.ssl.bundle");
		}
		assertThat(occurrences(output, "Spans cannot reach the collector")).isEqualTo(1);
		assertThat(output).contains("Hint: the collector's certificate is not trusted by this JVM")
			.doesNotContain("\tat io.opentelemetry.exporter")
			.doesNotContain("PKIX path building failed");
	}

	@Test
	void aCollectorThatWantsATokenGetsItFromPropertiesAndTheTokenIsNeverShown(CapturedOutput output)
			throws IOException {
		String token = "Bearer s3cret-token-4711";
		try (OtlpTestReceiver receiver = OtlpTestReceiver.builder(Protocol.GRPC)
			.requireHeader("authorization", token)
			.start()) {
			try (ConfigurableApplicationContext context = run(receiver)) {
				endSessions(context, "s-", 5);
				await().atMost(PATIENCE).until(() -> health(context).getStatus() == Status.DOWN);
				assertThat((String) health(context).getDetails().get("hint"))
					.contains("ten.tracing.headers.authorization");
			}
			try (ConfigurableApplicationContext context = run(receiver,
					"--ten.tracing.headers.authorization=" + token)) {
				endSessions(context, "t-", 5);
				await().atMost(PATIENCE).until(() -> health(context).getStatus() == Status.UP);
				assertThat(health(context).getDetails().toString()).doesNotContain("s3cret");
				SanitizingFunction sanitizing = context.getBean(SanitizingFunction.class);
				for (String key : List.of("ten.tracing.headers.authorization",
						"management.opentelemetry.tracing.export.otlp.headers[authorization]")) {
					assertThat(sanitizing.applyUnlessFiltered(new SanitizableData(null, key, token)).getValue())
						.as(key)
						.isEqualTo(SanitizableData.SANITIZED_VALUE);
				}
			}
			// Every logger of the application at TRACE; only the receiver's own gRPC server (in this JVM for the
			// test, a collector's process in production) stays at INFO, since it logs the headers it receives.
			try (ConfigurableApplicationContext context = run(receiver,
					"--ten.tracing.headers.authorization=Bearer s3cret-but-refused", "--logging.level.root=trace",
					"--logging.level.io.grpc.netty.shaded=info", "--ten.tracing.shutdown-timeout=1s")) {
				endSessions(context, "trace-", 5);
				await().atMost(PATIENCE).until(() -> snapshot(context).failedExports() >= 2);
			}
		}
		assertThat(output).as("at every log level").doesNotContain("s3cret");
	}

	@Test
	void eventsBeyondTheSdksLimitAreCountedAndSentAsDropped() throws IOException {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.grpc();
				ConfigurableApplicationContext context = run(receiver)) {
			AgentSession session = context.getBean(AgentTracer.class).startSession("chatty", "agent");
			for (int i = 0; i < 200; i++) {
				session.addEvent("custom_event", Map.of("i", i));
			}
			session.end();
			ReceivedSpan span = receiver.awaitSpans(1, PATIENCE).get(0);
			assertThat(span.span().getEventsCount()).isEqualTo(128);
			assertThat(span.droppedEventsCount()).isEqualTo(72);
			assertThat(span.integer("ten.dropped_events_count")).isEqualTo(72);
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			new ExportMetrics(context.getBean(ExportPipeline.class)).bindTo(registry);
			await().atMost(PATIENCE).until(() -> registry.get("ten.tracing.spans.exported").functionCounter().count() == 1);
			assertThat(registry.get("ten.tracing.events.dropped").functionCounter().count()).isEqualTo(72);
			assertThat(registry.get("ten.tracing.spans.dropped").tag("cause", "buffer_full").functionCounter().count())
				.isZero();
			assertThat(registry.get("ten.tracing.spans.waiting").gauge().value()).isZero();
		}
	}

	@Test
	void theEventLimitCountedIsTheOneTheApplicationGaveTheSdk() throws IOException {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.grpc();
				ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class,
						TenEventsPerSpan.class)
					.web(WebApplicationType.NONE)
					.run("--spring.main.banner-mode=off", "--ten.tracing.otlp-endpoint=" + receiver.endpoint(),
							"--management.opentelemetry.tracing.export.schedule-delay=100ms")) {
			AgentTracer tracer = context.getBean(AgentTracer.class);
			AgentSession session = tracer.startSession("chatty", "agent");
			TurnSpan turn = session.startTurn("hello");
			for (int i = 0; i < 15; i++) {
				turn.addEvent("thinking", Map.of("i", i));
			}
			turn.close();
			for (int i = 0; i < 8; i++) {
				tracer.addSessionEvent("custom_event", Map.of("i", i));
			}
			session.end();
			List<ReceivedSpan> spans = receiver.awaitSpans(2, PATIENCE);
			ReceivedSpan turnSpan = spans.stream().filter((s) -> s.name().equals(TenConventions.TURN_SPAN)).findFirst().orElseThrow();
			assertThat(turnSpan.span().getEventsCount()).isEqualTo(10);
			assertThat(turnSpan.droppedEventsCount()).isEqualTo(5);
			ReceivedSpan sessionSpan = spans.stream().filter((s) -> s.name().equals(TenConventions.SESSION_SPAN)).findFirst().orElseThrow();
			assertThat(sessionSpan.droppedEventsCount()).isZero();
			assertThat(sessionSpan.integer("ten.dropped_events_count")).isNull();
		}
	}

	@Test
	void theHealthContributorCanBeSwitchedOffTheStandardWay() throws IOException {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.grpc();
				ConfigurableApplicationContext context = run(receiver, "--management.health.tentracing.enabled=false")) {
			assertThat(context.getBeansOfType(ExportHealthIndicator.class)).isEmpty();
			assertThat(context.getBean(HealthContributorRegistry.class).getContributor("tenTracing")).isNull();
			endSessions(context, "no-health-", 3);
			assertThat(receiver.awaitSpanCount(3, PATIENCE)).as("export goes on").isEqualTo(3);
		}
	}

	@Test
	void withTracingDisabledHealthSaysSo() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.run("--spring.main.banner-mode=off", "--ten.tracing.enabled=false")) {
			Health health = context.getBean(ExportHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
			assertThat(health.getDetails()).containsEntry("tracing", "disabled (ten.tracing.enabled=false)");
		}
	}

	private static ConfigurableApplicationContext run(OtlpTestReceiver receiver, String... more) {
		List<String> args = new ArrayList<>(List.of("--spring.main.banner-mode=off",
				"--ten.tracing.otlp-endpoint=" + receiver.endpoint(),
				"--management.opentelemetry.tracing.export.schedule-delay=100ms"));
		args.addAll(Arrays.asList(more));
		return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.run(args.toArray(String[]::new));
	}

	private static String[] concat(String[] first, String... more) {
		String[] all = Arrays.copyOf(first, first.length + more.length);
		System.arraycopy(more, 0, all, first.length, more.length);
		return all;
	}

	private static void endSessions(ConfigurableApplicationContext context, String prefix, int count) {
		AgentTracer tracer = context.getBean(AgentTracer.class);
		for (int i = 0; i < count; i++) {
			tracer.startSession(prefix + i, "agent").end();
		}
	}

	private static ExportSnapshot snapshot(ConfigurableApplicationContext context) {
		return context.getBean(ExportPipeline.class).exporters().get(0).snapshot();
	}

	private static Health health(ConfigurableApplicationContext context) {
		return context.getBean(ExportHealthIndicator.class).health(true);
	}

	private static List<String> sessionIds(List<ReceivedSpan> spans, String prefix) {
		return spans.stream()
			.filter((span) -> span.name().equals(TenConventions.SESSION_SPAN))
			.map((span) -> span.string("ten.session_id"))
			.filter((id) -> id.startsWith(prefix))
			.toList();
	}

	private static IntStream requestsCarrying(List<ReceivedSpan> spans, String prefix) {
		return spans.stream()
			.filter((span) -> span.name().equals(TenConventions.SESSION_SPAN))
			.filter((span) -> span.string("ten.session_id").startsWith(prefix))
			.mapToInt(ReceivedSpan::request);
	}

	private static String transport(Protocol protocol) {
		return (protocol == Protocol.GRPC) ? "grpc" : "http";
	}

	private static int occurrences(CapturedOutput output, String text) {
		return output.toString().split(Pattern.quote(text), -1).length - 1;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

	@Configuration(proxyBeanMethods = false)
	static class TenEventsPerSpan {

		@Bean
		SdkTracerProviderBuilderCustomizer tenEventsPerSpan() {
			return (builder) -> builder.setSpanLimits(SpanLimits.builder().setMaxNumberOfEvents(10).build());
		}

	}

}
