package dev.autonoc.core.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One event of the loop, as the ledger stores it.
 *
 * @param correlationId the case the event belongs to ({@code -} for events outside a case)
 * @param element the element it is about, or empty text
 * @param actor who did it: an agent ({@code agent:autonoc}), a person, or {@code system}
 * @param simTime the operator's (possibly simulated) time of the event; wall time is kept apart by
 *     the ledger so that the same run gives the same events
 * @param payload a JSON-like tree: String, Double or Long, Boolean, List, Map with String keys; it
 *     names the model, policy and planner versions where they apply
 */
public record AuditEvent(
        AuditEventType type,
        String correlationId,
        String element,
        String actor,
        Instant simTime,
        Map<String, Object> payload) {

    public static final String NO_CASE = "-";

    public AuditEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(simTime, "simTime");
        payload = Map.copyOf(payload);
    }
}
