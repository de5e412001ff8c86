package dev.autonoc.simulators;

import dev.autonoc.core.network.ElementId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a run cost the operator and its customers, measured by the twin.
 *
 * @param failures elements that failed, with when
 * @param customerImpactMinutes customer-minutes of outage or SLA-breaching degradation
 * @param impactByCause the same split by cause ({@code failure}, {@code planned_work}, {@code
 *     congestion}, {@code restart})
 * @param opsCostGbp parts, expediting, call-outs, overtime
 * @param costByKind the same split by kind ({@code parts}, {@code expedite}, {@code callout},
 *     {@code overtime})
 * @param creditByCustomer SLA credits paid, per customer id
 * @param falseDispatches engineer visits to elements that had no fault
 */
public record RunOutcome(
        List<Failure> failures,
        double customerImpactMinutes,
        Map<String, Double> impactByCause,
        double opsCostGbp,
        Map<String, Double> costByKind,
        Map<String, Double> creditByCustomer,
        int dispatches,
        int falseDispatches) {

    public record Failure(ElementId element, Instant at, String cause) {}

    public double slaCreditGbp() {
        return creditByCustomer.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
