package dev.ten.tracing.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import dev.ten.tracing.otlp.OtlpTestReceiver;
import dev.ten.tracing.otlp.OtlpTestReceiver.Protocol;

/**
 * An OTLP/gRPC receiver in a process of its own, as a collector is: it counts the spans it takes and obeys
 * one command per line on its standard input ({@code stop}, {@code restart}, {@code unavailable <n>},
 * {@code count}, {@code exit}), answering each with one line. {@link RemoteReceiver} drives it.
 * <p>
 * Run: {@code java -cp ... dev.ten.tracing.benchmarks.ReceiverProcess}; it prints {@code port <n>} first.
 */
public final class ReceiverProcess {

	private ReceiverProcess() {
	}

	public static void main(String[] args) throws IOException {
		PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
		try (OtlpTestReceiver receiver = OtlpTestReceiver.builder(Protocol.GRPC).keepSpans(false).start()) {
			out.println("port " + receiver.endpoint().substring(receiver.endpoint().lastIndexOf(':') + 1));
			BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
			for (String command = commands.readLine(); command != null; command = commands.readLine()) {
				String[] words = command.trim().split(" ");
				switch (words[0]) {
					case "stop" -> receiver.stop();
					case "restart" -> receiver.restart();
					case "unavailable" -> receiver.answerUnavailable(Integer.parseInt(words[1]));
					case "count" -> {
						out.println("count " + receiver.spanCount() + " " + receiver.requests());
						continue;
					}
					case "exit" -> {
						out.println("ok");
						return;
					}
					default -> {
						out.println("unknown " + command);
						continue;
					}
				}
				out.println("ok");
			}
		}
	}

}
