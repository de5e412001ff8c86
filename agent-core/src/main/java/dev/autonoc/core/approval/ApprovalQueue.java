package dev.autonoc.core.approval;

import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.tool.ToolCall;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Actions waiting for a person. The queue enforces who may answer: a person holding the required
 * role (or one above it), never the proposer, never an agent.
 */
public interface ApprovalQueue {

    ApprovalRequest submit(ActionRequest action, Decision decision, Instant at);

    List<ApprovalRequest> pending();

    Optional<ApprovalRequest> find(String requestId);

    /** The answer, once there is one. */
    Optional<ApprovalAnswer> answer(String requestId);

    /**
     * @throws ApprovalException if the approver may not answer this request
     */
    ApprovalAnswer approve(
            String requestId,
            Approver approver,
            String comment,
            Instant at,
            Optional<ToolCall> amended);

    /**
     * @throws ApprovalException if the approver may not answer this request
     */
    ApprovalAnswer reject(String requestId, Approver approver, String comment, Instant at);

    /**
     * Closes a request nobody answered in time; from then on nobody can approve it.
     *
     * @throws ApprovalException if the request is unknown or already answered
     */
    ApprovalAnswer expire(String requestId, String reason, Instant at);
}
