package dev.autonoc.service.store;

import dev.autonoc.core.approval.ApprovalAnswer;
import dev.autonoc.core.approval.ApprovalException;
import dev.autonoc.core.approval.ApprovalRequest;

/**
 * The approval table's two writes, shared by the one-instance queue ({@link JdbcApprovalQueue}) and
 * the queue several instances share ({@link SharedApprovalQueue}): a request parked under its
 * sequence number, and an answer recorded only if none is there yet (the first answer wins).
 */
final class ApprovalRows {

    private ApprovalRows() {}

    /** Inserts the request as the row numbered {@code seq}. */
    static void insertRequest(ServiceDatabase db, long seq, ApprovalRequest request) {
        String json = StateJson.write(request);
        db.transaction(
                "park approval request " + request.id(),
                () ->
                        db.jdbc()
                                .sql(
                                        "INSERT INTO service_approval (seq, id, requested_at,"
                                                + " request_json) VALUES (:seq, :id, :at, :json)")
                                .param("seq", seq)
                                .param("id", request.id())
                                .param("at", ServiceDatabase.utc(request.requestedAt()))
                                .param("json", json)
                                .update());
    }

    /**
     * Records the answer on its request's row unless the row has one; refused, saying {@code where}
     * the earlier answer is, when it has.
     */
    static void recordAnswer(ServiceDatabase db, ApprovalAnswer answer, String where) {
        String json = StateJson.write(answer);
        int updated =
                db.transaction(
                        "record the answer to " + answer.requestId(),
                        () ->
                                db.jdbc()
                                        .sql(
                                                "UPDATE service_approval SET verdict = :verdict,"
                                                        + " answer_json = :json WHERE id = :id AND"
                                                        + " answer_json IS NULL")
                                        .param("verdict", answer.verdict().name())
                                        .param("json", json)
                                        .param("id", answer.requestId())
                                        .update());
        if (updated != 1) {
            throw new ApprovalException(
                    "approval request '"
                            + answer.requestId()
                            + "' is already answered ("
                            + where
                            + ")");
        }
    }
}
