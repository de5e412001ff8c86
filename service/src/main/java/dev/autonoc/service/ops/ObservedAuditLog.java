package dev.autonoc.service.ops;

import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.audit.AuditVerification;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger as the loop, the approval desk and the MCP server write to it, observed on the way:
 * everything the loop decides and does goes through {@link AuditLog#append}, so the metrics of
 * decisions, tool calls and alarms are counted here, once, from the events themselves, and the
 * append is timed. Each event of a case's life is logged with the case id and element in the MDC
 * ({@link CaseLogContext#CASE_ID}), so that structured logs carry it as a field.
 */
final class ObservedAuditLog implements AuditLog {

    private static final Logger log = LoggerFactory.getLogger("dev.autonoc.cases");

    /** The events a person following a case in the logs wants to see. */
    private static final Set<AuditEventType> CASE_LIFE =
            EnumSet.of(
                    AuditEventType.CASE_OPENED,
                    AuditEventType.APPROVAL_REQUESTED,
                    AuditEventType.APPROVAL_ANSWERED,
                    AuditEventType.CASE_HANDED_OVER,
                    AuditEventType.CASE_TAKEN_OVER,
                    AuditEventType.CASE_HANDED_BACK,
                    AuditEventType.CASE_CLOSED);

    private final AuditLog ledger;
    private final MeterRegistry registry;
    private final LedgerActivity activity;

    ObservedAuditLog(AuditLog ledger, MeterRegistry registry, LedgerActivity activity) {
        this.ledger = ledger;
        this.registry = registry;
        this.activity = activity;
    }

    @Override
    public AuditEntry append(AuditEvent event) {
        Timer.Sample sample = Timer.start(registry);
        AuditEntry entry = ledger.append(event);
        sample.stop(appendTimer(event));
        observed(event, entry);
        return entry;
    }

    /**
     * Several events written together (what a unit of the loop staged, then the event that needed
     * them durable): timed once, under the last event's type (the one its writer waited for);
     * counted and logged each.
     */
    @Override
    public List<AuditEntry> appendAll(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        Timer.Sample sample = Timer.start(registry);
        List<AuditEntry> entries = ledger.appendAll(events);
        sample.stop(appendTimer(events.get(events.size() - 1)));
        for (int i = 0; i < events.size(); i++) {
            observed(events.get(i), entries.get(i));
        }
        return entries;
    }

    private Timer appendTimer(AuditEvent event) {
        return Timer.builder("autonoc.ledger.append")
                .description("time to append one event to the ledger, durably")
                .tag("type", event.type().name())
                .publishPercentileHistogram()
                .register(registry);
    }

    private void observed(AuditEvent event, AuditEntry entry) {
        count(event);
        activity.appended();
        if (CASE_LIFE.contains(event.type())) {
            // the case's fields stand in the MDC for this one line, then go
            CaseLogContext.Scope scope = CaseLogContext.of(event);
            try {
                log.info(
                        "{} by {} at {} (ledger #{})",
                        event.type(),
                        event.actor(),
                        event.simTime(),
                        entry.sequence());
            } finally {
                scope.close();
            }
        }
    }

    private void count(AuditEvent event) {
        switch (event.type()) {
            case POLICY_DECISION ->
                    Counter.builder("autonoc.policy.decisions")
                            .description("the policy gate's decisions, by effect")
                            .tag("effect", text(event, "effect"))
                            .register(registry)
                            .increment();
            case TOOL_RESULT ->
                    Counter.builder("autonoc.tool.calls")
                            .description("tool calls that returned, by tool and outcome")
                            .tag("tool", text(event, "tool"))
                            .tag("outcome", text(event, "outcome"))
                            .register(registry)
                            .increment();
            case PREDICTION ->
                    Counter.builder("autonoc.predictor.alarms")
                            .description("predictions that raised a case, by failure mode")
                            .tag("mode", text(event, "mode"))
                            .register(registry)
                            .increment();
            case CASE_CLOSED ->
                    Counter.builder("autonoc.cases.closed")
                            .description("cases closed since the service started")
                            .register(registry)
                            .increment();
            default -> {}
        }
    }

    private static String text(AuditEvent event, String key) {
        Object v = event.payload().get(key);
        return v == null ? "unknown" : v.toString();
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
