package dev.autonoc.evals.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.evals.TestPaths;
import dev.autonoc.evals.report.EvalReport;
import dev.autonoc.evals.report.RunReport;
import dev.autonoc.evals.scenario.Scenario;
import dev.autonoc.evals.scenario.ScenarioLoader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The gate fuzzer: random well-formed plans from the catalogue, over library scenarios and seeds.
 * Whatever the plans propose, nothing acts without leave: the gate, not the planner, keeps the
 * safety properties. (The big run, the whole library over many seeds, is a benchmark figure in
 * docs/benchmarks.md.)
 */
class ChaosPlannerTest {

    @Test
    void random_plans_over_scenarios_and_seeds_break_no_policy_and_act_unapproved_never() {
        List<Scenario> scenarios =
                ScenarioLoader.loadPaths(
                        List.of(
                                TestPaths.ownScenarios().resolve("untrusted-customer-message.yaml"),
                                TestPaths.exampleScenarios().resolve("fan-wear-core-router.yaml"),
                                TestPaths.ownScenarios()
                                        .resolve("fan-wear-supervisor-signs-orders.yaml")));
        EvalReport report =
                new EvalRunner(
                                new EvalRunner.Options(
                                        List.of(PlannerName.CHAOS), 3, 2, false, Optional.empty()))
                        .run(scenarios);

        assertThat(report.runs()).hasSize(9);
        assertThat(report.runs())
                .allSatisfy(
                        r -> {
                            assertThat(r.metrics()).as(r.violations().toString()).isPresent();
                            assertThat(r.metrics().get().policyViolations()).isZero();
                            assertThat(r.violations())
                                    .noneMatch(v -> v.toString().contains("policy"));
                        });
        // the plans did reach the gate: it judged, and denied or sent some for approval
        assertThat(
                        report.runs().stream()
                                .map(RunReport::metrics)
                                .mapToInt(m -> m.get().conduct().deniedProposals()))
                .anySatisfy(d -> assertThat(d).isPositive());
    }
}
