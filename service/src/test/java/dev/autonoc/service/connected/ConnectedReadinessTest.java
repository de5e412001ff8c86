package dev.autonoc.service.connected;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.autonoc.service.TestDirs;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.Preset;
import dev.autonoc.simulators.TwinSpec;
import dev.autonoc.simulators.http.TmfHttpFacade;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Connected mode's readiness holds Kafka ({@code ops/KafkaHealth}): against a real KRaft broker in
 * the test JVM, the service is ready once its telemetry consumer holds both partitions of the
 * topic, and the readiness answer says so.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "autonoc.mode=connected",
            "autonoc.connected.tick-interval=1h",
            "autonoc.connected.telemetry.group=readiness-test",
            "autonoc.connected.telemetry.topic=readiness-test",
            "autonoc.connected.telemetry.dead-letter-topic=readiness-test.dlt"
        })
class ConnectedReadinessTest {

    static final KafkaTestBroker BROKER =
            new KafkaTestBroker(2, "readiness-test", "readiness-test.dlt");
    static final OperatorTwin TWIN = OperatorTwin.create(TwinSpec.quiet(Preset.METRO, 42));
    static final TmfHttpFacade FACADE = TmfHttpFacade.start(TWIN);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalManagementPort int managementPort;

    @DynamicPropertySource
    static void connected(DynamicPropertyRegistry registry) throws Exception {
        Path data = TestDirs.fresh("autonoc-readiness-");
        registry.add("autonoc.data-dir", data::toString);
        registry.add("spring.kafka.bootstrap-servers", BROKER::servers);
        registry.add("autonoc.connected.tmf.base-url", () -> FACADE.baseUri().toString());
        ConnectedUsers.register(registry);
    }

    @AfterAll
    static void stopTheOperator() {
        FACADE.close();
        BROKER.close();
    }

    @Test
    void readiness_holds_kafka_and_is_up_once_the_consumer_holds_every_partition()
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest readiness =
                HttpRequest.newBuilder(
                                URI.create(
                                        "http://localhost:"
                                                + managementPort
                                                + "/actuator/health/readiness"))
                        .build();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () ->
                                http.send(readiness, HttpResponse.BodyHandlers.ofString())
                                                .statusCode()
                                        == 200);
        HttpResponse<String> r = http.send(readiness, HttpResponse.BodyHandlers.ofString());
        JsonNode health = JSON.readTree(r.body());
        assertThat(health.at("/status").asString()).as(r.body()).isEqualTo("UP");
        JsonNode kafka = health.at("/components/kafka");
        assertThat(kafka.at("/status").asString()).as(r.body()).isEqualTo("UP");
        assertThat(kafka.at("/details/topic").asString()).isEqualTo("readiness-test");
        assertThat(kafka.at("/details/group").asString()).isEqualTo("readiness-test");
        assertThat(kafka.at("/details/partitions").asInt()).isEqualTo(2);
        assertThat(kafka.at("/details/partitionsAssigned").asInt()).isEqualTo(2);
        assertThat(kafka.at("/details/brokers").asInt()).isEqualTo(1);
    }
}
