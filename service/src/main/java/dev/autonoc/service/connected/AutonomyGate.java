package dev.autonoc.service.connected;

import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.policy.Effect;
import dev.autonoc.core.policy.ForwardingPolicyGate;
import dev.autonoc.core.policy.PolicyGate;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.service.shadow.ShadowReports;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The operator's autonomy levels over the policy gate (TM Forum's autonomous-network levels, the
 * issue's item 6): per tool and element group, {@code observe} (predict and plan, execute nothing:
 * shadow mode), {@code propose} (every act waits for a person) or {@code auto} (the policy
 * decides). The level only narrows what the policy says: {@code propose} turns an ALLOW into a
 * request for an operator's approval, {@code observe} turns an ALLOW or an approval request into a
 * DENY that says what the policy would have done; a DENY stays a DENY. The decision keeps the
 * policy's rule ids and reasons and adds the level's own ({@value #PROPOSE_RULE}, {@value
 * #OBSERVE_RULE}), so the ledger shows what the agent would have done and why it did not.
 */
final class AutonomyGate extends ForwardingPolicyGate {

    static final String PROPOSE_RULE = "autonomy-propose";
    // the shadow-mode report reads the ledger by it
    static final String OBSERVE_RULE = ShadowReports.OBSERVE_RULE;

    private final AutonomyLevels levels;

    AutonomyGate(PolicyGate policy, AutonomyLevels levels) {
        super(policy);
        this.levels = Objects.requireNonNull(levels, "levels");
    }

    @Override
    public Decision evaluate(ActionRequest request) {
        Decision decided = delegate().evaluate(request);
        AutonomyLevels.Level level = levels.levelFor(request.call().tool(), request.element());
        if (level == AutonomyLevels.Level.AUTO || decided.effect() == Effect.DENY) {
            return decided;
        }
        List<String> rules = new ArrayList<>(decided.ruleIds());
        List<String> reasons = new ArrayList<>(decided.reasons());
        if (level == AutonomyLevels.Level.PROPOSE) {
            if (decided.effect() != Effect.ALLOW) {
                return decided;
            }
            rules.add(PROPOSE_RULE);
            reasons.add(
                    "autonomy level propose for "
                            + request.call().tool()
                            + " on "
                            + request.element().id()
                            + ": the policy allows it, a person decides");
            return new Decision(
                            decided.decisionId(),
                            Effect.REQUIRE_APPROVAL,
                            java.util.Optional.of(RoleHierarchy.NOC_OPERATOR),
                            rules,
                            reasons,
                            decided.policyVersion())
                    .withContext(decided.context());
        }
        rules.add(OBSERVE_RULE);
        reasons.add(
                "autonomy level observe (shadow mode) for "
                        + request.call().tool()
                        + " on "
                        + request.element().id()
                        + ": the policy would have "
                        + (decided.effect() == Effect.ALLOW
                                ? "allowed it"
                                : "asked "
                                        + decided.requiredRole().orElse("a person")
                                        + " to approve it")
                        + "; nothing is executed");
        return Decision.deny(decided.decisionId(), rules, reasons, decided.policyVersion())
                .withContext(decided.context());
    }

    @Override
    public void recordExecution(ActionRequest request, ToolResult result) {
        delegate().recordExecution(request, result);
    }

    @Override
    public Runnable recordExecutionDeferred(ActionRequest request, ToolResult result) {
        return delegate().recordExecutionDeferred(request, result);
    }
}
