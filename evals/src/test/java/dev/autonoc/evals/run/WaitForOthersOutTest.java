package dev.autonoc.evals.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.evals.TestPaths;
import dev.autonoc.evals.report.EvalReport;
import dev.autonoc.evals.report.RunMetrics;
import dev.autonoc.evals.report.RunReport;
import dev.autonoc.evals.scenario.Scenario;
import dev.autonoc.evals.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two library scenarios found at fresh seeds (session 20), through the real loop, twin and gate: a
 * core router that lost its other path to another repair's drain in the same hours. Before, its
 * work went ahead with the traffic on (360,360 customer-minutes each); now its repair waits for the
 * other element to be back, and moves its traffic off for the work.
 */
class WaitForOthersOutTest {

    @org.junit.jupiter.api.io.TempDir Path dir;

    @ParameterizedTest
    @ValueSource(
            strings = {"core-twin-back-as-the-work-begins", "neighbour-drained-in-the-same-hour"})
    void a_core_router_without_its_other_path_waits_for_it_and_is_mended_with_its_traffic_off(
            String id) throws IOException {
        Scenario scenario = ScenarioLoader.load(TestPaths.ownScenarios().resolve(id + ".yaml"));
        EvalReport report =
                new EvalRunner(
                                new EvalRunner.Options(
                                        List.of(PlannerName.PLAYBOOK),
                                        1,
                                        1,
                                        false,
                                        Optional.of(dir)))
                        .run(List.of(scenario));

        RunReport run = report.runs().get(0);
        RunMetrics m = run.metrics().orElseThrow();
        assertThat(m.failures()).isZero();
        assertThat(m.customerImpactMinutes())
                .as("no work with the traffic on")
                .isLessThanOrEqualTo(100.0);
        assertThat(run.passed()).isTrue();
        String trail =
                Files.readString(dir.resolve(id + "__playbook__" + scenario.seed(0) + ".jsonl"));
        assertThat(trail)
                .contains("has no other path for its traffic while other elements are out")
                .contains("the repair waits for them");
    }
}
