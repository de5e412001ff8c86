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
 * @param dispatches engineer visits that started
 * @param dispatchesToHealthy the visits to elements that had no fault, in time order
 * @param slaStatements every enterprise slice's SLA for every billing month the run touched, by
 *     month then slice
 */
public record RunOutcome(
        List<Failure> failures,
        double customerImpactMinutes,
        Map<String, Double> impactByCause,
        double opsCostGbp,
        Map<String, Double> costByKind,
        Map<String, Double> creditByCustomer,
        int dispatches,
        List<Visit> dispatchesToHealthy,
        List<SlaStatement> slaStatements) {

    public RunOutcome {
        failures = List.copyOf(failures);
        impactByCause = Map.copyOf(impactByCause);
        costByKind = Map.copyOf(costByKind);
        creditByCustomer = Map.copyOf(creditByCustomer);
        dispatchesToHealthy = List.copyOf(dispatchesToHealthy);
        slaStatements = List.copyOf(slaStatements);
    }

    public record Failure(ElementId element, Instant at, String cause) {}

    /** An engineer's visit: when the job started on site, who, which job. */
    public record Visit(ElementId element, Instant at, String engineerId, String jobId) {}

    /** Engineer visits to elements that had no fault. */
    public int falseDispatches() {
        return dispatchesToHealthy.size();
    }

    public double slaCreditGbp() {
        return creditByCustomer.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The credits the SLA statements say are due, summed. */
    public double slaCreditDueGbp() {
        return slaStatements.stream().mapToDouble(SlaStatement::creditDueGbp).sum();
    }
}
