package dev.autonoc.predictor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlarmGateTest {

    static final Instant T0 = Instant.parse("2025-01-06T00:00:00Z");

    static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void a_single_tick_over_the_threshold_does_not_alarm() {
        AlarmGate gate = new AlarmGate(0.8, Duration.ofMinutes(30));
        assertThat(gate.update(at(0), 0.1)).isFalse();
        assertThat(gate.update(at(5), 0.99)).isFalse();
        assertThat(gate.update(at(10), 0.1)).isFalse();
        assertThat(gate.update(at(40), 0.1)).isFalse();
    }

    @Test
    void a_probability_that_stays_over_the_threshold_for_the_persistence_time_alarms() {
        AlarmGate gate = new AlarmGate(0.8, Duration.ofMinutes(30));
        for (int m = 0; m < 30; m += 5) {
            assertThat(gate.update(at(m), 0.9)).as("at %d min", m).isFalse();
        }
        assertThat(gate.update(at(30), 0.9)).isTrue();
        assertThat(gate.alarmedSince()).isEqualTo(at(30));
    }

    @Test
    void an_alarm_holds_through_a_small_dip_and_clears_below_the_release_level() {
        AlarmGate gate = new AlarmGate(0.8, Duration.ZERO);
        assertThat(gate.update(at(0), 0.85)).isTrue();
        assertThat(gate.update(at(5), 0.7)).isTrue(); // above 0.8 × 0.8
        assertThat(gate.update(at(10), 0.5)).isFalse();
    }

    @Test
    void the_trainer_measures_the_level_the_gate_would_alarm_at() {
        List<Instant> times = List.of(at(0), at(60), at(120), at(180), at(240));
        List<Double> p = List.of(0.2, 0.95, 0.6, 0.9, 0.8);
        // over any 60 min window the probability stayed at least: 0.2, 0.6, 0.6, 0.8
        assertThat(ValidationCalibration.maxPersisted(times, p, Duration.ofMinutes(60)))
                .isEqualTo(0.8);
        assertThat(ValidationCalibration.maxPersisted(times, p, Duration.ZERO)).isEqualTo(0.95);
    }
}
