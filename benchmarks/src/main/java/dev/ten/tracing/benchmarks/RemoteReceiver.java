package dev.ten.tracing.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a {@link ReceiverProcess} on this JVM's class path and drives it: the collector of the export runs,
 * in another process so that its work and its failures are not the application's.
 */
final class RemoteReceiver implements AutoCloseable {

	private final Process process;

	private final PrintStream commands;

	private final BufferedReader answers;

	private final int port;

	RemoteReceiver() throws IOException {
		String java = ProcessHandle.current().info().command().orElse("java");
		this.process = new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
				ReceiverProcess.class.getName()))
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		this.commands = new PrintStream(this.process.getOutputStream(), true, StandardCharsets.UTF_8);
		this.answers = new BufferedReader(new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
		this.port = Integer.parseInt(answer("port"));
	}

	String endpoint() {
		return "http://127.0.0.1:" + this.port;
	}

	void stop() throws IOException {
		command("stop");
	}

	void restart() throws IOException {
		command("restart");
	}

	void answerUnavailable(int requests) throws IOException {
		command("unavailable " + requests);
	}

	/** The spans the receiver took so far. */
	long spans() throws IOException {
		this.commands.println("count");
		return Long.parseLong(answer("count").split(" ")[0]);
	}

	/** Waits until the receiver has taken nothing new for a second; the spans it took. */
	long awaitQuiet() throws IOException, InterruptedException {
		long last = -1;
		long count = spans();
		while (count != last) {
			last = count;
			Thread.sleep(1_000);
			count = spans();
		}
		return count;
	}

	private void command(String command) throws IOException {
		this.commands.println(command);
		answer("ok");
	}

	private String answer(String expected) throws IOException {
		String line = this.answers.readLine();
		if (line == null || !line.startsWith(expected)) {
			throw new IOException("Receiver process answered '" + line + "', expected '" + expected + "'");
		}
		return line.substring(expected.length()).trim();
	}

	@Override
	public void close() throws InterruptedException {
		this.commands.println("exit");
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
