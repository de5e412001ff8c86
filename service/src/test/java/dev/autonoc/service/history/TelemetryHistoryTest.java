package dev.autonoc.service.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.core.telemetry.TelemetrySample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TelemetryHistoryTest {

    private static final ElementId ROUTER = ElementId.of("core-rtr-01");
    private static final Instant T0 = Instant.parse("2025-01-06T00:00:00Z");

    private static TelemetrySample sample(Instant at, Metric metric, double value) {
        double[] values = TelemetrySample.emptyValues();
        values[metric.ordinal()] = value;
        return new TelemetrySample(ROUTER, at, values);
    }

    @Property(tries = 200)
    void an_hours_mean_least_and_greatest_are_those_of_its_samples(
            @ForAll @Size(min = 1, max = 12)
                    List<@DoubleRange(min = -100, max = 100) Double> readings) {
        TelemetryHistory history = new TelemetryHistory(24);
        for (int i = 0; i < readings.size(); i++) {
            history.record(sample(T0.plusSeconds(300L * i), Metric.TEMPERATURE_C, readings.get(i)));
        }
        TelemetryHistory.Window w = history.read(ROUTER, T0, T0.plus(Duration.ofHours(1)));
        assertThat(w.metrics()).hasSize(1);
        TelemetryHistory.Point p = w.metrics().get(0).points().get(0);
        DoubleSummaryStatistics expected =
                readings.stream().mapToDouble(Double::doubleValue).summaryStatistics();
        assertThat(p.samples()).isEqualTo(readings.size());
        assertThat(p.mean())
                .isCloseTo(expected.getAverage(), org.assertj.core.data.Offset.offset(1e-3));
        assertThat(p.min()).isCloseTo(expected.getMin(), org.assertj.core.data.Offset.offset(1e-4));
        assertThat(p.max()).isCloseTo(expected.getMax(), org.assertj.core.data.Offset.offset(1e-4));
        assertThat(p.at()).isEqualTo(T0);
    }

    @Test
    void keeps_only_the_last_hours_it_was_sized_for_and_ignores_samples_older_than_them() {
        TelemetryHistory history = new TelemetryHistory(6);
        for (int h = 0; h < 10; h++) {
            history.record(sample(T0.plus(Duration.ofHours(h)), Metric.FAN_RPM, 1000 + h));
        }
        // a late sample of an hour already dropped changes nothing
        history.record(sample(T0.plus(Duration.ofHours(2)), Metric.FAN_RPM, 5));
        List<TelemetryHistory.Point> points =
                history.read(ROUTER, T0, T0.plus(Duration.ofHours(12))).metrics().get(0).points();
        assertThat(points)
                .extracting(TelemetryHistory.Point::at)
                .containsExactly(
                        T0.plus(Duration.ofHours(4)),
                        T0.plus(Duration.ofHours(5)),
                        T0.plus(Duration.ofHours(6)),
                        T0.plus(Duration.ofHours(7)),
                        T0.plus(Duration.ofHours(8)),
                        T0.plus(Duration.ofHours(9)));
        assertThat(points).extracting(TelemetryHistory.Point::mean).first().isEqualTo(1004.0);
    }

    @Test
    void reads_only_the_hours_asked_for_and_leaves_out_metrics_never_reported() {
        TelemetryHistory history = new TelemetryHistory(48);
        List<Instant> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            Instant at = T0.plus(Duration.ofHours(h));
            hours.add(at);
            history.record(sample(at, Metric.CPU_UTIL_PCT, h));
        }
        TelemetryHistory.Window w =
                history.read(ROUTER, T0.plus(Duration.ofHours(5)), T0.plus(Duration.ofHours(8)));
        assertThat(w.metrics())
                .extracting(TelemetryHistory.Series::metric)
                .containsExactly(Metric.CPU_UTIL_PCT);
        assertThat(w.metrics().get(0).points())
                .extracting(TelemetryHistory.Point::mean)
                .containsExactly(5.0, 6.0, 7.0, 8.0);
        assertThat(history.read(ElementId.of("nowhere"), T0, T0.plusSeconds(3600)).metrics())
                .isEmpty();
    }

    @Test
    void an_alarms_time_to_failure_stands_for_its_hour_and_a_plain_score_has_none() {
        TelemetryHistory history = new TelemetryHistory(24);
        history.score(ROUTER, T0.plusSeconds(60), 0.01);
        history.alarmed(
                List.of(
                        new Prediction(
                                ROUTER,
                                T0.plusSeconds(600),
                                0.07,
                                FailureMode.FAN_WEAR,
                                Duration.ofHours(80),
                                List.of(),
                                "test-model")));
        history.score(ROUTER, T0.plusSeconds(1200), 0.02); // after the alarm, in the same hour
        history.score(ROUTER, T0.plusSeconds(3700), 0.03);
        List<TelemetryHistory.Score> scores =
                history.read(ROUTER, T0, T0.plus(Duration.ofHours(2))).scores();
        assertThat(scores).hasSize(2);
        assertThat(scores.get(0).alarmed()).isTrue();
        assertThat(scores.get(0).probability())
                .isCloseTo(0.07, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(scores.get(0).timeToFailureHours().getAsDouble()).isEqualTo(80.0);
        assertThat(scores.get(1).alarmed()).isFalse();
    }

    @Test
    void refuses_a_size_outside_one_hour_to_ninety_days_naming_the_setting() {
        assertThatThrownBy(() -> new TelemetryHistory(0))
                .hasMessageContaining("autonoc.console.history-hours")
                .hasMessageContaining("between 1 and 2160");
    }
}
