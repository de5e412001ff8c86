package dev.autonoc.evals.report;

import java.util.List;
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
}
