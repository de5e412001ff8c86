package dev.autonoc.predictor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trained bundle carries a Platt calibration fitted on its validation runs; the probabilities it
 * serves are calibrated, its alarms are the ones the raw score gives at the raw threshold.
 */
class CalibratedBundleTest {

    @TempDir Path dir;

    @Test
    void the_trainer_fits_platt_scaling_on_its_validation_runs_and_stores_it() throws IOException {
        ModelBundle bundle = SyntheticModels.bundle();
        Calibration c = bundle.calibration().orElseThrow();
        assertThat(c.method()).isEqualTo(Calibration.Method.PLATT);
        assertThat(c.slope()).isPositive();
        // trained on negatives subsampled 4:1, the raw score runs high: the calibrated bar is lower
        assertThat(bundle.calibratedThreshold())
                .isLessThan(bundle.threshold())
                .isCloseTo(c.apply(bundle.threshold()), within(1e-15));
        bundle.save(dir);
        String json = Files.readString(dir.resolve("model.json"));
        assertThat(json)
                .contains("\"calibration\"", "\"method\" : \"platt\"", "\"slope\"", "\"intercept\"")
                .contains("\"fitted_on\" : \"validation runs' rows\"");
        @SuppressWarnings("unchecked")
        List<Long> validationRuns = (List<Long>) bundle.training().get("validation_runs");
        assertThat(ModelBundle.load(dir).calibration().orElseThrow().fittedRows())
                .isEqualTo(
                        SyntheticModels.set(1_000_000L, 10).runs(validationRuns::contains).size());
    }

    @Test
    void calibrated_probabilities_score_better_on_unseen_runs_and_leave_ranking_and_alarms_alone() {
        ModelBundle calibrated = SyntheticModels.bundle();
        ModelBundle raw = calibrated.withoutCalibration();
        PredictorEvaluation withCal = PredictorEvaluation.of(calibrated, SyntheticModels.heldOut());
        PredictorEvaluation without = PredictorEvaluation.of(raw, SyntheticModels.heldOut());

        assertThat(withCal.brier()).isLessThan(without.brier());
        assertThat(withCal.auc()).isCloseTo(without.auc(), within(1e-9));
        assertThat(withCal.faultsWarned()).isEqualTo(without.faultsWarned());
        assertThat(withCal.leadTimesHours()).isEqualTo(without.leadTimesHours());
        assertThat(withCal.falseAlarms()).isEqualTo(without.falseAlarms());
        assertThat(withCal.threshold()).isEqualTo(calibrated.calibratedThreshold());
        assertThat(without.threshold()).isEqualTo(raw.threshold());
    }

    @Test
    void the_served_probability_is_the_calibrated_raw_score() {
        ModelBundle bundle = SyntheticModels.bundle();
        Calibration c = bundle.calibration().orElseThrow();
        List<TrainingSet.Row> rows = SyntheticModels.heldOut().rows();
        for (int i = 0; i < rows.size(); i += 499) {
            Scorer.Score s =
                    bundle.scorer(rows.get(i).family())
                            .orElseThrow()
                            .score(Scorer.toDouble(rows.get(i).features()));
            assertThat(s.probability()).isEqualTo(c.apply(s.rawScore()));
        }
    }

    @Test
    void calibration_is_part_of_the_version_and_survives_saving() throws IOException {
        ModelBundle bundle = SyntheticModels.bundle();
        assertThat(bundle.withoutCalibration().version()).isNotEqualTo(bundle.version());
        bundle.save(dir);
        ModelBundle loaded = ModelBundle.load(dir);
        assertThat(loaded.version()).isEqualTo(bundle.version());
        assertThat(loaded.calibration().orElseThrow().slope())
                .isEqualTo(bundle.calibration().orElseThrow().slope());
        assertThat(loaded.calibratedThreshold()).isEqualTo(bundle.calibratedThreshold());
    }

    @Test
    void an_altered_calibration_is_refused_at_load() throws IOException {
        String json = savedManifest();
        loadRefusedWith(json.replaceFirst("\"slope\" : [0-9.E-]+", "\"slope\" : 1.5"))
                .hasMessageContaining("altered");
    }

    @Test
    void an_unsupported_or_order_breaking_calibration_is_refused_with_what_is_accepted()
            throws IOException {
        String json = savedManifest();
        loadRefusedWith(json.replace("\"method\" : \"platt\"", "\"method\" : \"iso\""))
                .hasMessageContaining("iso")
                .hasMessageContaining("platt");
        loadRefusedWith(json.replaceFirst("\"slope\" : [0-9.E-]+", "\"slope\" : -1.0"))
                .hasMessageContaining("positive slope");
        assertThatThrownBy(
                        () ->
                                SyntheticModels.bundle()
                                        .withCalibration(
                                                Calibration.fit(
                                                        Calibration.Method.ISOTONIC,
                                                        new double[] {0.1, 0.9},
                                                        new boolean[] {false, true}),
                                                Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Platt");
    }

    @Test
    void a_bundle_of_an_older_or_newer_format_is_refused_with_what_to_do() throws IOException {
        SyntheticModels.bundle().save(dir);
        Path manifest = dir.resolve("model.json");
        String json = Files.readString(manifest);
        assertThat(json).contains("\"format\" : 3");
        Files.writeString(manifest, json.replace("\"format\" : 3", "\"format\" : 2"));
        assertThatThrownBy(() -> ModelBundle.load(dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("model format 2 is not supported")
                .hasMessageContaining("retrain");
        Files.writeString(manifest, json.replace("\"format\" : 3", "\"format\" : 4"));
        assertThatThrownBy(() -> ModelBundle.load(dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("this build reads format 3");
        Files.writeString(manifest, json);
        assertThat(ModelBundle.load(dir).version()).isEqualTo(SyntheticModels.bundle().version());
    }

    /** Saves the synthetic calibrated bundle to {@link #dir}; its {@code model.json}. */
    private String savedManifest() throws IOException {
        SyntheticModels.bundle().save(dir);
        return Files.readString(dir.resolve("model.json"));
    }

    /**
     * Loading the bundle in {@link #dir} with {@code manifest} as its {@code model.json}: refused.
     */
    private AbstractThrowableAssert<?, ? extends Throwable> loadRefusedWith(String manifest)
            throws IOException {
        Files.writeString(dir.resolve("model.json"), manifest);
        return assertThatThrownBy(() -> ModelBundle.load(dir)).isInstanceOf(IOException.class);
    }
}
