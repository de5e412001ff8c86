package dev.autonoc.core.approval;

import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import java.time.Instant;
import java.util.Objects;

/**
 * An action parked until a person with {@link #requiredRole()} answers. It carries what a person
 * needs to decide: the action with its estimate, the prediction, and the decision that asked.
 */
public record ApprovalRequest(
        String id, ActionRequest action, Decision decision, Instant requestedAt) {

    public ApprovalRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(requestedAt, "requestedAt");
        if (decision.requiredRole().isEmpty()) {
            throw new IllegalArgumentException(
                    "an approval request needs the decision's required role");
        }
    }

    public String requiredRole() {
        return decision.requiredRole().orElseThrow();
    }
}
