package dev.autonoc.evals.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The default model and the oracle live on one held-out metro run (seed 2,000,101), scored on the
 * same rows; and the report made of them.
 */
class OracleComparisonTest {

    /**
     * Runs at a steady pace: the oracle reads the latent level and not its pace, so where a fault
     * speeds up the same level means less time left, which the model's slopes see and the oracle
     * cannot; on runs with speedups it is no upper bound seed by seed (model evaluate reports
     * both).
     */
    static final TrainingDataGenerator.Settings DATA =
            TrainingDataGenerator.Settings.defaults().withSpeedupShare(0);

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
    void the_default_model_serves_calibrated_probabilities_and_alarms_on_the_same_bar() {
        assertThat(bundle.calibration()).as("the default model's calibration").isPresent();
        PredictorEvaluation m = comparison.model();
        assertThat(m.threshold()).isEqualTo(bundle.calibratedThreshold());
        assertThat(comparison.oracleAtModelThreshold().threshold())
                .isEqualTo(bundle.calibratedThreshold());
        double[] served = comparison.modelScores();
        double[] raw = comparison.rawScores();
        assertThat(raw).hasSameSizeAs(served);
        for (int i = 0; i < raw.length; i += 97) {
            assertThat(served[i]).isEqualTo(bundle.calibrate(raw[i]));
        }
    }

    @Test
    void the_report_shows_the_served_calibration_beside_fresh_fits_on_calibration_runs()
            throws IOException {
        List<Long> calSeeds = List.of(ModelTraining.FIRST_EVALUATION_SEED + 1);
        PredictorEvaluation.Accumulator rows = ModelTraining.liveScores(bundle, calSeeds, DATA);
        CalibrationCheck check =
                CalibrationCheck.of(bundle.calibration(), rows, calSeeds, comparison);

        assertThat(check.before().name()).isEqualTo("raw");
        assertThat(check.results())
                .extracting(CalibrationCheck.Result::name)
                .containsExactly("stored", "platt", "isotonic");
        CalibrationCheck.Result stored = check.results().get(0);
        // the stored map on the raw scores is exactly what the predictor served
        assertThat(stored.brier()).isCloseTo(comparison.model().brier(), within(1e-12));
        assertThat(stored.brier()).isLessThan(check.before().brier());

        ModelReport report = new ModelReport(bundle, comparison, ORACLE_SEEDS, Optional.of(check));
        Map<String, Object> json = report.json();
        assertThat(json)
                .containsEntry("threshold", bundle.threshold())
                .containsEntry(
                        "threshold_as_probability", ModelReport.round(bundle.calibratedThreshold()))
                .containsKeys("served_calibration", "calibration_check");
        assertThat(json.get("served_calibration").toString()).contains("method=platt");
        assertThat(report.text())
                .contains("probabilities calibrated (Platt", "calibration check", "stored");
        report.write(dir);
        String html = Files.readString(dir.resolve("model-report.html"));
        // reliability: model, oracle, then raw, stored, platt, isotonic; two histograms
        assertThat(html.split("<svg", -1)).hasSize(9);
        assertThat(html).contains("reliability curve, model, stored", "Brier");
        assertThat(Files.readString(dir.resolve("model-report.json")))
                .contains("\"calibration_check\"", "\"served_calibration\"");
    }

    @Test
    void calibrate_fits_platt_on_live_calibration_runs_and_records_where(@TempDir Path out)
            throws IOException {
        ModelBundle raw = bundle.withoutCalibration();
        List<Long> calSeeds = List.of(ModelTraining.FIRST_EVALUATION_SEED + 1);
        ModelBundle calibrated = ModelTraining.calibrate(raw, calSeeds, DATA);

        assertThat(calibrated.version()).isNotEqualTo(raw.version());
        assertThat(calibrated.threshold()).isEqualTo(raw.threshold());
        assertThat(calibrated.calibration().orElseThrow().slope()).isPositive();
        // the raw score runs high (negatives subsampled 4:1 in training)
        assertThat(calibrated.calibratedThreshold()).isLessThan(raw.threshold());
        calibrated.save(out);
        assertThat(ModelBundle.load(out).version()).isEqualTo(calibrated.version());
        assertThat(Files.readString(out.resolve("model.json")))
                .contains(
                        "\"fitted_on\" : \"live scores of held-out calibration runs\"",
                        "\"fitted_on_seeds\" : [ " + calSeeds.get(0) + " ]",
                        "\"brier_calibrated_on_fit_rows\"",
                        "\"ttf_intervals\"",
                        "\"residuals_per_mode\"");
    }

    @Test
    void the_report_states_the_time_to_failure_ratio_and_interval_coverage_and_the_outage_slice() {
        PredictorEvaluation m = comparison.model();
        assertThat(m.faultsWarned()).isPositive();
        assertThat(m.ttfIntervalCoverage()).isBetween(0.0, 1.0);
        assertThat(comparison.oracle().ttfIntervalCoverage()).isBetween(0.0, 1.0);
        assertThat(m.nearOutageElementDays())
                .as("the test run has failures: their neighbours form the slice")
                .isPositive()
                .isLessThan(m.healthyElementDays());
        Map<String, Object> figures = m.figures();
        assertThat(figures)
                .containsKeys(
                        "median_ttf_ratio",
                        "ttf_interval_coverage",
                        "false_alarms_near_outage",
                        "near_outage_element_days");
        String text = new ModelReport(bundle, comparison, ORACLE_SEEDS).text();
        assertThat(text)
                .contains(
                        "truth inside the 80 % interval",
                        "within 2 hops of an outage", "time-to-failure estimate / truth, median");
    }

    @Test
    void a_sweep_gives_the_live_figures_of_each_threshold() {
        List<Long> seeds = List.of(ModelTraining.FIRST_EVALUATION_SEED + 2);
        List<ModelTraining.SweepPoint> points =
                ModelTraining.sweep(bundle, List.of(0.5, bundle.threshold()), seeds, DATA);
        assertThat(points).hasSize(2);
        PredictorEvaluation atBundle = ModelTraining.evaluate(bundle, seeds, DATA);
        assertThat(points.get(1).figures().faultsWarned()).isEqualTo(atBundle.faultsWarned());
        assertThat(points.get(1).figures().falseAlarms()).isEqualTo(atBundle.falseAlarms());
        assertThat(points.get(0).figures().faultsWarned())
                .as("a lower bar warns at least as many")
                .isGreaterThanOrEqualTo(points.get(1).figures().faultsWarned());
        assertThat(points.get(0).probability()).isLessThan(points.get(1).probability());
    }

    @Test
    void model_sweep_refuses_a_threshold_that_is_not_a_raw_score() {
        StringWriter err = new StringWriter();
        CommandLine cli = AutonocCli.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("model", "sweep", "--thresholds", "0.5,1.5")).isEqualTo(2);
        assertThat(err.toString()).contains("1.5 is not a raw score");
        assertThat(cli.execute("model", "sweep", "--seeds", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--seeds must be 1 to 100");
    }

    @Test
    void model_calibrate_refuses_seeds_that_overlap_the_test_seeds_and_needs_an_out_folder() {
        StringWriter err = new StringWriter();
        CommandLine cli = AutonocCli.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("model", "calibrate", "--seeds", "101", "--out", dir.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--seeds must be 1 to 100");
        assertThat(cli.execute("model", "calibrate")).isEqualTo(2);
        assertThat(err.toString()).contains("--out");
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
