package dev.autonoc.policy;

import dev.autonoc.core.policy.Effect;
import java.util.Objects;
import java.util.Optional;

/**
 * What one rule of a policy made of one action.
 *
 * @param contributed the effect it contributed, when it fired (DENY for {@link Verdict#ERROR},
 *     whatever the rule was written with)
 * @param role the approver's role it asked for, when it fired with REQUIRE_APPROVAL
 * @param message its message with the {@code ${...}} parts filled in, or the evaluation error, when
 *     it fired
 * @param decided whether it is among the rules that produced the decision's effect (the decision's
 *     {@code ruleIds})
 */
public record RuleVerdict(
        PolicyRule rule,
        Verdict verdict,
        Optional<Effect> contributed,
        Optional<String> role,
        Optional<String> message,
        boolean decided) {

    /** How far the rule got with the action. */
    public enum Verdict {
        /** Another tool, element kind or region than the rule's match names. */
        NOT_MATCHED,
        /** It matched, and its condition was false. */
        CONDITION_FALSE,
        /** It matched, its condition held, and it contributed its effect. */
        FIRED,
        /**
         * It matched and its condition could not be evaluated: it contributed DENY (fail closed).
         */
        ERROR
    }

    public RuleVerdict {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(contributed, "contributed");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(message, "message");
        boolean fired = verdict == Verdict.FIRED || verdict == Verdict.ERROR;
        if (fired != contributed.isPresent() || fired != message.isPresent()) {
            throw new IllegalArgumentException(
                    "rule " + rule.id() + ": an effect and a message go with FIRED and ERROR only");
        }
        if (role.isPresent() && contributed.orElse(null) != Effect.REQUIRE_APPROVAL) {
            throw new IllegalArgumentException(
                    "rule " + rule.id() + ": a role goes with a contributed REQUIRE_APPROVAL only");
        }
        if (decided && !fired) {
            throw new IllegalArgumentException(
                    "rule " + rule.id() + ": only a rule that fired can have decided");
        }
    }

    /** Whether the rule contributed an effect: {@link Verdict#FIRED} or {@link Verdict#ERROR}. */
    public boolean fired() {
        return verdict == Verdict.FIRED || verdict == Verdict.ERROR;
    }
}
