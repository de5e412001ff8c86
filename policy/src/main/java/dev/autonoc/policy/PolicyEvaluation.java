package dev.autonoc.policy;

import dev.autonoc.core.policy.Decision;
import java.util.List;
import java.util.Objects;

/**
 * A decision with every rule that fired on the way to it, in policy order; the decision itself
 * names only the rules that produced the winning effect.
 */
public record PolicyEvaluation(Decision decision, List<FiredRule> fired) {

    public PolicyEvaluation {
        Objects.requireNonNull(decision, "decision");
        fired = List.copyOf(fired);
    }
}
