package dev.autonoc.evals.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.predictor.ModelBundle;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a bundle says of its training runs, and the runs calibration makes again from it. */
class TrainingDataOfBundleTest {

    private final ModelBundle checkedIn = ModelBundle.loadDefault();

    @Test
    void a_bundle_that_records_no_share_was_trained_at_a_steady_pace() {
        assertThat(checkedIn.training()).doesNotContainKey("speedup_share");
        assertThat(ModelTraining.dataOf(checkedIn))
                .isEqualTo(TrainingDataGenerator.Settings.defaults().withSpeedupShare(0.0));
    }

    @Test
    void the_recorded_share_is_what_more_runs_of_the_same_kind_draw() {
        ModelBundle fast = checkedIn.withTrainingData(Map.of("speedup_share", 0.2));

        assertThat(ModelTraining.dataOf(fast).speedupShare()).isEqualTo(0.2);
        assertThat(ModelTraining.dataOf(fast))
                .isEqualTo(TrainingDataGenerator.Settings.defaults().withSpeedupShare(0.2));
        // the same models predict: the version stays, and what the trainer recorded is kept
        assertThat(fast.version()).isEqualTo(checkedIn.version());
        assertThat(fast.training()).containsAllEntriesOf(checkedIn.training());
    }
}
