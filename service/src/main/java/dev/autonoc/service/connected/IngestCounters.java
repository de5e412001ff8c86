package dev.autonoc.service.connected;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
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
    private final AtomicLong replayed = new AtomicLong();
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

    /** Records read again to warm the predictor up: not received, not taken, not duplicates. */
    void replayed(long n) {
        replayed.addAndGet(n);
    }

    void deadLettered(String code) {
        deadLettered.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    /**
     * Registers the counters as meters: {@code autonoc.telemetry.received}, {@code .taken}, {@code
     * .duplicates}, and {@code autonoc.telemetry.dead.letters} tagged with each {@code reason}
     * (every code of {@link Rejection}, zero until one comes).
     */
    void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("autonoc.telemetry.received", received, AtomicLong::get)
                .description(
                        "telemetry records read from the topic (a record read again counts again)")
                .register(registry);
        FunctionCounter.builder("autonoc.telemetry.taken", applied, AtomicLong::get)
                .description("well-formed telemetry messages the network took, duplicates included")
                .register(registry);
        FunctionCounter.builder("autonoc.telemetry.duplicates", duplicates, AtomicLong::get)
                .description("telemetry messages skipped as already taken (a replay)")
                .register(registry);
        FunctionCounter.builder("autonoc.telemetry.replayed", replayed, AtomicLong::get)
                .description(
                        "telemetry records read again from the topic to warm the predictor up after"
                                + " a partition was assigned (history, not new telemetry)")
                .register(registry);
        for (String code : Rejection.CODES) {
            LongAdder n = deadLettered.computeIfAbsent(code, c -> new LongAdder());
            FunctionCounter.builder("autonoc.telemetry.dead.letters", n, LongAdder::sum)
                    .description("telemetry records sent to the dead-letter topic, by reason")
                    .tag("reason", code)
                    .register(registry);
        }
    }

    /** A snapshot, for the API and the logs. */
    Snapshot snapshot() {
        Map<String, Long> byCode = new TreeMap<>();
        deadLettered.forEach((code, n) -> byCode.put(code, n.sum()));
        return new Snapshot(
                received.get(), applied.get(), duplicates.get(), replayed.get(), byCode);
    }

    /**
     * @param received records read from the topic (a record delivered again counts again)
     * @param applied well-formed messages the network took, duplicates included
     * @param duplicates of those, the ones skipped as already taken
     * @param replayed records read again to warm the predictor up (counted in no other figure)
     * @param deadLettered records sent to the dead-letter topic, by the code of their fault
     */
    record Snapshot(
            long received,
            long applied,
            long duplicates,
            long replayed,
            Map<String, Long> deadLettered) {
        Snapshot {
            deadLettered = Map.copyOf(deadLettered);
        }

        long deadLetteredTotal() {
            return deadLettered.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
