package dev.autonoc.service.policy;

import java.util.Optional;

/**
 * What one rule of the policy made of an action.
 *
 * @param verdict {@code NOT_MATCHED} (another tool, kind or region), {@code CONDITION_FALSE},
 *     {@code FIRED}, or {@code ERROR} (its condition could not be evaluated: counted as DENY)
 * @param contributed the effect it contributed when it fired
 * @param message its message with the numbers filled in, when it fired
 * @param decided whether it is among the rules that produced the decision's effect
 */
public record RuleVerdict(
        PolicyRule rule,
        Verdict verdict,
        Optional<String> contributed,
        Optional<String> role,
        Optional<String> message,
        boolean decided) {

    public enum Verdict {
        NOT_MATCHED,
        CONDITION_FALSE,
        FIRED,
        ERROR
    }
}
