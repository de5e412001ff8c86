package dev.autonoc.simulators;

import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.core.telemetry.TelemetrySample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TelemetryTest {

    /** The element's samples from a run up to {@code until}. */
    private static List<TelemetrySample> samples(OperatorTwin twin, String element, Instant until) {
        List<TelemetrySample> out = new ArrayList<>();
        ElementId id = ElementId.of(element);
        twin.advanceTo(
                until,
                s -> {
                    if (s.element().equals(id)) {
                        out.add(s);
                    }
                });
        return out;
    }

    /** Mean of the metric over samples in [from, to). */
    private static double mean(
            List<TelemetrySample> samples, Metric m, Duration from, Duration to) {
        return samples.stream()
                .filter(s -> !s.at().isBefore(Specs.at(from)) && s.at().isBefore(Specs.at(to)))
                .mapToDouble(s -> m == Metric.PRE_FEC_BER ? Math.log10(s.value(m)) : s.value(m))
                .average()
                .orElseThrow();
    }

    @ParameterizedTest(name = "{0} moves {2} by sign {3}")
    @CsvSource({
        "FAN_WEAR, core-rtr-02, FAN_RPM, -1",
        "FAN_WEAR, core-rtr-02, TEMPERATURE_C, 1",
        "PSU_DEGRADATION, agg-rtr-03, PSU_VOLTAGE_RIPPLE_MV, 1",
        "MEMORY_LEAK, cell-02-1, MEMORY_UTIL_PCT, 1",
        "LASER_AGING, link-core-rtr-01-core-rtr-02, OPTICAL_RX_DBM, -1",
        "LASER_AGING, link-core-rtr-01-core-rtr-02, PRE_FEC_BER, 1"
    })
    void each_failure_modes_signature_rises_with_its_latent_level(
            FailureMode mode, String element, Metric metric, int sign) {
        Instant end = Specs.at(ofDays(5).minusHours(1));
        List<TelemetrySample> sick =
                samples(
                        Specs.metro(9).fault(element, mode, ofDays(1), ofDays(4)).twin(),
                        element,
                        end);
        List<TelemetrySample> healthy = samples(Specs.metro(9).twin(), element, end);

        // the same seed gives the same noise: the difference is the fault's signature alone
        double early =
                sign
                        * (mean(sick, metric, ofDays(1), ofDays(2))
                                - mean(healthy, metric, ofDays(1), ofDays(2)));
        double late =
                sign
                        * (mean(sick, metric, ofDays(4).plusHours(12), ofDays(5))
                                - mean(healthy, metric, ofDays(4).plusHours(12), ofDays(5)));
        double before =
                mean(sick, metric, ofHours(0), ofDays(1))
                        - mean(healthy, metric, ofHours(0), ofDays(1));

        assertThat(before).isZero();
        assertThat(early).isGreaterThanOrEqualTo(0.0);
        assertThat(late).isGreaterThan(early);
        assertThat(late).isGreaterThan(0.0);
    }

    @Test
    void late_in_a_fault_the_signal_stands_out_of_the_noise_and_early_it_does_not() {
        String element = "core-rtr-02";
        Instant end = Specs.at(ofDays(5).minusHours(1));
        List<TelemetrySample> sick =
                samples(
                        Specs.metro(9)
                                .fault(element, FailureMode.FAN_WEAR, ofDays(1), ofDays(4))
                                .twin(),
                        element,
                        end);
        double sd = sd(sick, Metric.TEMPERATURE_C, ofHours(0), ofDays(1));
        double base = mean(sick, Metric.TEMPERATURE_C, ofHours(0), ofDays(1));

        double early = mean(sick, Metric.TEMPERATURE_C, ofDays(1), ofDays(1).plusHours(24)) - base;
        double late =
                mean(sick, Metric.TEMPERATURE_C, ofDays(4).plusHours(12), ofDays(5).minusHours(1))
                        - base;

        assertThat(Math.abs(early)).isLessThan(sd);
        assertThat(late).isGreaterThan(3 * sd);
    }

    private static double sd(List<TelemetrySample> samples, Metric m, Duration from, Duration to) {
        double mu = mean(samples, m, from, to);
        return Math.sqrt(
                samples.stream()
                        .filter(
                                s ->
                                        !s.at().isBefore(Specs.at(from))
                                                && s.at().isBefore(Specs.at(to)))
                        .mapToDouble(s -> (s.value(m) - mu) * (s.value(m) - mu))
                        .average()
                        .orElseThrow());
    }

    @Test
    void a_heatwave_raises_its_regions_temperature_and_no_other() {
        Instant end = Specs.at(ofDays(2));
        OperatorTwin hot =
                Specs.metro(4)
                        .disturb(new Disturbance.Heatwave("north", ofDays(1), ofDays(3)))
                        .twin();
        OperatorTwin calm = Specs.metro(4).twin();
        List<TelemetrySample> hotNorth = samples(hot, "agg-rtr-01", end);
        List<TelemetrySample> calmNorth = samples(calm, "agg-rtr-01", end);
        List<TelemetrySample> hotSouth =
                samples(
                        Specs.metro(4)
                                .disturb(new Disturbance.Heatwave("north", ofDays(1), ofDays(3)))
                                .twin(),
                        "agg-rtr-02",
                        end);
        List<TelemetrySample> calmSouth = samples(Specs.metro(4).twin(), "agg-rtr-02", end);

        double north =
                mean(hotNorth, Metric.TEMPERATURE_C, ofDays(1).plusHours(6), ofDays(2))
                        - mean(calmNorth, Metric.TEMPERATURE_C, ofDays(1).plusHours(6), ofDays(2));
        double south =
                mean(hotSouth, Metric.TEMPERATURE_C, ofDays(1).plusHours(6), ofDays(2))
                        - mean(calmSouth, Metric.TEMPERATURE_C, ofDays(1).plusHours(6), ofDays(2));
        double before =
                mean(hotNorth, Metric.TEMPERATURE_C, ofHours(0), ofDays(1))
                        - mean(calmNorth, Metric.TEMPERATURE_C, ofHours(0), ofDays(1));

        assertThat(north).isBetween(6.0, 12.0);
        assertThat(south).isZero();
        assertThat(before).isZero();
        assertThat(mean(hotNorth, Metric.FAN_RPM, ofDays(1).plusHours(6), ofDays(2)))
                .isGreaterThan(mean(calmNorth, Metric.FAN_RPM, ofDays(1).plusHours(6), ofDays(2)));
    }

    @Test
    void samples_carry_the_metrics_of_their_kind_and_nan_for_the_rest() {
        OperatorTwin twin = Specs.metro(2).twin();
        List<TelemetrySample> all = new ArrayList<>();
        twin.advanceTo(Specs.at(Duration.ofMinutes(5)), all::add);

        assertThat(all).hasSize(twin.elements().size());
        for (TelemetrySample s : all) {
            var kind =
                    twin.elements().stream()
                            .filter(e -> e.id().equals(s.element()))
                            .findFirst()
                            .orElseThrow()
                            .kind();
            for (Metric m : Metric.values()) {
                assertThat(s.has(m)).as(s.element() + " " + m).isEqualTo(m.isReportedBy(kind));
            }
        }
    }

    @Test
    void traffic_follows_the_daily_cycle() {
        List<TelemetrySample> cell =
                samples(Specs.metro(2).twin(), "agg-rtr-01", Specs.at(ofDays(1)));

        double night = mean(cell, Metric.TRAFFIC_GBPS, ofHours(2), ofHours(5));
        double evening = mean(cell, Metric.TRAFFIC_GBPS, ofHours(19), ofHours(22));

        assertThat(night / evening).isBetween(0.2, 0.35);
    }

    @Test
    void get_telemetry_returns_the_last_samples_oldest_first() {
        OperatorTwin twin = Specs.metro(2).twin();
        List<TelemetrySample> seen = samples(twin, "cell-01-1", Specs.at(ofDays(2)));

        List<TelemetrySample> recent = twin.ossBss().resourceInventory().telemetry("cell-01-1", 12);

        assertThat(recent).containsExactlyElementsOf(seen.subList(seen.size() - 12, seen.size()));
        assertThat(twin.ossBss().resourceInventory().telemetry("cell-01-1", 10_000))
                .hasSize(World.WINDOW);
    }
}
