package dev.autonoc.simulators;

import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.Part;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.simulators.Disturbance.Scope;
import dev.autonoc.tools.oss.ProductOrderRequest;
import dev.autonoc.tools.oss.ResourceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BadDataTest {

    private static final String ROUTER = "agg-rtr-03";
    private static final ElementId ID = ElementId.of(ROUTER);

    private static List<TelemetrySample> stream(OperatorTwin twin, String element, Duration to) {
        List<TelemetrySample> out = new ArrayList<>();
        ElementId id = ElementId.of(element);
        twin.advanceTo(
                Specs.at(to),
                s -> {
                    if (s.element().equals(id)) {
                        out.add(s);
                    }
                });
        return out;
    }

    private static boolean inside(TelemetrySample s, Duration from, Duration to) {
        return !s.at().isBefore(Specs.at(from)) && s.at().isBefore(Specs.at(to));
    }

    @Test
    void a_gap_drops_the_streamed_samples_of_its_window_but_a_direct_read_still_answers() {
        OperatorTwin twin =
                Specs.metro(3)
                        .disturb(
                                new Disturbance.TelemetryGap(
                                        Scope.element(ROUTER), ofHours(2), ofHours(4)))
                        .twin();
        List<TelemetrySample> got = stream(twin, ROUTER, ofHours(3));

        assertThat(got).isNotEmpty().noneMatch(s -> inside(s, ofHours(2), ofHours(4)));
        assertThat(got.get(got.size() - 1).at()).isEqualTo(Specs.at(ofHours(2).minusMinutes(5)));
        List<TelemetrySample> direct = twin.ossBss().resourceInventory().telemetry(ROUTER, 3);
        assertThat(direct.get(direct.size() - 1).at()).isEqualTo(Specs.at(ofHours(3)));
    }

    @Test
    void a_region_gap_silences_every_element_of_the_region_and_no_other() {
        OperatorTwin twin =
                Specs.metro(3)
                        .disturb(
                                new Disturbance.TelemetryGap(
                                        Scope.region("north"), ofHours(1), ofHours(2)))
                        .twin();
        Set<ElementId> heard = new HashSet<>();
        twin.advanceTo(Specs.at(ofHours(1)), TwinListener.NONE);
        twin.advanceTo(Specs.at(ofHours(2).minusMinutes(5)), s -> heard.add(s.element()));

        for (var e : twin.elements()) {
            assertThat(heard.contains(e.id()))
                    .as(e.id() + " in " + e.region())
                    .isEqualTo(!e.region().equals("north"));
        }
    }

    @Test
    void a_stuck_sensor_repeats_its_last_value_in_the_stream_and_in_a_direct_read() {
        OperatorTwin twin =
                Specs.metro(3)
                        .disturb(
                                new Disturbance.StuckSensor(
                                        ROUTER, Metric.FAN_RPM, ofHours(2), ofHours(5)))
                        .twin();
        List<TelemetrySample> got = stream(twin, ROUTER, ofHours(6));

        double last =
                got.stream()
                        .filter(s -> s.at().equals(Specs.at(ofHours(2).minusMinutes(5))))
                        .findFirst()
                        .orElseThrow()
                        .value(Metric.FAN_RPM);
        assertThat(got.stream().filter(s -> inside(s, ofHours(2), ofHours(5))))
                .hasSize(36)
                .allMatch(s -> s.value(Metric.FAN_RPM) == last)
                .extracting(s -> s.value(Metric.TEMPERATURE_C))
                .doesNotHaveDuplicates();
        assertThat(got.stream().filter(s -> inside(s, ofHours(5), ofHours(6))))
                .noneMatch(s -> s.value(Metric.FAN_RPM) == last);
    }

    @Test
    void spikes_put_absurd_values_in_about_the_share_of_samples_asked_for() {
        OperatorTwin twin =
                Specs.metro(3)
                        .disturb(
                                new Disturbance.Spikes(
                                        Scope.element(ROUTER), 0.2, ofHours(0), ofHours(24)))
                        .twin();
        OperatorTwin clean = Specs.metro(3).twin();
        List<TelemetrySample> got = stream(twin, ROUTER, ofHours(24));
        List<TelemetrySample> truth = stream(clean, ROUTER, ofHours(24));

        int spiked = 0;
        for (int i = 0; i < got.size(); i++) {
            double[] a = got.get(i).values();
            double[] b = truth.get(i).values();
            for (int m = 0; m < a.length; m++) {
                if (!Double.isNaN(b[m]) && a[m] != b[m]) {
                    spiked++;
                    assertThat(Math.abs(a[m])).isGreaterThanOrEqualTo(19 * Math.abs(b[m]));
                }
            }
        }
        assertThat(got).hasSameSizeAs(truth);
        assertThat(spiked).isBetween(30, 85); // 288 samples at 0.2: 58 expected
    }

    @Test
    void late_samples_arrive_out_of_order_and_some_twice_but_none_is_lost() {
        OperatorTwin twin =
                Specs.metro(3)
                        .disturb(
                                new Disturbance.LateSamples(
                                        Scope.element(ROUTER),
                                        0.3,
                                        ofMinutes(30),
                                        ofHours(0),
                                        ofHours(12)))
                        .twin();
        List<TelemetrySample> got = stream(twin, ROUTER, ofHours(13));

        int backwards = 0;
        for (int i = 1; i < got.size(); i++) {
            if (got.get(i).at().isBefore(got.get(i - 1).at())) {
                backwards++;
            }
        }
        Set<Instant> distinct = new HashSet<>();
        got.forEach(s -> distinct.add(s.at()));
        assertThat(backwards).isGreaterThan(5);
        assertThat(got.size()).isGreaterThan(distinct.size()); // duplicates
        assertThat(distinct).hasSize(13 * 12);
    }

    @Test
    void a_skewed_clock_runs_ahead_by_the_drift_per_hour_and_is_set_right_at_the_end() {
        OperatorTwin twin =
                Specs.metro(3)
                        .disturb(
                                new Disturbance.ClockSkew(
                                        ROUTER, ofMinutes(2), ofHours(1), ofHours(11)))
                        .twin();
        List<TelemetrySample> got = stream(twin, ROUTER, ofHours(12));

        // sent at 10:00, nine hours into the drift: 18 minutes ahead
        assertThat(got).anyMatch(s -> s.at().equals(Specs.at(ofHours(10).plusMinutes(18))));
        assertThat(got).anyMatch(s -> s.at().equals(Specs.at(ofHours(11))));
        assertThat(got.get(got.size() - 1).at()).isEqualTo(Specs.at(ofHours(12)));
    }

    @Test
    void inventory_drift_hides_an_element_or_lists_it_down_while_the_network_runs_it() {
        OperatorTwin twin =
                Specs.metro(3)
                        .disturb(
                                new Disturbance.InventoryDrift(
                                        ROUTER,
                                        Disturbance.InventoryDrift.Says.MISSING,
                                        ofHours(2)))
                        .disturb(
                                new Disturbance.InventoryDrift(
                                        "core-rtr-01",
                                        Disturbance.InventoryDrift.Says.DOWN,
                                        Duration.ZERO))
                        .twin();
        var inventory = twin.ossBss().resourceInventory();
        assertThat(inventory.findResource(ROUTER)).isPresent();
        assertThat(inventory.findResource("core-rtr-01").orElseThrow().resourceStatus())
                .isEqualTo(ResourceStatus.DOWN);

        twin.advanceTo(Specs.at(ofHours(2)), TwinListener.NONE);

        assertThat(inventory.findResource(ROUTER)).isEmpty();
        assertThat(inventory.resourceState(ROUTER)).isEmpty();
        assertThat(inventory.topology().resources()).noneMatch(r -> r.id().equals(ROUTER));
        assertThat(twin.world().usable(twin.world().topology.index.get(ID))).isTrue();
    }

    @Test
    void stale_stock_shows_the_figures_of_lag_ago_while_orders_take_the_real_stock() {
        OperatorTwin twin = Specs.metro(1).disturb(new Disturbance.StaleStock(ofHours(6))).twin();
        var oss = twin.ossBss();
        twin.advanceTo(Specs.at(ofHours(9)), TwinListener.NONE);
        for (String key : List.of("o1", "o2")) {
            oss.productOrdering()
                    .order(new ProductOrderRequest("PSU", "north", "site-01", ROUTER, false), key);
        }

        assertThat(shown(twin)).isEqualTo(2);
        assertThat(twin.world().stock.available("north", Part.PSU)).isZero();
        assertThatThrownBy(
                        () ->
                                oss.productOrdering()
                                        .order(
                                                new ProductOrderRequest(
                                                        "PSU", "north", "site-01", ROUTER, false),
                                                "o3"))
                .hasMessageContaining("no PSU in stock at north");
        twin.advanceTo(Specs.at(ofHours(15)), TwinListener.NONE);
        assertThat(shown(twin)).isZero();
    }

    private static long shown(OperatorTwin twin) {
        return twin.ossBss()
                .stockManagement()
                .checkStock("PSU", "site-01")
                .option("north")
                .orElseThrow()
                .availableQuantity();
    }

    @Test
    void a_spec_refuses_bad_data_naming_what_is_wrong_and_what_is_accepted() {
        assertThatThrownBy(
                        () ->
                                Specs.metro(1)
                                        .disturb(
                                                new Disturbance.StuckSensor(
                                                        "link-core-rtr-01-core-rtr-02",
                                                        Metric.FAN_RPM,
                                                        ofHours(1),
                                                        ofHours(2)))
                                        .twin())
                .hasMessageContaining("does not report fan_rpm")
                .hasMessageContaining("optical_rx_dbm");
        assertThatThrownBy(
                        () ->
                                Specs.metro(1)
                                        .disturb(
                                                new Disturbance.TelemetryGap(
                                                        Scope.element("rtr-99"),
                                                        ofHours(1),
                                                        ofHours(2)))
                                        .twin())
                .hasMessageContaining("unknown element 'rtr-99' in TELEMETRY_GAP");
        assertThatThrownBy(
                        () ->
                                Specs.metro(1)
                                        .disturb(
                                                new Disturbance.Spikes(
                                                        Scope.region("north"),
                                                        1.5,
                                                        ofHours(1),
                                                        ofHours(2)))
                                        .twin())
                .hasMessageContaining("SPIKES rate must be a number in (0, 1], got 1.5");
        assertThatThrownBy(
                        () ->
                                Specs.metro(1)
                                        .disturb(
                                                new Disturbance.LateSamples(
                                                        Scope.region("north"),
                                                        0.5,
                                                        ofMinutes(1),
                                                        ofHours(1),
                                                        ofHours(2)))
                                        .twin())
                .hasMessageContaining("max_delay must be at least one tick");
    }
}
