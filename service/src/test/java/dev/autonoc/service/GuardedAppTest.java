package dev.autonoc.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The service with small limits and HTTP Basic on (the embedded demo's opt-in), to show the limits
 * at work: sign-in lockout with back-off, each user's API and MCP rate, each a security event in
 * the ledger once; and Basic that never rides on a session nor asks a browser for a password.
 *
 * <p>Each test uses its own demo user, so that one's lockout or spent rate does not meet another's.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "autonoc.simulation.auto-start=false",
            "autonoc.approvals.timeout=0",
            "autonoc.security.basic-auth.enabled=true",
            "autonoc.security.limits.sign-in-failures=3",
            "autonoc.security.limits.client-sign-in-failures=1000",
            "autonoc.security.limits.lockout=2s",
            "autonoc.security.limits.max-lockout=4s",
            "autonoc.security.limits.api-per-second=1",
            "autonoc.security.limits.api-burst=8",
            "autonoc.security.limits.mcp-per-minute=6",
            "autonoc.security.limits.mcp-burst=3"
        })
class GuardedAppTest {

    static final Path DATA_DIR = FullAppTestBase.freshDataDir();

    @LocalServerPort int port;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("autonoc.data-dir", DATA_DIR::toString);
    }

    private String base() {
        return "http://localhost:" + port;
    }

    @Test
    void basic_never_rides_on_a_session_and_never_asks_a_browser_for_a_password() throws Exception {
        ApiClient.Console console = ApiClient.Console.signIn(base(), "supervisor", "supervisor");
        HttpResponse<String> wrong =
                console.send(
                        "POST",
                        "/api/simulation/pause",
                        false,
                        null,
                        "Authorization",
                        "Basic " + b64("supervisor:WRONG"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().allValues("WWW-Authenticate"))
                .allSatisfy(h -> assertThat(h).startsWith("Bearer "));
        HttpResponse<String> right =
                send("POST", "/api/simulation/pause", "Basic " + b64("supervisor:supervisor"));
        assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
    }

    @Test
    void repeated_wrong_passwords_lock_the_user_with_a_back_off_and_say_so_in_the_ledger()
            throws Exception {
        // the finding: 50 bad passwords in 3.4 s, then the right one worked
        for (int i = 0; i < 3; i++) {
            assertThat(formSignIn("operator", "guess-" + i)).endsWith("/login?error");
        }
        assertThat(formSignIn("operator", "operator")).contains("/login?locked=");
        HttpResponse<String> basic =
                send("GET", "/api/simulation", "Basic " + b64("operator:operator"));
        assertThat(basic.statusCode()).isEqualTo(429);
        assertThat(basic.headers().firstValue("Retry-After")).isPresent();
        assertThat(basic.body()).contains("too many failed sign-ins for 'operator'");

        // after the lockout the right password works again
        Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .pollInterval(java.time.Duration.ofMillis(500))
                .until(() -> formSignIn("operator", "operator").endsWith("/"));

        List<JsonNode> locked = securityEvents("sign_in_locked");
        assertThat(locked)
                .anySatisfy(e -> assertThat(e.at("/actor").asString()).isEqualTo("operator"));
        assertThat(locked.get(0).at("/payload/locked").asString()).isEqualTo("user");
    }

    @Test
    void a_user_over_the_api_rate_gets_429_with_retry_after_and_one_ledger_event()
            throws Exception {
        String auditor = "Basic " + b64("auditor:auditor");
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> refused = null;
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = send("GET", "/api/simulation", auditor);
            statuses.add(r.statusCode());
            if (r.statusCode() == 429 && refused == null) {
                refused = r;
            }
        }
        assertThat(statuses).contains(200, 429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("over the rate limit of /api");
        assertThat(
                        securityEvents("rate_limited").stream()
                                .filter(e -> e.at("/actor").asString().equals("auditor"))
                                .count())
                .isEqualTo(1);
    }

    @Test
    void an_agent_over_the_mcp_rate_gets_a_json_rpc_error_and_429() throws Exception {
        String agent = "Basic " + b64("mcp-agent:mcp-agent");
        List<Integer> statuses = new ArrayList<>();
        String body = null;
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> r =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(URI.create(base() + "/mcp"))
                                            .header("Authorization", agent)
                                            .header("Content-Type", "application/json")
                                            .header("Accept", "application/json, text/event-stream")
                                            .POST(
                                                    HttpRequest.BodyPublishers.ofString(
                                                            "{\"jsonrpc\":\"2.0\",\"id\":"
                                                                    + i
                                                                    + ",\"method\":\"tools/list\"}"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            statuses.add(r.statusCode());
            if (r.statusCode() == 429) {
                body = r.body();
            }
        }
        assertThat(statuses.subList(0, 3)).containsOnly(200);
        assertThat(statuses).contains(429);
        assertThat(body).contains("\"jsonrpc\":\"2.0\"").contains("over the rate limit of /mcp");
    }

    private List<JsonNode> securityEvents(String kind) throws Exception {
        HttpResponse<String> r =
                send(
                        "GET",
                        "/api/audit?type=SECURITY&limit=1000",
                        "Basic " + b64("supervisor:supervisor"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        ApiClient.JSON
                .readTree(r.body())
                .at("/entries")
                .forEach(
                        e -> {
                            if (kind.equals(e.at("/payload/kind").asString())) {
                                out.add(e);
                            }
                        });
        return out;
    }

    /** Signs in with the form; where the service sends the browser next. */
    private String formSignIn(String user, String password) throws Exception {
        HttpClient http =
                HttpClient.newBuilder()
                        .cookieHandler(new java.net.CookieManager())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
        String page =
                http.send(
                                HttpRequest.newBuilder(URI.create(base() + "/login")).build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"")
                        .matcher(page);
        assertThat(m.find()).isTrue();
        HttpResponse<String> posted =
                http.send(
                        HttpRequest.newBuilder(URI.create(base() + "/login"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "username="
                                                        + user
                                                        + "&password="
                                                        + password
                                                        + "&_csrf="
                                                        + m.group(1)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return posted.headers().firstValue("Location").orElse("(none)");
    }

    private HttpResponse<String> send(String method, String path, String authorization)
            throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base() + path))
                                .header("Authorization", authorization)
                                .method(method, HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static String b64(String s) {
        return java.util.Base64.getEncoder()
                .encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
