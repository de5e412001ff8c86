package dev.autonoc.service.connected;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.service.TestDirs;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.http.TmfHttpFacade;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * An element that joins the network after the service started (docs/connected-mode.md, "The
 * inventory"): its element message on the topic adds it to the predictor and to the elements the
 * loop opens cases on, so that its fault is worked like any other's. The operator's TMF639
 * inventory, read at start, does not list it yet (a loopback proxy in front of the twin's façade
 * leaves it out until it "joins"); everything else is the real path: Kafka, TMF HTTP, the loop.
 */
class InventoryChangesTest {

    private static final ElementId LINK = ElementId.of("link-agg-rtr-01-core-rtr-02");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void an_element_added_by_the_topic_after_start_gets_a_case_when_it_degrades() throws Exception {
        String topic = "inventory-" + ProcessHandle.current().pid();
        OperatorTwin twin = OperatorTwin.create(LaserAgingTwin.on(LINK));
        AtomicBoolean joined = new AtomicBoolean(false);
        try (KafkaTestBroker broker = new KafkaTestBroker(2);
                TmfHttpFacade facade = TmfHttpFacade.start(twin);
                Proxy inventory = new Proxy(facade.baseUri(), joined)) {
            KafkaTemplate<String, byte[]> producer = broker.producer();
            TwinPublisher publisher = new TwinPublisher(twin, producer, topic);
            Map<String, String> settings = new HashMap<>();
            settings.put("spring.kafka.bootstrap-servers", broker.servers());
            settings.put("autonoc.connected.telemetry.topic", topic);
            settings.put("autonoc.connected.telemetry.dead-letter-topic", topic + ".dlt");
            settings.put("autonoc.connected.telemetry.group", topic);
            settings.put("autonoc.connected.tmf.base-url", facade.baseUri().toString());
            settings.put(
                    "autonoc.connected.tmf.apis.resource-inventory.base-url",
                    inventory.uri().toString());
            try (ConnectedInstance instance =
                    ConnectedInstance.start(
                            "node-a",
                            TestDirs.fresh("autonoc-inventory-"),
                            twin::clock,
                            settings)) {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> instance.partitions().size() == 2);
                assertThat(instance.driver().elements())
                        .as("TMF639 did not list the link at start")
                        .extracting(Element::id)
                        .doesNotContain(LINK)
                        .isNotEmpty();

                // the link joins: the operator's inventory lists it, its element message comes
                joined.set(true);
                publisher.publishInventory();
                Optional<JsonNode> linkCase = Optional.empty();
                for (int hour = 0; hour < 24 * 4 && linkCase.isEmpty(); hour++) {
                    publisher.advanceTo(twin.now().plus(Duration.ofHours(1)));
                    long published = publisher.published();
                    await().atMost(Duration.ofSeconds(120))
                            .until(
                                    () ->
                                            instance.ingest().counters().applied()
                                                            + instance.ingest()
                                                                    .counters()
                                                                    .deadLetteredTotal()
                                                    >= published);
                    linkCase = caseOn(instance, LINK);
                }
                assertThat(instance.driver().elements()).extracting(Element::id).contains(LINK);
                assertThat(linkCase)
                        .as("the element added after start got a case when its laser aged")
                        .isPresent();
                assertThat(linkCase.get().at("/id").asString()).startsWith("case-live-node-a-");
                assertThat(instance.ingest().counters().deadLetteredTotal()).isZero();
            } finally {
                producer.destroy();
            }
        }
    }

    private static Optional<JsonNode> caseOn(ConnectedInstance i, ElementId element)
            throws Exception {
        for (JsonNode c : i.get("/api/cases", "supervisor")) {
            if (c.at("/element/id").asString().equals(element.value())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * The operator's TMF639 in front of the twin's: it forwards every GET, and leaves the link out
     * of the resource list until the link has joined.
     */
    private static final class Proxy implements AutoCloseable {
        private final HttpServer server;
        private final HttpClient http = HttpClient.newHttpClient();

        Proxy(URI target, AtomicBoolean joined) throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext(
                    "/",
                    exchange -> {
                        try (exchange) {
                            URI to =
                                    target.resolve(
                                            exchange.getRequestURI().toString().substring(1));
                            HttpResponse<byte[]> r =
                                    http.send(
                                            HttpRequest.newBuilder(to)
                                                    .header("Accept", "application/json")
                                                    .GET()
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofByteArray());
                            byte[] body = r.body();
                            if (!joined.get()
                                    && r.statusCode() == 200
                                    && exchange.getRequestURI().getPath().endsWith("/resource")) {
                                ArrayNode all = (ArrayNode) JSON.readTree(body);
                                ArrayNode without = JSON.createArrayNode();
                                for (JsonNode n : all) {
                                    if (!n.at("/id").asString().equals(LINK.value())) {
                                        without.add(n);
                                    }
                                }
                                body =
                                        JSON.writeValueAsString(without)
                                                .getBytes(StandardCharsets.UTF_8);
                            }
                            exchange.getResponseHeaders().add("Content-Type", "application/json");
                            exchange.sendResponseHeaders(
                                    r.statusCode(), body.length == 0 ? -1 : body.length);
                            try (OutputStream out = exchange.getResponseBody()) {
                                out.write(body);
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
