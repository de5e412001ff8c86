package dev.autonoc.evals.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.predictor.DriftCheck;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The drift check on the twin: one metro training run as the reference, one held-out metro run. */
class DriftScenarioTest {

    static final TrainingDataGenerator.Settings DATA = TrainingDataGenerator.Settings.defaults();

    @Test
    void
            a_recalibrated_temperature_sensor_on_half_the_nodes_is_named_and_the_model_said_not_to_fit() {
        DriftCheck reference =
                DriftScenario.reference(List.of(ModelTraining.FIRST_TRAINING_SEED + 1), DATA);
        DriftCheck.Report report =
                DriftScenario.live(
                        reference,
                        List.of(ModelTraining.FIRST_TEST_SEED + 1),
                        DATA,
                        Optional.of(DriftScenario.Recalibration.parse("temperature_c:4")));
        assertThat(report.fits()).isFalse();
        assertThat(report.worst().get(0).feature()).startsWith("temperature_c.");
        assertThat(report.summary()).contains("no longer fits", "temperature_c");
    }

    @Test
    void a_recalibration_is_metric_colon_offset() {
        DriftScenario.Recalibration r = DriftScenario.Recalibration.parse("FAN_RPM:-300");
        assertThat(r.metric()).isEqualTo(Metric.FAN_RPM);
        assertThat(r.offset()).isEqualTo(-300.0);
        assertThatThrownBy(() -> DriftScenario.Recalibration.parse("temperature_c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metric:offset");
        assertThatThrownBy(() -> DriftScenario.Recalibration.parse("humidity:3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown metric 'humidity'");
    }
}
