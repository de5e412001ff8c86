package dev.autonoc.policy;

import dev.autonoc.core.policy.Effect;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import java.util.Optional;

/**
 * One rule of a loaded policy, with its condition compiled.
 *
 * @param condition empty when the rule has none (it fires whenever it matches)
 * @param role the approver's role, with REQUIRE_APPROVAL only
 * @param line where the rule starts in its file
 */
record CompiledRule(
        String id,
        String description,
        RuleMatch match,
        String conditionSource,
        Optional<CelRuntime.Program> condition,
        Effect effect,
        Optional<String> role,
        MessageTemplate message,
        int line) {

    /**
     * Evaluates the condition. An evaluation error, or a result that is not a boolean, makes the
     * rule fire as DENY with the error as its reason: a rule that cannot be evaluated never lets an
     * action through (fail closed).
     */
    Optional<FiredRule> fire(CelVariableResolver variables) {
        if (condition.isPresent()) {
            Object result;
            try {
                result = condition.get().eval(variables);
            } catch (CelEvaluationException | RuntimeException e) {
                return Optional.of(failed(e.getMessage()));
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
