package dev.autonoc.service.connected;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the telemetry consumer has done since it started: messages read, taken, skipped as already
 * seen, and sent to the dead-letter topic by the code of their fault ({@link Rejection}).
 */
final class IngestCounters {

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final Map<String, LongAdder> deadLettered = new ConcurrentHashMap<>();

    void received(long n) {
        received.addAndGet(n);
    }

    void applied(long n) {
        applied.addAndGet(n);
    }

    void duplicates(long n) {
        duplicates.addAndGet(n);
    }

    void deadLettered(String code) {
        deadLettered.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    /** A snapshot, for the API and the logs. */
    Snapshot snapshot() {
        Map<String, Long> byCode = new TreeMap<>();
        deadLettered.forEach((code, n) -> byCode.put(code, n.sum()));
        return new Snapshot(received.get(), applied.get(), duplicates.get(), byCode);
    }

    /**
     * @param received records read from the topic (a record delivered again counts again)
     * @param applied well-formed messages the network took, duplicates included
     * @param duplicates of those, the ones skipped as already taken
     * @param deadLettered records sent to the dead-letter topic, by the code of their fault
     */
    record Snapshot(long received, long applied, long duplicates, Map<String, Long> deadLettered) {
        Snapshot {
            deadLettered = Map.copyOf(deadLettered);
        }

        long deadLetteredTotal() {
            return deadLettered.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
