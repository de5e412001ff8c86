package dev.autonoc.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generated requests against every endpoint of the running service and every method of its MCP
 * server: random JSON trees, the endpoint's own members with values of the wrong type, truncated
 * and binary bodies, odd content types, odd ids and query values, odd credentials. Whatever comes,
 * the answer is never a server error (5xx) and never shows a Java stack trace or exception class: a
 * bad request is the client's, and is answered as such.
 *
 * <p>The service runs on its own data folder, with rates too high to refuse a fuzzer and a short
 * longest advance (a generated {@code duration} could otherwise run the world for a month).
 */
class FuzzRequestsTest {

    /** The requests of one run: well over the thousand asked for, over every endpoint. */
    static final int TRIES = 1500;

    private static final Path DATA_DIR = FullAppTestBase.freshDataDir();
    private static final JsonMapper JSON = ApiClient.JSON;
    private static final Pattern LEAK =
            Pattern.compile(
                    "stackTrace|\\tat [a-z]|(java|javax|jakarta|org\\.springframework|tools\\.jackson|io\\.modelcontextprotocol|org\\.h2|dev\\.autonoc)\\.[A-Za-z_.$]*(Exception|Error)\\b");
    private static final AtomicInteger SENT = new AtomicInteger();
    private static final Map<Integer, Integer> STATUSES =
            new java.util.concurrent.ConcurrentSkipListMap<>();

    private static ConfigurableApplicationContext app;
    private static String base;
    private static final Map<String, String> TOKENS = new LinkedHashMap<>();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeContainer
    static void start() {
        app =
                new SpringApplicationBuilder(AutonocApplication.class)
                        .run(
                                "--autonoc.data-dir=" + DATA_DIR,
                                "--server.port=0",
                                "--management.server.port=0",
                                "--autonoc.simulation.auto-start=false",
                                "--autonoc.simulation.max-advance=1h",
                                "--autonoc.simulation.pace=60",
                                "--autonoc.approvals.timeout=0",
                                "--autonoc.audit.checkpoint-interval=0",
                                "--autonoc.security.limits.api-per-second=100000",
                                "--autonoc.security.limits.api-burst=100000",
                                "--autonoc.security.limits.mcp-per-minute=10000000",
                                "--autonoc.security.limits.mcp-burst=100000",
                                "--autonoc.security.limits.client-sign-in-failures=100000",
                                "--autonoc.security.limits.sign-in-failures=100000");
        base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
        ApiClient api = new ApiClient(base);
        TOKENS.put("supervisor", api.token("supervisor", "api"));
        TOKENS.put("auditor", api.token("auditor", "api"));
        TOKENS.put("mcp-agent", api.token("mcp-agent", "mcp"));
    }

    @AfterContainer
    static void stop() {
        System.out.println(
                "FuzzRequestsTest: " + SENT.get() + " requests, answered by status " + STATUSES);
        if (app != null) {
            app.close();
        }
    }

    /** One generated request. */
    record Fuzz(String method, String path, String contentType, String authorization, String body) {
        @Override
        public String toString() {
            String shown =
                    body == null
                            ? "(none)"
                            : body.length() > 300
                                    ? body.substring(0, 300) + "... (" + body.length() + " chars)"
                                    : body;
            return method + " " + path + " [" + contentType + "] [" + authorization + "] " + shown;
        }
    }

    @Property(tries = TRIES, seed = "20261205")
    void no_generated_request_gets_a_server_error_or_a_stack_trace(@ForAll("requests") Fuzz fuzz)
            throws Exception {
        HttpRequest.Builder r =
                HttpRequest.newBuilder(URI.create(base + fuzz.path()))
                        .timeout(Duration.ofSeconds(60))
                        .method(
                                fuzz.method(),
                                fuzz.body() == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(fuzz.body()));
        if (fuzz.contentType() != null) {
            r.header("Content-Type", fuzz.contentType());
        }
        if (fuzz.authorization() != null) {
            r.header("Authorization", fuzz.authorization());
        }
        if (fuzz.path().startsWith("/mcp")) {
            r.header("Accept", "application/json, text/event-stream");
        }
        HttpResponse<String> answer = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
        SENT.incrementAndGet();
        STATUSES.merge(answer.statusCode(), 1, Integer::sum);

        assertThat(answer.statusCode()).as("%s%n-> %s", fuzz, answer.body()).isLessThan(500);
        assertThat(LEAK.matcher(answer.body()).find())
                .as("a Java stack trace or exception in %s%n-> %s", fuzz, answer.body())
                .isFalse();
    }

    @Provide
    Arbitrary<Fuzz> requests() {
        return Arbitraries.oneOf(
                List.of(
                        Arbitraries.lazy(this::api),
                        Arbitraries.lazy(this::api),
                        Arbitraries.lazy(this::mcp),
                        Arbitraries.lazy(this::mcp),
                        Arbitraries.lazy(this::pages)));
    }

    // --- the API ---

    private Arbitrary<Fuzz> api() {
        Arbitrary<String[]> endpoint =
                Arbitraries.of(
                        new String[] {"GET", "/api/simulation", ""},
                        new String[] {"POST", "/api/simulation/pause", ""},
                        new String[] {"POST", "/api/simulation/resume", ""},
                        new String[] {"POST", "/api/simulation/advance?duration={q}", ""},
                        new String[] {"GET", "/api/elements/at-risk", ""},
                        new String[] {"GET", "/api/elements/{id}", ""},
                        new String[] {"GET", "/api/elements/{id}/telemetry?from={q}&to={q}", ""},
                        new String[] {"GET", "/api/network", ""},
                        new String[] {"GET", "/api/cases?status={q}", ""},
                        new String[] {"GET", "/api/cases/{id}", ""},
                        new String[] {"GET", "/api/approvals", ""},
                        new String[] {"POST", "/api/approvals/{id}/approve", "comment,arguments"},
                        new String[] {"POST", "/api/approvals/{id}/reject", "reason"},
                        new String[] {
                            "POST",
                            "/api/policy/explain",
                            "tool,element,cost,risk,facts,arguments,at,proposer"
                        },
                        new String[] {
                            "POST", "/api/policy/explain?version={q}", "tool,element,cost"
                        },
                        new String[] {"GET", "/api/policy", ""},
                        new String[] {"POST", "/api/policy?name={q}", ""},
                        new String[] {"GET", "/api/policy/versions", ""},
                        new String[] {"GET", "/api/policy/versions/{id}", ""},
                        new String[] {"POST", "/api/policy/versions/{id}/activate", ""},
                        new String[] {"GET", "/api/audit?case={q}&tool={q}&limit={q}", ""},
                        new String[] {
                            "GET", "/api/audit?type={q}&effect={q}&from={q}&after={q}", ""
                        },
                        new String[] {"GET", "/api/audit/verify", ""},
                        new String[] {"GET", "/api/audit/checkpoints", ""},
                        new String[] {"POST", "/api/audit/checkpoints", ""},
                        new String[] {"GET", "/api/audit/public-key", ""},
                        new String[] {
                            "GET", "/api/audit/proofs/inclusion?sequence={q}&treeSize={q}", ""
                        },
                        new String[] {
                            "GET", "/api/audit/proofs/consistency?first={q}&second={q}", ""
                        },
                        new String[] {"GET", "/api/audit/export?format={q}", ""},
                        new String[] {"GET", "/api/tokens?user={q}", ""},
                        new String[] {"POST", "/api/tokens", "label,audience,lifetime"},
                        new String[] {"POST", "/api/tokens/{id}/revoke", ""},
                        new String[] {"PUT", "/api/approvals", ""},
                        new String[] {"DELETE", "/api/policy", ""},
                        new String[] {"GET", "/api/{id}", ""});
        return Combinators.combine(
                        endpoint,
                        ids(),
                        queryValues(),
                        bodies(),
                        contentTypes(),
                        apiAuthorizations())
                .as(
                        (e, id, q, body, type, auth) ->
                                new Fuzz(
                                        e[0],
                                        e[1].replace("{id}", id).replace("{q}", q),
                                        type,
                                        auth,
                                        e[0].equals("GET") ? null : body.apply(e[2])));
    }

    private Arbitrary<String> apiAuthorizations() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(
                        6, Arbitraries.of("Bearer " + TOKENS.getOrDefault("supervisor", "x"))),
                net.jqwik.api.Tuple.of(
                        2, Arbitraries.of("Bearer " + TOKENS.getOrDefault("auditor", "x"))),
                net.jqwik.api.Tuple.of(
                        2,
                        Arbitraries.of(
                                "Bearer anc_forged",
                                "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
                                "Basic b3BlcmF0b3I6b3BlcmF0b3I=",
                                "Basic !!!",
                                "Bearer",
                                "Negotiate abc",
                                "Bearer " + "a".repeat(5000))));
    }

    /** A body builder for an endpoint's member names: many kinds of JSON and not-JSON. */
    private Arbitrary<java.util.function.Function<String, String>> bodies() {
        Arbitrary<Object> tree = jsonTree(3);
        return Arbitraries.oneOf(
                List.of(
                        tree.map(t -> members -> JSON.writeValueAsString(t)),
                        Combinators.combine(tree, tree, tree)
                                .as(
                                        (a, b, c) ->
                                                members -> {
                                                    Map<String, Object> m = new LinkedHashMap<>();
                                                    Object[] values = {a, b, c};
                                                    int i = 0;
                                                    for (String name : members.split(",")) {
                                                        if (!name.isEmpty()) {
                                                            m.put(name, values[i++ % 3]);
                                                        }
                                                    }
                                                    return JSON.writeValueAsString(m);
                                                }),
                        tree.map(
                                t ->
                                        members -> {
                                            String s =
                                                    JSON.writeValueAsString(
                                                            java.util.Collections.singletonMap(
                                                                    "x", t));
                                            return s.substring(0, Math.max(1, s.length() / 2));
                                        }),
                        Arbitraries.strings().all().ofMaxLength(300).map(s -> members -> s),
                        // what a multipart parser would choke on (the boundary is zz)
                        Arbitraries.strings()
                                .all()
                                .ofMaxLength(100)
                                .map(s -> members -> "--zz\r\n" + s),
                        Arbitraries.of(
                                        "",
                                        "null",
                                        "{",
                                        "[]",
                                        "\"\"",
                                        "{}{}",
                                        "rules:\n  - id: x\n    effect: ALLOW\n",
                                        "version: 1\nrules: [",
                                        "\u0000\u0001\u0002",
                                        "--zz\r\nbroken",
                                        "{\"tool\": \"order_part\", \"cost\": 1e400}",
                                        "{\"arguments\": {\"element_id\": {\"$ne\": 1}}}",
                                        "{\"comment\": \"" + "y".repeat(70_000) + "\"}")
                                .map(s -> members -> s)));
    }

    // --- the MCP server ---

    private Arbitrary<Fuzz> mcp() {
        Arbitrary<String> tool =
                Arbitraries.of(
                        "get_topology",
                        "get_element",
                        "get_telemetry",
                        "get_affected_customers",
                        "check_stock",
                        "list_engineers",
                        "open_ticket",
                        "update_ticket",
                        "close_ticket",
                        "order_part",
                        "dispatch_engineer",
                        "reroute_traffic",
                        "restore_traffic",
                        "restart_element",
                        "notify_customers",
                        "apply_sla_credit",
                        "run_approved",
                        "no_such_tool",
                        "");
        Arbitrary<Object> arguments =
                Arbitraries.oneOf(
                        List.of(
                                jsonTree(2),
                                Combinators.combine(
                                                ids(),
                                                jsonTree(1),
                                                Arbitraries.strings().ofMaxLength(50))
                                        .as(
                                                (id, v, s) -> {
                                                    Map<String, Object> m = new LinkedHashMap<>();
                                                    m.put("element_id", id);
                                                    m.put("case_id", s);
                                                    m.put("message", v);
                                                    m.put("approval_id", id);
                                                    return m;
                                                })));
        Arbitrary<Object> id =
                Arbitraries.oneOf(
                        List.of(
                                Arbitraries.integers().map(i -> (Object) i),
                                Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s),
                                Arbitraries.of((Object) 1.5, (Object) true, (Object) List.of(1))));
        Arbitrary<String> method =
                Arbitraries.of(
                        "initialize",
                        "ping",
                        "tools/list",
                        "tools/call",
                        "tools/call",
                        "tools/call",
                        "resources/list",
                        "prompts/get",
                        "completion/complete",
                        "notifications/initialized",
                        "notifications/cancelled",
                        "logging/setLevel",
                        "");
        Arbitrary<String> wellFormed =
                Combinators.combine(
                                method,
                                id,
                                tool,
                                arguments,
                                jsonTree(1),
                                Arbitraries.integers().between(0, 5))
                        .as(
                                (m, i, t, a, meta, shape) -> {
                                    Map<String, Object> params = new LinkedHashMap<>();
                                    switch (shape) {
                                        case 0 -> {
                                            params.put("name", t);
                                            params.put("arguments", a);
                                        }
                                        case 1 -> {
                                            params.put("name", t);
                                            params.put("arguments", a);
                                            params.put(
                                                    "_meta",
                                                    Map.of(
                                                            "autonoc/idempotency_key",
                                                            String.valueOf(meta)));
                                        }
                                        case 2 -> {
                                            params.put("protocolVersion", "2025-06-18");
                                            params.put("capabilities", a);
                                            params.put(
                                                    "clientInfo",
                                                    Map.of("name", "fuzz", "version", "1"));
                                        }
                                        case 3 -> params.put("name", a);
                                        case 4 -> params.put("cursor", meta);
                                        default -> {}
                                    }
                                    Map<String, Object> message = new LinkedHashMap<>();
                                    message.put("jsonrpc", "2.0");
                                    if (!m.startsWith("notifications/") || shape == 5) {
                                        message.put("id", i);
                                    }
                                    message.put("method", m);
                                    message.put("params", shape == 5 ? a : params);
                                    return JSON.writeValueAsString(message);
                                });
        Arbitrary<String> body =
                Arbitraries.oneOf(
                        List.of(
                                wellFormed,
                                wellFormed,
                                wellFormed,
                                jsonTree(3).map(JSON::writeValueAsString),
                                Arbitraries.strings().all().ofMaxLength(200),
                                wellFormed.map(s -> s.substring(0, Math.max(1, s.length() - 7)))));
        Arbitrary<String> auth =
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(
                                8,
                                Arbitraries.of("Bearer " + TOKENS.getOrDefault("mcp-agent", "x"))),
                        net.jqwik.api.Tuple.of(
                                1,
                                Arbitraries.of(
                                        "Bearer " + TOKENS.getOrDefault("supervisor", "x"),
                                        "Bearer anc_nope",
                                        "Basic bWNwLWFnZW50Om1jcC1hZ2VudA==")));
        return Combinators.combine(
                        body,
                        auth,
                        Arbitraries.of(
                                "application/json",
                                "application/json",
                                "text/plain",
                                "application/json; charset=utf-16"))
                .as((b, a, type) -> new Fuzz("POST", "/mcp", type, a, b));
    }

    // --- pages, sign-in and metadata ---

    private Arbitrary<Fuzz> pages() {
        Arbitrary<String[]> page =
                Arbitraries.of(
                        new String[] {"GET", "/login?error={q}"},
                        new String[] {"POST", "/login"},
                        new String[] {"GET", "/"},
                        new String[] {"GET", "/tokens"},
                        new String[] {"GET", "/map"},
                        new String[] {"GET", "/elements/{id}"},
                        new String[] {"GET", "/.well-known/oauth-protected-resource/{id}"},
                        new String[] {"GET", "/.well-known/oauth-protected-resource"},
                        new String[] {"GET", "/css/{id}"},
                        new String[] {"POST", "/logout"},
                        new String[] {"GET", "/mcp"},
                        new String[] {"DELETE", "/mcp"});
        return Combinators.combine(
                        page,
                        ids(),
                        queryValues(),
                        Arbitraries.strings().ofMaxLength(100),
                        contentTypes())
                .as(
                        (p, id, q, body, type) ->
                                new Fuzz(
                                        p[0],
                                        p[1].replace("{id}", id).replace("{q}", q),
                                        type,
                                        null,
                                        p[0].equals("GET")
                                                ? null
                                                : "username=" + q + "&password=" + enc(body)));
    }

    // --- values ---

    private static Arbitrary<String> ids() {
        return Arbitraries.oneOf(
                        List.of(
                                Arbitraries.of(
                                        "apr-1",
                                        "apr-999999999999999999999",
                                        "case-1",
                                        "sha256:0",
                                        "tok-0000",
                                        "..",
                                        "%2e%2e%2f",
                                        "%00",
                                        "%E2%80%AE",
                                        "x".repeat(300)),
                                Arbitraries.strings()
                                        .alpha()
                                        .numeric()
                                        .withChars("-_.~")
                                        .ofMinLength(1)
                                        .ofMaxLength(40)))
                .map(FuzzRequestsTest::pathSafe);
    }

    private static Arbitrary<String> queryValues() {
        return Arbitraries.oneOf(
                        List.of(
                                Arbitraries.of(
                                        "",
                                        "PT1H",
                                        "P30D",
                                        "-PT1S",
                                        "0",
                                        "-1",
                                        "99999999999999999999",
                                        "1e3",
                                        "open",
                                        "csv",
                                        "jsonl",
                                        "TOOL_CALL",
                                        "ALLOW",
                                        "2026-01-01T00:00:00Z",
                                        "yesterday",
                                        "strict.yaml",
                                        "../../etc/passwd"),
                                Arbitraries.strings().all().ofMaxLength(30)))
                .map(FuzzRequestsTest::enc);
    }

    private static Arbitrary<String> contentTypes() {
        return Arbitraries.of(
                "application/json",
                "application/json",
                "application/json",
                "application/yaml",
                "text/plain",
                "multipart/form-data; boundary=zz",
                "application/x-www-form-urlencoded",
                "application/xml",
                "foo/bar;;;",
                "application/json; charset=nonsense",
                null);
    }

    /** A JSON tree: objects, arrays, strings (any characters), numbers of any size, literals. */
    private static Arbitrary<Object> jsonTree(int depth) {
        Arbitrary<Object> leaf =
                Arbitraries.oneOf(
                        List.of(
                                Arbitraries.strings().all().ofMaxLength(40).map(s -> (Object) s),
                                Arbitraries.longs().map(l -> (Object) l),
                                Arbitraries.doubles().map(d -> (Object) d),
                                Arbitraries.bigIntegers()
                                        .between(
                                                java.math.BigInteger.TEN.pow(30).negate(),
                                                java.math.BigInteger.TEN.pow(30))
                                        .map(b -> (Object) b),
                                Arbitraries.of(
                                        (Object) true,
                                        (Object) false,
                                        (Object) "",
                                        (Object) "core-rtr-01",
                                        (Object) "order_part"),
                                Arbitraries.just(null)));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Object> child = jsonTree(depth - 1);
        Arbitrary<Object> list = child.list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l));
        Arbitrary<Object> object =
                Arbitraries.maps(
                                Arbitraries.oneOf(
                                        List.of(
                                                Arbitraries.of(
                                                        "tool",
                                                        "element",
                                                        "element_id",
                                                        "cost",
                                                        "arguments",
                                                        "comment",
                                                        "reason",
                                                        "facts",
                                                        "at",
                                                        "label",
                                                        "audience",
                                                        "lifetime",
                                                        "_meta",
                                                        "jsonrpc",
                                                        "id",
                                                        "method",
                                                        "params"),
                                                Arbitraries.strings().all().ofMaxLength(10))),
                                child)
                        .ofMaxSize(5)
                        .map(m -> (Object) new LinkedHashMap<>(m));
        return Arbitraries.oneOf(List.of(leaf, list, object));
    }

    private static String pathSafe(String s) {
        // keep generated percent-escapes as they are, escape the rest of a path segment
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 128 || "-_.~%".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append(URLEncoder.encode(String.valueOf(c), StandardCharsets.UTF_8));
            }
        }
        return out.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
