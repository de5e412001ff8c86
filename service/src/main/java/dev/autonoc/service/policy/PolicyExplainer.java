package dev.autonoc.service.policy;

import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.policy.CelPolicyGate;
import dev.autonoc.policy.FiredRule;
import dev.autonoc.policy.PolicyEvaluation;
import dev.autonoc.policy.PolicyStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Explains what a policy version makes of an action, rule by rule.
 *
 * <p>It decides with gates of its own, never with the loop's: an explanation takes no decision id
 * from the live gate (so the loop's audit trail stays the same for the same seed) and its guards
 * count nothing, so {@code history} reads as a day on which nothing has run yet.
 */
public final class PolicyExplainer {

    /** What an explanation holds: the decision and every rule's verdict, in file order. */
    public record Explanation(
            String policyName, String version, Decision decision, List<RuleVerdict> rules) {}

    private static final int KEPT_GATES = 8;

    private final PolicyStore store;
    private final RoleHierarchy roles;
    private final CelPolicyGate current;
    // compiled gates of versions other than the current one, most recently used last
    private final Map<String, CelPolicyGate> others =
            new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, CelPolicyGate> eldest) {
                    return size() > KEPT_GATES;
                }
            };

    public PolicyExplainer(PolicyStore store, RoleHierarchy roles) {
        this.store = store;
        this.roles = roles;
        this.current = CelPolicyGate.over(store);
    }

    /**
     * @param version a kept version, or empty for the one in force
     * @throws IllegalArgumentException when no such version is kept
     */
    public Explanation explain(ActionRequest request, Optional<String> version) {
        CelPolicyGate gate = version.map(this::gateOf).orElse(current);
        PolicyEvaluation evaluation = gate.evaluateInDetail(request);
        Decision d = evaluation.decision();
        PolicyStore.Version used =
                store.version(d.policyVersion())
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "no kept version " + d.policyVersion()));
        Map<String, FiredRule> fired = new LinkedHashMap<>();
        evaluation.fired().forEach(f -> fired.put(f.ruleId(), f));
        List<RuleVerdict> verdicts = new ArrayList<>();
        for (PolicyRule rule : PolicyRules.of(used.text())) {
            FiredRule f = fired.get(rule.id());
            if (f != null) {
                verdicts.add(
                        new RuleVerdict(
                                rule,
                                f.evaluationError()
                                        ? RuleVerdict.Verdict.ERROR
                                        : RuleVerdict.Verdict.FIRED,
                                Optional.of(f.effect().name()),
                                f.role(),
                                Optional.of(f.message()),
                                d.ruleIds().contains(rule.id())));
            } else {
                verdicts.add(
                        new RuleVerdict(
                                rule,
                                rule.matches(request.call().tool(), request.element())
                                        ? RuleVerdict.Verdict.CONDITION_FALSE
                                        : RuleVerdict.Verdict.NOT_MATCHED,
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                false));
            }
        }
        return new Explanation(used.name(), used.version(), d, verdicts);
    }

    private CelPolicyGate gateOf(String version) {
        if (version.equals(store.currentVersion())) {
            return current;
        }
        synchronized (others) {
            CelPolicyGate kept = others.get(version);
            if (kept != null) {
                return kept;
            }
            PolicyStore.Version v =
                    store.version(version)
                            .orElseThrow(
                                    () ->
                                            new IllegalArgumentException(
                                                    "no policy version '"
                                                            + version
                                                            + "' is kept; kept: "
                                                            + store.versions().stream()
                                                                    .map(
                                                                            PolicyStore.Version
                                                                                    ::version)
                                                                    .toList()));
            CelPolicyGate gate = CelPolicyGate.fromText(v.name(), v.text(), roles);
            others.put(version, gate);
            return gate;
        }
    }
}
