package dev.autonoc.evals.report;

import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
 * @param cost what the priced consultations' tokens cost, in {@code currency}, to a millionth
 * @param currency the prices' currency; empty when no consultation was priced ("not priced": the
 *     cost is then 0 and means nothing)
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
        int steeredPlans,
        BigDecimal cost,
        Optional<String> currency) {

    public static final ModelUse NONE =
            new ModelUse(0, 0, 0, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO, Optional.empty());

    public ModelUse {
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(currency, "currency");
    }

    /** The cost, if any consultation was priced. */
    public Optional<BigDecimal> pricedCost() {
        return currency.map(c -> cost);
    }

    /** The cost as people read it: {@code 0.012345 USD}, or {@code not priced}. */
    public String costInWords() {
        return currency.map(c -> cost.stripTrailingZeros().toPlainString() + " " + c)
                .orElse("not priced");
    }

    /**
     * This and {@code o}, added up.
     *
     * @throws IllegalArgumentException when the two were priced in different currencies
     */
    public ModelUse plus(ModelUse o) {
        if (currency.isPresent() && o.currency.isPresent() && !currency.equals(o.currency)) {
            throw new IllegalArgumentException(
                    "model costs in "
                            + currency.get()
                            + " and "
                            + o.currency.get()
                            + " cannot be added up");
        }
        return new ModelUse(
                consultations + o.consultations,
                adopted + o.adopted,
                fellBack + o.fellBack,
                failed + o.failed,
                inputTokens + o.inputTokens,
                outputTokens + o.outputTokens,
                latencyMillis + o.latencyMillis,
                invalidToolCalls + o.invalidToolCalls,
                steeredPlans + o.steeredPlans,
                cost.add(o.cost),
                currency.or(() -> o.currency));
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
                e.payload().get("steered") instanceof List<?> s && !s.isEmpty() ? 1 : 0,
                e.payload().get("cost") instanceof Number cost
                        ? new BigDecimal(cost.toString())
                        : BigDecimal.ZERO,
                e.payload().get("cost") instanceof Number
                        ? TrailFields.text(e, "currency")
                        : Optional.empty());
    }
}
