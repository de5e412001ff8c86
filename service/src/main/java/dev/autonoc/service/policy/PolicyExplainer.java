package dev.autonoc.service.policy;

import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.policy.CelPolicyGate;
import dev.autonoc.policy.PolicyExplanation;
import dev.autonoc.policy.PolicyStore;
import java.util.Objects;
import java.util.Optional;

/**
 * Explains what a policy version makes of an action, rule by rule: the policy module's explanation
 * ({@link CelPolicyGate#explain}), which builds every rule's verdict from the compiled rules that
 * decide, so the service knows nothing of the policy's format.
 *
 * <p>It asks a gate of its own over the same store, never the loop's. An explanation takes no
 * decision id from any gate and records nothing, so asking the loop's gate would not change the
 * loop's audit trail either; but it would read the loop's guard counters at the moment of asking,
 * which is not the moment the loop decided (the console explains approvals that have waited). This
 * gate has run nothing, so {@code history} reads as a day on which nothing has run: the same answer
 * for the same action at any time, which the REST answer says in its {@code history} field.
 */
public final class PolicyExplainer {

    private final CelPolicyGate gate;

    public PolicyExplainer(PolicyStore store) {
        this.gate = CelPolicyGate.over(Objects.requireNonNull(store, "store"));
    }

    /**
     * @param version a kept version, or empty for the one in force
     * @throws IllegalArgumentException naming the kept versions when no such version is kept
     */
    public PolicyExplanation explain(ActionRequest request, Optional<String> version) {
        Objects.requireNonNull(request, "request");
        return version.isPresent() ? gate.explain(request, version.get()) : gate.explain(request);
    }
}
