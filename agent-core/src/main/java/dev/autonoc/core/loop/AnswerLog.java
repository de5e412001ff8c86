package dev.autonoc.core.loop;

import dev.autonoc.core.approval.ApprovalAnswer;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.audit.AuditQuery;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The answers to approval requests in the ledger, each once (safety property 4: an answer is in the
 * ledger before it is reported done). Whoever takes a person's answer (the service's approval desk)
 * records it here right after the queue holds it and before saying it is done; whoever acts on an
 * answer ({@link GatedToolCalls#answer}) records it too, which adds nothing if it is there, and
 * writes it if the answer came by another way (a queue answered directly, as the evals' simulated
 * NOC does) or the process stopped between the queue and the ledger.
 *
 * <p>Not thread-safe by itself: the check and the append must not race another writer of the same
 * answer, so callers serialize them (the service does both on the simulation's thread).
 */
public final class AnswerLog {

    private final AuditLog audit;
    private final AuditEvents events;

    /**
     * @param tags what the events carry besides their payload, as for {@link GatedToolCalls}: the
     *     same tags as the path that proposed the action ({@code via=mcp} for other agents' calls)
     */
    public AnswerLog(AuditLog audit, Map<String, Object> tags) {
        this(audit, new AuditEvents(Map.of(), tags));
    }

    AnswerLog(AuditLog audit, AuditEvents events) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.events = Objects.requireNonNull(events, "events");
    }

    /**
     * Appends the answer's {@code APPROVAL_ANSWERED} event unless the ledger already holds one for
     * this request; returns whether it appended.
     *
     * @throws IllegalArgumentException if the answer is not to this request
     */
    public boolean record(ApprovalRequest request, ApprovalAnswer answer) {
        if (!answer.requestId().equals(request.id())) {
            throw new IllegalArgumentException(
                    "answer to " + answer.requestId() + " is not an answer to " + request.id());
        }
        if (inLedger(request).isPresent()) {
            return false;
        }
        audit.append(events.approvalAnswered(request, answer));
        return true;
    }

    /** The ledger's entry of an answer to {@code request}, if it holds one. */
    public Optional<AuditEntry> inLedger(ApprovalRequest request) {
        AuditQuery answers =
                new AuditQuery(
                        Optional.of(request.action().caseId().value()),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(AuditEventType.APPROVAL_ANSWERED),
                        Optional.empty(),
                        Optional.empty(),
                        0,
                        10_000);
        return audit.query(answers).stream()
                .filter(e -> e.event().type() == AuditEventType.APPROVAL_ANSWERED)
                .filter(e -> request.id().equals(e.event().payload().get("approval_id")))
                .findFirst();
    }
}
