package dev.autonoc.evals.report;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.simulators.FaultTruth;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** Run reports made by hand, for the scoring and report tests. */
final class Runs {

    private Runs() {}

    static RunMetrics metrics(double impact) {
        return new RunMetrics(0, 1, impact, 750.0, 0.0, 0, 0, 1, 6, OptionalDouble.of(2870.0));
    }

    static RunReport passed(String scenario, long seed, String planner, double impact) {
        return RunReport.measured(
                scenario, seed, planner, List.of(), metrics(impact), List.of(), 1.25);
    }

    static RunReport failed(String scenario, long seed, String planner, double impact) {
        return RunReport.measured(
                scenario,
                seed,
                planner,
                List.of(new Violation("max_failures", 0, 1)),
                metrics(impact),
                List.of(),
                1.25);
    }

    /** A fan wearing on core-rtr-02 from day 2, replaced on day 3 before it failed. */
    static FaultTruth preventedFanWear() {
        return new FaultTruth(
                ElementId.of("core-rtr-02"),
                FailureMode.FAN_WEAR,
                Instant.parse("2025-01-07T00:00:00Z"),
                Instant.parse("2025-01-11T00:00:00Z"),
                Optional.empty(),
                Optional.of(Instant.parse("2025-01-08T11:00:00Z")));
    }
}
