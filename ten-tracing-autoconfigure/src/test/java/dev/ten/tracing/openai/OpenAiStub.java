package dev.ten.tracing.openai;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local OpenAI-compatible chat completions endpoint with one script: asked with tools and no tool result yet,
 * it calls the {@code weather} tool for Paris (50 prompt and 10 completion tokens); given the tool's result, it
 * answers "It is sunny in Paris." (42 and 7 tokens). Streams send the same as chunks, usage in the last. Its
 * audio endpoints transcribe any audio as {@link #TRANSCRIPT} (streamed: two pieces, then the done event) and
 * synthesise any text as {@link #SPEECH}.
 */
public final class OpenAiStub implements AutoCloseable {

	/** What the stub hears in any audio it is asked to transcribe. */
	public static final String TRANSCRIPT = "What is the weather in Paris?";

	/** The audio the stub synthesises for any text: silence. */
	public static final byte[] SPEECH = new byte[4800];

	/** The model the stub says answered. */
	public static final String ANSWERING_MODEL = "gpt-4o-2024-08-06";

	private final HttpServer server;

	private final List<String> requests = new CopyOnWriteArrayList<>();

	/**
	 * Starts the stub on a free local port.
	 * @throws IOException if it cannot listen
	 */
	public OpenAiStub() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::answer);
		this.server.start();
	}

	/** @return the base URL to configure the client with, ending in {@code /v1} */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1";
	}

	/** @return the request bodies received */
	public List<String> requests() {
		return this.requests;
	}

	private void answer(HttpExchange exchange) throws IOException {
		try (exchange) {
			String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			this.requests.add(request);
			// Clients differ in JSON spacing; the script only looks for a few markers.
			String compact = request.replaceAll("\\s", "");
			String path = exchange.getRequestURI().getPath();
			if (path.endsWith("/audio/transcriptions")) {
				transcribe(exchange, "true".equals(formField(request, "stream")),
						"text".equals(formField(request, "response_format")));
				return;
			}
			if (path.endsWith("/audio/speech")) {
				exchange.getResponseHeaders().add("Content-Type", "audio/mpeg");
				exchange.sendResponseHeaders(200, SPEECH.length);
				exchange.getResponseBody().write(SPEECH);
				return;
			}
			if (!path.endsWith("/chat/completions")) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			boolean toolAnswered = compact.contains("\"role\":\"tool\"");
			boolean callTool = !toolAnswered && compact.contains("\"tools\"");
			boolean stream = compact.contains("\"stream\":true");
			if (stream) {
				exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
				exchange.sendResponseHeaders(200, 0);
				OutputStream body = exchange.getResponseBody();
				for (String chunk : callTool ? toolCallChunks() : answerChunks()) {
					body.write(("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
					body.flush();
				}
				body.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
				return;
			}
			byte[] body = (callTool ? toolCall() : answer()).getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
		}
	}

	/**
	 * Answers a transcription: the whole text, as plain text or JSON as asked, or as a stream of two pieces and
	 * the final text.
	 */
	private static void transcribe(HttpExchange exchange, boolean stream, boolean plainText) throws IOException {
		if (!stream) {
			byte[] body = (plainText ? TRANSCRIPT : "{\"text\":\"" + TRANSCRIPT + "\"}").getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", plainText ? "text/plain" : "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			return;
		}
		exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		OutputStream body = exchange.getResponseBody();
		for (String event : List.of("{\"type\":\"transcript.text.delta\",\"delta\":\"What is the weather\"}",
				"{\"type\":\"transcript.text.delta\",\"delta\":\" in Paris?\"}",
				"{\"type\":\"transcript.text.done\",\"text\":\"" + TRANSCRIPT + "\"}")) {
			body.write(("data: " + event + "\n\n").getBytes(StandardCharsets.UTF_8));
			body.flush();
		}
	}

	/** The value of a field of a multipart form, or {@code null}. */
	private static String formField(String form, String name) {
		int field = form.indexOf("name=\"" + name + "\"");
		int value = (field >= 0) ? form.indexOf("\r\n\r\n", field) : -1;
		if (value < 0) {
			return null;
		}
		int end = form.indexOf("\r\n", value + 4);
		return form.substring(value + 4, (end >= 0) ? end : form.length()).strip();
	}

	private static String toolCall() {
		return completion("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[" + TOOL_CALL + "]}", "tool_calls",
				50, 10);
	}

	private static String answer() {
		return completion("{\"role\":\"assistant\",\"content\":\"It is sunny in Paris.\"}", "stop", 42, 7);
	}

	private static final String TOOL_CALL = "{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":"
			+ "{\"name\":\"weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}";

	private static String completion(String message, String finishReason, int prompt, int completion) {
		return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\""
				+ ANSWERING_MODEL + "\",\"choices\":[{\"index\":0,\"message\":" + message + ",\"finish_reason\":\""
				+ finishReason + "\",\"logprobs\":null}]," + usage(prompt, completion) + "}";
	}

	private static List<String> toolCallChunks() {
		return List.of(chunk("{\"role\":\"assistant\",\"tool_calls\":[" + TOOL_CALL + "]}", null),
				chunk("{}", "tool_calls"), usageChunk(50, 10));
	}

	private static List<String> answerChunks() {
		return List.of(chunk("{\"role\":\"assistant\",\"content\":\"It is \"}", null),
				chunk("{\"content\":\"sunny in Paris.\"}", null), chunk("{}", "stop"), usageChunk(42, 7));
	}

	private static String chunk(String delta, String finishReason) {
		return "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\""
				+ ANSWERING_MODEL + "\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
				+ ((finishReason != null) ? "\"" + finishReason + "\"" : "null") + "}]}";
	}

	private static String usageChunk(int prompt, int completion) {
		return "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\""
				+ ANSWERING_MODEL + "\",\"choices\":[]," + usage(prompt, completion) + "}";
	}

	private static String usage(int prompt, int completion) {
		return "\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion
				+ ",\"total_tokens\":" + (prompt + completion) + "}";
	}

	/** Stops the stub. */
	@Override
	public void close() {
		this.server.stop(0);
	}

}
