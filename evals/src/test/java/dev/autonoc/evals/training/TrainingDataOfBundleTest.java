package dev.autonoc.evals.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.predictor.ModelBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a bundle says of its training runs, and the runs calibration makes again from it. */
class TrainingDataOfBundleTest {

    private final ModelBundle checkedIn = ModelBundle.loadDefault();

    @Test
    void the_checked_in_model_was_trained_on_runs_whose_faults_speed_up_one_in_five() {
        assertThat(checkedIn.training()).containsEntry("speedup_share", 0.2);
        assertThat(ModelTraining.dataOf(checkedIn))
                .isEqualTo(TrainingDataGenerator.Settings.defaults().withSpeedupShare(0.2));
    }

    @Test
    void the_recorded_share_is_what_more_runs_of_the_same_kind_draw() {
        ModelBundle steady = checkedIn.withTrainingData(Map.of("speedup_share", 0.0));

        assertThat(ModelTraining.dataOf(steady).speedupShare()).isZero();
        // the same models predict: the version stays, and what the trainer recorded is kept
        assertThat(steady.version()).isEqualTo(checkedIn.version());
        Map<String, Object> recorded = new LinkedHashMap<>(checkedIn.training());
        recorded.remove("speedup_share");
        assertThat(steady.training()).containsAllEntriesOf(recorded);
    }

    @Test
    void a_bundle_saved_before_the_share_was_recorded_was_trained_at_a_steady_pace(
            @TempDir Path dir) throws IOException {
        checkedIn.save(dir);
        Path json = dir.resolve("model.json");
        String text = Files.readString(json);
        String older = text.replaceAll(",\\s*\"speedup_share\"\\s*:\\s*0\\.2", "");
        assertThat(older).as("the share's entry was taken out").isNotEqualTo(text);
        Files.writeString(json, older);

        ModelBundle loaded = ModelBundle.load(dir);

        assertThat(loaded.training()).doesNotContainKey("speedup_share");
        assertThat(ModelTraining.dataOf(loaded))
                .isEqualTo(TrainingDataGenerator.Settings.defaults().withSpeedupShare(0.0));
    }
}
