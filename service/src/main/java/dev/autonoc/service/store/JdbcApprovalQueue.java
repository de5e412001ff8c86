package dev.autonoc.service.store;

import dev.autonoc.core.approval.Actors;
import dev.autonoc.core.approval.ApprovalAnswer;
import dev.autonoc.core.approval.ApprovalException;
import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.approval.ApprovalRules;
import dev.autonoc.core.approval.Approver;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.approval.Verdict;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.tool.ToolCall;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Approval requests in the service's database ({@code service_approval}), ids {@code apr-1}, {@code
 * apr-2}, ... continuing across restarts. A request and its answer are committed before the call
 * returns, so a request parked before a restart waits after it, and an answer given is never lost
 * or given twice: the answer is written only where the row has none yet.
 *
 * <p>Who may answer is decided as everywhere ({@link ApprovalRules}). The queue is the only writer
 * of its table (one service per database) and keeps a copy of it for the loop's reads every tick.
 */
public final class JdbcApprovalQueue implements ApprovalQueue {

    private final ServiceDatabase db;
    private final RoleHierarchy roles;
    private final Map<String, ApprovalRequest> requests = new LinkedHashMap<>();
    private final Map<String, ApprovalAnswer> answers = new LinkedHashMap<>();
    private long next = 1;

    private JdbcApprovalQueue(ServiceDatabase db, RoleHierarchy roles) {
        this.db = db;
        this.roles = roles;
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
                c -> {
                    try (PreparedStatement s =
                                    c.prepareStatement(
                                            "SELECT seq, request_json, answer_json FROM"
                                                    + " service_approval ORDER BY seq");
                            ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            ApprovalRequest r =
                                    StateJson.read(rs.getString(2), ApprovalRequest.class);
                            requests.put(r.id(), r);
                            String answer = rs.getString(3);
                            if (answer != null) {
                                answers.put(r.id(), StateJson.read(answer, ApprovalAnswer.class));
                            }
                            next = Math.max(next, rs.getLong(1) + 1);
                        }
                    }
                    return null;
                });
    }

    @Override
    public synchronized ApprovalRequest submit(
            ActionRequest action, Decision decision, Instant at) {
        long seq = next;
        ApprovalRequest request = new ApprovalRequest("apr-" + seq, action, decision, at);
        String json = StateJson.write(request);
        db.transaction(
                "park approval request " + request.id(),
                c -> {
                    try (PreparedStatement s =
                            c.prepareStatement(
                                    "INSERT INTO service_approval (seq, id, requested_at,"
                                            + " request_json) VALUES (?, ?, ?, ?)")) {
                        s.setLong(1, seq);
                        s.setString(2, request.id());
                        ServiceDatabase.setInstant(s, 3, at);
                        s.setString(4, json);
                        s.executeUpdate();
                    }
                    return null;
                });
        next = seq + 1;
        requests.put(request.id(), request);
        return request;
    }

    @Override
    public synchronized List<ApprovalRequest> pending() {
        return requests.values().stream().filter(r -> !answers.containsKey(r.id())).toList();
    }

    @Override
    public synchronized Optional<ApprovalRequest> find(String requestId) {
        return Optional.ofNullable(requests.get(requestId));
    }

    @Override
    public synchronized Optional<ApprovalAnswer> answer(String requestId) {
        return Optional.ofNullable(answers.get(requestId));
    }

    @Override
    public synchronized ApprovalAnswer approve(
            String requestId,
            Approver approver,
            String comment,
            Instant at,
            Optional<ToolCall> amended) {
        return answerAsPerson(requestId, approver, Verdict.APPROVED, comment, at, amended);
    }

    @Override
    public synchronized ApprovalAnswer reject(
            String requestId, Approver approver, String comment, Instant at) {
        return answerAsPerson(requestId, approver, Verdict.REJECTED, comment, at, Optional.empty());
    }

    @Override
    public synchronized ApprovalAnswer expire(String requestId, String reason, Instant at) {
        unanswered(requestId);
        return record(
                new ApprovalAnswer(
                        requestId,
                        Verdict.EXPIRED,
                        Actors.SYSTEM,
                        "",
                        reason,
                        at,
                        Optional.empty()));
    }

    private ApprovalAnswer answerAsPerson(
            String requestId,
            Approver approver,
            Verdict verdict,
            String comment,
            Instant at,
            Optional<ToolCall> amended) {
        ApprovalRequest request = unanswered(requestId);
        String role = ApprovalRules.check(request, approver, roles);
        if (amended.isPresent() && !amended.get().tool().equals(request.action().call().tool())) {
            throw new ApprovalException(
                    "an amendment may change the arguments, not the tool ("
                            + request.action().call().tool()
                            + ")");
        }
        return record(
                new ApprovalAnswer(
                        requestId, verdict, approver.name(), role, comment, at, amended));
    }

    private ApprovalRequest unanswered(String requestId) {
        ApprovalRequest request = requests.get(requestId);
        if (request == null) {
            throw new ApprovalException("no approval request '" + requestId + "'");
        }
        if (answers.containsKey(requestId)) {
            throw new ApprovalException("approval request '" + requestId + "' is already answered");
        }
        return request;
    }

    private ApprovalAnswer record(ApprovalAnswer answer) {
        String json = StateJson.write(answer);
        int updated =
                db.transaction(
                        "record the answer to " + answer.requestId(),
                        c -> {
                            try (PreparedStatement s =
                                    c.prepareStatement(
                                            "UPDATE service_approval SET verdict = ?,"
                                                    + " answer_json = ? WHERE id = ? AND"
                                                    + " answer_json IS NULL")) {
                                s.setString(1, answer.verdict().name());
                                s.setString(2, json);
                                s.setString(3, answer.requestId());
                                return s.executeUpdate();
                            }
                        });
        if (updated != 1) {
            throw new ApprovalException(
                    "approval request '"
                            + answer.requestId()
                            + "' is already answered (in the database)");
        }
        answers.put(answer.requestId(), answer);
        return answer;
    }
}
