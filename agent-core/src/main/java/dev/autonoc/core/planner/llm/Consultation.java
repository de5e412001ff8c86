package dev.autonoc.core.planner.llm;

import dev.autonoc.core.approval.Actors;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.PlanStep;
import dev.autonoc.core.plan.PlanningRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What asking the model for one plan came to: the plan, if it gave a valid one; otherwise why not;
 * what it last proposed either way; and what it cost.
 *
 * @param plan the model's plan, checked ({@link PlanCheck}); empty when it gave none
 * @param failure why there is no plan: no answer (unreachable, time-out, 429, 500, a replay that
 *     diverged), or no valid plan in its turns
 * @param proposed the last plan the model submitted, valid or not, for the ledger and the steering
 *     count
 * @param invalidToolCalls tool calls the model made that were refused: unknown tools, acting tools
 *     called directly, malformed or wrong arguments, plans that failed the check
 * @param problems what was refused, in the words the model was told
 * @param untrustedAsks the acts that outside text shown to the model asked for (tool names)
 * @param price what the model's tokens cost ({@link Price#NONE}: not priced, no cost recorded)
 */
public record Consultation(
        String model,
        Optional<Plan> plan,
        Optional<String> failure,
        List<PlanStep> proposed,
        int turns,
        long inputTokens,
        long outputTokens,
        long latencyMillis,
        int invalidToolCalls,
        List<String> problems,
        List<String> untrustedAsks,
        Price price) {

    public Consultation {
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(failure, "failure");
        proposed = List.copyOf(proposed);
        problems = List.copyOf(problems);
        untrustedAsks = List.copyOf(untrustedAsks);
        if (plan.isPresent() == failure.isPresent()) {
            throw new IllegalArgumentException("a consultation has a plan or a failure, not both");
        }
    }

    /** What the tokens of this consultation cost; empty when the model is not priced. */
    public Optional<BigDecimal> cost() {
        return price.priced()
                ? Optional.of(price.cost(inputTokens, outputTokens))
                : Optional.empty();
    }

    /** How a planner used the answer, as the ledger says it. */
    public enum Use {
        /** the model's plan was taken */
        ADOPTED,
        /** the model gave no valid plan; the playbook's was taken */
        FELL_BACK,
        /** the model gave no valid plan and there was nothing to fall back on */
        FAILED
    }

    /**
     * The ledger's record of this consultation.
     *
     * @param planner the planner that asked ({@code llm}, {@code hybrid})
     * @param askedBecause why the model was asked at all
     * @param playbook the playbook's plan for the same request, if one was made (hybrid): taken
     *     when the model's is not, shown beside the model's either way
     */
    public AuditEvent event(
            PlanningRequest request,
            String planner,
            String askedBecause,
            Use use,
            Optional<Plan> playbook) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("planner", planner);
        payload.put("model", model);
        payload.put("revision", (long) request.context().revision());
        payload.put("asked_because", askedBecause);
        payload.put("use", use.name());
        failure.ifPresent(f -> payload.put("why_not_taken", f));
        payload.put("turns", (long) turns);
        payload.put("input_tokens", inputTokens);
        payload.put("output_tokens", outputTokens);
        payload.put("latency_ms", latencyMillis);
        cost().ifPresent(
                        cost -> {
                            // absent when not priced: no made-up zero in the ledger
                            payload.put("cost", cost.doubleValue());
                            payload.put("currency", price.currency());
                            payload.put("price_per_1k_input", price.inputPer1k().doubleValue());
                            payload.put("price_per_1k_output", price.outputPer1k().doubleValue());
                        });
        payload.put("invalid_tool_calls", (long) invalidToolCalls);
        payload.put("problems", problems);
        payload.put("model_plan", steps(proposed));
        payload.put("untrusted_asks", untrustedAsks);
        payload.put(
                "steered",
                Steering.steered(
                        untrustedAsks, proposed, playbook.map(Plan::steps).orElse(List.of())));
        playbook.ifPresent(
                p -> {
                    payload.put("playbook_rationale", p.rationale());
                    payload.put("playbook_plan", steps(p.steps()));
                });
        return new AuditEvent(
                AuditEventType.MODEL_CONSULTED,
                request.caseId().value(),
                request.element().id().value(),
                Actors.AGENT,
                request.now(),
                payload);
    }

    static List<Object> steps(List<PlanStep> steps) {
        List<Object> out = new ArrayList<>();
        for (PlanStep s : steps) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("index", (long) s.index());
            step.put("tool", s.call().tool());
            step.put("arguments", s.call().arguments());
            step.put("not_before", s.notBefore().toString());
            s.undoes().ifPresent(k -> step.put("undoes", (long) k));
            step.put("purpose", s.purpose());
            out.add(step);
        }
        return out;
    }
}
