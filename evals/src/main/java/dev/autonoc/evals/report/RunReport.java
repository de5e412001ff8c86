package dev.autonoc.evals.report;

import dev.autonoc.simulators.FaultTruth;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One run in the report.
 *
 * @param metrics empty when the run could not finish (its error is then a violation)
 * @param faults what really happened to each fault (the twin's ground truth), for people reading
 *     the report
 * @param wallSeconds how long the run took on the wall clock; the only field that differs between
 *     two runs of the same inputs
 */
public record RunReport(
        String scenario,
        long seed,
        String planner,
        boolean passed,
        List<Violation> violations,
        Optional<RunMetrics> metrics,
        List<FaultTruth> faults,
        double wallSeconds) {

    public RunReport {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(planner, "planner");
        violations = List.copyOf(violations);
        Objects.requireNonNull(metrics, "metrics");
        faults = List.copyOf(faults);
        if (passed && !violations.isEmpty()) {
            throw new IllegalArgumentException("a run with violations has not passed");
        }
    }

    /** A run measured to its end. */
    public static RunReport measured(
            String scenario,
            long seed,
            String planner,
            List<Violation> violations,
            RunMetrics metrics,
            List<FaultTruth> faults,
            double wallSeconds) {
        return new RunReport(
                scenario,
                seed,
                planner,
                violations.isEmpty(),
                violations,
                Optional.of(metrics),
                faults,
                wallSeconds);
    }

    /** A run that stopped on an error: it fails, and the error is its violation. */
    public static RunReport error(
            String scenario, long seed, String planner, String error, double wallSeconds) {
        return new RunReport(
                scenario,
                seed,
                planner,
                false,
                List.of(new Violation("error", "the run to finish", error)),
                Optional.empty(),
                List.of(),
                wallSeconds);
    }
}
