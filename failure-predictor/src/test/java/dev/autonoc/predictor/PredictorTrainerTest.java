package dev.autonoc.predictor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PredictorTrainerTest {

    @Test
    void
            a_model_trained_on_synthetic_runs_separates_failing_from_healthy_elements_on_unseen_runs() {
        ModelBundle bundle = SyntheticModels.bundle();
        PredictorEvaluation eval = PredictorEvaluation.of(bundle, SyntheticModels.heldOut());
        System.out.println(eval.summary());
        System.out.println(bundle.evaluation());
        assertThat(eval.auc()).isGreaterThan(0.9);
        assertThat(eval.faults()).isGreaterThan(10);
        assertThat(eval.faultsWarned()).isGreaterThanOrEqualTo(eval.faults() * 8 / 10);
        assertThat(eval.falseAlarms()).isZero();
    }
}
