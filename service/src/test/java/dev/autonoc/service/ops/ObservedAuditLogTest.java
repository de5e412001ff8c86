package dev.autonoc.service.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.audit.AuditVerification;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class ObservedAuditLogTest {

    private static final Instant AT = Instant.parse("2025-01-06T03:00:00Z");

    /** A ledger that keeps what it is given, in order. */
    private static final class Kept implements AuditLog {
        final List<AuditEntry> entries = new ArrayList<>();

        @Override
        public AuditEntry append(AuditEvent event) {
            AuditEntry e = new AuditEntry(entries.size() + 1, event, AT, "prev", "hash");
            entries.add(e);
            return e;
        }

        @Override
        public List<AuditEntry> query(AuditQuery query) {
            return entries;
        }

        @Override
        public AuditVerification verify() {
            throw new UnsupportedOperationException();
        }
    }

    private final Kept ledger = new Kept();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ObservedAuditLog observed =
            new ObservedAuditLog(ledger, registry, new LedgerActivity());
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger cases = (Logger) LoggerFactory.getLogger("dev.autonoc.cases");

    @BeforeEach
    void listen() {
        logged.start();
        cases.addAppender(logged);
    }

    @AfterEach
    void stop() {
        cases.detachAppender(logged);
    }

    private static AuditEvent event(AuditEventType type, String caseId, Map<String, Object> p) {
        return new AuditEvent(type, caseId, "core-rtr-02", "agent:autonoc", AT, p);
    }

    @Test
    void every_event_reaches_the_ledger_and_its_append_is_timed_by_type() {
        observed.append(event(AuditEventType.PLAN, "case-1", Map.of()));

        assertThat(ledger.entries).hasSize(1);
        assertThat(registry.get("autonoc.ledger.append").tag("type", "PLAN").timer().count())
                .isEqualTo(1);
    }

    @Test
    void events_written_together_are_each_counted_and_the_write_timed_once_by_its_last_type() {
        observed.appendAll(
                List.of(
                        event(AuditEventType.POLICY_DECISION, "case-1", Map.of("effect", "ALLOW")),
                        event(AuditEventType.CASE_OPENED, "case-1", Map.of()),
                        event(AuditEventType.TOOL_CALL, "case-1", Map.of("tool", "open_ticket"))));

        assertThat(ledger.entries).hasSize(3);
        assertThat(
                        registry.get("autonoc.policy.decisions")
                                .tag("effect", "ALLOW")
                                .counter()
                                .count())
                .isEqualTo(1);
        assertThat(registry.get("autonoc.ledger.append").tag("type", "TOOL_CALL").timer().count())
                .isEqualTo(1);
        assertThat(registry.find("autonoc.ledger.append").tag("type", "CASE_OPENED").timer())
                .isNull();
        // the case's opening is logged as if written alone
        assertThat(logged.list).hasSize(1);
    }

    @Test
    void decisions_tool_results_and_alarms_are_counted_from_the_events() {
        observed.append(event(AuditEventType.POLICY_DECISION, "case-1", Map.of("effect", "DENY")));
        observed.append(
                event(
                        AuditEventType.TOOL_RESULT,
                        "case-1",
                        Map.of("tool", "order_part", "outcome", "SUCCEEDED")));
        observed.append(event(AuditEventType.PREDICTION, "case-1", Map.of("mode", "FAN_WEAR")));

        assertThat(registry.get("autonoc.policy.decisions").tag("effect", "DENY").counter().count())
                .isEqualTo(1);
        assertThat(
                        registry.get("autonoc.tool.calls")
                                .tags("tool", "order_part", "outcome", "SUCCEEDED")
                                .counter()
                                .count())
                .isEqualTo(1);
        assertThat(
                        registry.get("autonoc.predictor.alarms")
                                .tag("mode", "FAN_WEAR")
                                .counter()
                                .count())
                .isEqualTo(1);
    }

    @Test
    void a_case_event_is_logged_with_the_case_id_and_element_as_fields_and_the_mdc_is_left_clean() {
        observed.append(event(AuditEventType.CASE_OPENED, "case-7", Map.of()));

        assertThat(logged.list).hasSize(1);
        assertThat(logged.list.get(0).getMDCPropertyMap())
                .containsEntry("case_id", "case-7")
                .containsEntry("element", "core-rtr-02");
        assertThat(MDC.get("case_id")).isNull();
    }

    @Test
    void events_outside_a_case_and_routine_steps_are_not_logged() {
        observed.append(event(AuditEventType.SECURITY, AuditEvent.NO_CASE, Map.of()));
        observed.append(event(AuditEventType.TOOL_CALL, "case-1", Map.of()));

        assertThat(logged.list).isEmpty();
    }
}
