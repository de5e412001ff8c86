package dev.autonoc.predictor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Model;
import org.tribuo.Trainer;

/**
 * A saved model is rebuilt from its Tribuo provenance: the trainers recovered from the model files
 * (not from the code's defaults), the seed and settings recorded in {@code model.json}, trained on
 * the same data, predict the same.
 */
class ProvenanceRebuildTest {

    /** Not the defaults, so a rebuild that fell back on them would predict differently. */
    static final PredictorTrainer.Settings SETTINGS =
            new PredictorTrainer.Settings(3.0, 0.25, 3, Duration.ofHours(2), 2, 5, 0.9);

    static final long SEED = 7;

    static TrainingSet set;
    static ModelBundle original;

    @TempDir static Path dir;

    @BeforeAll
    static void train() {
        set = SyntheticModels.set(3_000_000L, 5);
        original = PredictorTrainer.train(set, SEED, SETTINGS);
    }

    @Test
    void a_saved_bundle_rebuilt_from_its_provenance_predicts_the_same() throws IOException {
        original.save(dir);
        ModelBundle loaded = ModelBundle.load(dir);

        ModelBundle rebuilt = PredictorTrainer.rebuild(loaded, set);

        assertThat(rebuilt.threshold()).isEqualTo(original.threshold());
        assertThat(rebuilt.calibration().orElseThrow().slope())
                .isEqualTo(original.calibration().orElseThrow().slope());
        assertThat(rebuilt.training()).isEqualTo(original.training());
        List<TrainingSet.Row> rows = SyntheticModels.heldOut().rows();
        int compared = 0;
        for (int i = 0; i < rows.size(); i += 101) {
            TrainingSet.Row row = rows.get(i);
            double[] raw = Scorer.toDouble(row.features());
            Scorer.Score before = original.scorer(row.family()).orElseThrow().score(raw);
            Scorer.Score after = rebuilt.scorer(row.family()).orElseThrow().score(raw);
            assertThat(after.rawScore()).isEqualTo(before.rawScore());
            assertThat(after.probability()).isEqualTo(before.probability());
            assertThat(after.mode()).isEqualTo(before.mode());
            assertThat(after.timeToFailure()).isEqualTo(before.timeToFailure());
            compared++;
        }
        assertThat(compared).isGreaterThan(100);
    }

    @Test
    void each_model_is_retrained_by_the_trainer_its_provenance_records() {
        ModelBundle rebuilt = PredictorTrainer.rebuild(original, set);
        for (Family family : Family.values()) {
            FamilyModel before = original.family(family).orElseThrow();
            FamilyModel after = rebuilt.family(family).orElseThrow();
            assertThat(after.failure.getProvenance().getTrainerProvenance())
                    .isEqualTo(before.failure.getProvenance().getTrainerProvenance());
            assertThat(after.ttf.keySet()).isEqualTo(before.ttf.keySet());
            before.ttf.forEach(
                    (mode, model) ->
                            assertThat(after.ttf.get(mode).getProvenance().getTrainerProvenance())
                                    .isEqualTo(model.getProvenance().getTrainerProvenance()));
        }
    }

    @Test
    void the_recovered_trainer_has_the_recorded_settings_not_the_defaults() {
        Model<?> failure = original.family(Family.NODE).orElseThrow().failure;
        Trainer<?> recovered = TrainerProvenances.trainer(failure);
        String described = recovered.getProvenance().toString();
        assertThat(described).contains("LinearSGDTrainer").contains("epochs=3");
        assertThat(recovered.getProvenance())
                .isEqualTo(failure.getProvenance().getTrainerProvenance());
        assertThat(TrainerProvenances.invocationCount(failure)).isZero();
        assertThat(original.training())
                .containsEntry("epochs", 3)
                .containsEntry("ttf_tree_depth", 5)
                .containsEntry("negatives_per_positive", 3.0);
    }

    @Test
    void a_bundle_without_a_recorded_seed_cannot_be_rebuilt() {
        ModelBundle noSeed =
                new ModelBundle(
                        original.families(),
                        original.horizon(),
                        original.threshold(),
                        original.persistence(),
                        "tribuo-lr",
                        Map.of(),
                        Map.of());
        assertThatThrownBy(() -> PredictorTrainer.rebuild(noSeed, set))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seed");
    }
}
