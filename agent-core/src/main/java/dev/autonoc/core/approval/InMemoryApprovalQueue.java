package dev.autonoc.core.approval;

import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.tool.ToolCall;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An approval queue in memory; thread-safe, ids in submission order ({@code apr-1}, ...). */
public final class InMemoryApprovalQueue implements ApprovalQueue {

    private final RoleHierarchy roles;
    private final Map<String, ApprovalRequest> requests = new LinkedHashMap<>();
    private final Map<String, ApprovalAnswer> answers = new LinkedHashMap<>();
    private long next = 1;

    public InMemoryApprovalQueue(RoleHierarchy roles) {
        this.roles = roles;
    }

    @Override
    public synchronized ApprovalRequest submit(
            ActionRequest action, Decision decision, Instant at) {
        ApprovalRequest request = new ApprovalRequest("apr-" + next++, action, decision, at);
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
        return record(requestId, approver, Verdict.APPROVED, comment, at, amended);
    }

    @Override
    public synchronized ApprovalAnswer reject(
            String requestId, Approver approver, String comment, Instant at) {
        return record(requestId, approver, Verdict.REJECTED, comment, at, Optional.empty());
    }

    @Override
    public synchronized ApprovalAnswer expire(String requestId, String reason, Instant at) {
        if (!requests.containsKey(requestId)) {
            throw new ApprovalException("no approval request '" + requestId + "'");
        }
        if (answers.containsKey(requestId)) {
            throw new ApprovalException("approval request '" + requestId + "' is already answered");
        }
        ApprovalAnswer answer =
                new ApprovalAnswer(
                        requestId,
                        Verdict.EXPIRED,
                        Actors.SYSTEM,
                        "",
                        reason,
                        at,
                        Optional.empty());
        answers.put(requestId, answer);
        return answer;
    }

    private ApprovalAnswer record(
            String requestId,
            Approver approver,
            Verdict verdict,
            String comment,
            Instant at,
            Optional<ToolCall> amended) {
        ApprovalRequest request = requests.get(requestId);
        if (request == null) {
            throw new ApprovalException("no approval request '" + requestId + "'");
        }
        if (answers.containsKey(requestId)) {
            throw new ApprovalException("approval request '" + requestId + "' is already answered");
        }
        String role = ApprovalRules.check(request, approver, roles);
        if (amended.isPresent() && !amended.get().tool().equals(request.action().call().tool())) {
            throw new ApprovalException(
                    "an amendment may change the arguments, not the tool ("
                            + request.action().call().tool()
                            + ")");
        }
        ApprovalAnswer answer =
                new ApprovalAnswer(requestId, verdict, approver.name(), role, comment, at, amended);
        answers.put(requestId, answer);
        return answer;
    }
}
