package dev.autonoc.policy;

import dev.autonoc.core.policy.Effect;
import java.util.Objects;
import java.util.Optional;

/**
 * One rule whose condition held for a request (or could not be evaluated), with what it
 * contributes.
 *
 * @param ruleId the rule's id in the policy file
 * @param effect what it contributes; DENY when it could not be evaluated
 * @param role the approver's role, with REQUIRE_APPROVAL
 * @param message the rule's message with its {@code ${...}} parts filled in, or the evaluation
 *     error
 * @param evaluationError whether the rule fired only because its condition could not be evaluated
 */
public record FiredRule(
        String ruleId,
        Effect effect,
        Optional<String> role,
        String message,
        boolean evaluationError) {

    public FiredRule {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(message, "message");
    }
}
