package dev.autonoc.service.store;

import dev.autonoc.core.approval.AbstractApprovalQueue;
import dev.autonoc.core.approval.ApprovalAnswer;
import dev.autonoc.core.approval.ApprovalException;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.approval.RoleHierarchy;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The approval queue several instances share on one database (connected mode,
 * docs/connected-mode.md "Several instances"), in the same table as {@link JdbcApprovalQueue}: a
 * request parked by the instance that works its case can be answered through the API of any
 * instance, and the answer reaches the owner at its next read.
 *
 * <p>Every call first reads what the other instances wrote since ({@link #refresh}): the requests
 * after the last one this queue knows, and the answers to the ones it holds unanswered, in one
 * query. An answer is written only where the row has none (the first answer wins, whichever
 * instance gave it). Two instances parking a request at the same moment would take the same number:
 * the second insert fails on the key, nothing is held, and the next try takes the number after.
 */
public final class SharedApprovalQueue extends AbstractApprovalQueue {

    private final ServiceDatabase db;
    private long lastSeq;
    private final TreeSet<Long> unanswered = new TreeSet<>();
    private final Map<String, Long> seqOf = new HashMap<>();

    private SharedApprovalQueue(ServiceDatabase db, RoleHierarchy roles) {
        super(roles);
        this.db = db;
    }

    public static SharedApprovalQueue open(ServiceDatabase db, RoleHierarchy roles) {
        return new SharedApprovalQueue(
                Objects.requireNonNull(db, "db"), Objects.requireNonNull(roles, "roles"));
    }

    @Override
    protected void refresh() {
        long from = unanswered.isEmpty() ? lastSeq : Math.min(lastSeq, unanswered.first() - 1);
        db.query(
                "read the approval requests after " + from,
                () -> {
                    db.jdbc()
                            .sql(
                                    "SELECT seq, request_json, answer_json FROM service_approval"
                                            + " WHERE seq > :from ORDER BY seq")
                            .param("from", from)
                            .query(
                                    rs -> {
                                        long seq = rs.getLong(1);
                                        String answer = rs.getString(3);
                                        if (seq <= lastSeq
                                                && (answer == null || !unanswered.contains(seq))) {
                                            return; // known, and nothing new about it
                                        }
                                        ApprovalRequest request =
                                                StateJson.read(
                                                        rs.getString(2), ApprovalRequest.class);
                                        Optional<ApprovalAnswer> given =
                                                answer == null
                                                        ? Optional.empty()
                                                        : Optional.of(
                                                                StateJson.read(
                                                                        answer,
                                                                        ApprovalAnswer.class));
                                        restore(seq, request, given);
                                        seqOf.put(request.id(), seq);
                                        lastSeq = Math.max(lastSeq, seq);
                                        if (given.isEmpty()) {
                                            unanswered.add(seq);
                                        } else {
                                            unanswered.remove(seq);
                                        }
                                    });
                    return null;
                });
    }

    @Override
    protected void writeRequest(long seq, ApprovalRequest request) {
        try {
            ApprovalRows.insertRequest(db, seq, request);
        } catch (StoreException e) {
            // most likely another instance took the number first: the next call reads it
            throw new ApprovalException(
                    "could not park approval request " + request.id() + ": " + e.getMessage());
        }
        seqOf.put(request.id(), seq);
        lastSeq = Math.max(lastSeq, seq);
        unanswered.add(seq);
    }

    @Override
    protected void writeAnswer(ApprovalAnswer answer) {
        ApprovalRows.recordAnswer(db, answer, "in the database, perhaps through another instance");
        Long seq = seqOf.get(answer.requestId());
        if (seq != null) {
            unanswered.remove(seq);
        }
    }
}
