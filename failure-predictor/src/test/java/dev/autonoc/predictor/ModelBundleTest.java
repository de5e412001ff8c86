package dev.autonoc.predictor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Model;
import org.tribuo.classification.sgd.linear.LinearSGDModel;

class ModelBundleTest {

    @TempDir Path dir;

    @Test
    void a_saved_bundle_loads_with_the_same_version_and_gives_the_same_predictions()
            throws IOException {
        ModelBundle bundle = SyntheticModels.bundle();
        bundle.save(dir);
        ModelBundle loaded = ModelBundle.load(dir);

        assertThat(loaded.version()).isEqualTo(bundle.version());
        assertThat(loaded.threshold()).isEqualTo(bundle.threshold());
        assertThat(loaded.horizon()).isEqualTo(bundle.horizon());
        List<TrainingSet.Row> rows = SyntheticModels.heldOut().rows();
        for (int i = 0; i < rows.size(); i += 997) {
            TrainingSet.Row row = rows.get(i);
            double[] raw = Scorer.toDouble(row.features());
            Scorer.Score before =
                    new Scorer(bundle.family(row.family()).get(), bundle.horizon()).score(raw);
            Scorer.Score after =
                    new Scorer(loaded.family(row.family()).get(), loaded.horizon()).score(raw);
            assertThat(after.probability()).isEqualTo(before.probability());
            assertThat(after.mode()).isEqualTo(before.mode());
            assertThat(after.timeToFailure()).isEqualTo(before.timeToFailure());
            assertThat(after.contributions()).containsExactly(before.contributions());
        }
    }

    @Test
    void every_saved_model_carries_its_tribuo_provenance_with_trainer_seed_and_data()
            throws IOException {
        ModelBundle bundle = SyntheticModels.bundle();
        bundle.save(dir);

        Model<?> failure = Model.deserializeFromFile(dir.resolve("node-failure.tribuo"));
        assertThat(failure).isInstanceOf(LinearSGDModel.class);
        assertThat(failure.getProvenance().getTrainerProvenance().toString())
                .contains("LinearSGDTrainer")
                .contains("seed");
        assertThat(failure.getProvenance().getDatasetProvenance().toString())
                .contains("autonoc twin runs");
        assertThat(Files.readString(dir.resolve("node-failure.provenance.txt")))
                .contains("LogMulticlass");
        assertThat(bundle.provenance()).containsKeys("node-failure.tribuo", "link-failure.tribuo");
        assertThat(Files.readString(dir.resolve("model.json")))
                .contains("\"version\" : \"" + bundle.version() + "\"")
                .contains("\"validation_runs\"")
                .contains("\"auc\"");
    }

    @Test
    void a_bundle_altered_after_saving_is_refused_at_load() throws IOException {
        ModelBundle bundle = SyntheticModels.bundle();
        bundle.save(dir);
        Path manifest = dir.resolve("model.json");
        String json = Files.readString(manifest);
        Files.writeString(
                manifest, json.replaceFirst("\"threshold\" : [0-9.]+", "\"threshold\" : 0.01"));

        assertThatThrownBy(() -> ModelBundle.load(dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("altered");
    }

    @Test
    void a_directory_without_a_bundle_is_refused_with_what_is_missing() {
        assertThatThrownBy(() -> ModelBundle.load(dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("model.json");
    }

    @Test
    void the_checked_in_default_model_loads_from_the_classpath_and_is_small() throws IOException {
        ModelBundle bundle = ModelBundle.loadDefault();
        assertThat(bundle.version()).startsWith("tribuo-lr-");
        assertThat(bundle.horizon()).hasHours(48);
        assertThat(bundle.family(Family.NODE)).isPresent();
        assertThat(bundle.family(Family.LINK)).isPresent();
        Path saved = dir.resolve("copy");
        bundle.save(saved);
        long bytes;
        try (var files = Files.list(saved)) {
            bytes = files.mapToLong(p -> p.toFile().length()).sum();
        }
        assertThat(bytes).isLessThan(1_000_000);
    }
}
