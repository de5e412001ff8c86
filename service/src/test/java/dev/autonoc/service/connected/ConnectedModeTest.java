package dev.autonoc.service.connected;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.service.TestDirs;
import dev.autonoc.service.security.ApiToken;
import dev.autonoc.service.security.ApiTokens;
import dev.autonoc.simulators.FaultTruth;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.http.TmfHttpFacade;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service in connected mode, end to end: the twin stands in for the operator (its TMF façade on
 * a loopback port, its telemetry published to a real Kafka broker), the service reads the inventory
 * over TMF639, the telemetry from the topic, predicts the aging laser's failure, plans, waits for a
 * person's approval given through the API, and mends the link over TMF HTTP before it fails; the
 * ledger verifies. The service's clock is the twin's: in production both are the wall clock, here
 * the test runs the twin (and so the service's time) an hour at a time.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "autonoc.mode=connected",
            "autonoc.approvals.timeout=0",
            // the loop acts after each batch of telemetry; its own ticks would race the test
            "autonoc.connected.tick-interval=1h",
            "autonoc.connected.telemetry.group=connected-mode-test",
            "autonoc.connected.telemetry.topic=connected-mode-test",
            "autonoc.connected.telemetry.dead-letter-topic=connected-mode-test.dlt",
            "autonoc.security.limits.api-per-second=100000",
            "autonoc.security.limits.api-burst=100000"
        })
@Import(ConnectedModeTest.TwinTime.class)
class ConnectedModeTest {

    private static final ElementId LINK = ElementId.of("link-agg-rtr-01-core-rtr-02");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final KafkaTestBroker BROKER = new KafkaTestBroker(2);
    static final OperatorTwin TWIN = OperatorTwin.create(LaserAgingTwin.on(LINK));
    static final TmfHttpFacade FACADE = TmfHttpFacade.start(TWIN);
    static final KafkaTemplate<String, byte[]> PRODUCER = BROKER.producer();

    @LocalServerPort int port;
    @Autowired TelemetryIngest ingest;
    @Autowired ApiTokens tokens;
    private final Map<String, String> secrets = new HashMap<>();

    private final HttpClient http = HttpClient.newHttpClient();

    /** The service lives on the twin's time, as both would on the wall clock. */
    @TestConfiguration
    static class TwinTime {
        @Bean
        @Primary
        Clock twinClock() {
            return TWIN.clock();
        }
    }

    @DynamicPropertySource
    static void connected(DynamicPropertyRegistry registry) throws Exception {
        Path data = TestDirs.fresh("autonoc-connected-");
        registry.add("autonoc.data-dir", data::toString);
        registry.add("spring.kafka.bootstrap-servers", BROKER::servers);
        registry.add("autonoc.connected.tmf.base-url", () -> FACADE.baseUri().toString());
        ConnectedUsers.register(registry);
    }

    @AfterAll
    static void stopTheOperator() {
        PRODUCER.destroy();
        FACADE.close();
        BROKER.close();
    }

    @Test
    void a_fault_published_to_kafka_is_predicted_approved_through_the_api_and_mended_over_tmf()
            throws Exception {
        TwinPublisher twin = new TwinPublisher(TWIN, PRODUCER, "connected-mode-test");
        twin.publishInventory();
        List<String> approved = new ArrayList<>();
        for (int hour = 0; hour < 24 * 5 && !repaired(); hour++) {
            twin.advanceTo(TWIN.now().plus(Duration.ofHours(1)));
            long published = twin.published();
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () ->
                                    ingest.counters().applied()
                                                    + ingest.counters().deadLetteredTotal()
                                            >= published);
            for (JsonNode r : get("/api/approvals", "supervisor")) {
                String id = r.at("/id").asString();
                JsonNode answer =
                        post(
                                "/api/approvals/" + id + "/approve",
                                "supervisor",
                                "{\"comment\": \"go ahead\"}");
                assertThat(answer.at("/verdict").asString()).isEqualTo("APPROVED");
                approved.add(r.at("/tool").asString());
            }
        }

        assertThat(ingest.counters().deadLetteredTotal()).isZero();
        assertThat(ingest.counters().duplicates())
                .as("the inventory's element messages repeat what TMF639 said")
                .isPositive();
        assertThat(approved).as("a person approved the optic's order").contains("order_part");
        FaultTruth laser =
                TWIN.groundTruth().faults().stream()
                        .filter(f -> f.element().equals(LINK))
                        .findFirst()
                        .orElseThrow();
        assertThat(laser.repairedAt()).as("mended over TMF HTTP").isPresent();
        assertThat(laser.failedAt()).as("before it failed").isEmpty();
        JsonNode cases = get("/api/cases", "supervisor");
        // the link's case among them: another element's faint alarm may open one too
        List<String> elements = new ArrayList<>();
        cases.forEach(c -> elements.add(c.at("/element/id").asString()));
        assertThat(elements).contains(LINK.value());
        JsonNode verification = get("/api/audit/verify", "auditor");
        assertThat(verification.at("/intact").asBoolean()).as(verification.toString()).isTrue();
    }

    private boolean repaired() {
        return TWIN.groundTruth().faults().stream()
                .anyMatch(f -> f.element().equals(LINK) && f.repairedAt().isPresent());
    }

    private JsonNode get(String path, String user) throws Exception {
        return exchange(HttpRequest.newBuilder(uri(path)).GET(), user, 200);
    }

    private JsonNode post(String path, String user, String body) throws Exception {
        return exchange(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)),
                user,
                200);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private JsonNode exchange(HttpRequest.Builder request, String user, int status)
            throws Exception {
        HttpResponse<String> r =
                http.send(
                        request.header("Authorization", bearer(user))
                                .header("Accept", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    /** A personal API token of {@code user}'s, made once per test. */
    private String bearer(String user) {
        return "Bearer "
                + secrets.computeIfAbsent(
                        user,
                        u ->
                                tokens.create(u, "test", ApiToken.Audience.API, Optional.empty())
                                        .secret());
    }
}
