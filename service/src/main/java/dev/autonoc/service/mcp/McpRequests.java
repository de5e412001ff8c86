package dev.autonoc.service.mcp;

import dev.autonoc.service.security.BodyTooLargeException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every POST to the MCP server is a JSON-RPC 2.0 request checked here before the MCP SDK's
 * transport reads it, so that a malformed one gets the specification's error object with a plain
 * message, never a Java exception: -32700 (not JSON), -32600 (not a request: no object, wrong
 * {@code jsonrpc}, a method or id of the wrong type, a batch), -32601 (a method this server does
 * not answer, naming the ones it does), -32602 (the right method with the wrong params, naming the
 * member). Notifications are taken (202) and need nothing of a stateless server.
 *
 * <p>Whatever the transport answers with a server error, or with a Java stack trace in its body, is
 * replaced by a -32603 error whose message gives a reference to the log; the status stays.
 */
final class McpRequests extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(McpRequests.class);

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;

    /** The methods this stateless server answers (no resources, prompts or completions). */
    static final List<String> METHODS = List.of("initialize", "ping", "tools/list", "tools/call");

    /** Where an MCP client names its own idempotency key: the call's {@code _meta}. */
    static final String META_KEY = "autonoc/idempotency_key";

    /** Or the request's HTTP header. */
    static final String HEADER = "Idempotency-Key";

    /** An idempotency key: up to 128 letters, digits and {@code . _ : -}. */
    static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final JsonMapper json;

    McpRequests(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equalsIgnoreCase(request.getMethod());
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (IOException e) {
            if (BodyTooLargeException.causes(e)) {
                error(response, 413, null, INVALID_REQUEST, e.getMessage());
                return;
            }
            throw e;
        }
        JsonNode message;
        try {
            message = json.readTree(body);
        } catch (JacksonException e) {
            error(response, 400, null, PARSE_ERROR, "parse error: the body is not JSON");
            return;
        }
        Refusal refusal = check(message, request.getHeader(HEADER));
        if (refusal != null) {
            error(response, refusal.status(), refusal.id(), refusal.code(), refusal.message());
            return;
        }
        if (!message.has("id")) {
            response.setStatus(202); // a notification: nothing to answer
            return;
        }
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(new CachedBody(request, body), captured);
        } catch (ServletException | IOException | RuntimeException e) {
            String ref = UUID.randomUUID().toString();
            log.error("MCP request failed (ref {}): {}", ref, e.toString(), e);
            captured.resetBuffer();
            error(
                    captured,
                    500,
                    message.get("id"),
                    INTERNAL_ERROR,
                    "internal error (ref " + ref + ")");
        }
        sanitize(captured, message.get("id"));
        captured.copyBodyToResponse();
    }

    /** A refusal of a request: the HTTP status, the id it had (if readable), code and message. */
    record Refusal(int status, JsonNode id, int code, String message) {}

    /** What is wrong with a JSON-RPC request to this server, or null. */
    static Refusal check(JsonNode message, String headerKey) {
        if (message == null || message.isMissingNode()) {
            return new Refusal(400, null, INVALID_REQUEST, "invalid request: the body is empty");
        }
        if (message.isArray()) {
            return new Refusal(
                    400,
                    null,
                    INVALID_REQUEST,
                    "invalid request: batches are not supported; send one request per POST");
        }
        if (!message.isObject()) {
            return new Refusal(
                    400, null, INVALID_REQUEST, "invalid request: expected a JSON-RPC object");
        }
        JsonNode id = message.get("id");
        if (id != null
                && !(id.isString() && id.asString().length() <= 200)
                && !id.isIntegralNumber()) {
            return new Refusal(
                    400,
                    null,
                    INVALID_REQUEST,
                    "invalid request: id must be a string (up to 200 characters) or an integer");
        }
        if (!message.path("jsonrpc").isString()
                || !"2.0".equals(message.get("jsonrpc").asString())) {
            return new Refusal(
                    400, id, INVALID_REQUEST, "invalid request: jsonrpc must be \"2.0\"");
        }
        JsonNode methodNode = message.get("method");
        if (methodNode == null || !methodNode.isString() || methodNode.asString().isBlank()) {
            return new Refusal(
                    400, id, INVALID_REQUEST, "invalid request: method must be a non-empty string");
        }
        String method = methodNode.asString();
        JsonNode params = message.get("params");
        if (params != null && !params.isObject()) {
            return new Refusal(
                    id == null ? 400 : 200,
                    id,
                    INVALID_PARAMS,
                    "invalid params: params must be an object");
        }
        if (method.startsWith("notifications/")) {
            return id == null
                    ? null
                    : new Refusal(
                            400, id, INVALID_REQUEST, "invalid request: a notification has no id");
        }
        if (id == null) {
            return new Refusal(
                    400, null, INVALID_REQUEST, "invalid request: a request needs an id");
        }
        if (!METHODS.contains(method)) {
            return new Refusal(
                    200,
                    id,
                    METHOD_NOT_FOUND,
                    "method not found: '"
                            + shown(method)
                            + "'; this server answers "
                            + String.join(", ", METHODS));
        }
        String problem =
                switch (method) {
                    case "initialize" -> initializeProblem(params);
                    case "tools/call" -> callProblem(params, headerKey);
                    case "tools/list" ->
                            params != null
                                            && params.has("cursor")
                                            && !params.get("cursor").isString()
                                    ? "cursor must be a string"
                                    : null;
                    default -> null;
                };
        return problem == null
                ? null
                : new Refusal(
                        200, id, INVALID_PARAMS, "invalid params of " + method + ": " + problem);
    }

    private static String initializeProblem(JsonNode params) {
        if (params == null
                || !params.path("protocolVersion").isString()
                || !params.path("capabilities").isObject()
                || !params.path("clientInfo").isObject()
                || !params.path("clientInfo").path("name").isString()) {
            return "expected {\"protocolVersion\": \"...\", \"capabilities\": {...},"
                    + " \"clientInfo\": {\"name\": \"...\", \"version\": \"...\"}}";
        }
        return null;
    }

    private static String callProblem(JsonNode params, String headerKey) {
        if (params == null
                || !params.path("name").isString()
                || params.get("name").asString().isBlank()) {
            return "expected {\"name\": \"<tool>\", \"arguments\": {...}}: name is missing or not a"
                    + " string";
        }
        if (params.get("name").asString().length() > 100) {
            return "name is longer than any tool's (100 characters)";
        }
        JsonNode arguments = params.get("arguments");
        if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
            return "arguments must be an object of the tool's arguments (tools/list gives each"
                    + " tool's schema)";
        }
        JsonNode meta = params.get("_meta");
        if (meta != null && !meta.isNull() && !meta.isObject()) {
            return "_meta must be an object";
        }
        if (meta != null && meta.has(META_KEY)) {
            JsonNode key = meta.get(META_KEY);
            if (!key.isString() || !KEY.matcher(key.asString()).matches()) {
                return "_meta." + META_KEY + " must be 1 to 128 letters, digits and . _ : -";
            }
        }
        if (headerKey != null && !KEY.matcher(headerKey).matches()) {
            return HEADER + " must be 1 to 128 letters, digits and . _ : -";
        }
        return null;
    }

    private static String shown(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

    /**
     * Replaces a server error, or any answer whose body holds a Java stack trace, by a plain
     * JSON-RPC error; the original goes to the log under a reference.
     */
    private void sanitize(ContentCachingResponseWrapper captured, JsonNode id) throws IOException {
        byte[] content = captured.getContentAsByteArray();
        String text = new String(content, StandardCharsets.UTF_8);
        boolean trace = text.contains("\"stackTrace\"") || text.contains("\tat ");
        if (captured.getStatus() < 500 && !trace) {
            return;
        }
        String ref = UUID.randomUUID().toString();
        log.error(
                "MCP answer replaced (ref {}), status {}: {}",
                ref,
                captured.getStatus(),
                text.length() > 4000 ? text.substring(0, 4000) + "..." : text);
        int status = captured.getStatus();
        captured.resetBuffer();
        error(
                captured,
                status,
                id,
                status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST,
                (status >= 500 ? "internal error" : "the request was refused")
                        + " (ref "
                        + ref
                        + " in the service's log)");
    }

    private void error(HttpServletResponse response, int status, JsonNode id, int code, String text)
            throws IOException {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", text);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("id", id);
        body.put("error", error);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }

    /** The request with its body read once here and given again to the transport. */
    private static final class CachedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is read at once");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(
                    new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
