package dev.autonoc.evals.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.evals.report.ReportWriter;
import dev.autonoc.evals.run.EvalRunner;
import dev.autonoc.evals.run.PlannerName;
import dev.autonoc.evals.scenario.Scenario;
import dev.autonoc.evals.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code autonoc eval compare} on real runs: a planner that skips its engineer's visit is found as
 * a regression, and two runs of the same build are equal.
 */
class EvalCompareCommandTest {

    private static final String SCENARIO =
            """
            id: fan-wear-for-compare
            description: A core router's fan wears out; the engineer's visit mends it.
            seed: 5
            duration: P6D
            network:
              preset: metro
            faults:
              - element: core-rtr-01
                mode: FAN_WEAR
                onset: P1D
                time_to_failure: P3DT12H
            expect:
              max_failures: 0
              failures_prevented: [core-rtr-01]
            """;

    @TempDir static Path dir;

    private static Path base;
    private static Path again;
    private static Path worse;

    @BeforeAll
    static void runTheSameBuildTwiceAndAWorsenedPlannerOnce() throws IOException {
        Path file = Files.writeString(dir.resolve("fan-wear-for-compare.yaml"), SCENARIO);
        List<Scenario> scenarios = List.of(ScenarioLoader.load(file));
        base = eval(scenarios, UnaryOperator.identity(), "base");
        again = eval(scenarios, UnaryOperator.identity(), "again");
        worse = eval(scenarios, p -> new SkipsOneStep(p, "dispatch_engineer"), "worse");
    }

    private static Path eval(
            List<Scenario> scenarios,
            UnaryOperator<dev.autonoc.core.plan.Planner> variant,
            String name)
            throws IOException {
        EvalRunner runner =
                new EvalRunner(
                                new EvalRunner.Options(
                                        List.of(PlannerName.ORACLE), 2, 2, false, Optional.empty()))
                        .withPlannerVariant(variant);
        Path out = dir.resolve(name);
        ReportWriter.write(runner.run(scenarios), out);
        return out.resolve(ReportWriter.JSON_FILE);
    }

    @Test
    void a_planner_that_skips_a_step_is_a_regression_and_the_exit_code_says_so()
            throws IOException {
        InProcessCli cli = InProcessCli.lastRunOnly();
        int code =
                cli.run(
                        "eval",
                        "compare",
                        base.toString(),
                        worse.toString(),
                        "--out",
                        dir.resolve("cmp").toString());
        assertThat(code).as(cli.out() + cli.err()).isEqualTo(1);
        assertThat(cli.out())
                .contains("Verdict: regression")
                .contains("## Runs that passed in BASE and fail in NEW")
                .contains("**fan-wear-for-compare** oracle seed 5")
                .contains("**fan-wear-for-compare** oracle seed 6")
                .contains("| fan-wear-for-compare | oracle | failures |");
        JsonNode json =
                JsonMapper.builder()
                        .build()
                        .readTree(Files.readString(dir.resolve("cmp/compare.json")));
        assertThat(json.get("verdict").asString()).isEqualTo("regression");
        assertThat(json.get("pass_changes")).hasSize(2);
        JsonNode failures = null;
        for (JsonNode d : json.get("differences")) {
            if (d.get("metric").asString().equals("failures")) {
                failures = d;
            }
        }
        assertThat(failures).isNotNull();
        assertThat(failures.get("direction").asString()).isEqualTo("worse");
        assertThat(failures.get("beyond_spread").asBoolean()).isTrue();
        assertThat(failures.get("regression").asBoolean()).isTrue();
        assertThat(failures.get("seeds")).hasSize(2);
        assertThat(dir.resolve("cmp/compare.md")).exists();
    }

    @Test
    void two_runs_of_the_same_build_are_equal_and_exit_0() {
        InProcessCli cli = InProcessCli.lastRunOnly();
        assertThat(cli.run("eval", "compare", base.toString(), again.toString()))
                .as(cli.err())
                .isZero();
        assertThat(cli.out()).contains("Verdict: equal.");
        assertThat(
                        cli.run(
                                "eval",
                                "compare",
                                "--json",
                                base.getParent().toString(),
                                again.getParent().toString()))
                .isZero();
        assertThat(cli.out()).contains("\"verdict\" : \"equal\"");
    }

    @Test
    void the_worsened_planner_against_the_base_the_other_way_round_is_an_improvement() {
        InProcessCli cli = InProcessCli.lastRunOnly();
        assertThat(cli.run("eval", "compare", worse.toString(), base.toString()))
                .as(cli.err())
                .isZero();
        assertThat(cli.out())
                .contains("Verdict: changed, no regression")
                .contains("## Runs that failed in BASE and pass in NEW");
    }

    @Test
    void bad_input_exits_2_with_one_line_naming_the_file() {
        InProcessCli cli = InProcessCli.lastRunOnly();
        assertThat(cli.run("eval", "compare", base.toString(), dir.resolve("nope.json").toString()))
                .isEqualTo(2);
        assertThat(cli.err().strip())
                .startsWith("autonoc eval compare: no such file")
                .doesNotContain("\n");
        assertThat(cli.run("eval", "compare", base.toString(), again.toString(), "--gate", "speed"))
                .isEqualTo(2);
        assertThat(cli.err()).contains("--gate: unknown metric 'speed'; known: failures,");
    }
}
