package dev.autonoc.simulators;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.autonoc.tools.http.CustomerBillJson;
import dev.autonoc.tools.http.TmfJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loopback HTTP proxy between the HTTP clients and the façade that validates every request and
 * every response against the official spec of the API its path belongs to, and records the result.
 * Paths under no spec are recorded as unvalidated.
 *
 * <p>One finding is set aside, for a reason outside the façade: the specs type a characteristic's
 * {@code value} as {@code Any}, defined as the empty schema {@code {}} (any JSON value), and the
 * validator's Swagger 2 to OpenAPI 3 conversion reads that as {@code type: object}. A
 * characteristic value that is a string, number or boolean is what the spec allows, so that one
 * message, on a characteristic's {@code value} only, is not counted.
 *
 * <p>The HTTP clients ask for RFC 9457 problem details ({@code application/problem+json}), which
 * the specs do not declare (their errors are {@code Error} in {@code application/json}): for such
 * an answer the proxy validates the request against the spec and the answer against RFC 9457 (an
 * error status, the same {@code status} in the body, a {@code type}, {@code title} and {@code
 * detail}). A client that asks for {@code application/json} only gets the spec's {@code Error},
 * validated as any other answer.
 */
final class ValidatingProxy implements AutoCloseable {

    /** One exchange: what was asked, what came back, and what the spec said of both. */
    record Exchange(
            String method,
            String path,
            int status,
            String requestBody,
            String responseBody,
            List<String> problems) {
        @Override
        public String toString() {
            return method
                    + " "
                    + path
                    + " -> "
                    + status
                    + " "
                    + problems
                    + "\n  request: "
                    + requestBody
                    + "\n  response: "
                    + responseBody;
        }
    }

    private static final java.util.regex.Pattern ANY_READ_AS_OBJECT =
            java.util.regex.Pattern.compile(
                    "^\\[Path '[^']*[cC]haracteristic/\\d+/value'\\] Instance type \\((string|number|integer|boolean)\\)"
                            + " does not match any allowed primitive type \\(allowed: \\[\"object\"\\]\\)$");

    private final Map<String, OpenApiInteractionValidator> validators;
    private final URI target;
    private final HttpServer server;
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Exchange> validated = Collections.synchronizedList(new ArrayList<>());
    private final List<Exchange> unvalidated = Collections.synchronizedList(new ArrayList<>());

    /**
     * @param validators by base path ({@code /tmf-api/troubleTicket/v4})
     */
    ValidatingProxy(Map<String, OpenApiInteractionValidator> validators, URI target)
            throws IOException {
        this.validators = new LinkedHashMap<>(validators);
        this.target = target;
        this.server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::forward);
        server.start();
    }

    URI baseUri() {
        return URI.create(
                "http://"
                        + server.getAddress().getAddress().getHostAddress()
                        + ":"
                        + server.getAddress().getPort()
                        + "/");
    }

    List<Exchange> validated() {
        return List.copyOf(validated);
    }

    List<Exchange> unvalidated() {
        return List.copyOf(unvalidated);
    }

    private void forward(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        URI uri = ex.getRequestURI();
        String body;
        try (InputStream in = ex.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        HttpRequest.Builder out =
                HttpRequest.newBuilder(
                        target.resolve(
                                uri.getRawPath().substring(1)
                                        + (uri.getRawQuery() == null
                                                ? ""
                                                : "?" + uri.getRawQuery())));
        for (var h : ex.getRequestHeaders().entrySet()) {
            String name = h.getKey();
            if (name.equalsIgnoreCase("Content-Length")
                    || name.equalsIgnoreCase("Host")
                    || name.equalsIgnoreCase("Connection")
                    || name.equalsIgnoreCase("Upgrade")) {
                continue;
            }
            for (String v : h.getValue()) {
                out.header(name, v);
            }
        }
        out.method(
                method,
                body.isEmpty()
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> answer;
        try {
            answer =
                    client.send(
                            out.build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        record(ex, method, uri, body, answer);
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers()
                .firstValue("Content-Type")
                .ifPresent(t -> ex.getResponseHeaders().set("Content-Type", t));
        ex.sendResponseHeaders(answer.statusCode(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(bytes);
        }
    }

    private void record(
            HttpExchange ex, String method, URI uri, String body, HttpResponse<String> answer) {
        String path = uri.getRawPath();
        OpenApiInteractionValidator validator = null;
        for (var v : validators.entrySet()) {
            if (path.startsWith(v.getKey() + "/")) {
                validator = v.getValue();
            }
        }
        if (validator == null) {
            unvalidated.add(
                    new Exchange(
                            method, path, answer.statusCode(), body, answer.body(), List.of()));
            return;
        }
        if (method.equals("POST")
                && path.equals(CustomerBillJson.TMF678_BASE + "/appliedCustomerBillingRate")) {
            validated.add(readOnlyExtension(validator, method, path, body, answer));
            return;
        }
        SimpleRequest.Builder request =
                new SimpleRequest.Builder(Request.Method.valueOf(method), path);
        for (var h : ex.getRequestHeaders().entrySet()) {
            request.withHeader(h.getKey(), h.getValue());
        }
        String rawQuery = uri.getRawQuery();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                request.withQueryParam(
                        java.net.URLDecoder.decode(
                                eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(
                                eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        if (!body.isEmpty()) {
            request.withBody(body);
        }
        boolean problem =
                answer.headers()
                        .firstValue("Content-Type")
                        .orElse("")
                        .startsWith(TmfJson.PROBLEM_JSON);
        ValidationReport report;
        List<String> extra = new ArrayList<>();
        if (problem) {
            report = validator.validateRequest(request.build());
            extra.addAll(rfc9457(answer));
        } else {
            SimpleResponse.Builder response =
                    SimpleResponse.Builder.status(answer.statusCode()).withBody(answer.body());
            answer.headers().map().forEach(response::withHeader);
            report = validator.validate(request.build(), response.build());
        }
        List<String> problems =
                report.getMessages().stream()
                        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                        .filter(m -> !ANY_READ_AS_OBJECT.matcher(m.getMessage()).find())
                        .map(m -> m.getKey() + ": " + m.getMessage())
                        .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        problems.addAll(extra);
        validated.add(
                new Exchange(method, path, answer.statusCode(), body, answer.body(), problems));
    }

    /**
     * TMF678 v4 serves {@code appliedCustomerBillingRate} read-only; the façade takes a POST there
     * (an operator extension). The request has no operation to validate against; the answer is
     * validated as the spec's answer to a GET of the credit it created.
     */
    private static Exchange readOnlyExtension(
            OpenApiInteractionValidator validator,
            String method,
            String path,
            String body,
            HttpResponse<String> answer) {
        List<String> problems = new ArrayList<>();
        if (answer.statusCode() == 201) {
            String href = TmfJson.mapper().readTree(answer.body()).path("href").asString("");
            ValidationReport report =
                    validator.validate(
                            SimpleRequest.Builder.get(href).build(),
                            SimpleResponse.Builder.ok()
                                    .withContentType(TmfJson.JSON)
                                    .withBody(answer.body())
                                    .build());
            report.getMessages().stream()
                    .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                    .filter(m -> !ANY_READ_AS_OBJECT.matcher(m.getMessage()).find())
                    .forEach(m -> problems.add(m.getKey() + ": " + m.getMessage()));
        } else if (answer.headers()
                .firstValue("Content-Type")
                .orElse("")
                .startsWith(TmfJson.PROBLEM_JSON)) {
            problems.addAll(rfc9457(answer));
        }
        return new Exchange(method, path, answer.statusCode(), body, answer.body(), problems);
    }

    /** What RFC 9457 asks of a problem detail, as broken rules (none when it is one). */
    static List<String> rfc9457(HttpResponse<String> answer) {
        List<String> broken = new ArrayList<>();
        if (answer.statusCode() < 400) {
            broken.add("problem details on a success: " + answer.statusCode());
        }
        tools.jackson.databind.JsonNode p = TmfJson.mapper().readTree(answer.body());
        if (p.path("status").asInt(-1) != answer.statusCode()) {
            broken.add(
                    "problem status "
                            + p.path("status")
                            + " is not the HTTP status "
                            + answer.statusCode());
        }
        for (String member : List.of("type", "title", "detail")) {
            if (!p.path(member).isString() || p.path(member).asString().isBlank()) {
                broken.add("problem without " + member);
            }
        }
        return broken;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
