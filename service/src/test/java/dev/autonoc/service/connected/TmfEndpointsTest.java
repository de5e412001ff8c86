package dev.autonoc.service.connected;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.autonoc.core.tool.ToolResult.Outcome;
import dev.autonoc.tools.oss.OssBss;
import dev.autonoc.tools.oss.OssException;
import dev.autonoc.tools.oss.TicketRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The TMF clients as connected mode configures them, against real HTTP on a loopback port: each
 * API's own endpoint and sign-in, the idempotency key as a header, statuses as outcome classes.
 */
class TmfEndpointsTest {

    private HttpServer server;
    private final List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> statusByPath = new ConcurrentHashMap<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/oauth/token", this::token);
        server.createContext("/", this::tmf);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI base(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** A client-credentials token endpoint: checks the client's secret, answers a token. */
    private void token(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String basic =
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString("autonoc:s3cret".getBytes(StandardCharsets.UTF_8));
        boolean ok =
                body.contains("grant_type=client_credentials")
                        && (basic.equals(x.getRequestHeaders().getFirst("Authorization"))
                                || body.contains("client_secret=s3cret"));
        String answer =
                ok
                        ? "{\"access_token\":\"tok-"
                                + tokensIssued.incrementAndGet()
                                + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}"
                        : "{\"error\":\"invalid_client\"}";
        reply(x, ok ? 200 : 401, answer);
    }

    /** Records what came, answers the status set for the path (a problem), else 503. */
    private void tmf(HttpExchange x) throws IOException {
        seen.add(
                Map.of(
                        "path", x.getRequestURI().getPath(),
                        "authorization",
                                String.valueOf(x.getRequestHeaders().getFirst("Authorization")),
                        "idempotency-key",
                                String.valueOf(x.getRequestHeaders().getFirst("Idempotency-Key"))));
        int status =
                statusByPath.entrySet().stream()
                        .filter(e -> x.getRequestURI().getPath().startsWith(e.getKey()))
                        .map(Map.Entry::getValue)
                        .findFirst()
                        .orElse(503);
        reply(x, status, "{\"status\":" + status + ",\"detail\":\"as the test said\"}");
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    private static ConnectedProperties.Auth none() {
        return new ConnectedProperties.Auth("none", null, null, null, null, null);
    }

    private OssBss oss(ConnectedProperties.Tmf tmf) {
        return new TmfEndpoints(tmf, OAuth2Tokens.over(tmf)).ossBss();
    }

    private static Outcome outcomeOf(Runnable call) {
        try {
            call.run();
        } catch (OssException e) {
            return e.outcome();
        }
        throw new AssertionError("the call succeeded");
    }

    @Test
    void each_api_goes_to_its_own_base_url_with_its_own_sign_in() {
        ConnectedProperties.Tmf tmf =
                new ConnectedProperties.Tmf(
                        base("/common/"),
                        Duration.ofSeconds(5),
                        new ConnectedProperties.Auth(
                                "bearer", "common-token", null, null, null, null),
                        Map.of(
                                "trouble-ticket",
                                new ConnectedProperties.Api(
                                        base("/tickets/"),
                                        null,
                                        new ConnectedProperties.Auth(
                                                "oauth2",
                                                null,
                                                base("/oauth/token"),
                                                "autonoc",
                                                "s3cret",
                                                List.of("tmf621")))));
        OssBss oss = oss(tmf);

        assertThatThrownBy(() -> oss.resourceInventory().topology())
                .isInstanceOf(OssException.class);
        assertThatThrownBy(
                        () ->
                                oss.troubleTicket()
                                        .create(
                                                new TicketRequest("case-1", "r1", "fan", "minor"),
                                                "case-1/0/1"))
                .isInstanceOf(OssException.class);
        assertThatThrownBy(
                        () ->
                                oss.troubleTicket()
                                        .create(
                                                new TicketRequest("case-2", "r1", "fan", "minor"),
                                                "case-2/0/1"))
                .isInstanceOf(OssException.class);

        assertThat(seen).hasSize(3);
        assertThat(seen.get(0))
                .containsEntry("authorization", "Bearer common-token")
                .containsEntry("idempotency-key", "null");
        assertThat(seen.get(0).get("path"))
                .startsWith("/common/tmf-api/resourceInventoryManagement/");
        assertThat(seen.get(1).get("path")).startsWith("/tickets/tmf-api/troubleTicket/");
        assertThat(seen.get(1))
                .containsEntry("authorization", "Bearer tok-1")
                .containsEntry("idempotency-key", "case-1/0/1");
        assertThat(seen.get(2)).containsEntry("authorization", "Bearer tok-1");
        assertThat(tokensIssued).as("the token is kept until it expires").hasValue(1);
    }

    @Test
    void statuses_become_the_outcome_classes_the_agent_acts_on() {
        OssBss oss =
                oss(
                        new ConnectedProperties.Tmf(
                                base("/"), Duration.ofSeconds(5), none(), Map.of()));
        Runnable topology = () -> oss.resourceInventory().topology();
        Map<Integer, Outcome> expected =
                Map.of(
                        503, Outcome.TRANSIENT,
                        429, Outcome.TRANSIENT,
                        409, Outcome.REFUSED,
                        504, Outcome.UNCERTAIN,
                        500, Outcome.UNCERTAIN,
                        400, Outcome.INVALID,
                        401, Outcome.INVALID);
        expected.forEach(
                (status, outcome) -> {
                    statusByPath.put("/tmf-api/", status);
                    assertThat(outcomeOf(topology)).as("HTTP " + status).isEqualTo(outcome);
                });
        assertThat(seen).allSatisfy(r -> assertThat(r).containsEntry("authorization", "null"));
    }

    @Test
    void an_authorization_server_that_refuses_fails_the_call_as_transient_before_sending() {
        ConnectedProperties.Auth wrong =
                new ConnectedProperties.Auth(
                        "oauth2", null, base("/oauth/token"), "autonoc", "wrong", List.of());
        OssBss oss =
                oss(new ConnectedProperties.Tmf(base("/"), Duration.ofSeconds(5), wrong, Map.of()));

        assertThat(outcomeOf(() -> oss.resourceInventory().topology()))
                .isEqualTo(Outcome.TRANSIENT);
        assertThat(seen).as("nothing reached the API").isEmpty();
    }

    @Test
    void settings_name_what_is_wrong_and_what_is_accepted() {
        assertThatThrownBy(
                        () -> new ConnectedProperties.Auth("basic", null, null, null, null, null))
                .hasMessageContaining("'basic'")
                .hasMessageContaining("[none, bearer, oauth2]");
        assertThatThrownBy(
                        () -> new ConnectedProperties.Auth("bearer", " ", null, null, null, null))
                .hasMessageContaining("needs a token");
        assertThatThrownBy(() -> new ConnectedProperties.Auth("oauth2", null, null, "c", "s", null))
                .hasMessageContaining("token-uri, client-id and client-secret");
        assertThatThrownBy(
                        () ->
                                new ConnectedProperties.Tmf(
                                        base("/"),
                                        Duration.ofSeconds(1),
                                        none(),
                                        Map.of(
                                                "tickets",
                                                new ConnectedProperties.Api(null, null, null))))
                .hasMessageContaining("'tickets'")
                .hasMessageContaining("trouble-ticket");
        assertThat(
                        new ConnectedProperties.Auth(
                                        "oauth2", null, base("/t"), "c", "very-secret", null)
                                .toString())
                .doesNotContain("very-secret");
    }
}
