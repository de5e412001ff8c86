package dev.autonoc.simulators;

import static java.time.Duration.ofDays;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.core.telemetry.TelemetrySample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The noise a naive predictor mistakes for a fault, in a network with no fault at all: sensor
 * glitches (one reading jumps, the next is back) and elements that simply run hot.
 */
class BenignNoiseTest {

    private static final int TEMP = Metric.TEMPERATURE_C.ordinal();

    /** A quiet metro network for a week: every element's temperature, in time order. */
    private static Map<String, List<Double>> quietWeek(List<Alarm> alarms) {
        OperatorTwin twin = Specs.metro(2).twin();
        Map<String, List<Double>> temps = new HashMap<>();
        twin.advanceTo(
                Specs.at(ofDays(7)),
                new TwinListener() {
                    @Override
                    public void onTelemetry(TelemetrySample s) {
                        double t = s.values()[TEMP];
                        if (!Double.isNaN(t)) {
                            temps.computeIfAbsent(s.element().value(), k -> new ArrayList<>())
                                    .add(t);
                        }
                    }

                    @Override
                    public void onAlarm(Alarm alarm) {
                        alarms.add(alarm);
                    }
                });
        assertThat(twin.outcome().failures()).isEmpty();
        return temps;
    }

    @Test
    void a_sensor_glitch_is_one_reading_that_jumps_and_falls_straight_back() {
        List<Alarm> alarms = new ArrayList<>();
        int glitches = 0;
        for (List<Double> series : quietWeek(alarms).values()) {
            for (int i = 1; i + 1 < series.size(); i++) {
                double jump = series.get(i) - series.get(i - 1);
                if (jump > 12) {
                    glitches++;
                    assertThat(series.get(i + 1) - series.get(i - 1))
                            .as("the reading after a glitch is back to normal")
                            .isLessThan(6);
                }
            }
        }
        // about 60 routers and radios × 2,016 ticks × 0.0005 × one in two on temperature ≈ 30
        assertThat(glitches).isBetween(5, 80);
        assertThat(alarms).isEmpty();
    }

    @Test
    void some_healthy_elements_run_hot_all_week_against_their_peers() {
        OperatorTwin twin = Specs.metro(2).twin();
        Map<String, List<Double>> temps = quietWeek(new ArrayList<>());
        List<Double> radioMeans = new ArrayList<>();
        for (var e : twin.elements()) {
            if (e.kind() == ElementKind.RADIO) {
                List<Double> series = temps.get(e.id().value());
                radioMeans.add(
                        series.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
            }
        }
        radioMeans.sort(Double::compare);
        double median = radioMeans.get(radioMeans.size() / 2);
        double hottest = radioMeans.get(radioMeans.size() - 1);

        assertThat(hottest - median).isGreaterThan(7.0);
    }
}
