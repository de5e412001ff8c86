package dev.autonoc.service.store;

import dev.autonoc.core.approval.AbstractApprovalQueue;
import dev.autonoc.core.approval.ApprovalAnswer;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.approval.RoleHierarchy;
import java.util.Objects;
import java.util.Optional;

/**
 * Approval requests in the service's database ({@code service_approval}), ids {@code apr-1}, {@code
 * apr-2}, ... continuing across restarts. A request and its answer are committed before the call
 * returns, so a request parked before a restart waits after it, and an answer given is never lost
 * or given twice: the answer is written only where the row has none yet.
 *
 * <p>Who may answer is decided as in every queue ({@link AbstractApprovalQueue}). The queue is the
 * only writer of its table (one service per database) and keeps a copy of it for the loop's reads
 * every tick.
 */
public final class JdbcApprovalQueue extends AbstractApprovalQueue {

    private final ServiceDatabase db;

    private JdbcApprovalQueue(ServiceDatabase db, RoleHierarchy roles) {
        super(roles);
        this.db = db;
    }

    /** Every request and answer kept in {@code db}. */
    public static JdbcApprovalQueue open(ServiceDatabase db, RoleHierarchy roles) {
        JdbcApprovalQueue queue =
                new JdbcApprovalQueue(
                        Objects.requireNonNull(db, "db"), Objects.requireNonNull(roles, "roles"));
        queue.load();
        return queue;
    }

    private void load() {
        db.query(
                "read the approval requests",
                () -> {
                    db.jdbc()
                            .sql(
                                    "SELECT seq, request_json, answer_json FROM service_approval"
                                            + " ORDER BY seq")
                            .query(
                                    rs -> {
                                        String answer = rs.getString(3);
                                        restore(
                                                rs.getLong(1),
                                                StateJson.read(
                                                        rs.getString(2), ApprovalRequest.class),
                                                answer == null
                                                        ? Optional.empty()
                                                        : Optional.of(
                                                                StateJson.read(
                                                                        answer,
                                                                        ApprovalAnswer.class)));
                                    });
                    return null;
                });
    }

    @Override
    protected void writeRequest(long seq, ApprovalRequest request) {
        ApprovalRows.insertRequest(db, seq, request);
    }

    @Override
    protected void writeAnswer(ApprovalAnswer answer) {
        ApprovalRows.recordAnswer(db, answer, "in the database");
    }
}
