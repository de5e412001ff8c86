package dev.autonoc.service.connected;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.audit.AuditVerification;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.Tool;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.core.tool.ToolDescriptor;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolResult;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class IngestLatencyTest {

    /** The producer's wall clock when it sent the record: the record's CreateTime. */
    private static final long PRODUCED = Instant.parse("2026-12-06T09:00:00Z").toEpochMilli();

    private static final ElementId ROUTER = ElementId.of("core-rtr-02");

    /** A wall clock the test moves by hand. */
    private static final class HandClock extends Clock {
        final AtomicLong millis = new AtomicLong();

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** A ledger that keeps what it is given. */
    private static final class Kept implements AuditLog {
        final List<AuditEvent> events = new ArrayList<>();

        @Override
        public AuditEntry append(AuditEvent event) {
            events.add(event);
            return new AuditEntry(events.size(), event, event.simTime(), "prev", "hash");
        }

        @Override
        public List<AuditEntry> query(AuditQuery query) {
            return List.of();
        }

        @Override
        public AuditVerification verify() {
            return AuditVerification.intact(events.size());
        }
    }

    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HandClock wall = new HandClock();
    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    private final IngestLatency latency = new IngestLatency(registry, wall, nanos::get);
    private final Kept ledger = new Kept();
    private final AuditLog watched = latency.watching(ledger);
    private final List<String> ran = new ArrayList<>();
    private final ToolCatalogue tools =
            latency.watchingActs(
                    ToolCatalogue.of(
                            List.of(
                                    tool("open_ticket", ToolKind.ACT),
                                    tool("check_stock", ToolKind.READ))));

    @Test
    void times_a_new_case_from_its_elements_newest_message_to_its_first_proposed_act() {
        long polledAt = nanos.get();
        latency.arrived(ROUTER, PRODUCED - 300_000, polledAt); // an older sample of the element
        latency.arrived(ROUTER, PRODUCED, polledAt);
        latency.arrived(ROUTER, PRODUCED - 600_000, polledAt); // late, and older still: not newest

        wall.millis.set(PRODUCED + 180); // polled 30 ms after production, the tick opens a case
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(150));
        watched.append(event(AuditEventType.CASE_OPENED, "case-live-a-0001", Map.of()));
        watched.append(toolCall("case-live-a-0001", "READ", "get_telemetry"));
        assertThat(timer("autonoc.case.first.proposal", "production").count()).isZero();

        wall.millis.set(PRODUCED + 250);
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(70));
        watched.append(
                event(
                        AuditEventType.APPROVAL_REQUESTED,
                        "case-live-a-0001",
                        Map.of("tool", "order_part")));
        // a later act of the same case is not its first proposal
        wall.millis.set(PRODUCED + 900);
        watched.append(toolCall("case-live-a-0001", "ACT", "open_ticket"));
        run("open_ticket", "case-live-a-0001");

        Timer production = timer("autonoc.case.first.proposal", "production");
        Timer poll = timer("autonoc.case.first.proposal", "poll");
        assertThat(production.count()).isEqualTo(1);
        assertThat(production.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(250.0);
        assertThat(poll.count()).isEqualTo(1);
        assertThat(poll.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(220.0);
        // every event still reached the ledger, in order
        assertThat(ledger.events).extracting(AuditEvent::type).hasSize(4);
    }

    @Test
    void a_case_opened_and_proposed_in_one_batch_of_events_is_timed_once_all_are_written() {
        latency.arrived(ROUTER, PRODUCED, nanos.get());
        wall.millis.set(PRODUCED + 60);
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(25));
        // a unit's staged events and its act's call, written together (connected mode's loop)
        watched.appendAll(
                List.of(
                        event(AuditEventType.CASE_OPENED, "case-live-a-0005", Map.of()),
                        toolCall("case-live-a-0005", "READ", "check_stock"),
                        event(
                                AuditEventType.APPROVAL_REQUESTED,
                                "case-live-a-0005",
                                Map.of("tool", "order_part"))));

        assertThat(timer("autonoc.case.first.proposal", "production").count()).isEqualTo(1);
        assertThat(
                        timer("autonoc.case.first.proposal", "production")
                                .totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(60.0);
        assertThat(timer("autonoc.case.first.proposal", "poll").totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(25.0);
        assertThat(ledger.events).hasSize(3);
    }

    @Test
    void an_act_run_is_a_first_proposal_its_call_in_the_ledger_and_a_read_are_not() {
        latency.arrived(ROUTER, PRODUCED, nanos.get());
        wall.millis.set(PRODUCED + 25);
        watched.append(event(AuditEventType.CASE_OPENED, "case-live-a-0002", Map.of()));
        run("check_stock", "case-live-a-0002");
        watched.append(toolCall("case-live-a-0002", "READ", "check_stock"));
        // the act's call is durable before the case's row, the act runs after the row
        watched.append(toolCall("case-live-a-0002", "ACT", "open_ticket"));
        assertThat(timer("autonoc.case.first.proposal", "production").count()).isZero();

        wall.millis.set(PRODUCED + 40);
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(12));
        run("open_ticket", "case-live-a-0002");

        assertThat(ran).containsExactly("check_stock", "open_ticket");

        assertThat(
                        timer("autonoc.case.first.proposal", "production")
                                .totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(40.0);
        assertThat(timer("autonoc.case.first.proposal", "poll").totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(12.0);
    }

    @Test
    void a_case_that_ends_unproposed_or_was_not_opened_here_is_not_timed() {
        latency.arrived(ROUTER, PRODUCED, nanos.get());
        watched.append(event(AuditEventType.CASE_OPENED, "case-live-a-0003", Map.of()));
        watched.append(event(AuditEventType.CASE_CLOSED, "case-live-a-0003", Map.of()));
        run("open_ticket", "case-live-a-0003");
        // a case another instance opened, taken over with its partition: no message timed it here
        run("open_ticket", "case-live-b-0001");
        // a case on an element this instance never read
        watched.append(
                new AuditEvent(
                        AuditEventType.CASE_OPENED,
                        "case-live-a-0004",
                        "agg-rtr-17",
                        "agent:autonoc",
                        Instant.ofEpochMilli(PRODUCED),
                        Map.of()));
        run("open_ticket", "case-live-a-0004");

        assertThat(timer("autonoc.case.first.proposal", "production").count()).isZero();
        assertThat(timer("autonoc.case.first.proposal", "poll").count()).isZero();
    }

    @Test
    void each_record_of_an_applied_batch_is_timed_from_its_production_and_its_poll() {
        long polledAt = latency.polled();
        List<ConsumerRecord<String, byte[]>> batch =
                List.of(record(PRODUCED - 1_000), record(PRODUCED - 400), record(PRODUCED));
        wall.millis.set(PRODUCED + 100);
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(8));
        latency.applied(batch, polledAt);

        Timer production = timer("autonoc.telemetry.latency", "production");
        Timer poll = timer("autonoc.telemetry.latency", "poll");
        assertThat(production.count()).isEqualTo(3);
        assertThat(production.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1_100 + 500 + 100);
        assertThat(production.max(TimeUnit.MILLISECONDS)).isEqualTo(1_100.0);
        assertThat(poll.count()).isEqualTo(3);
        assertThat(poll.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(24.0);
        // p50 and p99 are read from the scraped buckets: two of the three at most 0.5 s, all three
        // at most 1.2 s (the bucket bounds nearest above are Micrometer's)
        assertThat(bucketAtOrAbove(0.5)).isEqualTo(2);
        assertThat(bucketAtOrAbove(1.2)).isEqualTo(3);

        wall.millis.set(PRODUCED + 2_500);
        assertThat(registry.get("autonoc.telemetry.newest.age").gauge().value())
                .isCloseTo(2.5, within(1e-9));
    }

    @Test
    void the_newest_age_is_unknown_until_a_record_was_taken() {
        assertThat(registry.get("autonoc.telemetry.newest.age").gauge().value()).isNaN();
    }

    /** The count of the first production-latency bucket whose bound is at least {@code le}. */
    private long bucketAtOrAbove(double le) {
        Pattern line =
                Pattern.compile(
                        "autonoc_telemetry_latency_seconds_bucket\\{from=\"production\",le=\"([0-9.]+)\"\\}"
                                + " ([0-9.]+)");
        return registry.scrape()
                .lines()
                .map(line::matcher)
                .filter(Matcher::matches)
                .filter(m -> Double.parseDouble(m.group(1)) >= le)
                .mapToLong(m -> (long) Double.parseDouble(m.group(2)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no bucket at or above " + le));
    }

    private Timer timer(String name, String from) {
        return registry.get(name).tag("from", from).timer();
    }

    private static AuditEvent event(AuditEventType type, String caseId, Map<String, Object> p) {
        return new AuditEvent(
                type, caseId, ROUTER.value(), "agent:autonoc", Instant.ofEpochMilli(PRODUCED), p);
    }

    /** Runs {@code tool} of the watched catalogue for the case's first step. */
    private void run(String tool, String caseId) {
        tools.require(tool)
                .execute(
                        new ToolInvocation(
                                ToolCall.of(tool, Map.of()),
                                IdempotencyKey.of(new CaseId(caseId), 0, 1),
                                "agent:autonoc"));
    }

    private Tool tool(String name, ToolKind kind) {
        return new Tool() {
            @Override
            public ToolDescriptor descriptor() {
                return new ToolDescriptor(name, kind, name, "{}", "TMF000");
            }

            @Override
            public Estimate estimate(Map<String, Object> arguments) {
                return new Estimate(0.0, Risk.LOW, Map.of());
            }

            @Override
            public ToolResult execute(ToolInvocation invocation) {
                ran.add(name);
                return ToolResult.succeeded(Map.of(), name + " done");
            }
        };
    }

    private static AuditEvent toolCall(String caseId, String kind, String tool) {
        return event(AuditEventType.TOOL_CALL, caseId, Map.of("tool", tool, "tool_kind", kind));
    }

    private static ConsumerRecord<String, byte[]> record(long timestamp) {
        return new ConsumerRecord<>(
                "autonoc.telemetry",
                0,
                0,
                timestamp,
                TimestampType.CREATE_TIME,
                0,
                0,
                ROUTER.value(),
                new byte[0],
                new RecordHeaders(),
                Optional.empty());
    }
}
