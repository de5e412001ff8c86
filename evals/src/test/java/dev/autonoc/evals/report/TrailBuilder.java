package dev.autonoc.evals.report;

import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds audit trails by hand, with the payload keys the loop writes, for tests of the counters.
 */
final class TrailBuilder {

    static final Instant T0 = Instant.parse("2025-01-06T00:00:00Z");
    static final String AGENT = "agent:autonoc";

    private final List<AuditEntry> entries = new ArrayList<>();
    private Instant now = T0;

    TrailBuilder at(Duration sinceStart) {
        now = T0.plus(sinceStart);
        return this;
    }

    TrailBuilder decision(
            String caseId, int step, String tool, String effect, String requiredRole) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("decision_id", "dec-" + (entries.size() + 1));
        p.put("step", (long) step);
        p.put("tool", tool);
        p.put("effect", effect);
        if (requiredRole != null) {
            p.put("required_role", requiredRole);
        }
        p.put("proposer", AGENT);
        return add(AuditEventType.POLICY_DECISION, caseId, AGENT, p);
    }

    TrailBuilder requested(String caseId, int step, String tool, String requiredRole) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("approval_id", "apr-" + (entries.size() + 1));
        p.put("step", (long) step);
        p.put("tool", tool);
        p.put("required_role", requiredRole);
        p.put("proposer", AGENT);
        return add(AuditEventType.APPROVAL_REQUESTED, caseId, AGENT, p);
    }

    TrailBuilder answered(
            String caseId, int step, String tool, String verdict, String by, String role) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("step", (long) step);
        p.put("tool", tool);
        p.put("verdict", verdict);
        p.put("by", by);
        p.put("role", role);
        return add(AuditEventType.APPROVAL_ANSWERED, caseId, by, p);
    }

    TrailBuilder call(String caseId, int step, String tool) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("step", (long) step);
        p.put("tool", tool);
        p.put("tool_kind", "ACT");
        return add(AuditEventType.TOOL_CALL, caseId, AGENT, p);
    }

    TrailBuilder prediction(String element) {
        entries.add(
                entry(
                        new AuditEvent(
                                AuditEventType.PREDICTION,
                                "case-x",
                                element,
                                AGENT,
                                now,
                                Map.of("mode", "FAN_WEAR"))));
        return this;
    }

    /** Any event, with its payload as given, about {@code element}, by the agent. */
    TrailBuilder event(
            AuditEventType type, String caseId, String element, Map<String, Object> payload) {
        entries.add(entry(new AuditEvent(type, caseId, element, AGENT, now, payload)));
        return this;
    }

    private TrailBuilder add(
            AuditEventType type, String caseId, String actor, Map<String, Object> payload) {
        entries.add(entry(new AuditEvent(type, caseId, "core-rtr-02", actor, now, payload)));
        return this;
    }

    private AuditEntry entry(AuditEvent event) {
        long sequence = entries.size() + 1;
        return new AuditEntry(sequence, event, T0, "prev-" + sequence, "hash-" + sequence);
    }

    List<AuditEntry> build() {
        return List.copyOf(entries);
    }
}
