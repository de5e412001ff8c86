package dev.autonoc.service.connected;

import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.audit.AuditVerification;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.Tool;
import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.core.tool.ToolDescriptor;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolResult;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long connected mode takes to act on what the topic tells it (docs/connected-mode.md,
 * "Measurements"), as timers on {@code /actuator/prometheus}, each twice: {@code from=production}
 * (from the Kafka record's timestamp, CreateTime, which the producer's wall clock set) and {@code
 * from=poll} (from the moment the consumer's poll returned the record: the time inside this
 * instance alone, on its monotonic clock).
 *
 * <ul>
 *   <li>{@code autonoc.telemetry.latency}: to the end of the batch that held the record (the
 *       predictor has it and the loop's tick after the batch has acted, before the commit), one
 *       measurement per record taken.
 *   <li>{@code autonoc.case.first.proposal}: from the newest message about a case's element when
 *       the case opened to the first act the loop proposes for it: an approval request parked or an
 *       act tool called, whichever comes first. One measurement per case this instance opened.
 * </ul>
 *
 * <p>And {@code autonoc.telemetry.newest.age}: seconds on the wall clock since the newest record
 * taken was produced, how far this instance is behind its producers.
 *
 * <p>The record's timestamp is the producer's wall clock and "now" is this instance's: on one
 * machine the same clock, across machines the two differ by their NTP offset (milliseconds), which
 * the {@code production} figures carry; the {@code poll} ones do not. A topic whose timestamps are
 * the broker's ({@code message.timestamp.type=LogAppendTime}) measures from the broker's append
 * instead.
 *
 * <p>The per-record path allocates nothing once an element has been seen: one stamp per element,
 * updated in place, and Micrometer's timers.
 */
final class IngestLatency {

    private static final Logger log = LoggerFactory.getLogger(IngestLatency.class);

    /** Cases opened and not yet proposed for or ended; more means cases the loop never ended. */
    private static final int MAX_WAITING_CASES = 100_000;

    private final Clock wall;
    private final LongSupplier nanoTime;
    private final Timer sampleFromProduction;
    private final Timer sampleFromPoll;
    private final Timer proposalFromProduction;
    private final Timer proposalFromPoll;
    private final Map<ElementId, Stamp> newestByElement = new ConcurrentHashMap<>();
    private final Map<String, Stamp> waitingCases = new ConcurrentHashMap<>();
    private volatile long newestProducedMillis = Long.MIN_VALUE;

    /**
     * @param wall the wall clock (never a rehearsal's paced clock: the record's timestamp is wall
     *     time)
     * @param nanoTime the monotonic clock, {@code System::nanoTime}
     */
    IngestLatency(MeterRegistry registry, Clock wall, LongSupplier nanoTime) {
        this.wall = Objects.requireNonNull(wall, "wall");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        sampleFromProduction =
                timer(
                        registry,
                        "autonoc.telemetry.latency",
                        "production",
                        "from a telemetry record's production to the end of its batch in the loop");
        sampleFromPoll =
                timer(
                        registry,
                        "autonoc.telemetry.latency",
                        "poll",
                        "from a telemetry record's poll to the end of its batch in the loop");
        proposalFromProduction =
                timer(
                        registry,
                        "autonoc.case.first.proposal",
                        "production",
                        "from the production of the newest message on a new case's element to the"
                                + " case's first proposed act");
        proposalFromPoll =
                timer(
                        registry,
                        "autonoc.case.first.proposal",
                        "poll",
                        "from the poll of the newest message on a new case's element to the case's"
                                + " first proposed act");
        Gauge.builder("autonoc.telemetry.newest.age", this, IngestLatency::newestAgeSeconds)
                .description(
                        "seconds on the wall clock since the newest telemetry record taken was"
                                + " produced")
                .baseUnit("seconds")
                .register(registry);
    }

    /** Measures into nothing: for a consumer built without a registry (tests). */
    static IngestLatency unobserved() {
        return new IngestLatency(new CompositeMeterRegistry(), Clock.systemUTC(), System::nanoTime);
    }

    private static Timer timer(MeterRegistry registry, String name, String from, String what) {
        return Timer.builder(name)
                .description(what)
                .tag("from", from)
                // buckets, so that p50 and p99 over any window can be read from Prometheus
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    // --- the consumer's side, per batch ---

    /** The monotonic clock's now: call as the poll's batch reaches the listener. */
    long polled() {
        return nanoTime.getAsLong();
    }

    /**
     * A well-formed record about {@code element}, produced at {@code producedMillis} (its
     * timestamp) and polled at {@code polledNanos}: before its batch is applied, so that a case the
     * batch opens knows its newest message.
     */
    void arrived(ElementId element, long producedMillis, long polledNanos) {
        Stamp stamp = newestByElement.get(element); // no bin lock once the element is known
        if (stamp == null) {
            stamp = newestByElement.computeIfAbsent(element, e -> new Stamp());
        }
        stamp.set(producedMillis, polledNanos);
    }

    /** The batch polled at {@code polledNanos} is applied: one measurement per record of it. */
    void applied(List<? extends ConsumerRecord<?, ?>> records, long polledNanos) {
        if (records.isEmpty()) {
            return;
        }
        long nowMillis = wall.millis();
        long inService = nanoTime.getAsLong() - polledNanos;
        long newest = Long.MIN_VALUE;
        for (int i = 0; i < records.size(); i++) {
            long produced = records.get(i).timestamp();
            newest = Math.max(newest, produced);
            sampleFromProduction.record(Math.max(0, nowMillis - produced), TimeUnit.MILLISECONDS);
            sampleFromPoll.record(inService, TimeUnit.NANOSECONDS);
        }
        if (newest > newestProducedMillis) {
            newestProducedMillis = newest;
        }
    }

    private double newestAgeSeconds() {
        long newest = newestProducedMillis;
        return newest == Long.MIN_VALUE ? Double.NaN : (wall.millis() - newest) / 1000.0;
    }

    // --- the loop's side, from its ledger events ---

    /**
     * The ledger the loop writes to, watched for its cases' openings and the approval requests
     * among their first proposals.
     */
    AuditLog watching(AuditLog ledger) {
        return new Watch(Objects.requireNonNull(ledger, "ledger"), this);
    }

    /**
     * The loop's tools, each acting one watched for the first proposal it is: timed when the act is
     * called, once its write-ahead is durable (its call goes to the ledger before the case's row,
     * and the act runs only after the row: the call's event is not yet the act).
     */
    ToolCatalogue watchingActs(ToolCatalogue tools) {
        List<Tool> watched = new ArrayList<>();
        for (Tool tool : tools.tools()) {
            watched.add(tool.descriptor().kind() == ToolKind.ACT ? new ActWatch(tool, this) : tool);
        }
        return ToolCatalogue.of(watched);
    }

    /** An acting tool whose calls are the loop's proposals. */
    private record ActWatch(Tool tool, IngestLatency latency) implements Tool {

        @Override
        public ToolDescriptor descriptor() {
            return tool.descriptor();
        }

        @Override
        public Estimate estimate(Map<String, Object> arguments) {
            return tool.estimate(arguments);
        }

        @Override
        public ToolResult execute(ToolInvocation invocation) {
            latency.proposed(caseOf(invocation.key()), "act " + tool.name());
            return tool.execute(invocation);
        }

        /** The case of a key made by {@link IdempotencyKey#of}: case, step, attempt. */
        private static String caseOf(IdempotencyKey key) {
            String v = key.value();
            int attempt = v.lastIndexOf('/');
            int step = attempt > 0 ? v.lastIndexOf('/', attempt - 1) : -1;
            return step > 0 ? v.substring(0, step) : v;
        }
    }

    /** Case {@code caseId} opened on {@code element}: its clock starts at the element's stamp. */
    void opened(String caseId, ElementId element) {
        Stamp newest = newestByElement.get(element);
        if (newest == null || waitingCases.size() >= MAX_WAITING_CASES) {
            return; // not from this instance's telemetry (a case taken over): nothing to measure
        }
        waitingCases.put(caseId, newest.copy());
    }

    /** The loop proposed an act for {@code caseId}: measured if it is the case's first. */
    void proposed(String caseId, String what) {
        Stamp from = waitingCases.remove(caseId);
        if (from == null) {
            return;
        }
        long production = Math.max(0, wall.millis() - from.producedMillis);
        long inService = nanoTime.getAsLong() - from.polledNanos;
        proposalFromProduction.record(production, TimeUnit.MILLISECONDS);
        proposalFromPoll.record(inService, TimeUnit.NANOSECONDS);
        log.info(
                "{}: first proposal ({}) {} ms after its element's newest message was produced, {}"
                        + " ms after it was polled",
                caseId,
                what,
                production,
                TimeUnit.NANOSECONDS.toMillis(inService));
    }

    /** The case ended without a proposal (a false alarm, handed to a person): nothing to time. */
    void ended(String caseId) {
        waitingCases.remove(caseId);
    }

    /** The newest message on one element: when produced, when polled. */
    private static final class Stamp {
        private long producedMillis;
        private long polledNanos;

        synchronized void set(long producedMillis, long polledNanos) {
            if (producedMillis >= this.producedMillis) {
                this.producedMillis = producedMillis;
                this.polledNanos = polledNanos;
            }
        }

        synchronized Stamp copy() {
            Stamp c = new Stamp();
            c.producedMillis = producedMillis;
            c.polledNanos = polledNanos;
            return c;
        }
    }

    /** The loop's ledger: every event appended as before, the case events timed on the way. */
    private record Watch(AuditLog ledger, IngestLatency latency) implements AuditLog {

        @Override
        public AuditEntry append(AuditEvent event) {
            AuditEntry entry = ledger.append(event);
            watched(event);
            return entry;
        }

        /** Events written together: each is timed once all are durable. */
        @Override
        public List<AuditEntry> appendAll(List<AuditEvent> events) {
            List<AuditEntry> entries = ledger.appendAll(events);
            events.forEach(this::watched);
            return entries;
        }

        private void watched(AuditEvent event) {
            String caseId = event.correlationId();
            switch (event.type()) {
                case CASE_OPENED -> latency.opened(caseId, ElementId.of(event.element()));
                case APPROVAL_REQUESTED ->
                        latency.proposed(caseId, "approval request for " + tool(event));
                // an act's call is timed when the act runs (watchingActs)
                case CASE_CLOSED, CASE_HANDED_OVER, CASE_TAKEN_OVER -> latency.ended(caseId);
                default -> {}
            }
        }

        private static Object tool(AuditEvent event) {
            return event.payload().get("tool");
        }

        @Override
        public List<AuditEntry> query(AuditQuery query) {
            return ledger.query(query);
        }

        @Override
        public AuditVerification verify() {
            return ledger.verify();
        }
    }
}
