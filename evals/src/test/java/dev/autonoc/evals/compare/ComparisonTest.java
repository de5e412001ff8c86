package dev.autonoc.evals.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.evals.report.EvalReport;
import dev.autonoc.evals.report.ReportWriter;
import dev.autonoc.evals.report.RunMetrics;
import dev.autonoc.evals.report.RunReport;
import dev.autonoc.evals.report.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ComparisonTest {

    @TempDir Path dir;

    private static RunReport run(String scenario, long seed, double impact, boolean passed) {
        RunMetrics m =
                new RunMetrics(
                        passed ? 0 : 1,
                        passed ? 1 : 0,
                        impact,
                        1000,
                        0,
                        0,
                        0,
                        1,
                        6,
                        OptionalDouble.empty());
        return RunReport.measured(
                scenario,
                seed,
                "playbook",
                passed ? List.of() : List.of(new Violation("max_failures", 0, 1)),
                m,
                List.of(),
                1.0);
    }

    /** Writes a report of scenario "a" with these impacts per seed (1, 2, 3), all passed. */
    private Path report(String name, double... impacts) throws IOException {
        List<RunReport> runs = new ArrayList<>();
        for (int i = 0; i < impacts.length; i++) {
            runs.add(run("a", i + 1, impacts[i], true));
        }
        return write(name, runs);
    }

    private Path write(String name, List<RunReport> runs) throws IOException {
        Path file = dir.resolve(name + ".json");
        Files.writeString(
                file,
                ReportWriter.json(new EvalReport(List.of("playbook"), 3, runs, List.of(), 1.0)));
        return file;
    }

    private Comparison compare(Path base, Path next) {
        return Comparison.of(
                EvalResults.read(base), EvalResults.read(next), Comparison.defaultGates());
    }

    @Test
    void the_same_results_are_equal() throws IOException {
        Comparison c = compare(report("base", 100, 120, 110), report("new", 100, 120, 110));
        assertThat(c.verdict()).isEqualTo(Comparison.Verdict.EQUAL);
        assertThat(c.differences()).isEmpty();
        assertThat(ComparisonText.markdown(c)).contains("Verdict: equal.");
    }

    @Test
    void a_gated_metric_worse_beyond_the_seeds_spread_is_a_regression_naming_its_seeds()
            throws IOException {
        Comparison c = compare(report("base", 100, 120, 110), report("new", 300, 320, 121));
        assertThat(c.verdict()).isEqualTo(Comparison.Verdict.REGRESSION);
        Comparison.Difference d = c.differences().get(0);
        assertThat(d.metric()).isEqualTo("customer_impact_minutes");
        assertThat(d.worse()).isTrue();
        assertThat(d.beyondSpread()).as("best new 121 > worst base 120").isTrue();
        assertThat(d.regression()).isTrue();
        assertThat(d.seeds()).extracting(Comparison.SeedValue::seed).containsExactly(1L, 2L, 3L);
        String md = ComparisonText.markdown(c);
        assertThat(md)
                .contains("Verdict: regression")
                .contains("| a | playbook | customer_impact_minutes |")
                .contains("1: 100 → 300");
    }

    @Test
    void worse_within_the_seeds_spread_is_listed_but_not_a_regression() throws IOException {
        // the mean rises, but the best new seed (100) is no worse than the worst base seed (150)
        Comparison c = compare(report("base", 100, 150, 110), report("new", 100, 150, 200));
        assertThat(c.verdict()).isEqualTo(Comparison.Verdict.CHANGED);
        Comparison.Difference d = c.differences().get(0);
        assertThat(d.worse()).isTrue();
        assertThat(d.beyondSpread()).isFalse();
        assertThat(d.seeds()).extracting(Comparison.SeedValue::seed).containsExactly(3L);
    }

    @Test
    void a_run_that_passed_and_now_fails_is_a_regression_whatever_the_spread() throws IOException {
        Path base = write("base", List.of(run("a", 1, 0, true), run("a", 2, 0, true)));
        Path next = write("new", List.of(run("a", 1, 0, true), run("a", 2, 0, false)));
        Comparison c = compare(base, next);
        assertThat(c.verdict()).isEqualTo(Comparison.Verdict.REGRESSION);
        assertThat(c.passChanges())
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.seed()).isEqualTo(2);
                            assertThat(p.nowPasses()).isFalse();
                            assertThat(p.violations())
                                    .containsExactly("max_failures: expected 0, measured 1");
                        });
        JsonNode json = JsonMapper.builder().build().readTree(ComparisonText.json(c));
        assertThat(json.get("verdict").asString()).isEqualTo("regression");
        assertThat(json.get("pass_changes").get(0).get("seed").asLong()).isEqualTo(2);
        assertThat(json.get("pass_hat").get("playbook").get("base").get("1").asDouble())
                .isEqualTo(1.0);
        assertThat(json.get("pass_hat").get("playbook").get("new").get("1").asDouble())
                .isEqualTo(0.5);
    }

    @Test
    void an_ungated_metric_worse_beyond_the_spread_is_reported_and_gates_only_when_asked()
            throws IOException {
        Path base = write("base", List.of(tools("a", 1, 6), tools("a", 2, 6)));
        Path next = write("new", List.of(tools("a", 1, 9), tools("a", 2, 9)));
        Comparison byDefault = compare(base, next);
        assertThat(byDefault.verdict()).isEqualTo(Comparison.Verdict.CHANGED);
        assertThat(byDefault.differences())
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.metric()).isEqualTo("tool_calls");
                            assertThat(d.beyondSpread()).isTrue();
                            assertThat(d.regression()).isFalse();
                        });
        Comparison gated =
                Comparison.of(
                        EvalResults.read(base), EvalResults.read(next), Comparison.allMetrics());
        assertThat(gated.verdict()).isEqualTo(Comparison.Verdict.REGRESSION);
    }

    @Test
    void better_beyond_the_spread_is_an_improvement() throws IOException {
        Comparison c = compare(report("base", 300, 320), report("new", 100, 120));
        assertThat(c.verdict()).isEqualTo(Comparison.Verdict.CHANGED);
        assertThat(c.improvements()).isEqualTo(1);
        assertThat(ComparisonText.markdown(c)).contains("## Better");
    }

    @Test
    void scenarios_run_on_one_side_only_are_listed() throws IOException {
        Path base = write("base", List.of(run("a", 1, 0, true), run("b", 1, 0, true)));
        Path next = write("new", List.of(run("a", 1, 0, true), run("c", 1, 0, true)));
        Comparison c = compare(base, next);
        assertThat(c.onlyInBase()).containsExactly(new Comparison.Group("b", "playbook"));
        assertThat(c.onlyInNew()).containsExactly(new Comparison.Group("c", "playbook"));
        assertThat(c.verdict()).isEqualTo(Comparison.Verdict.CHANGED);
    }

    @Test
    void a_file_that_is_not_an_eval_report_is_refused_by_name() throws IOException {
        Path notJson = Files.writeString(dir.resolve("x.json"), "{nope");
        Path other = Files.writeString(dir.resolve("y.json"), "{\"a\": 1}");
        assertThatThrownBy(() -> EvalResults.read(notJson))
                .hasMessageContaining(notJson + " is not JSON");
        assertThatThrownBy(() -> EvalResults.read(other))
                .hasMessageContaining(other + " is not an eval report");
        assertThatThrownBy(() -> EvalResults.read(dir.resolve("missing.json")))
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> EvalResults.read(dir))
                .hasMessageContaining("is a folder without a report.json");
        Path base = report("base", 1);
        assertThatThrownBy(
                        () ->
                                Comparison.of(
                                        EvalResults.read(base),
                                        EvalResults.read(base),
                                        java.util.Set.of("speed")))
                .hasMessageContaining("unknown metric 'speed'");
    }

    private static RunReport tools(String scenario, long seed, int calls) {
        return RunReport.measured(
                scenario,
                seed,
                "playbook",
                List.of(),
                new RunMetrics(0, 1, 0, 1000, 0, 0, 0, 1, calls, OptionalDouble.empty()),
                List.of(),
                1.0);
    }
}
