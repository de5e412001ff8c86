package dev.autonoc.evals.report;

import dev.autonoc.simulators.FaultTruth;
import dev.autonoc.simulators.RunTruth;
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
 * @param truth the twin's ground truth and outcome, written to {@code truth/} beside the report
 *     ({@link TruthFile}); empty when the run could not finish
 * @param telemetry what the faulted elements showed, for the report's timeline; empty when nothing
 *     was recorded
 */
public record RunReport(
        String scenario,
        long seed,
        String planner,
        boolean passed,
        List<Violation> violations,
        Optional<RunMetrics> metrics,
        List<FaultTruth> faults,
        double wallSeconds,
        Optional<RunTruth> truth,
        Optional<RunTelemetry> telemetry) {

    public RunReport {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(telemetry, "telemetry");
        Objects.requireNonNull(planner, "planner");
        violations = List.copyOf(violations);
        Objects.requireNonNull(metrics, "metrics");
        faults = List.copyOf(faults);
        if (passed && !violations.isEmpty()) {
            throw new IllegalArgumentException("a run with violations has not passed");
        }
    }

    /** A run measured to its end, without the twin's truth (no truth file is written for it). */
    public static RunReport measured(
            String scenario,
            long seed,
            String planner,
            List<Violation> violations,
            RunMetrics metrics,
            List<FaultTruth> faults,
            double wallSeconds) {
        return finished(
                scenario,
                seed,
                planner,
                violations,
                metrics,
                faults,
                wallSeconds,
                Optional.empty());
    }

    /** A run measured to its end, with the twin's truth for the export. */
    public static RunReport measured(
            String scenario,
            long seed,
            String planner,
            List<Violation> violations,
            RunMetrics metrics,
            RunTruth truth,
            double wallSeconds) {
        return finished(
                scenario,
                seed,
                planner,
                violations,
                metrics,
                truth.faults(),
                wallSeconds,
                Optional.of(truth));
    }

    /** A run that finished: it passed when nothing was violated. */
    private static RunReport finished(
            String scenario,
            long seed,
            String planner,
            List<Violation> violations,
            RunMetrics metrics,
            List<FaultTruth> faults,
            double wallSeconds,
            Optional<RunTruth> truth) {
        return new RunReport(
                scenario,
                seed,
                planner,
                violations.isEmpty(),
                violations,
                Optional.of(metrics),
                faults,
                wallSeconds,
                truth,
                Optional.empty());
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
                wallSeconds,
                Optional.empty(),
                Optional.empty());
    }

    /** The same run with what its faulted elements showed. */
    public RunReport withTelemetry(RunTelemetry recorded) {
        return new RunReport(
                scenario,
                seed,
                planner,
                passed,
                violations,
                metrics,
                faults,
                wallSeconds,
                truth,
                Optional.of(recorded));
    }
}
