package dev.autonoc.core.approval;

import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.tool.ToolCall;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An approval queue that keeps its requests and answers in memory and applies the answer rules in
 * one place, for every queue: who may answer ({@link ApprovalRules}), an answer given once, an
 * amendment that keeps the tool, an expiry by the system. Ids are {@code apr-1}, {@code apr-2}, ...
 * in submission order. Thread-safe.
 *
 * <p>A queue that keeps them elsewhere too (a database) writes each request and answer in the
 * hooks, which run before the queue holds it: a hook that throws leaves the queue as it was.
 */
public abstract class AbstractApprovalQueue implements ApprovalQueue {

    private final RoleHierarchy roles;
    private final Map<String, ApprovalRequest> requests = new LinkedHashMap<>();
    private final Map<String, ApprovalAnswer> answers = new LinkedHashMap<>();
    private long next = 1;

    protected AbstractApprovalQueue(RoleHierarchy roles) {
        this.roles = Objects.requireNonNull(roles, "roles");
    }

    /**
     * Writes a new request, number {@code seq} of the queue, before the queue holds it.
     *
     * @throws RuntimeException to refuse it: the queue then holds nothing new
     */
    protected abstract void writeRequest(long seq, ApprovalRequest request);

    /**
     * Writes the answer to a request the queue holds unanswered, before the queue holds it.
     *
     * @throws ApprovalException if the request was answered meanwhile where it is written (by
     *     another queue on the same store)
     */
    protected abstract void writeAnswer(ApprovalAnswer answer);

    /**
     * Called first by every public method, holding the queue's lock. A queue that shares its store
     * with other queues (several service instances on one database) reads here what they wrote
     * since, and puts it back with {@link #restore}; by default nothing.
     */
    protected void refresh() {}

    /**
     * Puts back a request, number {@code seq}, and its answer if it has one, as written before
     * (e.g. read back from a database when the queue opens); new ids continue after {@code seq}.
     */
    protected final synchronized void restore(
            long seq, ApprovalRequest request, Optional<ApprovalAnswer> answer) {
        requests.put(request.id(), request);
        answer.ifPresent(a -> answers.put(request.id(), a));
        next = Math.max(next, seq + 1);
    }

    @Override
    public final synchronized ApprovalRequest submit(
            ActionRequest action, Decision decision, Instant at) {
        refresh();
        long seq = next;
        ApprovalRequest request = new ApprovalRequest("apr-" + seq, action, decision, at);
        writeRequest(seq, request);
        next = seq + 1;
        requests.put(request.id(), request);
        return request;
    }

    /** Every request the queue holds, answered or not, in submission order. */
    public final synchronized List<ApprovalRequest> requests() {
        refresh();
        return List.copyOf(requests.values());
    }

    @Override
    public final synchronized List<ApprovalRequest> pending() {
        refresh();
        return requests.values().stream().filter(r -> !answers.containsKey(r.id())).toList();
    }

    @Override
    public final synchronized Optional<ApprovalRequest> find(String requestId) {
        refresh();
        return Optional.ofNullable(requests.get(requestId));
    }

    @Override
    public final synchronized Optional<ApprovalAnswer> answer(String requestId) {
        refresh();
        return Optional.ofNullable(answers.get(requestId));
    }

    @Override
    public final synchronized ApprovalAnswer approve(
            String requestId,
            Approver approver,
            String comment,
            Instant at,
            Optional<ToolCall> amended) {
        refresh();
        return answerAsPerson(requestId, approver, Verdict.APPROVED, comment, at, amended);
    }

    @Override
    public final synchronized ApprovalAnswer reject(
            String requestId, Approver approver, String comment, Instant at) {
        refresh();
        return answerAsPerson(requestId, approver, Verdict.REJECTED, comment, at, Optional.empty());
    }

    @Override
    public final synchronized ApprovalAnswer expire(String requestId, String reason, Instant at) {
        refresh();
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
        writeAnswer(answer);
        answers.put(answer.requestId(), answer);
        return answer;
    }
}
