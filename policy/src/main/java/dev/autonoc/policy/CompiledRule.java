package dev.autonoc.policy;

import dev.autonoc.core.policy.Effect;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Optional;

/**
 * One rule of a loaded policy, with its condition compiled.
 *
 * @param condition empty when the rule has none (it fires whenever it matches)
 * @param direct the condition compiled to Java ({@link DirectExpressions}), asked first; {@link
 *     DirectExpressions#CEL_ONLY} when some part of it is left to CEL
 * @param role the approver's role, with REQUIRE_APPROVAL only
 * @param retry whether a DENY of this rule, or a person's refusal of an approval it asked for, is
 *     for good or of the moment ({@link PolicyRule.Retry}); {@code NEVER} for ALLOW
 * @param endsWithTheDay whether its condition reads nothing of the moment but the guards' counts of
 *     the day ({@link PolicyExpressions#readsOnlyTheDaysCounts}): a denial of it is over at the
 *     next UTC midnight
 * @param line where the rule starts in its file
 */
record CompiledRule(
        String id,
        String description,
        RuleMatch match,
        String conditionSource,
        Optional<CelRuntime.Program> condition,
        DirectExpressions.Direct direct,
        Effect effect,
        Optional<String> role,
        MessageTemplate message,
        PolicyRule.Retry retry,
        boolean endsWithTheDay,
        int line) {

    /**
     * Evaluates the condition. An evaluation error, or a result that is not a boolean, makes the
     * rule fire as DENY with the error as its reason: a rule that cannot be evaluated never lets an
     * action through (fail closed).
     */
    Optional<FiredRule> fire(Activation variables) {
        if (condition.isPresent()) {
            Object result = DirectExpressions.evalOrFallback(direct, variables);
            if (result == DirectExpressions.FALLBACK) {
                try {
                    result = condition.get().eval(variables);
                } catch (CelEvaluationException | RuntimeException e) {
                    return Optional.of(failed(e.getMessage()));
                }
            }
            if (!(result instanceof Boolean b)) {
                return Optional.of(
                        failed("the condition gave " + Values.format(result) + ", not a boolean"));
            }
            if (!b) {
                return Optional.empty();
            }
        }
        return Optional.of(new FiredRule(id, effect, role, message.render(variables), false));
    }

    /** The rule as its file wrote it, for people to read. */
    PolicyRule written() {
        return new PolicyRule(
                id,
                description,
                match.written(),
                condition.isPresent() ? Optional.of(conditionSource) : Optional.empty(),
                effect,
                role,
                message.source(),
                effect == Effect.ALLOW ? Optional.empty() : Optional.of(retry),
                line);
    }

    /** Whether the condition is compiled to Java (or absent); false when CEL evaluates it. */
    boolean conditionIsDirect() {
        return condition.isEmpty() || direct != DirectExpressions.CEL_ONLY;
    }

    /** The same rule with its condition and message evaluated by CEL alone: for tests. */
    CompiledRule celOnly() {
        return new CompiledRule(
                id,
                description,
                match,
                conditionSource,
                condition,
                DirectExpressions.CEL_ONLY,
                effect,
                role,
                message.celOnly(),
                retry,
                endsWithTheDay,
                line);
    }

    private FiredRule failed(String error) {
        return new FiredRule(
                id,
                Effect.DENY,
                Optional.empty(),
                "rule "
                        + id
                        + " could not be evaluated ("
                        + error
                        + "); counted as DENY (fail closed)",
                true);
    }
}
