package dev.autonoc.core.planner.llm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Function;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server on loopback that speaks OpenAI's {@code POST /v1/chat/completions} with tool
 * calls, answering from a script: the same client a deployment points at vLLM, Ollama or LM Studio
 * is tested against it, with no model and no network. A request without tools (the start-up probe)
 * is answered "OK" without using the script. Used by agent-core's, the evals' and the service's
 * tests (it is in agent-core's test jar).
 */
public final class ScriptedOpenAiServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One scripted answer. */
    public sealed interface Reply {}

    /** Tool calls, each {@code name} with its arguments as JSON text. */
    public record ToolCalls(List<Call> calls) implements Reply {}

    /** A tool call of a scripted answer. */
    public record Call(String name, String arguments) {}

    /** A plain text answer. */
    public record Text(String text) implements Reply {}

    /** An HTTP error answer (429, 500...) with its body. */
    public record Status(int status, String body) implements Reply {}

    /** A 200 answer whose body is this raw text (malformed on purpose). */
    public record Raw(String body) implements Reply {}

    /** The same reply after a delay (a slow model, or a time-out). */
    public record Slow(Duration delay, Reply then) implements Reply {}

    public static Reply calls(Call... calls) {
        return new ToolCalls(List.of(calls));
    }

    public static Call call(String name, String arguments) {
        return new Call(name, arguments);
    }

    private final HttpServer server;
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<Map<String, Object>> requests =
            Collections.synchronizedList(new ArrayList<>());
    private volatile Function<Map<String, Object>, Reply> responder;
    private int served;

    private ScriptedOpenAiServer(HttpServer server) {
        this.server = server;
    }

    /** Starts on a free loopback port. */
    public static ScriptedOpenAiServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            ScriptedOpenAiServer s = new ScriptedOpenAiServer(server);
            server.createContext("/v1/chat/completions", s::handle);
            server.setExecutor(
                    Executors.newFixedThreadPool(
                            4,
                            r -> {
                                Thread t = new Thread(r, "scripted-openai");
                                t.setDaemon(true);
                                return t;
                            }));
            server.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL a client is given: {@code http://127.0.0.1:<port>/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Queues answers, served in order, one per chat request with tools. */
    public synchronized ScriptedOpenAiServer then(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** Answers every request with tools from its body, once the script is spent. */
    public ScriptedOpenAiServer respondWith(Function<Map<String, Object>, Reply> responder) {
        this.responder = responder;
        return this;
    }

    /** Every request body received (the probe's too), parsed. */
    public List<Map<String, Object>> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The messages of the {@code i}-th request that carried tools. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> messagesOf(int i) {
        return (List<Map<String, Object>>)
                requests().stream()
                        .filter(r -> r.containsKey("tools"))
                        .toList()
                        .get(i)
                        .get("messages");
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body =
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, Object> request =
                    JSON.readValue(body, new TypeReference<Map<String, Object>>() {});
            requests.add(request);
            Reply reply;
            int n;
            synchronized (this) {
                n = ++served;
                if (!request.containsKey("tools")) {
                    reply = new Text("OK");
                } else if (!script.isEmpty()) {
                    reply = script.pop();
                } else if (responder != null) {
                    reply = responder.apply(request);
                } else {
                    reply = new Status(500, "{\"error\":{\"message\":\"the script is spent\"}}");
                }
            }
            send(exchange, reply, n, body.length(), String.valueOf(request.get("model")));
        }
    }

    private static void send(
            HttpExchange exchange, Reply reply, int n, int promptChars, String model)
            throws IOException {
        if (reply instanceof Slow slow) {
            try {
                Thread.sleep(slow.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            send(exchange, slow.then(), n, promptChars, model);
            return;
        }
        int status = 200;
        String body;
        if (reply instanceof Status s) {
            status = s.status();
            body = s.body();
        } else if (reply instanceof Raw r) {
            body = r.body();
        } else {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("role", "assistant");
            String finish = "stop";
            if (reply instanceof Text t) {
                message.put("content", t.text());
            } else {
                ToolCalls tc = (ToolCalls) reply;
                message.put("content", null);
                List<Object> calls = new ArrayList<>();
                int i = 0;
                for (Call c : tc.calls()) {
                    Map<String, Object> call = new LinkedHashMap<>();
                    call.put("id", "call_" + n + "_" + (++i));
                    call.put("type", "function");
                    call.put("function", Map.of("name", c.name(), "arguments", c.arguments()));
                    calls.add(call);
                }
                message.put("tool_calls", calls);
                finish = "tool_calls";
            }
            int completion = Math.max(1, JSON.writeValueAsString(message).length() / 4);
            int prompt = Math.max(1, promptChars / 4);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", "chatcmpl-" + n);
            out.put("object", "chat.completion");
            out.put("created", 1736150400);
            out.put("model", model);
            out.put(
                    "choices",
                    List.of(Map.of("index", 0, "message", message, "finish_reason", finish)));
            out.put(
                    "usage",
                    Map.of(
                            "prompt_tokens", prompt,
                            "completion_tokens", completion,
                            "total_tokens", prompt + completion));
            body = JSON.writeValueAsString(out);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
