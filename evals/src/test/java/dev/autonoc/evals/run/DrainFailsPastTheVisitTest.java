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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's {@code core-drain-fails-past-the-visit} through the real loop, twin and gate: the
 * drain before the booked work keeps failing past the visit, the engineer replaces the supply
 * anyway, and the drain is given up (its last try timed out) while the job is under way (the
 * oracle, which books sooner) or after it is done (the playbook). Both must see that the job stands
 * or was done: one visit, the traffic back on the mended router, no second engineer. Before, the
 * playbook sent a second engineer to the mended router, and the oracle one beside the engineer on
 * site.
 */
class DrainFailsPastTheVisitTest {

    @TempDir Path dir;

    @Test
    void the_work_done_while_its_drain_kept_failing_is_finished_with_no_second_visit()
            throws IOException {
        Scenario scenario =
                ScenarioLoader.load(
                        TestPaths.ownScenarios().resolve("core-drain-fails-past-the-visit.yaml"));
        EvalReport report =
                new EvalRunner(
                                new EvalRunner.Options(
                                        List.of(PlannerName.PLAYBOOK, PlannerName.ORACLE),
                                        1,
                                        2,
                                        false,
                                        Optional.of(dir)))
                        .run(List.of(scenario));

        assertThat(report.runs()).hasSize(2);
        for (RunReport run : report.runs()) {
            RunMetrics m = run.metrics().orElseThrow();
            assertThat(m.falseDispatches()).as(run.planner()).isZero();
            assertThat(m.failures()).as(run.planner()).isZero();
            assertThat(m.opsCostGbp()).as(run.planner()).isEqualTo(1200.0);
            assertThat(run.violations()).as(run.planner()).isEmpty();
            assertThat(run.passed()).as(run.planner()).isTrue();
            List<String> trail =
                    Files.readAllLines(
                            dir.resolve(
                                    scenario.id()
                                            + "__"
                                            + run.planner()
                                            + "__"
                                            + scenario.seed(0)
                                            + ".jsonl"));
            assertThat(trail.stream().filter(l -> isAct(l, "dispatch_engineer")))
                    .as(run.planner() + ": one visit booked")
                    .hasSize(1);
            assertThat(trail.stream().filter(l -> isAct(l, "reroute_traffic")))
                    .as(run.planner() + ": the drain was tried and given up")
                    .hasSizeGreaterThanOrEqualTo(6);
        }
        String playbook =
                Files.readString(
                        dir.resolve(scenario.id() + "__playbook__" + scenario.seed(0) + ".jsonl"));
        assertThat(playbook)
                .as("the playbook asked the workforce system, and planned on its answer")
                .contains("\"state\":\"completed\"")
                .contains("no second visit: the traffic goes back and the ticket is closed");
    }

    /** Whether a trail line is a call of the act {@code tool}. */
    private static boolean isAct(String line, String tool) {
        return line.contains("\"type\":\"TOOL_CALL\"")
                && line.contains("\"tool\":\"" + tool + "\"")
                && line.contains("\"tool_kind\":\"ACT\"");
    }
}
