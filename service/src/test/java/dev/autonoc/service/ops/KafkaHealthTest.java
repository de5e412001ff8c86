package dev.autonoc.service.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** Connected mode's readiness on Kafka, against a real single-node KRaft broker in the test JVM. */
class KafkaHealthTest {

    private static final String TOPIC = "health-telemetry";
    private static final EmbeddedKafkaKraftBroker BROKER = started();

    private static EmbeddedKafkaKraftBroker started() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 2, TOPIC);
        broker.afterPropertiesSet();
        return broker;
    }

    @AfterAll
    static void stop() {
        BROKER.destroy();
    }

    private static KafkaHealth health(String servers, String topic, String group) {
        return new KafkaHealth(
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000)),
                topic,
                group,
                // longer than the service's 3 s: the machine running the tests may be loaded
                Duration.ofSeconds(10));
    }

    @Test
    void is_down_until_the_group_holds_every_partition_and_up_once_a_consumer_is_assigned() {
        try (KafkaHealth health = health(BROKER.getBrokersAsString(), TOPIC, "health-group")) {
            Health before = health.health();
            assertThat(before.getStatus()).isEqualTo(Status.DOWN);
            assertThat(before.getDetails().get("brokers")).as(before.toString()).isEqualTo(1);
            assertThat((String) before.getDetails().get("error")).contains("has no member");

            try (KafkaConsumer<String, byte[]> consumer =
                    new KafkaConsumer<>(
                            Map.of(
                                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    BROKER.getBrokersAsString(),
                                    ConsumerConfig.GROUP_ID_CONFIG,
                                    "health-group"),
                            new StringDeserializer(),
                            new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(TOPIC));
                await().atMost(Duration.ofSeconds(60))
                        .until(
                                () -> {
                                    consumer.poll(Duration.ofMillis(200));
                                    return consumer.assignment().size() == 2;
                                });
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> health.health().getStatus().equals(Status.UP));
                Health up = health.health();
                assertThat(up.getDetails())
                        .containsEntry("partitions", 2)
                        .containsEntry("partitionsAssigned", 2)
                        .containsEntry("topic", TOPIC)
                        .containsEntry("group", "health-group");
                assertThat((Map<?, ?>) up.getDetails().get("members")).hasSize(1);
            }
        }
    }

    @Test
    void is_down_naming_the_topic_when_the_telemetry_topic_does_not_exist() {
        try (KafkaHealth health = health(BROKER.getBrokersAsString(), "no-such-topic", "g")) {
            Health h = health.health();
            assertThat(h.getStatus()).isEqualTo(Status.DOWN);
            assertThat((String) h.getDetails().get("error"))
                    .contains("'no-such-topic' cannot be read");
        }
    }

    @Test
    void is_down_when_no_broker_answers() {
        try (KafkaHealth health = health("127.0.0.1:9", TOPIC, "g")) {
            Health h = health.health();
            assertThat(h.getStatus()).isEqualTo(Status.DOWN);
            assertThat(h.getDetails().get("error").toString())
                    .containsAnyOf("did not answer", "Kafka:");
        }
    }
}
