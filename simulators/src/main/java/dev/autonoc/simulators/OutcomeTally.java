package dev.autonoc.simulators;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run did and cost, as it goes: the failures, the engineer visits (and those to elements
 * with nothing wrong), the operating cost by kind, the SLA credits applied; with the impact from
 * {@link ImpactMeter} and the SLA statements, the {@link RunOutcome}.
 */
final class OutcomeTally {

    private final Topology topology;
    private final Map<String, Double> cost = new LinkedHashMap<>();
    private final List<RunOutcome.Failure> failures = new ArrayList<>();
    private int dispatches;
    private final List<RunOutcome.Visit> falseDispatches = new ArrayList<>();
    private final Map<String, Double> credits = new LinkedHashMap<>();

    OutcomeTally(Topology topology) {
        this.topology = topology;
        for (String kind : World.COST_KINDS) {
            cost.put(kind, 0.0);
        }
    }

    void failed(FaultRun f, Instant at) {
        failures.add(
                new RunOutcome.Failure(topology.element(f.element).id(), at, f.mode.symptom()));
    }

    /** An engineer's visit started; {@code faulty} whether the element had an active fault. */
    void dispatched(Workforce.Job job, boolean faulty, Instant at) {
        dispatches++;
        if (!faulty) {
            falseDispatches.add(
                    new RunOutcome.Visit(
                            topology.element(job.element).id(), at, job.engineer.id, job.id));
        }
    }

    void addCost(String kind, double gbp) {
        cost.merge(kind, gbp, Double::sum);
    }

    /** An SLA credit applied to a customer's bill. */
    void credit(String customerId, double gbp) {
        credits.merge(customerId, gbp, Double::sum);
    }

    /** The outcome, with the impact by cause (indexed as {@link World#CAUSES}). */
    RunOutcome outcome(double[] impactByCause, List<SlaStatement> statements) {
        Map<String, Double> byCause = new LinkedHashMap<>();
        double total = 0.0;
        for (int c = 0; c < World.CAUSES.size(); c++) {
            byCause.put(World.CAUSES.get(c), impactByCause[c]);
            total += impactByCause[c];
        }
        double ops = cost.values().stream().mapToDouble(Double::doubleValue).sum();
        return new RunOutcome(
                List.copyOf(failures),
                total,
                Map.copyOf(byCause),
                ops,
                Map.copyOf(cost),
                Map.copyOf(credits),
                dispatches,
                List.copyOf(falseDispatches),
                statements);
    }
}
