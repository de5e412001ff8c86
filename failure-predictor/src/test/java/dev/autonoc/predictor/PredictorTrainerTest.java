package dev.autonoc.predictor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tribuo.VariableInfo;

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

    @Test
    void the_mode_model_reads_how_the_metrics_moved_and_not_what_the_element_always_is() {
        List<String> names = FeatureExtractor.featureNames(Family.NODE);
        List<String> picked = new ArrayList<>();
        for (int i : PredictorTrainer.modeColumns(names)) {
            picked.add(names.get(i));
        }
        assertThat(picked)
                .contains(
                        "psu_voltage_ripple_mv.slope_24h",
                        "fan_rpm.peer_dev_6h",
                        "temperature_c.dev_own_long",
                        "memory_util_pct.peer_dev_long")
                .doesNotContain(
                        "crc_errors.spikes_24h",
                        "fan_rpm.jitter_1h",
                        "memory_util_pct.level_1h",
                        "topology.neighbour_out")
                .allSatisfy(
                        n ->
                                assertThat(n)
                                        .doesNotEndWith(".spikes_24h")
                                        .doesNotEndWith(".jitter_1h")
                                        .doesNotContain(".level_"));

        // and the checked-in model was trained so: its mode model knows no other feature
        FamilyModel node = ModelBundle.loadDefault().family(Family.NODE).orElseThrow();
        List<String> known = new ArrayList<>();
        for (VariableInfo v : node.mode.getFeatureIDMap()) {
            known.add(v.getName());
        }
        assertThat(known).isNotEmpty().allSatisfy(n -> assertThat(picked).contains(n));
    }
}
