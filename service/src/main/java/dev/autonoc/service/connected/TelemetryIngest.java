package dev.autonoc.service.connected;

import dev.autonoc.core.network.ElementId;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchAcknowledgingMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The telemetry consumer: reads the topic in batches as one member of the consumer group, hands the
 * well-formed messages to the {@link IngestSink} in order, sends the refused ones to the
 * dead-letter topic with the reason, and only then commits the batch's offsets.
 *
 * <p>Nothing is lost: a batch whose effects could not be made durable (the database is down) is not
 * committed and is tried again, after a growing wait, for as long as it takes; a crash before the
 * commit delivers the batch again, to this instance after a restart or to another member of the
 * group. The sink skips what it has already taken. A bad message never stops the consumer: it is
 * counted and set aside in the dead-letter topic, where a person can read why.
 *
 * <p>Dead letters carry the original key and value, and these headers: {@value #REASON} (the
 * fault's code, {@link Rejection}), {@value #DETAIL} (what was wrong and what is accepted), {@value
 * #SOURCE_TOPIC}, {@value #SOURCE_PARTITION} and {@value #SOURCE_OFFSET} (where it was read).
 */
final class TelemetryIngest implements SmartLifecycle {

    static final String REASON = "autonoc-dlt-reason";
    static final String DETAIL = "autonoc-dlt-detail";
    static final String SOURCE_TOPIC = "autonoc-dlt-topic";
    static final String SOURCE_PARTITION = "autonoc-dlt-partition";
    static final String SOURCE_OFFSET = "autonoc-dlt-offset";

    private static final Logger log = LoggerFactory.getLogger(TelemetryIngest.class);
    private static final long DEAD_LETTER_TIMEOUT_SECONDS = 30;
    private static final long SUMMARY_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final IngestSettings settings;
    private final ConsumerFactory<String, byte[]> consumers;
    private final KafkaTemplate<String, byte[]> deadLetters;
    private final IngestSink sink;
    private final PartitionOwner owner;
    private final TelemetryReplay warmUp;
    private final IngestCounters counters = new IngestCounters();
    private final IngestLatency latency;
    private volatile ConcurrentMessageListenerContainer<String, byte[]> container;
    private final AtomicLong lastSummary = new AtomicLong(System.nanoTime());
    // per partition, the offset after the last record this instance took and committed: a
    // partition assigned again at that same committed offset has its state here already
    private final Map<Integer, Long> takenUpTo = new ConcurrentHashMap<>();
    // the partition each key was last read from: the sink is told a key's partition when it is new
    // or changed (the topic's partitions were added to), not with every message
    private final Map<String, Integer> partitionOfKey = new ConcurrentHashMap<>();

    TelemetryIngest(
            IngestSettings settings,
            ConsumerFactory<String, byte[]> consumers,
            KafkaTemplate<String, byte[]> deadLetters,
            IngestSink sink) {
        this(
                settings,
                consumers,
                deadLetters,
                sink,
                PartitionOwner.NONE,
                null,
                IngestLatency.unobserved());
    }

    /**
     * @param owner told which partitions this instance's consumers own, as the group rebalances
     * @param warmUp replays the history of each partition assigned into the predictor's state
     *     before its first fresh batch; null: none
     * @param latency told when each record was produced and polled, and when its batch was applied
     */
    TelemetryIngest(
            IngestSettings settings,
            ConsumerFactory<String, byte[]> consumers,
            KafkaTemplate<String, byte[]> deadLetters,
            IngestSink sink,
            PartitionOwner owner,
            TelemetryReplay warmUp,
            IngestLatency latency) {
        this.warmUp = warmUp;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.consumers = Objects.requireNonNull(consumers, "consumers");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.latency = Objects.requireNonNull(latency, "latency");
    }

    IngestCounters.Snapshot counters() {
        return counters.snapshot();
    }

    /** The counters as meters ({@code autonoc.telemetry.*}), for /actuator/prometheus. */
    void bindTo(MeterRegistry registry) {
        counters.bindTo(registry);
    }

    @Override
    public synchronized void start() {
        if (container != null) {
            return;
        }
        ContainerProperties props = new ContainerProperties(settings.topic());
        props.setGroupId(settings.group());
        // commit on our word only, at once, on the consumer's thread: after the sink's effects
        props.setAckMode(ContainerProperties.AckMode.MANUAL_IMMEDIATE);
        props.setMessageListener((BatchAcknowledgingMessageListener<String, byte[]>) this::onBatch);
        props.setConsumerRebalanceListener(new Rebalances());
        ConcurrentMessageListenerContainer<String, byte[]> c =
                new ConcurrentMessageListenerContainer<>(consumers, props);
        c.setConcurrency(settings.concurrency());
        c.setBeanName("autonoc-telemetry");
        c.setCommonErrorHandler(new DefaultErrorHandler(retryForEver()));
        c.start();
        container = c;
        log.info(
                "reading telemetry from '{}' as group '{}' ({} consumer(s)); dead letters to '{}'",
                settings.topic(),
                settings.group(),
                settings.concurrency(),
                settings.deadLetterTopic());
    }

    /** Never gives a batch up: a batch skipped would be telemetry lost. */
    private ExponentialBackOff retryForEver() {
        ExponentialBackOff backOff =
                new ExponentialBackOff(settings.retryBackoff().toMillis(), 2.0);
        backOff.setMaxInterval(Math.max(30_000, settings.retryBackoff().toMillis()));
        return backOff;
    }

    @Override
    public synchronized void stop() {
        ConcurrentMessageListenerContainer<String, byte[]> c = container;
        container = null;
        if (c != null) {
            c.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return container != null;
    }

    /** After the loop and the web server: telemetry starts flowing once everything is up. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    /**
     * Forgets how far this instance took the partition: its elements' state was let go (another
     * instance watches them), so if the partition comes back its warm-up reads its history again.
     */
    void forgetTaken(int partition) {
        takenUpTo.remove(partition);
    }

    /**
     * Tells the {@link PartitionOwner} of the group's rebalances, on the consumer's thread. A
     * revocation comes after the last batch was applied and before its offsets are committed, so
     * the owner finishes its work on the partitions before another instance starts on them.
     */
    private final class Rebalances implements ConsumerAwareRebalanceListener {

        @Override
        public void onPartitionsAssigned(
                Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            List<Integer> mine = ofTopic(partitions);
            if (!mine.isEmpty()) {
                int count = consumer.partitionsFor(settings.topic()).size();
                owner.assigned(mine, count);
                if (warmUp != null) {
                    warmUp(consumer, mine);
                }
            }
        }

        /**
         * The partitions' history up to the group's committed offsets, into the predictor's state,
         * before their first fresh batch (this callback returns before it is fetched).
         */
        private void warmUp(Consumer<?, ?> consumer, List<Integer> mine) {
            Set<TopicPartition> tps = new HashSet<>();
            mine.forEach(p -> tps.add(new TopicPartition(settings.topic(), p)));
            Map<Integer, Long> committed = new HashMap<>();
            consumer.committed(tps)
                    .forEach(
                            (tp, offset) -> {
                                // a partition this instance had until the rebalance, and nobody
                                // took anything of since: its elements' state is here already
                                if (offset != null
                                        && !Long.valueOf(offset.offset())
                                                .equals(takenUpTo.get(tp.partition()))) {
                                    committed.put(tp.partition(), offset.offset());
                                }
                            });
            if (committed.isEmpty()) {
                return;
            }
            try {
                counters.replayed(warmUp.warmUp(committed).read());
            } catch (RuntimeException e) {
                // a warm-up is a head start: without it the elements' risks need fresh samples
                log.warn(
                        "warm-up of partitions {} failed; their elements start with empty"
                                + " feature windows",
                        mine,
                        e);
            }
        }

        @Override
        public void onPartitionsRevokedBeforeCommit(
                Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            revoked(partitions);
        }

        @Override
        public void onPartitionsLost(
                Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            log.warn(
                    "partitions {} lost (this consumer left the group without revoking)",
                    partitions);
            revoked(partitions);
        }

        private void revoked(Collection<TopicPartition> partitions) {
            List<Integer> mine = ofTopic(partitions);
            if (!mine.isEmpty()) {
                owner.revoked(mine);
            }
        }

        private List<Integer> ofTopic(Collection<TopicPartition> partitions) {
            return partitions.stream()
                    .filter(tp -> tp.topic().equals(settings.topic()))
                    .map(TopicPartition::partition)
                    .toList();
        }
    }

    private void onBatch(List<ConsumerRecord<String, byte[]>> records, Acknowledgment ack) {
        long polled = latency.polled();
        counters.received(records.size());
        List<TelemetryMessage> good = new ArrayList<>(records.size());
        List<ConsumerRecord<String, byte[]>> goodRecords = new ArrayList<>(records.size());
        List<Letter> letters = new ArrayList<>();
        Map<ElementId, Integer> partitions = Map.of();
        for (ConsumerRecord<String, byte[]> r : records) {
            TelemetryMessages.Read read = TelemetryMessages.read(r.key(), r.value());
            if (read instanceof TelemetryMessages.Good g) {
                good.add(g.message());
                goodRecords.add(r);
                latency.arrived(g.message().element(), r.timestamp(), polled);
                Integer was = partitionOfKey.get(r.key());
                if (was == null || was != r.partition()) {
                    if (partitions.isEmpty()) {
                        partitions = new HashMap<>();
                    }
                    partitions.put(g.message().element(), r.partition());
                }
            } else {
                letters.add(new Letter(r, ((TelemetryMessages.Bad) read).why()));
            }
        }
        // the effects first: a dead letter sent for a batch that is then tried again is sent twice
        IngestSink.Applied applied = sink.apply(good, partitions);
        // known from here on: a batch that failed is read again, and the sink told again
        partitions.forEach((element, partition) -> partitionOfKey.put(element.value(), partition));
        for (IngestSink.Refused refused : applied.refused()) {
            letters.add(new Letter(goodRecords.get(refused.index()), refused.why()));
        }
        latency.applied(goodRecords, polled);
        send(letters);
        counters.applied(good.size() - applied.refused().size());
        counters.duplicates(applied.duplicates());
        letters.forEach(l -> counters.deadLettered(l.why().code()));
        ack.acknowledge();
        for (ConsumerRecord<String, byte[]> r : records) {
            takenUpTo.merge(r.partition(), r.offset() + 1, Math::max);
        }
        summarise();
    }

    /** A line a minute on what the consumer did, for whoever watches the log. */
    private void summarise() {
        long now = System.nanoTime();
        long last = lastSummary.get();
        if (now - last >= SUMMARY_EVERY_NANOS && lastSummary.compareAndSet(last, now)) {
            IngestCounters.Snapshot c = counters.snapshot();
            log.info(
                    "telemetry since start: {} read, {} taken ({} already seen), {} dead letters {}",
                    c.received(),
                    c.applied(),
                    c.duplicates(),
                    c.deadLetteredTotal(),
                    c.deadLettered());
        }
    }

    private record Letter(ConsumerRecord<String, byte[]> record, Rejection why) {}

    /** Sends every dead letter and waits for the broker to have them all: before the commit. */
    private void send(List<Letter> letters) {
        List<CompletableFuture<?>> sent = new ArrayList<>(letters.size());
        for (Letter l : letters) {
            ProducerRecord<String, byte[]> out =
                    new ProducerRecord<>(
                            settings.deadLetterTopic(), l.record().key(), l.record().value());
            Headers h = out.headers();
            h.add(REASON, utf8(l.why().code()));
            h.add(DETAIL, utf8(l.why().detail()));
            h.add(SOURCE_TOPIC, utf8(l.record().topic()));
            h.add(SOURCE_PARTITION, utf8(Integer.toString(l.record().partition())));
            h.add(SOURCE_OFFSET, utf8(Long.toString(l.record().offset())));
            log.warn(
                    "telemetry {}-{}@{} to the dead-letter topic: {}",
                    l.record().topic(),
                    l.record().partition(),
                    l.record().offset(),
                    l.why());
            sent.add(deadLetters.send(out));
        }
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                    .get(DEAD_LETTER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending dead letters", e);
        } catch (ExecutionException | TimeoutException e) {
            // not committed: the batch comes again, and its bad messages with it
            throw new IllegalStateException(
                    "could not send dead letters to '" + settings.deadLetterTopic() + "'", e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
