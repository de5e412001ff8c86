package dev.autonoc.service.connected;

import dev.autonoc.core.network.ElementId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warm-up of partitions an instance was just assigned (docs/connected-mode.md, "Warm-up"):
 * their recent history, read again from the topic with a consumer of its own (no group, nothing
 * committed), from the first record at or after now minus {@code window} ({@code offsetsForTimes})
 * up to the group's committed offset, and handed to a {@link Sink} that takes it into the
 * predictor's state only. The group's consumer then goes on from the committed offset as before.
 *
 * <p>A record's timestamp is its producer's (Kafka's {@code CreateTime}, the time it was sent),
 * normally a little after the message's own {@code at}; the seek starts {@code slack} earlier than
 * the window, so that a producer whose clock runs a little behind loses nothing, and the sink drops
 * what is dated before the window. A producer that back-fills old telemetry makes the replay read
 * more, never less.
 *
 * <p>It runs inside the group's rebalance, before the partitions' first fresh batch: it stops after
 * {@code timeout} whatever it has read (logged), so that a long history cannot keep the consumer
 * from polling past the group's {@code max.poll.interval.ms}.
 */
final class TelemetryReplay {

    private static final Logger log = LoggerFactory.getLogger(TelemetryReplay.class);
    private static final Duration POLL = Duration.ofMillis(200);

    /** Takes replayed history into the predictor's state; on the loop's thread. */
    interface Sink {

        /**
         * Called once per warm-up, before its history: the instance reads what it needs to place
         * the history (the repairs since {@code from}).
         */
        void replayStarts(Instant from);

        /**
         * @param partitions each element's partition, of the elements in {@code history}
         * @return how many of {@code history} were taken into the state
         */
        int replay(
                List<TelemetryMessage> history, Map<ElementId, Integer> partitions, Instant from);
    }

    /** What a warm-up did, for the log and the counters. */
    record Outcome(long read, long taken, boolean complete) {}

    private final Map<String, Object> consumerConfig;
    private final String topic;
    private final Duration window;
    private final Duration slack;
    private final Duration timeout;
    private final Clock clock;
    private final Sink sink;

    /**
     * @param consumerConfig the group consumer's configuration; the replay's consumer drops the
     *     group and reads by assignment
     * @param window how far back from the clock's now the history is read
     * @param slack how much earlier than the window the seek by time starts
     * @param timeout the longest a warm-up may take
     */
    TelemetryReplay(
            Map<String, Object> consumerConfig,
            String topic,
            Duration window,
            Duration slack,
            Duration timeout,
            Clock clock,
            Sink sink) {
        this.consumerConfig = Map.copyOf(consumerConfig);
        this.topic = Objects.requireNonNull(topic, "topic");
        this.window = Objects.requireNonNull(window, "window");
        this.slack = Objects.requireNonNull(slack, "slack");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /**
     * Replays each partition's history up to its committed offset (exclusive).
     *
     * @param committed the group's committed offset of each partition just assigned; a partition
     *     the group never committed has no history to replay (the group reads it from its start)
     */
    Outcome warmUp(Map<Integer, Long> committed) {
        Map<TopicPartition, Long> ends = new HashMap<>();
        committed.forEach(
                (p, offset) -> {
                    if (offset != null && offset > 0) {
                        ends.put(new TopicPartition(topic, p), offset);
                    }
                });
        if (ends.isEmpty()) {
            return new Outcome(0, 0, true);
        }
        Instant from = clock.instant().minus(window);
        long started = System.nanoTime();
        long read = 0;
        long taken = 0;
        boolean complete;
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            Map<TopicPartition, Long> at = new HashMap<>();
            long seekMillis = Math.max(0, from.minus(slack).toEpochMilli());
            ends.keySet().forEach(tp -> at.put(tp, seekMillis));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(at);
            List<TopicPartition> reading = new ArrayList<>();
            for (TopicPartition tp : ends.keySet()) {
                OffsetAndTimestamp start = starts.get(tp);
                // none: every record of the partition is older than the window
                if (start != null && start.offset() < ends.get(tp)) {
                    reading.add(tp);
                }
            }
            // only what is read is assigned: the others would need a position they do not have
            consumer.assign(reading);
            reading.forEach(tp -> consumer.seek(tp, starts.get(tp).offset()));
            if (!reading.isEmpty()) {
                sink.replayStarts(from);
            }
            long deadline = started + timeout.toNanos();
            while (!reading.isEmpty() && System.nanoTime() < deadline) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                List<TelemetryMessage> history = new ArrayList<>(records.count());
                Map<ElementId, Integer> partitions = new HashMap<>();
                for (ConsumerRecord<String, byte[]> r : records) {
                    if (r.offset() >= ends.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue;
                    }
                    read++;
                    // a bad record went to the dead letters when it was first read
                    if (TelemetryMessages.read(r.key(), r.value())
                            instanceof TelemetryMessages.Good g) {
                        history.add(g.message());
                        partitions.put(g.message().element(), r.partition());
                    }
                }
                if (!history.isEmpty()) {
                    taken += sink.replay(history, partitions, from);
                }
                List<TopicPartition> done = new ArrayList<>();
                for (TopicPartition tp : reading) {
                    if (consumer.position(tp) >= ends.get(tp)) {
                        done.add(tp);
                    }
                }
                reading.removeAll(done);
                consumer.pause(done);
            }
            complete = reading.isEmpty();
            if (!complete) {
                log.warn(
                        "warm-up of {} stopped after {} with partitions {} unfinished; their"
                                + " elements' risks need fresh samples (autonoc.connected.telemetry"
                                + ".warm-up is {})",
                        ends.keySet(),
                        timeout,
                        reading,
                        window);
            }
        }
        log.info(
                "warm-up of {}: {} record(s) since {} read again, {} taken into the predictor, in"
                        + " {} ms",
                ends.keySet(),
                read,
                from,
                taken,
                (System.nanoTime() - started) / 1_000_000);
        return new Outcome(read, taken, complete);
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        // by assignment, outside the group: nothing is committed, no rebalance is caused
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        config.put(
                ConsumerConfig.CLIENT_ID_CONFIG,
                "autonoc-warm-up-" + UUID.randomUUID().toString().substring(0, 8));
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
