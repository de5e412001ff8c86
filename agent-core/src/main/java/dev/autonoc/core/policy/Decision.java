package dev.autonoc.core.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The gate's answer for one action.
 *
 * @param decisionId unique per evaluation, named in the audit trail
 * @param requiredRole the role that may approve, with REQUIRE_APPROVAL
 * @param ruleIds the rules that decided it (for the default deny: none)
 * @param reasons the rules' messages, in words
 * @param policyVersion the content hash of the policy in force
 * @param context what the gate read besides the request itself, for the decision log: a JSON-like
 *     tree (String, Double or Long, Boolean, List, Map with String keys), for instance the guards'
 *     counters at the request's time; empty for a gate that reads nothing else
 */
public record Decision(
        String decisionId,
        Effect effect,
        Optional<String> requiredRole,
        List<String> ruleIds,
        List<String> reasons,
        String policyVersion,
        Map<String, Object> context) {

    /** A decision with no context: the gate read nothing besides the request. */
    public Decision(
            String decisionId,
            Effect effect,
            Optional<String> requiredRole,
            List<String> ruleIds,
            List<String> reasons,
            String policyVersion) {
        this(decisionId, effect, requiredRole, ruleIds, reasons, policyVersion, Map.of());
    }

    public Decision {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(requiredRole, "requiredRole");
        Objects.requireNonNull(policyVersion, "policyVersion");
        ruleIds = List.copyOf(ruleIds);
        reasons = List.copyOf(reasons);
        context = Map.copyOf(context);
        if (effect == Effect.REQUIRE_APPROVAL && requiredRole.isEmpty()) {
            throw new IllegalArgumentException("REQUIRE_APPROVAL names the role that may approve");
        }
    }

    public static Decision allow(
            String id, List<String> ruleIds, List<String> reasons, String version) {
        return new Decision(id, Effect.ALLOW, Optional.empty(), ruleIds, reasons, version);
    }

    public static Decision requireApproval(
            String id, String role, List<String> ruleIds, List<String> reasons, String version) {
        return new Decision(
                id, Effect.REQUIRE_APPROVAL, Optional.of(role), ruleIds, reasons, version);
    }

    public static Decision deny(
            String id, List<String> ruleIds, List<String> reasons, String version) {
        return new Decision(id, Effect.DENY, Optional.empty(), ruleIds, reasons, version);
    }

    /** The same decision with {@code context}: what the gate read besides the request. */
    public Decision withContext(Map<String, Object> context) {
        return new Decision(
                decisionId, effect, requiredRole, ruleIds, reasons, policyVersion, context);
    }

    public boolean allowed() {
        return effect == Effect.ALLOW;
    }
}
