package dev.autonoc.core.planner.llm;

import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.plan.CaseContext;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.PlanStep;
import dev.autonoc.core.plan.PlanningRequest;
import dev.autonoc.core.tool.ToolCall;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What the model submitted, read as a plan: the JSON of its {@code submit_plan} call turned into
 * steps of the case, or refused with what is wrong in words the model can act on. Whether the plan
 * is any good (tools' arguments, the world) is {@link PlanCheck}'s to say.
 */
final class SubmittedPlan {

    private SubmittedPlan() {}

    /**
     * The plan of a {@code submit_plan} call: steps numbered on from the case's, each step's {@code
     * undoes} turned into that earlier step's registered undo, times and orderings read.
     *
     * @param tools the catalogue's tool names: a step naming another is refused
     * @param model the model's name, for the plan's rationale
     * @param version the planner's version, for the plan
     * @throws IllegalArgumentException naming the step and what is wrong with it, in words the
     *     model is told so that it can mend the plan
     */
    static Plan parse(
            PlanningRequest request,
            Map<String, Object> submitted,
            Set<String> tools,
            String model,
            String version) {
        CaseContext context = request.context();
        Object rawSteps = submitted.get("steps");
        if (!(rawSteps instanceof List<?> list)) {
            throw new IllegalArgumentException("'steps' must be a list");
        }
        int first = context.nextIndex();
        List<PlanStep> steps = new ArrayList<>();
        for (Object raw : list) {
            if (!(raw instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("each step must be an object");
            }
            int k = steps.size();
            int index = first + k;
            Instant notBefore = request.now();
            if (m.get("not_before") instanceof String s && !s.isBlank()) {
                try {
                    notBefore = Instant.parse(s);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(
                            "step "
                                    + k
                                    + ": not_before must be an ISO-8601 instant, got "
                                    + Json.clip(s));
                }
            }
            notBefore = notBefore.isBefore(request.now()) ? request.now() : notBefore;
            if (m.get("undoes") instanceof Number u) {
                StepRecord commitment =
                        context.commitments().stream()
                                .filter(c -> c.index() == u.intValue())
                                .findFirst()
                                .orElseThrow(
                                        () ->
                                                new IllegalArgumentException(
                                                        "step "
                                                                + k
                                                                + ": undoes "
                                                                + u
                                                                + ", which is not an earlier step whose effect stands"));
                if (commitment.undo().isEmpty()) {
                    throw new IllegalArgumentException(
                            "step "
                                    + k
                                    + ": step "
                                    + u
                                    + " ("
                                    + commitment.call().tool()
                                    + ") cannot be undone");
                }
                steps.add(CaseContext.undoStep(commitment, index, notBefore));
                continue;
            }
            String tool = String.valueOf(m.get("tool"));
            if (!tools.contains(tool)) {
                throw new IllegalArgumentException(
                        "step "
                                + k
                                + ": unknown tool '"
                                + Json.clip(tool)
                                + "'; known: "
                                + String.join(", ", tools.stream().sorted().toList()));
            }
            Object args = m.get("arguments");
            if (args != null && !(args instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("step " + k + ": 'arguments' must be an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> arguments = args == null ? Map.of() : (Map<String, Object>) args;
            OptionalInt after = OptionalInt.empty();
            if (m.get("after_step") instanceof Number n) {
                if (n.intValue() < 0 || n.intValue() >= k) {
                    throw new IllegalArgumentException(
                            "step "
                                    + k
                                    + ": after_step must name an earlier step of this plan (0 to "
                                    + (k - 1)
                                    + ")");
                }
                after = OptionalInt.of(first + n.intValue());
            }
            String purpose = m.get("purpose") instanceof String p ? p : "";
            steps.add(
                    new PlanStep(
                            index,
                            ToolCall.of(tool, withoutNulls(arguments)),
                            notBefore,
                            after,
                            purpose));
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("'steps' must name at least one step");
        }
        List<Integer> keeps = new ArrayList<>();
        if (submitted.get("keeps") instanceof List<?> kept) {
            for (Object o : kept) {
                if (!(o instanceof Number n)
                        || context.commitments().stream()
                                .noneMatch(c -> c.index() == n.intValue())) {
                    throw new IllegalArgumentException(
                            "keeps names "
                                    + o
                                    + ", which is not an earlier step whose effect stands");
                }
                keeps.add(n.intValue());
            }
        }
        String rationale = submitted.get("rationale") instanceof String r ? r : "";
        return new Plan(
                request.caseId(),
                LlmPlanner.NAME,
                version,
                steps,
                "model " + model + ": " + rationale,
                context.revision(),
                keeps,
                List.of(),
                List.of(),
                Optional.empty());
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> arguments) {
        Map<String, Object> out = new LinkedHashMap<>();
        arguments.forEach(
                (k, v) -> {
                    if (v != null) {
                        out.put(k, v);
                    }
                });
        return out;
    }
}
