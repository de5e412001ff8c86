package dev.autonoc.service.connected;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.service.TestDirs;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.http.TmfHttpFacade;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The predictor's warm-up when an instance is assigned a partition (docs/connected-mode.md,
 * "Warm-up"): the partition's recent history is read again from the topic into the predictor's
 * state only, so that an element already degrading is at risk on the first fresh samples, rather
 * than after the model's persistence time (and its features' own warm-up) of fresh ones.
 *
 * <p>Three instances in turn on one database (H2, one at a time) and one single-partition topic,
 * each taking the partition over from the one before, on the twin's clock: the first watches the
 * aging laser until its predictor raises the link's risk; the second, without warm-up, cannot raise
 * it on its first fresh samples; the third, with warm-up, does, and its warm-up opened no case,
 * wrote no ledger event and counted nothing as received.
 */
class WarmUpTest {

    private static final ElementId LINK = ElementId.of("link-agg-rtr-01-core-rtr-02");

    @Test
    void an_instance_taking_over_a_degrading_element_raises_its_risk_on_the_first_fresh_samples()
            throws Exception {
        String topic = "warm-up-" + ProcessHandle.current().pid();
        OperatorTwin twin = OperatorTwin.create(LaserAgingTwin.on(LINK));
        Path data = TestDirs.fresh("autonoc-warm-up-");
        try (KafkaTestBroker broker = new KafkaTestBroker(1);
                TmfHttpFacade facade = TmfHttpFacade.start(twin)) {
            KafkaTemplate<String, byte[]> producer = broker.producer();
            TwinPublisher publisher = new TwinPublisher(twin, producer, topic);
            Map<String, String> settings = new HashMap<>();
            settings.put("spring.kafka.bootstrap-servers", broker.servers());
            settings.put("autonoc.connected.telemetry.topic", topic);
            settings.put("autonoc.connected.telemetry.dead-letter-topic", topic + ".dlt");
            settings.put("autonoc.connected.telemetry.group", topic);
            settings.put("autonoc.connected.tmf.base-url", facade.baseUri().toString());
            // the whole history: the third instance's predictor reads what the first one read
            settings.put("autonoc.connected.telemetry.warm-up", "7d");
            // shadow mode: the instances predict and plan, and nothing mends the link meanwhile
            settings.put("autonoc.connected.autonomy.default-level", "observe");

            // the first instance watches the laser age for two days (of the three it has)
            long consumed = 0;
            long ledger = 0;
            int cases = 0;
            try (ConnectedInstance first = start("node-a", data, twin, settings, Map.of())) {
                awaitPartition(first);
                publisher.publishInventory();
                boolean raised = false;
                for (int hour = 0; hour < 48; hour++) {
                    publisher.advanceTo(twin.now().plus(Duration.ofHours(1)));
                    awaitTaken(first, publisher.published());
                    raised |= atRisk(first);
                }
                assertThat(raised).as("the first instance raised the link's risk").isTrue();
                consumed = publisher.published();
            }

            // without warm-up, the next owner's predictor starts empty
            try (ConnectedInstance cold =
                    start(
                            "node-b",
                            data,
                            twin,
                            settings,
                            Map.of("autonoc.connected.telemetry.warm-up", "0s"))) {
                awaitPartition(cold);
                assertThat(cold.ingest().counters().replayed()).isZero();
                publisher.advanceTo(twin.now().plus(Duration.ofMinutes(5)));
                awaitTaken(cold, publisher.published() - consumed);
                assertThat(atRisk(cold))
                        .as("without warm-up, the first fresh samples cannot raise the risk")
                        .isFalse();
                consumed = publisher.published();
                ledger = cold.bean(AuditLog.class).verify().entriesChecked();
                cases = cold.get("/api/cases", "supervisor").size();
            }

            // with warm-up, the next owner's predictor is where the first one's was
            try (ConnectedInstance warm = start("node-c", data, twin, settings, Map.of())) {
                awaitPartition(warm);
                long history = consumed;
                await().atMost(Duration.ofSeconds(120))
                        .alias("the partition's history is read again")
                        .until(() -> warm.ingest().counters().replayed() >= history);
                assertThat(warm.ingest().counters().replayed()).isEqualTo(history);
                assertThat(warm.ingest().counters().received())
                        .as("history is not counted as telemetry received")
                        .isZero();
                assertThat(warm.bean(AuditLog.class).verify().entriesChecked())
                        .as("the warm-up wrote nothing to the ledger")
                        .isEqualTo(ledger);
                assertThat(warm.get("/api/cases", "supervisor").size())
                        .as("nor opened a case")
                        .isEqualTo(cases);

                publisher.advanceTo(twin.now().plus(Duration.ofMinutes(5)));
                long fresh = publisher.published() - consumed;
                awaitTaken(warm, fresh);
                assertThat(atRisk(warm))
                        .as("with warm-up, the first fresh samples raise the risk")
                        .isTrue();
                assertThat(warm.ingest().counters().received()).isEqualTo(fresh);
                assertThat(warm.ingest().counters().applied()).isEqualTo(fresh);
                assertThat(warm.ingest().counters().duplicates()).isZero();
                assertThat(warm.metrics())
                        .containsPattern("autonoc_telemetry_replayed_total(\\{[^}]*\\})? [1-9]");
            } finally {
                producer.destroy();
            }
        }
    }

    private static ConnectedInstance start(
            String id,
            Path data,
            OperatorTwin twin,
            Map<String, String> common,
            Map<String, String> own) {
        Map<String, String> settings = new HashMap<>(common);
        settings.putAll(own);
        return ConnectedInstance.start(id, data, twin::clock, settings);
    }

    private static boolean atRisk(ConnectedInstance i) {
        return i.bean(ConnectedNetwork.class).latest().stream()
                .map(Prediction::element)
                .anyMatch(LINK::equals);
    }

    private static void awaitPartition(ConnectedInstance i) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !i.partitions().isEmpty());
    }

    private static void awaitTaken(ConnectedInstance i, long published) {
        await().atMost(Duration.ofSeconds(120))
                .until(
                        () ->
                                i.ingest().counters().applied()
                                                + i.ingest().counters().deadLetteredTotal()
                                        >= published);
    }
}
