package dev.autonoc.tools.http;

import dev.autonoc.core.tool.ToolResult.Outcome;
import dev.autonoc.tools.oss.OssException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One HTTP exchange with a TMF endpoint, its failures mapped to {@link OssException} by what the
 * caller should do (docs/agent.md, "Outcome classes"), see {@link #outcomeOf(int)}: a refused
 * connection, a 503 or a 429 came before any effect (TRANSIENT); a time-out, a dropped connection,
 * a 500, 502 or 504 may have come after it (UNCERTAIN); a 409 is a refusal on the merits (REFUSED);
 * any other 4xx names something wrong in the request (INVALID). A malformed answer to a request
 * that reached the far side is UNCERTAIN.
 */
final class HttpTmf {

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;

    HttpTmf(HttpClient http, URI base, Duration timeout) {
        this.http = http;
        this.base = base;
        this.timeout = timeout;
    }

    /** A GET; empty on 404 (what the {@code find...} methods answer), else as {@link #send}. */
    Optional<JsonNode> find(String api, String path) {
        Answer a = exchange(api, "GET", path, null, null);
        if (a.status == 404) {
            return Optional.empty();
        }
        return Optional.of(check(api, a));
    }

    JsonNode get(String api, String path) {
        return check(api, exchange(api, "GET", path, null, null));
    }

    /** A POST or PATCH with a body, carrying the idempotency key when given. */
    JsonNode send(String api, String method, String path, JsonNode body, String idempotencyKey) {
        return check(api, exchange(api, method, path, body, idempotencyKey));
    }

    private record Answer(int status, String body) {}

    private Answer exchange(
            String api, String method, String path, JsonNode body, String idempotencyKey) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(base.resolve(path.substring(1)))
                        .timeout(timeout)
                        .header("Accept", TmfJson.JSON + ", " + TmfJson.PROBLEM_JSON);
        if (body != null) {
            b.header("Content-Type", TmfJson.JSON)
                    .method(
                            method,
                            HttpRequest.BodyPublishers.ofString(
                                    TmfJson.mapper().writeValueAsString(body),
                                    StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (idempotencyKey != null) {
            b.header(TmfJson.IDEMPOTENCY_KEY, idempotencyKey);
        }
        try {
            HttpResponse<String> r =
                    http.send(
                            b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.body());
        } catch (HttpTimeoutException e) {
            throw new OssException(
                    api, method + " " + path + " timed out after " + timeout, Outcome.UNCERTAIN, e);
        } catch (ConnectException e) {
            // nothing was sent: the far side cannot have acted
            throw new OssException(
                    api, method + " " + path + " could not connect: " + e, Outcome.TRANSIENT, e);
        } catch (IOException e) {
            throw new OssException(
                    api, method + " " + path + " failed: " + e, Outcome.UNCERTAIN, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OssException(api, method + " " + path + " interrupted", Outcome.UNCERTAIN, e);
        }
    }

    private static JsonNode check(String api, Answer a) {
        if (a.status >= 200 && a.status < 300) {
            try {
                return TmfJson.mapper().readTree(a.body);
            } catch (JacksonException e) {
                throw new OssException(
                        api, "malformed answer: " + e.getOriginalMessage(), Outcome.UNCERTAIN, e);
            }
        }
        String detail = detail(a.body);
        return failWith(
                new OssException(api, detail + " (HTTP " + a.status + ")", outcomeOf(a.status)));
    }

    /** What a non-2xx status means for the caller. */
    static Outcome outcomeOf(int status) {
        return switch (status) {
            case 429, 503 -> Outcome.TRANSIENT;
            case 409 -> Outcome.REFUSED;
            case 408 -> Outcome.UNCERTAIN;
            default -> status >= 500 ? Outcome.UNCERTAIN : Outcome.INVALID;
        };
    }

    private static JsonNode failWith(OssException e) {
        throw e;
    }

    private static String detail(String body) {
        try {
            JsonNode p = TmfJson.mapper().readTree(body);
            if (p.hasNonNull("detail")) {
                return p.get("detail").asString();
            }
            if (p.hasNonNull("reason")) {
                return p.get("reason").asString();
            }
        } catch (JacksonException e) {
            // not JSON: fall through to the raw text
        }
        return body == null || body.isBlank() ? "no detail" : body.strip();
    }
}
