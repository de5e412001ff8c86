package dev.autonoc.evals.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.evals.cli.AutonocCli;
import dev.autonoc.predictor.LatentOracle;
import dev.autonoc.predictor.ModelBundle;
import dev.autonoc.predictor.PredictorEvaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The default model and the oracle live on one held-out metro run (seed 2,000,101), scored on the
 * same rows; and the report made of them.
 */
class OracleComparisonTest {

    static final TrainingDataGenerator.Settings DATA = TrainingDataGenerator.Settings.defaults();
    static final List<Long> ORACLE_SEEDS = ModelTraining.trainingSeeds(8);

    static ModelBundle bundle;
    static LatentOracle oracle;
    static ModelTraining.Comparison comparison;

    @TempDir Path dir;

    @BeforeAll
    static void run() {
        bundle = ModelBundle.loadDefault();
        oracle = ModelTraining.fitOracle(ORACLE_SEEDS, DATA);
        comparison =
                ModelTraining.compareWithOracle(
                        bundle, oracle, List.of(ModelTraining.FIRST_TEST_SEED + 1), DATA);
    }

    @Test
    void test_seeds_start_after_the_seeds_that_picked_the_threshold() {
        assertThat(ModelTraining.testSeeds(3)).containsExactly(2_000_100L, 2_000_101L, 2_000_102L);
        assertThat(ModelTraining.FIRST_TEST_SEED)
                .isGreaterThanOrEqualTo(ModelTraining.FIRST_EVALUATION_SEED + 100);
    }

    @Test
    void model_and_oracle_are_scored_on_the_same_rows_and_faults() {
        PredictorEvaluation m = comparison.model();
        PredictorEvaluation o = comparison.oracle();
        assertThat(m.rows()).isPositive().isEqualTo(o.rows());
        assertThat(m.positives()).isPositive().isEqualTo(o.positives());
        assertThat(m.faults()).isPositive().isEqualTo(o.faults());
        assertThat(m.healthyElementDays()).isEqualTo(o.healthyElementDays());
        assertThat(comparison.oracleAtModelThreshold().rows()).isEqualTo(m.rows());
    }

    @Test
    void the_oracle_ranks_at_least_as_well_as_the_model_and_never_alarms_a_healthy_element() {
        PredictorEvaluation m = comparison.model();
        PredictorEvaluation o = comparison.oracle();
        assertThat(o.auc()).isGreaterThanOrEqualTo(m.auc());
        assertThat(o.brier()).isLessThanOrEqualTo(m.brier());
        assertThat(o.falseAlarms()).isZero();
        assertThat(o.faultsWarned()).isGreaterThanOrEqualTo(m.faultsWarned());
        assertThat(o.medianLeadHours()).isGreaterThan(m.medianLeadHours());
    }

    @Test
    void the_reliability_curves_cover_every_scored_row() {
        long modelRows =
                comparison.modelReliability().stream()
                        .mapToLong(PredictorEvaluation.ReliabilityBin::rows)
                        .sum();
        long oracleRows =
                comparison.oracleReliability().stream()
                        .mapToLong(PredictorEvaluation.ReliabilityBin::rows)
                        .sum();
        assertThat(modelRows).isEqualTo(comparison.model().rows());
        assertThat(oracleRows).isEqualTo(comparison.oracle().rows());
    }

    @Test
    void the_report_puts_the_oracle_beside_the_model_in_json_and_text() {
        ModelReport report = new ModelReport(bundle, comparison, ORACLE_SEEDS);
        Map<String, Object> json = report.json();
        assertThat(json)
                .containsEntry("model", bundle.version())
                .containsKeys("figures", "oracle", "auc_gap_to_oracle", "seeds");
        @SuppressWarnings("unchecked")
        Map<String, Object> figures = (Map<String, Object>) json.get("figures");
        assertThat(figures)
                .containsKeys(
                        "auc",
                        "brier",
                        "faults_warned",
                        "lead_times_hours",
                        "lead_time_histogram",
                        "false_alarms_per_10k_element_days",
                        "reliability");
        @SuppressWarnings("unchecked")
        Map<String, Object> oracleJson = (Map<String, Object>) json.get("oracle");
        assertThat(oracleJson).containsKeys("fitted_on_seeds", "figures", "at_model_threshold");
        assertThat(report.text())
                .contains("AUC", "Brier", "false alarms / 10,000", "lead time median", "oracle");
    }

    @Test
    void the_html_page_draws_its_charts_inline_and_loads_nothing_from_outside() throws IOException {
        ModelReport report = new ModelReport(bundle, comparison, ORACLE_SEEDS);
        report.write(dir);
        String html = Files.readString(dir.resolve("model-report.html"));
        assertThat(html).contains("<table>", "reliability curve", "lead-time histogram");
        assertThat(html.split("<svg", -1)).hasSize(5); // two reliability curves, two histograms
        assertThat(html).doesNotContain("<script", "<link", "src=", "url(", "@import", "href=");
        assertThat(Files.readString(dir.resolve("model-report.json")))
                .contains("\"auc_gap_to_oracle\"");
    }

    @Test
    void the_lead_time_histogram_counts_every_warned_fault_once() {
        List<Map<String, Object>> bins = ModelReport.histogram(List.of(0.5, 11.9, 12.0, 50.0));
        assertThat(bins).extracting(b -> b.get("faults")).containsExactly(2, 1, 0, 0, 1);
        assertThat(bins.get(4)).containsEntry("from_hours", 48).containsEntry("to_hours", 60);
    }

    @Test
    void model_evaluate_refuses_zero_seeds() {
        StringWriter err = new StringWriter();
        CommandLine cli = AutonocCli.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("model", "evaluate", "--seeds", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--seeds");
    }
}
