package dev.autonoc.core.loop;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.policy.Effect;
import dev.autonoc.core.tool.IdempotencyKey;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The calls of a case that the ledger already holds from before this instance worked the case:
 * whether a step's act was started, under this very key, tool and arguments, by a process that
 * stopped before it kept the outcome, and so may resume without the gate ({@link
 * GatedToolCalls#startedEarlier}). Per open case it remembers whether this instance opened it and
 * which keys it looked up already, so the ledger is read once per key and not at all for a case
 * opened here.
 *
 * <p>It finds the decision (and the approval) under which such a call was cleared; the clearance
 * itself is made by {@link GatedToolCalls} only, as every clearance is.
 */
final class EarlierCalls {

    private final AuditLog audit;
    // what this instance knows of each case's earlier calls, by case id; a case is forgotten when
    // it is no longer open here (retainOnly), so this holds the open cases only
    private final Map<String, KnownCalls> known = new ConcurrentHashMap<>();

    /** What this instance knows of one case's calls started before it worked the case. */
    private static final class KnownCalls {
        // opened by this instance: no earlier process started a call of it
        volatile boolean openedHere;
        // the keys looked up in the ledger for an earlier start
        final Set<String> lookedUp = ConcurrentHashMap.newKeySet();
    }

    /**
     * A call found in the ledger: the decision that cleared it and the approval a person gave it,
     * if the decision asked for one.
     */
    record Started(Decision clearedBy, Optional<String> approvalId) {
        Started {
            Objects.requireNonNull(clearedBy, "clearedBy");
            Objects.requireNonNull(approvalId, "approvalId");
        }
    }

    EarlierCalls(AuditLog audit) {
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /**
     * The act of this step and attempt that a process started before it stopped without keeping the
     * outcome (a crash between the call and saving the case): the ledger holds the call, written
     * before the tool ran and only for a cleared act, after the decision that cleared it. Empty
     * unless the ledger holds such a call, of this very tool with these arguments: the write-ahead
     * writes a call with its unit's events before the case's row, and runs the act only after the
     * row, so a call whose row never was (a crash between the two, a fenced zombie) never ran, and
     * the step's next call under its key may be another, which the gate judges. Each key is looked
     * up once: a later call under the key is a retry this instance made itself, and is gated as
     * usual; a case opened here is not looked up at all ({@link #openedHere}).
     */
    Optional<Started> find(ActionRequest action, int attempt) {
        String key = IdempotencyKey.of(action.caseId(), action.step(), attempt).value();
        KnownCalls calls = known.computeIfAbsent(action.caseId().value(), id -> new KnownCalls());
        if (calls.openedHere || !calls.lookedUp.add(key)) {
            return Optional.empty();
        }
        Decision cleared = null;
        Optional<String> approval = Optional.empty();
        for (AuditEntry entry : audit.query(AuditQuery.forCase(action.caseId().value()))) {
            AuditEvent e = entry.event();
            Map<String, Object> p = e.payload();
            if (!(p.get("step") instanceof Number n) || n.longValue() != action.step()) {
                continue;
            }
            switch (e.type()) {
                case POLICY_DECISION -> cleared = decisionIn(p);
                case APPROVAL_ANSWERED ->
                        approval =
                                "APPROVED".equals(p.get("verdict"))
                                        ? Optional.of(String.valueOf(p.get("approval_id")))
                                        : Optional.empty();
                case TOOL_CALL -> {
                    // the very call: a call written with a plan whose row never was (a crash
                    // between the write-ahead's ledger transaction and the row, a zombie's fenced
                    // row) never ran, and its key may come back with another call, to be gated
                    if (cleared != null
                            && key.equals(p.get("idempotency_key"))
                            && action.call().tool().equals(p.get("tool"))
                            && sameValue(action.call().arguments(), p.get("arguments"))) {
                        return Optional.of(new Started(cleared, approval));
                    }
                }
                default -> {}
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code stored}, read back from the ledger, is {@code given}: numbers by value (the
     * ledger's JSON keeps no Java number type), maps and lists member by member, anything else
     * equal.
     */
    static boolean sameValue(@Nullable Object given, @Nullable Object stored) {
        if (given instanceof Number a && stored instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        }
        if (given instanceof Map<?, ?> a && stored instanceof Map<?, ?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : a.entrySet()) {
                if (!b.containsKey(e.getKey()) || !sameValue(e.getValue(), b.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (given instanceof List<?> a && stored instanceof List<?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!sameValue(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(given, stored);
    }

    /**
     * Tells that this instance opened the case now: a call of it can only have started in this
     * process, whose own retries are gated as usual, so {@link #find} need not read the ledger for
     * it (one query fewer on a new case's way to each act). A case opened again after a crash under
     * the same id is one whose row was never written, and an act runs only once its case's row is
     * written, so no call of it can have run: the ledger may hold its call (written in the
     * transaction just before the row), which never took effect, and the act is judged again and
     * run under the same key.
     */
    void openedHere(CaseId id) {
        known.computeIfAbsent(id.value(), k -> new KnownCalls()).openedHere = true;
    }

    /**
     * Forgets what is known of every case but {@code open}, the cases open in this instance's loop:
     * a case closed acts no more, and one that left this instance (its partition went to another)
     * may have calls started there since, so that if it comes back it is looked up in the ledger
     * again, as any case this instance did not open. Keeps the memory to the open cases in a
     * long-running instance.
     */
    void retainOnly(Set<String> open) {
        known.keySet().retainAll(open);
    }

    /** How many cases this memory holds. */
    int casesKnown() {
        return known.size();
    }

    /** A decision as the ledger keeps it ({@link AuditEvents}). */
    @SuppressWarnings("unchecked")
    private static Decision decisionIn(Map<String, Object> p) {
        Object role = p.get("required_role");
        return new Decision(
                String.valueOf(p.get("decision_id")),
                Effect.valueOf(String.valueOf(p.get("effect"))),
                role == null ? Optional.empty() : Optional.of(String.valueOf(role)),
                p.get("rule_ids") instanceof List<?> ids ? (List<String>) ids : List.of(),
                p.get("reasons") instanceof List<?> rs ? (List<String>) rs : List.of(),
                String.valueOf(p.get("policy_version")));
    }
}
