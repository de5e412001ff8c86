package dev.autonoc.evals.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.evals.TestPaths;
import dev.autonoc.evals.report.EvalReport;
import dev.autonoc.evals.report.RunReport;
import dev.autonoc.evals.scenario.Scenario;
import dev.autonoc.evals.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every scenario of the library, the format's examples among them, passes with the oracle: a
 * scenario that even a perfect predictor cannot pass asks for the impossible, and is a broken
 * scenario rather than a hard one.
 */
class ScenarioLibraryTest {

    @Test
    void every_library_and_example_scenario_passes_with_the_oracle() {
        List<Path> folders = List.of(TestPaths.ownScenarios(), TestPaths.exampleScenarios());
        List<Scenario> scenarios = ScenarioLoader.loadPaths(folders);
        EvalReport report =
                new EvalRunner(
                                new EvalRunner.Options(
                                        List.of(PlannerName.ORACLE),
                                        1,
                                        Runtime.getRuntime().availableProcessors(),
                                        false,
                                        Optional.empty()))
                        .run(scenarios);
        assertThat(report.runs()).hasSameSizeAs(scenarios);
        assertThat(report.runs())
                .allSatisfy(
                        run ->
                                assertThat(run.violations())
                                        .as(run.scenario() + " seed " + run.seed())
                                        .isEmpty());
        assertThat(report.runs()).allMatch(RunReport::passed);
        // the oracle knows the faults, not the data: a case whose element the inventory
        // contradicts stops for a person under the oracle as under any predictor
        RunReport drift =
                report.runs().stream()
                        .filter(r -> r.scenario().equals("bad-data-inventory-drift"))
                        .findFirst()
                        .orElseThrow();
        assertThat(drift.metrics().orElseThrow().conduct().contradictedCases()).isEqualTo(1);
    }
}
