package dev.autonoc.predictor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.core.telemetry.TelemetrySample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleBiFunction;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class FeatureExtractorTest {

    static final Instant T0 = Instant.parse("2025-01-06T00:00:00Z");
    static final Duration TICK = Duration.ofMinutes(5);

    static Element router(String id, String region) {
        return new Element(ElementId.of(id), ElementKind.ROUTER, "aggregation", region, "01");
    }

    static TelemetrySample sample(String id, Instant at, Metric metric, double value) {
        double[] v = TelemetrySample.emptyValues();
        for (Metric m : Metric.reportedBy(ElementKind.ROUTER)) {
            v[m.ordinal()] = 10.0; // the other metrics hold still
        }
        v[metric.ordinal()] = value;
        return new TelemetrySample(ElementId.of(id), at, v);
    }

    static double feature(FeatureExtractor fx, String id, Metric metric, FeatureKind kind) {
        return fx.features(ElementId.of(id))[FeatureExtractor.index(Family.NODE, metric, kind)];
    }

    /** Feeds {@code hours} of samples; value(element index, hours since T0). */
    static Instant feed(
            FeatureExtractor fx,
            List<Element> elements,
            Metric metric,
            Instant from,
            double hours,
            ToDoubleBiFunction<Integer, Double> value) {
        Instant at = from;
        Instant end = from.plus(Duration.ofMinutes((long) (hours * 60)));
        while (!at.isAfter(end)) {
            double h = Duration.between(T0, at).toMinutes() / 60.0;
            for (int i = 0; i < elements.size(); i++) {
                fx.observe(
                        sample(
                                elements.get(i).id().value(),
                                at,
                                metric,
                                value.applyAsDouble(i, h)));
            }
            at = at.plus(TICK);
        }
        return at;
    }

    /**
     * Every element's state lies in the extractor's shared arrays, one after the other: an
     * element's features must be exactly (to the bit) those of an extractor that knows it alone,
     * whatever its neighbours in memory read. Each element is in a region of its own, so that no
     * peer group joins them; nodes and links alternate, so that states of both sizes interleave.
     */
    @Property(tries = 15)
    void an_elements_features_do_not_depend_on_the_states_beside_it_in_memory(
            @ForAll @Size(min = 4, max = 4)
                    List<@DoubleRange(min = -50, max = 150) Double> levels) {
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            elements.add(
                    i % 2 == 0
                            ? router("agg-rtr-" + i, "region-" + i)
                            : new Element(
                                    ElementId.of("link-" + i),
                                    ElementKind.LINK,
                                    "backhaul",
                                    "region-" + i,
                                    "0" + i));
        }
        FeatureExtractor shared = new FeatureExtractor(elements);
        List<FeatureExtractor> alone = new ArrayList<>();
        for (Element e : elements) {
            alone.add(new FeatureExtractor(List.of(e)));
        }
        Instant at = T0;
        for (int tick = 0; tick < 400; tick++) {
            for (int i = 0; i < elements.size(); i++) {
                Element e = elements.get(i);
                double[] v = TelemetrySample.emptyValues();
                double level = levels.get(i % levels.size());
                for (Metric m : Metric.reportedBy(e.kind())) {
                    v[m.ordinal()] =
                            level + (m.ordinal() + 1) * Math.sin(tick * 0.37 + i) + 0.01 * tick * i;
                }
                TelemetrySample s = new TelemetrySample(e.id(), at, v);
                shared.observe(s);
                alone.get(i).observe(s);
            }
            at = at.plus(TICK);
        }
        for (int i = 0; i < elements.size(); i++) {
            ElementId id = elements.get(i).id();
            assertThat(shared.features(id))
                    .as("element %s", id)
                    .isEqualTo(alone.get(i).features(id));
        }
    }

    @Test
    void a_steady_metric_has_its_value_as_level_and_no_deviation_slope_jitter_or_spike() {
        List<Element> one = List.of(router("agg-rtr-01", "north"));
        FeatureExtractor fx = new FeatureExtractor(one);
        feed(fx, one, Metric.TEMPERATURE_C, T0, 30, (i, h) -> 40.0);

        assertThat(feature(fx, "agg-rtr-01", Metric.TEMPERATURE_C, FeatureKind.LEVEL_1H))
                .isCloseTo(40.0, within(1e-9));
        assertThat(feature(fx, "agg-rtr-01", Metric.TEMPERATURE_C, FeatureKind.LEVEL_24H))
                .isCloseTo(40.0, within(1e-9));
        assertThat(feature(fx, "agg-rtr-01", Metric.TEMPERATURE_C, FeatureKind.DEV_OWN_24H))
                .isCloseTo(0.0, within(1e-9));
        assertThat(feature(fx, "agg-rtr-01", Metric.TEMPERATURE_C, FeatureKind.SLOPE_6H))
                .isCloseTo(0.0, within(1e-9));
        assertThat(feature(fx, "agg-rtr-01", Metric.TEMPERATURE_C, FeatureKind.JITTER_1H))
                .isCloseTo(0.0, within(1e-9));
        assertThat(feature(fx, "agg-rtr-01", Metric.TEMPERATURE_C, FeatureKind.SPIKES_24H))
                .isZero();
        assertThat(fx.isWarm(ElementId.of("agg-rtr-01"))).isTrue();
    }

    @Test
    void a_linear_ramp_shows_its_rate_as_slope_and_a_rise_above_its_own_baseline() {
        List<Element> one = List.of(router("agg-rtr-01", "north"));
        FeatureExtractor fx = new FeatureExtractor(one);
        // flat for two days, then 0.5 °C an hour for 30 h
        feed(fx, one, Metric.TEMPERATURE_C, T0, 48, (i, h) -> 40.0);
        feed(
                fx,
                one,
                Metric.TEMPERATURE_C,
                T0.plus(Duration.ofHours(48)).plus(TICK),
                30,
                (i, h) -> 40.0 + 0.5 * (h - 48));

        assertThat(feature(fx, "agg-rtr-01", Metric.TEMPERATURE_C, FeatureKind.SLOPE_6H))
                .isCloseTo(0.5, within(0.05));
        assertThat(feature(fx, "agg-rtr-01", Metric.TEMPERATURE_C, FeatureKind.SLOPE_24H))
                .isCloseTo(12.0, within(1.5));
        assertThat(feature(fx, "agg-rtr-01", Metric.TEMPERATURE_C, FeatureKind.LEVEL_1H))
                .isCloseTo(40 + 15 - 0.5, within(0.3));
        assertThat(feature(fx, "agg-rtr-01", Metric.TEMPERATURE_C, FeatureKind.DEV_OWN_6H))
                .isGreaterThan(5.0);
    }

    @Test
    void a_fan_speed_drop_is_measured_in_percent_of_the_elements_own_baseline() {
        List<Element> two = List.of(router("agg-rtr-01", "north"), router("agg-rtr-02", "north"));
        FeatureExtractor fx = new FeatureExtractor(two);
        double[] base = {9000, 4000};
        feed(fx, two, Metric.FAN_RPM, T0, 72, (i, h) -> base[i]);
        feed(
                fx,
                two,
                Metric.FAN_RPM,
                T0.plus(Duration.ofHours(72)).plus(TICK),
                24,
                (i, h) -> base[i] * 0.8);

        // both fell by the same share: both read about -20 %, whatever their speed in rpm
        double a = feature(fx, "agg-rtr-01", Metric.FAN_RPM, FeatureKind.DEV_OWN_6H);
        double b = feature(fx, "agg-rtr-02", Metric.FAN_RPM, FeatureKind.DEV_OWN_6H);
        assertThat(a).isBetween(-20.0, -15.0);
        assertThat(b).isCloseTo(a, within(1e-6));
    }

    @Test
    void a_heatwave_over_the_whole_region_cancels_in_the_peer_deviation_but_a_fault_does_not() {
        List<Element> north = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            north.add(router("agg-rtr-0" + i, "north"));
        }
        List<Element> all = new ArrayList<>(north);
        all.add(router("agg-rtr-09", "south"));
        FeatureExtractor fx = new FeatureExtractor(all);
        DoubleUnaryOperator heat = h -> h >= 72 && h < 96 ? 10.0 : 0.0;
        // each element its own baseline; the north gets +10 °C from hour 72; agg-rtr-01 also
        // heats up by itself (+6 °C) at the same time
        feed(
                fx,
                all,
                Metric.TEMPERATURE_C,
                T0,
                84,
                (i, h) -> {
                    boolean inNorth = i < north.size();
                    double own = 30 + 3 * i + (i == 0 && h >= 72 ? 6 : 0);
                    return own + (inNorth ? heat.applyAsDouble(h) : 0);
                });

        for (int i = 2; i <= 6; i++) {
            String id = "agg-rtr-0" + i;
            assertThat(feature(fx, id, Metric.TEMPERATURE_C, FeatureKind.DEV_OWN_6H))
                    .as(id)
                    .isGreaterThan(7.0);
            assertThat(feature(fx, id, Metric.TEMPERATURE_C, FeatureKind.PEER_DEV_6H))
                    .as(id)
                    .isBetween(-1.5, 0.0);
            assertThat(feature(fx, id, Metric.TEMPERATURE_C, FeatureKind.SLOPE_6H))
                    .as(id)
                    .isBetween(-0.3, 0.0);
        }
        assertThat(feature(fx, "agg-rtr-01", Metric.TEMPERATURE_C, FeatureKind.PEER_DEV_6H))
                .isGreaterThan(4.0);
        assertThat(feature(fx, "agg-rtr-09", Metric.TEMPERATURE_C, FeatureKind.DEV_OWN_6H))
                .isCloseTo(0.0, within(1e-9));
    }

    @Test
    void a_single_outlying_reading_counts_as_one_spike() {
        List<Element> one = List.of(router("agg-rtr-01", "north"));
        FeatureExtractor fx = new FeatureExtractor(one);
        Instant next =
                feed(
                        fx,
                        one,
                        Metric.PSU_VOLTAGE_RIPPLE_MV,
                        T0,
                        12,
                        (i, h) -> 20 + Math.sin(h * 40));
        fx.observe(sample("agg-rtr-01", next, Metric.PSU_VOLTAGE_RIPPLE_MV, 80));
        assertThat(feature(fx, "agg-rtr-01", Metric.PSU_VOLTAGE_RIPPLE_MV, FeatureKind.SPIKES_24H))
                .isCloseTo(1.0, within(1e-6));
    }

    @Test
    void a_reset_element_forgets_its_history_and_warms_up_again() {
        List<Element> one = List.of(router("agg-rtr-01", "north"));
        FeatureExtractor fx = new FeatureExtractor(one);
        Instant next = feed(fx, one, Metric.MEMORY_UTIL_PCT, T0, 24, (i, h) -> 40 + h);
        fx.reset(ElementId.of("agg-rtr-01"));
        assertThat(fx.isWarm(ElementId.of("agg-rtr-01"))).isFalse();
        fx.observe(sample("agg-rtr-01", next, Metric.MEMORY_UTIL_PCT, 35));
        assertThat(feature(fx, "agg-rtr-01", Metric.MEMORY_UTIL_PCT, FeatureKind.LEVEL_24H))
                .isEqualTo(35.0);
        assertThat(feature(fx, "agg-rtr-01", Metric.MEMORY_UTIL_PCT, FeatureKind.DEV_OWN_24H))
                .isZero();
    }

    @Test
    void every_family_has_uniquely_named_features_for_every_metric_it_reports() {
        for (Family family : Family.values()) {
            List<String> names = FeatureExtractor.featureNames(family);
            assertThat(names)
                    .hasSize(
                            family.metrics().size() * FeatureKind.COUNT
                                    + FeatureExtractor.CONTEXT.size());
            assertThat(names).endsWith("topology.neighbour_out");
            assertThat(new HashSet<>(names)).hasSameSizeAs(names);
            assertThat(names).contains(family.metrics().get(0).key() + ".peer_dev_6h");
        }
        for (Metric m : Metric.values()) {
            assertThat(MetricScale.of(m).metric()).isEqualTo(m);
        }
    }

    @Property(tries = 50)
    void the_peer_deviations_of_a_region_sum_to_zero(
            @ForAll @Size(min = 2, max = 8)
                    List<@DoubleRange(min = -20, max = 20) Double> offsets) {
        List<Element> region = new ArrayList<>();
        for (int i = 0; i < offsets.size(); i++) {
            region.add(router("rtr-" + i, "north"));
        }
        FeatureExtractor fx = new FeatureExtractor(region);
        feed(
                fx,
                region,
                Metric.TEMPERATURE_C,
                T0,
                48,
                (i, h) -> 40.0 + (h > 30 ? offsets.get(i) : 0));
        double sum = 0;
        for (Element e : region) {
            sum += feature(fx, e.id().value(), Metric.TEMPERATURE_C, FeatureKind.PEER_DEV_6H);
        }
        assertThat(sum).isCloseTo(0.0, within(1e-6));
    }

    static Element element(String id, ElementKind kind, String role, String site) {
        return new Element(ElementId.of(id), kind, role, "north", site);
    }

    /** A router sample whose temperature follows its CPU use, as load moves both. */
    static TelemetrySample loaded(String id, Instant at, double cpu, double temperature) {
        double[] v = TelemetrySample.emptyValues();
        for (Metric m : Metric.reportedBy(ElementKind.ROUTER)) {
            v[m.ordinal()] = 10.0;
        }
        v[Metric.CPU_UTIL_PCT.ordinal()] = cpu;
        v[Metric.TEMPERATURE_C.ordinal()] = temperature;
        return new TelemetrySample(ElementId.of(id), at, v);
    }

    @Test
    void a_router_running_hotter_because_it_carries_more_load_is_not_read_as_hotter() {
        List<Element> one = List.of(router("core-rtr-01", "north"));
        FeatureExtractor fx = new FeatureExtractor(one);
        double rawBefore = 0;
        double rawAfter = 0;
        int nBefore = 0;
        int nAfter = 0;
        for (Instant at = T0; at.isBefore(T0.plus(Duration.ofHours(120))); at = at.plus(TICK)) {
            double h = Duration.between(T0, at).toMinutes() / 60.0;
            double daily = 0.6 + 0.35 * Math.sin((h % 24 - 13) / 24 * 2 * Math.PI);
            // from hour 96 a neighbour is down: half as much traffic again, up to where the
            // box saturates; CPU and temperature follow what it really forwards
            double load = h >= 96 ? Math.min(1.3, 1.5 * daily) : daily;
            double temperature = 40 + 8 * load;
            fx.observe(loaded("core-rtr-01", at, 10 + 30 * load, temperature));
            if (h >= 84 && h < 96) {
                rawBefore += temperature;
                nBefore++;
            } else if (h >= 108) {
                rawAfter += temperature;
                nAfter++;
            }
        }
        assertThat(rawAfter / nAfter - rawBefore / nBefore)
                .as("the raw temperature rose")
                .isGreaterThan(2.0);
        assertThat(feature(fx, "core-rtr-01", Metric.TEMPERATURE_C, FeatureKind.DEV_OWN_6H))
                .as("once its load is taken out it did not")
                .isBetween(-0.5, 0.5);
    }

    @Test
    void elements_within_two_hops_of_a_down_router_read_it_until_it_has_been_back_a_while() {
        List<Element> net =
                List.of(
                        element("core-rtr-01", ElementKind.ROUTER, "core", "pop-01"),
                        element("core-rtr-02", ElementKind.ROUTER, "core", "pop-02"),
                        element(
                                "link-core-rtr-01-core-rtr-02",
                                ElementKind.LINK,
                                "fibre",
                                "pop-01"),
                        element("agg-rtr-01", ElementKind.ROUTER, "aggregation", "site-01"),
                        element(
                                "link-agg-rtr-01-core-rtr-01",
                                ElementKind.LINK,
                                "fibre",
                                "site-01"),
                        element("cell-01-1", ElementKind.RADIO, "cell", "site-01"));
        FeatureExtractor fx = new FeatureExtractor(net);
        int column = FeatureExtractor.contextIndex(Family.NODE, FeatureExtractor.NEIGHBOUR_OUT);
        Instant down = T0.plus(Duration.ofHours(1));
        fx.observe(new Alarm(ElementId.of("core-rtr-02"), down, Alarm.Kind.ELEMENT_DOWN, "power"));
        fx.tick(down);
        assertThat(fx.features(ElementId.of("core-rtr-01"))[column]).isEqualTo(1.0);
        assertThat(fx.features(ElementId.of("link-core-rtr-01-core-rtr-02"))).endsWith(1.0);
        // three hops away: core-rtr-02, the core link, core-rtr-01, the uplink, agg-rtr-01
        assertThat(fx.features(ElementId.of("agg-rtr-01"))[column]).isZero();
        assertThat(fx.features(ElementId.of("cell-01-1"))[column]).isZero();

        Instant lastDown = down.plus(Duration.ofHours(5));
        fx.tick(lastDown);
        Instant up = lastDown.plus(TICK);
        fx.observe(new Alarm(ElementId.of("core-rtr-02"), up, Alarm.Kind.ELEMENT_UP, "repaired"));
        fx.tick(up);
        assertThat(fx.features(ElementId.of("core-rtr-01"))[column]).isLessThan(1.0);
        fx.tick(lastDown.plus(FeatureExtractor.TAU_NEIGHBOUR));
        assertThat(fx.features(ElementId.of("core-rtr-01"))[column])
                .isCloseTo(Math.exp(-1), within(1e-9));
    }

    @Test
    void an_element_that_falls_silent_is_out_of_service_for_its_neighbours() {
        List<Element> net =
                List.of(
                        element("agg-rtr-01", ElementKind.ROUTER, "aggregation", "site-01"),
                        element("cell-01-1", ElementKind.RADIO, "cell", "site-01"),
                        element("cell-01-2", ElementKind.RADIO, "cell", "site-01"));
        FeatureExtractor fx = new FeatureExtractor(net);
        int column = FeatureExtractor.contextIndex(Family.NODE, FeatureExtractor.NEIGHBOUR_OUT);
        Instant at = T0;
        for (int k = 0; k < 12; k++, at = at.plus(TICK)) {
            for (Element e : net) {
                fx.observe(sample(e.id().value(), at, Metric.TEMPERATURE_C, 40));
            }
            fx.tick(at);
        }
        assertThat(fx.features(ElementId.of("cell-01-2"))[column]).isZero();
        // agg-rtr-01 is taken down for work: it sends nothing more
        for (int k = 0; k < 3; k++, at = at.plus(TICK)) {
            for (Element e : net.subList(1, 3)) {
                fx.observe(sample(e.id().value(), at, Metric.TEMPERATURE_C, 40));
            }
            fx.tick(at);
        }
        assertThat(fx.features(ElementId.of("cell-01-2"))[column]).isEqualTo(1.0);
        assertThat(fx.features(ElementId.of("cell-01-1"))[column]).isEqualTo(1.0);
    }

    @Test
    void a_slow_drift_that_the_weekly_baseline_follows_still_shows_against_the_long_term_level() {
        List<Element> one = List.of(router("agg-rtr-01", "north"));
        FeatureExtractor fx = new FeatureExtractor(one);
        // a day at 40 °C, then 0.1 °C an hour for four days: 9.6 °C in all
        feed(
                fx,
                one,
                Metric.TEMPERATURE_C,
                T0,
                120,
                (i, h) -> h < 24 ? 40.0 : 40.0 + 0.1 * (h - 24));
        double sinceHealthy =
                feature(fx, "agg-rtr-01", Metric.TEMPERATURE_C, FeatureKind.DEV_OWN_LONG);
        double sinceWeek = feature(fx, "agg-rtr-01", Metric.TEMPERATURE_C, FeatureKind.DEV_OWN_6H);
        assertThat(sinceHealthy).as("against the first day").isBetween(7.5, 9.6);
        assertThat(sinceWeek).as("against the weekly baseline, which followed").isLessThan(6.0);
    }
}
