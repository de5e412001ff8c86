package dev.autonoc.simulators;

import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamOrderTest {

    @Test
    void samples_and_alarms_come_in_time_order_whatever_the_steps_of_the_advance() {
        OperatorTwin twin =
                Specs.metro(2)
                        .fault(
                                "agg-rtr-01",
                                FailureMode.PSU_DEGRADATION,
                                ofHours(1),
                                ofHours(5).plusMinutes(2))
                        .twin();
        List<Instant> times = new ArrayList<>();
        List<Alarm> alarms = new ArrayList<>();
        TwinListener listener =
                new TwinListener() {
                    @Override
                    public void onTelemetry(TelemetrySample s) {
                        times.add(s.at());
                    }

                    @Override
                    public void onAlarm(Alarm a) {
                        times.add(a.at());
                        alarms.add(a);
                    }
                };

        for (int m = 7; m <= 8 * 60; m += 7) {
            twin.advanceTo(Specs.at(java.time.Duration.ofMinutes(m)), listener);
        }

        assertThat(times).isSorted();
        assertThat(alarms)
                .singleElement()
                .satisfies(a -> assertThat(a.at()).isEqualTo(Specs.at(ofHours(6).plusMinutes(2))));
        assertThat(
                        times.stream()
                                .filter(t -> t.equals(Specs.at(ofHours(6).plusMinutes(5))))
                                .count())
                .as("the failed router sends nothing")
                .isEqualTo(twin.elements().size() - 1);
    }

    @Test
    void the_twin_cannot_go_back_in_time() {
        OperatorTwin twin = Specs.metro(2).twin();
        twin.advanceTo(Specs.at(ofDays(1)), TwinListener.NONE);

        assertThatThrownBy(() -> twin.advanceTo(Specs.at(ofHours(1)), TwinListener.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot go back in time");
    }

    @Test
    void weekends_carry_less_traffic_at_the_peak_than_weekdays() {
        double weekday = Calendar.loadFactor(Specs.at(ofDays(2).plusHours(20)));
        double saturday = Calendar.loadFactor(Specs.at(ofDays(5).plusHours(20)));
        double night = Calendar.loadFactor(Specs.at(ofDays(2).plusHours(3)));

        assertThat(weekday).isEqualTo(1.0);
        assertThat(saturday).isLessThan(weekday);
        assertThat(night).isEqualTo(0.25);
    }
}
