package dev.autonoc.policy;

import dev.autonoc.core.policy.Decision;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a policy version makes of one action: the decision, and every rule's verdict in file order
 * (see {@link CelPolicyGate#explain(dev.autonoc.core.policy.ActionRequest)}).
 *
 * @param policyName the file name the version was loaded from
 * @param version {@code sha256:} and the hex digest of the file: the decision's policy version
 * @param decision as {@link CelPolicyGate#evaluate} would decide, with the decision id {@value
 *     CelPolicyGate#EXPLANATION_ID} (an explanation takes no id from the gate's count)
 * @param rules one verdict per rule of the file, in file order
 */
public record PolicyExplanation(
        String policyName, String version, Decision decision, List<RuleVerdict> rules) {

    public PolicyExplanation {
        Objects.requireNonNull(policyName, "policyName");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(decision, "decision");
        rules = List.copyOf(rules);
    }

    /** The verdict of the rule with this id, if the policy has such a rule. */
    public Optional<RuleVerdict> verdict(String ruleId) {
        return rules.stream().filter(v -> v.rule().id().equals(ruleId)).findFirst();
    }

    /** The rules that fired (or failed and counted as DENY), in file order. */
    public List<RuleVerdict> fired() {
        return rules.stream().filter(RuleVerdict::fired).toList();
    }
}
