package dev.autonoc.predictor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.FailureMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LatentOracleTest {

    static final Duration HORIZON = Duration.ofHours(48);
    static final Instant T0 = Instant.parse("2025-01-06T00:00:00Z");

    /**
     * Fan faults of 2 to 8 days, their level rising as (elapsed / ttf)^2.5, labelled every hour;
     * and healthy elements at level 0. Returns the labels the oracle is fitted on.
     */
    static List<TrainingSet.Label> labels() {
        List<TrainingSet.Label> out = new ArrayList<>();
        for (int days = 2; days <= 8; days++) {
            long ttf = days * 24L;
            for (long h = 0; h <= ttf + 5; h++) {
                double level = h >= ttf ? 1.0 : Math.pow((double) h / ttf, 2.5);
                out.add(
                        TrainingSet.Label.fault(
                                FailureMode.FAN_WEAR,
                                Duration.ofHours(ttf - h),
                                HORIZON,
                                true,
                                level));
            }
        }
        for (int i = 0; i < 2000; i++) {
            out.add(TrainingSet.Label.healthy());
        }
        return out;
    }

    @Test
    void a_healthy_element_scores_the_level_zero_rate_and_never_reaches_the_oracles_threshold() {
        LatentOracle oracle = LatentOracle.fit(labels());
        double healthy = oracle.probability(TrainingSet.Label.healthy());
        // a 2-day fault at its onset is at level 0 and fails within 48 h: the rate is small, not 0
        assertThat(healthy).isEqualTo(oracle.levelZeroRate()).isLessThan(0.001);
        assertThat(oracle.operatingThreshold()).isGreaterThan(healthy);
        LatentOracle.Live live = oracle.live(oracle.operatingThreshold(), Duration.ZERO);
        ElementId id = new ElementId("rtr-1");
        for (int h = 0; h < 100; h++) {
            assertThat(live.update(id, T0.plusSeconds(h * 3600L), healthy)).isFalse();
        }
    }

    @Test
    void the_probability_rises_with_the_level_and_is_certain_near_failure() {
        LatentOracle oracle = LatentOracle.fit(labels());
        Optional<FailureMode> fan = Optional.of(FailureMode.FAN_WEAR);
        double last = 0;
        for (double level = 0.01; level < 1.0; level += 0.01) {
            double p = oracle.probability(fan, level);
            assertThat(p).isGreaterThanOrEqualTo(last);
            last = p;
        }
        // (1 - 48 h / 8 days)^2.5 = 0.487: above it, every fan fault fails within 48 h
        assertThat(oracle.probability(fan, 0.6)).isEqualTo(1.0);
        assertThat(oracle.probability(fan, 0.02)).isLessThan(0.5);
    }

    @Test
    void elements_that_failed_already_do_not_drag_the_top_level_down() {
        // each fault contributes six rows at level 1 after its failure, labelled "not within"
        LatentOracle oracle = LatentOracle.fit(labels());
        assertThat(oracle.probability(Optional.of(FailureMode.FAN_WEAR), 0.999)).isEqualTo(1.0);
    }

    @Test
    void a_fault_is_alarmed_through_the_gate_once_its_level_tells() {
        LatentOracle oracle = LatentOracle.fit(labels());
        LatentOracle.Live live = oracle.live(oracle.operatingThreshold(), Duration.ofHours(2));
        ElementId id = new ElementId("rtr-2");
        Instant firstAlarm = null;
        long ttf = 6 * 24;
        for (long h = 0; h < ttf; h++) {
            TrainingSet.Label label =
                    TrainingSet.Label.fault(
                            FailureMode.FAN_WEAR,
                            Duration.ofHours(ttf - h),
                            HORIZON,
                            true,
                            Math.pow((double) h / ttf, 2.5));
            Instant at = T0.plusSeconds(h * 3600);
            if (live.update(id, at, oracle.probability(label)) && firstAlarm == null) {
                firstAlarm = at;
            }
        }
        assertThat(firstAlarm).isNotNull();
        assertThat(Duration.between(firstAlarm, T0.plusSeconds(ttf * 3600))).isGreaterThan(HORIZON);
    }

    @Test
    void describes_its_mapping_for_reports() {
        LatentOracle oracle = LatentOracle.fit(labels());
        assertThat(oracle.describe())
                .containsKeys("reads", "fitted_rows", "level_zero_rate", "operating_threshold")
                .extractingByKey("steps_by_mode")
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsOnlyKeys("FAN_WEAR");
    }

    @Test
    void refuses_to_fit_on_nothing_and_a_threshold_outside_zero_to_one() {
        assertThatThrownBy(() -> LatentOracle.fit(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        LatentOracle oracle = LatentOracle.fit(labels());
        assertThatThrownBy(() -> oracle.live(1.5, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threshold");
    }
}
