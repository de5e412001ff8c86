package dev.autonoc.service.connected;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.prediction.FailurePredictor;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.core.telemetry.TelemetrySample;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;

/** The telemetry consumer against a real broker: what reaches the predictor, what is set aside. */
class TelemetryIngestTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0.plus(Duration.ofDays(1)), ZoneOffset.UTC);
    private static final List<Element> ROUTERS =
            List.of(router("r1"), router("r2"), router("r3"), router("r4"));

    private static KafkaTestBroker broker;
    private static KafkaTemplate<String, byte[]> producer;
    private static final AtomicInteger topics = new AtomicInteger();

    @BeforeAll
    static void startBroker() {
        broker = new KafkaTestBroker(2);
        producer = broker.producer();
    }

    @AfterAll
    static void stopBroker() {
        producer.destroy();
        broker.close();
    }

    private static Element router(String id) {
        return new Element(ElementId.of(id), ElementKind.ROUTER, "core", "north", "n1");
    }

    /** A fresh topic pair per test: each test reads only its own messages. */
    private static IngestSettings settings(String group) {
        int n = topics.incrementAndGet();
        return new IngestSettings(
                "telemetry-" + n, "telemetry-" + n + ".dlt", group, 2, Duration.ofMillis(100));
    }

    private static TelemetrySample sample(String element, int minute) {
        double[] v = TelemetrySample.emptyValues();
        v[Metric.TEMPERATURE_C.ordinal()] = 40 + minute % 7;
        v[Metric.FAN_RPM.ordinal()] = 7000;
        return new TelemetrySample(ElementId.of(element), T0.plusSeconds(60L * minute), v);
    }

    private static void publish(String topic, TelemetrySample s) {
        producer.send(
                topic,
                s.element().value(),
                TelemetryMessages.write(new TelemetryMessage.Sample(s)));
    }

    private static void publishRaw(String topic, String key, String json) {
        producer.send(topic, key, json.getBytes(StandardCharsets.UTF_8));
    }

    /** The samples the predictor was handed: a fake of the port, recording. */
    private static final class RecordingPredictor implements FailurePredictor {
        final List<TelemetrySample> observed = new CopyOnWriteArrayList<>();
        // each element's stream (partition) as told, and how many times it was told
        final Map<ElementId, Integer> streamOf = new ConcurrentHashMap<>();
        final Map<ElementId, Integer> told = new ConcurrentHashMap<>();

        @Override
        public void streams(Map<ElementId, Integer> streams) {
            streamOf.putAll(streams);
            streams.keySet().forEach(e -> told.merge(e, 1, Integer::sum));
        }

        @Override
        public String modelVersion() {
            return "recording";
        }

        @Override
        public void observe(TelemetrySample sample) {
            observed.add(sample);
        }

        @Override
        public List<Prediction> atRisk(Instant now) {
            return List.of();
        }
    }

    private static ConnectedNetwork network(RecordingPredictor predictor, List<Instant> ticks) {
        return new ConnectedNetwork(
                ROUTERS, elements -> predictor, CLOCK, Duration.ofMinutes(5), ticks::add);
    }

    @Test
    void good_samples_reach_the_predictor_and_bad_ones_the_dead_letter_topic_with_reasons() {
        IngestSettings s = settings("g-dlt");
        List<TelemetrySample> good = new ArrayList<>();
        for (int minute = 0; minute < 30; minute++) {
            for (Element e : ROUTERS) {
                TelemetrySample sample = sample(e.id().value(), minute);
                good.add(sample);
                publish(s.topic(), sample);
            }
            if (minute == 10) {
                publishRaw(s.topic(), "r1", "{not json");
                publishRaw(
                        s.topic(),
                        "r9",
                        "{\"type\":\"sample\",\"element\":\"r9\",\"at\":\"2026-12-01T00:10:00Z\","
                                + "\"metrics\":{\"fan_rpm\":1}}");
                publishRaw(
                        s.topic(),
                        "r2",
                        "{\"type\":\"sample\",\"element\":\"r2\",\"at\":\"2026-12-01T00:10:30Z\","
                                + "\"metrics\":{\"optical_rx_dbm\":-3}}");
                publishRaw(
                        s.topic(),
                        "r3",
                        "{\"type\":\"sample\",\"element\":\"r3\",\"at\":\"2027-01-01T00:00:00Z\","
                                + "\"metrics\":{\"fan_rpm\":1}}");
                publishRaw(
                        s.topic(),
                        "r1",
                        "{\"type\":\"sample\",\"element\":\"r4\",\"at\":\"2026-12-01T00:10:30Z\","
                                + "\"metrics\":{\"fan_rpm\":1}}");
            }
        }
        producer.flush();
        RecordingPredictor predictor = new RecordingPredictor();
        List<Instant> ticks = new CopyOnWriteArrayList<>();
        TelemetryIngest ingest =
                new TelemetryIngest(s, broker.consumers(50), producer, network(predictor, ticks));
        ingest.start();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () ->
                                    ingest.counters().deadLetteredTotal() == 5
                                            && predictor.observed.size() == good.size());
        } finally {
            ingest.stop();
        }

        assertThat(new HashSet<>(predictor.observed)).isEqualTo(new HashSet<>(good));
        assertThat(ticks).as("the loop acted after each batch").isNotEmpty();
        // the predictor told each element's partition (the producer's, by key), once
        for (Element e : ROUTERS) {
            byte[] key = e.id().value().getBytes(StandardCharsets.UTF_8);
            assertThat(predictor.streamOf.get(e.id()))
                    .as(e.id().value())
                    .isEqualTo(Utils.toPositive(Utils.murmur2(key)) % 2);
            assertThat(predictor.told.get(e.id())).as(e.id().value()).isEqualTo(1);
        }
        assertThat(ingest.counters().deadLettered())
                .isEqualTo(
                        Map.of(
                                Rejection.MALFORMED, 1L,
                                Rejection.UNKNOWN_ELEMENT, 1L,
                                Rejection.METRIC_NOT_REPORTED, 1L,
                                Rejection.FUTURE, 1L,
                                Rejection.KEY_MISMATCH, 1L));
        Map<String, String> reasons = deadLetterDetails(s.deadLetterTopic(), 5);
        assertThat(reasons.get("{not json")).startsWith(Rejection.MALFORMED + ": not JSON");
        assertThat(reasons.values())
                .anySatisfy(r -> assertThat(r).startsWith("unknown-element: no element 'r9'"))
                .anySatisfy(r -> assertThat(r).contains("does not report 'optical_rx_dbm'"))
                .anySatisfy(r -> assertThat(r).startsWith("future: dated 2027-01-01T00:00:00Z"))
                .anySatisfy(r -> assertThat(r).contains("key 'r1' is not its element 'r4'"));
    }

    /** Each dead letter's value (as text), with its reason header and detail header. */
    private static Map<String, String> deadLetterDetails(String topic, int expected) {
        Map<String, String> byValue = new HashMap<>();
        try (Consumer<String, byte[]> c =
                broker.consumers(100).createConsumer("dlt-reader", null)) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (byValue.size() < expected && System.nanoTime() < deadline) {
                ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> r : records) {
                    assertThat(header(r, TelemetryIngest.SOURCE_TOPIC)).isNotBlank();
                    assertThat(header(r, TelemetryIngest.SOURCE_OFFSET)).matches("\\d+");
                    byValue.put(
                            new String(r.value(), StandardCharsets.UTF_8),
                            header(r, TelemetryIngest.REASON)
                                    + ": "
                                    + header(r, TelemetryIngest.DETAIL));
                }
            }
        }
        assertThat(byValue).hasSize(expected);
        return byValue;
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void a_batch_whose_effects_failed_is_delivered_again_not_skipped() {
        IngestSettings s = settings("g-retry");
        List<TelemetrySample> all = new ArrayList<>();
        for (int minute = 0; minute < 25; minute++) {
            for (Element e : ROUTERS) {
                all.add(sample(e.id().value(), minute));
                publish(s.topic(), all.get(all.size() - 1));
            }
        }
        producer.flush();
        RecordingPredictor predictor = new RecordingPredictor();
        ConnectedNetwork network = network(predictor, new CopyOnWriteArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        // the database is away for the first three batches: their effects are not durable
        IngestSink flaky =
                batch -> {
                    if (failures.incrementAndGet() <= 3) {
                        throw new IllegalStateException("database unavailable");
                    }
                    return network.apply(batch);
                };
        TelemetryIngest ingest = new TelemetryIngest(s, broker.consumers(20), producer, flaky);
        ingest.start();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> new HashSet<>(predictor.observed).size() == all.size());
        } finally {
            ingest.stop();
        }
        assertThat(predictor.observed)
                .as("each sample taken once, a replayed one skipped")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(all);
        assertThat(ingest.counters().deadLetteredTotal()).isZero();
    }

    @Test
    void a_restart_replays_what_was_not_committed_and_loses_nothing() {
        IngestSettings s = settings("g-restart");
        List<TelemetrySample> all = new ArrayList<>();
        for (int minute = 0; minute < 100; minute++) {
            for (Element e : ROUTERS) {
                all.add(sample(e.id().value(), minute));
                publish(s.topic(), all.get(all.size() - 1));
            }
        }
        producer.flush();

        // the first instance takes batches until its database goes away for good, then dies
        Set<TelemetrySample> durableBeforeCrash =
                java.util.concurrent.ConcurrentHashMap.newKeySet();
        RecordingPredictor first = new RecordingPredictor();
        ConnectedNetwork firstNetwork = network(first, new CopyOnWriteArrayList<>());
        AtomicBoolean databaseGone = new AtomicBoolean();
        IngestSink dying =
                batch -> {
                    if (databaseGone.get() || durableBeforeCrash.size() >= 120) {
                        databaseGone.set(true);
                        throw new IllegalStateException("database gone");
                    }
                    IngestSink.Applied applied = firstNetwork.apply(batch);
                    batch.forEach(
                            m -> durableBeforeCrash.add(((TelemetryMessage.Sample) m).sample()));
                    return applied;
                };
        TelemetryIngest crashing = new TelemetryIngest(s, broker.consumers(10), producer, dying);
        crashing.start();
        await().atMost(Duration.ofSeconds(60)).untilTrue(databaseGone);
        crashing.stop();

        // a new instance of the same group, with a fresh predictor (the old one died with it)
        RecordingPredictor second = new RecordingPredictor();
        TelemetryIngest restarted =
                new TelemetryIngest(
                        s,
                        broker.consumers(10),
                        producer,
                        network(second, new CopyOnWriteArrayList<>()));
        restarted.start();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> {
                                Set<TelemetrySample> seen = new HashSet<>(durableBeforeCrash);
                                seen.addAll(second.observed);
                                return seen.containsAll(all);
                            });
        } finally {
            restarted.stop();
        }
        assertThat(second.observed)
                .as("what the first instance committed is not read again")
                .hasSizeLessThan(all.size());
        Set<TelemetrySample> notDurable = new HashSet<>(all);
        notDurable.removeAll(durableBeforeCrash);
        assertThat(second.observed).containsAll(notDurable);
    }
}
