package dev.autonoc.evals.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.simulators.FaultTruth;
import dev.autonoc.simulators.GroundTruth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BaselinePredictorsTest {

    private static final Instant T0 = Instant.parse("2025-01-06T00:00:00Z");
    private static final ElementId RTR = ElementId.of("core-rtr-02");

    @Test
    void the_reactive_predictor_predicts_a_failure_only_once_the_element_is_down() {
        ReactivePredictor p = new ReactivePredictor();
        double[] hot = TelemetrySample.emptyValues();
        java.util.Arrays.fill(hot, 999);
        p.observe(new TelemetrySample(RTR, T0, hot));
        assertThat(p.atRisk(T0)).isEmpty();

        Instant down = T0.plus(Duration.ofDays(4));
        p.observe(new Alarm(RTR, down, Alarm.Kind.ELEMENT_DOWN, FailureMode.FAN_WEAR.symptom()));
        List<Prediction> risk = p.atRisk(down.plus(Duration.ofMinutes(5)));
        assertThat(risk)
                .singleElement()
                .satisfies(
                        pr -> {
                            assertThat(pr.element()).isEqualTo(RTR);
                            assertThat(pr.probability()).isEqualTo(1.0);
                            assertThat(pr.mode()).isEqualTo(FailureMode.FAN_WEAR);
                            assertThat(pr.timeToFailure()).isZero();
                            assertThat(pr.modelVersion()).isEqualTo(ReactivePredictor.VERSION);
                        });

        p.observe(
                new Alarm(RTR, down.plus(Duration.ofHours(6)), Alarm.Kind.ELEMENT_UP, "repaired"));
        assertThat(p.atRisk(down.plus(Duration.ofHours(7)))).isEmpty();
    }

    @Test
    void the_reactive_predictor_ignores_a_down_alarm_that_is_no_failure() {
        ReactivePredictor p = new ReactivePredictor();
        p.observe(new Alarm(RTR, T0, Alarm.Kind.ELEMENT_DOWN, "planned work"));
        assertThat(p.atRisk(T0)).isEmpty();
    }

    @Test
    void
            the_oracle_predicts_each_fault_from_its_onset_with_the_true_mode_and_time_until_it_is_mended() {
        Instant onset = T0.plus(Duration.ofDays(1));
        Instant failsAt = onset.plus(Duration.ofDays(4));
        List<FaultTruth> faults = new ArrayList<>();
        faults.add(
                new FaultTruth(
                        RTR,
                        FailureMode.FAN_WEAR,
                        onset,
                        failsAt,
                        Optional.empty(),
                        Optional.empty()));
        GroundTruth truth = new FixedTruth(faults);
        OraclePredictor p = new OraclePredictor(truth);

        assertThat(p.atRisk(onset.minusSeconds(1))).isEmpty();
        Instant day2 = onset.plus(Duration.ofDays(1));
        assertThat(p.atRisk(day2))
                .singleElement()
                .satisfies(
                        pr -> {
                            assertThat(pr.mode()).isEqualTo(FailureMode.FAN_WEAR);
                            assertThat(pr.timeToFailure()).isEqualTo(Duration.ofDays(3));
                            assertThat(pr.expectedFailureAt()).isEqualTo(failsAt);
                            assertThat(pr.probability()).isEqualTo(1.0);
                        });

        Instant mended = day2.plus(Duration.ofHours(3));
        faults.set(
                0,
                new FaultTruth(
                        RTR,
                        FailureMode.FAN_WEAR,
                        onset,
                        failsAt,
                        Optional.empty(),
                        Optional.of(mended)));
        assertThat(p.atRisk(mended.minusSeconds(1))).hasSize(1);
        assertThat(p.atRisk(mended)).isEmpty();
    }

    @Test
    void the_oracle_gives_a_failed_unmended_element_no_negative_time() {
        Instant onset = T0;
        Instant failsAt = onset.plus(Duration.ofHours(1));
        OraclePredictor p =
                new OraclePredictor(
                        new FixedTruth(
                                List.of(
                                        new FaultTruth(
                                                RTR,
                                                FailureMode.PSU_DEGRADATION,
                                                onset,
                                                failsAt,
                                                Optional.of(failsAt),
                                                Optional.empty()))));
        assertThat(p.atRisk(failsAt.plus(Duration.ofHours(2))))
                .singleElement()
                .extracting(Prediction::timeToFailure)
                .isEqualTo(Duration.ZERO);
    }

    /** Ground truth that a test changes as it goes. */
    private record FixedTruth(List<FaultTruth> faults) implements GroundTruth {
        @Override
        public double latentLevel(ElementId element, Instant at) {
            return 0;
        }
    }
}
