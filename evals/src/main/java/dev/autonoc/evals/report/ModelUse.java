package dev.autonoc.evals.report;

import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import java.util.List;

/**
 * What a run's planner asked of a language model, counted from the trail's {@code MODEL_CONSULTED}
 * events (docs/llm-planner.md): how often, with what result, at what cost in tokens and time, how
 * many tool calls the model got wrong, and how many of its plans did what outside text asked for
 * (steered plans, counted apart from policy violations: the gate may well have stopped them).
 *
 * @param consultations times the model was asked for a plan
 * @param adopted of those, plans of the model that were taken
 * @param fellBack of those, times the playbook's plan stood instead
 * @param failed of those, times there was no plan at all
 * @param latencyMillis the model's time, summed over every answer
 * @param invalidToolCalls tool calls the model made that were refused (unknown or acting tools,
 *     malformed or wrong arguments, plans that failed the check)
 * @param steeredPlans consultations whose proposed plan did an act outside text asked for and the
 *     playbook's plan did not
 */
public record ModelUse(
        int consultations,
        int adopted,
        int fellBack,
        int failed,
        long inputTokens,
        long outputTokens,
        long latencyMillis,
        int invalidToolCalls,
        int steeredPlans) {

    public static final ModelUse NONE = new ModelUse(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** This and {@code o}, added up. */
    public ModelUse plus(ModelUse o) {
        return new ModelUse(
                consultations + o.consultations,
                adopted + o.adopted,
                fellBack + o.fellBack,
                failed + o.failed,
                inputTokens + o.inputTokens,
                outputTokens + o.outputTokens,
                latencyMillis + o.latencyMillis,
                invalidToolCalls + o.invalidToolCalls,
                steeredPlans + o.steeredPlans);
    }

    /** One consultation's figures, from its event. */
    static ModelUse of(AuditEvent e) {
        if (e.type() != AuditEventType.MODEL_CONSULTED) {
            return NONE;
        }
        String use = TrailFields.text(e, "use").orElse("");
        return new ModelUse(
                1,
                use.equals("ADOPTED") ? 1 : 0,
                use.equals("FELL_BACK") ? 1 : 0,
                use.equals("FAILED") ? 1 : 0,
                TrailFields.number(e, "input_tokens").orElse(0),
                TrailFields.number(e, "output_tokens").orElse(0),
                TrailFields.number(e, "latency_ms").orElse(0),
                (int) TrailFields.number(e, "invalid_tool_calls").orElse(0),
                e.payload().get("steered") instanceof List<?> s && !s.isEmpty() ? 1 : 0);
    }
}
