package dev.autonoc.audit;

import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Test events: a small remediation case, written as the loop would. */
final class Events {

    static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    private Events() {}

    static Clock fixedClock() {
        return Clock.fixed(Instant.parse("2030-01-01T00:00:00.123456Z"), ZoneOffset.UTC);
    }

    static AuditEvent event(
            AuditEventType type, String caseId, String element, String actor, int minute) {
        return new AuditEvent(
                type,
                caseId,
                element,
                actor,
                T0.plusSeconds(60L * minute),
                Map.of("minute", (long) minute, "note", "step " + minute));
    }

    /** The events of one case, in the order the loop writes them. */
    static AuditEvent[] aCase(String caseId, String element, int startMinute) {
        return new AuditEvent[] {
            new AuditEvent(
                    AuditEventType.PREDICTION,
                    AuditEvent.NO_CASE,
                    element,
                    "system",
                    T0.plusSeconds(60L * startMinute),
                    Map.of(
                            "model", "gbt-2026-02",
                            "probability", 0.87,
                            "failure_mode", "PSU_DEGRADATION")),
            new AuditEvent(
                    AuditEventType.CASE_OPENED,
                    caseId,
                    element,
                    "agent:autonoc",
                    T0.plusSeconds(60L * startMinute + 1),
                    Map.of("reason", "predicted failure")),
            new AuditEvent(
                    AuditEventType.POLICY_DECISION,
                    caseId,
                    element,
                    "policy",
                    T0.plusSeconds(60L * startMinute + 2),
                    Map.of(
                            "effect", "REQUIRE_APPROVAL",
                            "policy_version", "v3",
                            "rule_ids", java.util.List.of("R-12", "R-40"))),
            new AuditEvent(
                    AuditEventType.APPROVAL_ANSWERED,
                    caseId,
                    element,
                    "person:alice",
                    T0.plusSeconds(60L * startMinute + 3),
                    Map.of("verdict", "APPROVED", "comment", "go ahead \"now\"\n")),
            new AuditEvent(
                    AuditEventType.TOOL_CALL,
                    caseId,
                    element,
                    "agent:autonoc",
                    T0.plusSeconds(60L * startMinute + 4),
                    Map.of(
                            "tool",
                            "order_part",
                            "idempotency_key",
                            caseId + "/2/1",
                            "arguments",
                            Map.of("part", "PSU-48V", "quantity", 1L))),
            new AuditEvent(
                    AuditEventType.CASE_CLOSED,
                    caseId,
                    element,
                    "agent:autonoc",
                    T0.plusSeconds(60L * startMinute + 5),
                    Map.of("outcome", "resolved")),
        };
    }
}
