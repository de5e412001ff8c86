package dev.autonoc.simulators;

import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.tools.oss.OssBss;
import dev.autonoc.tools.oss.ResourceStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingAndFailureTest {

    private static final class Recorder implements TwinListener {
        final List<Alarm> alarms = new ArrayList<>();

        @Override
        public void onTelemetry(TelemetrySample sample) {}

        @Override
        public void onAlarm(Alarm alarm) {
            alarms.add(alarm);
        }
    }

    @Test
    void an_unrepaired_fault_fails_at_failsAt_with_an_alarm_naming_the_symptom() {
        OperatorTwin twin =
                Specs.metro(7)
                        .fault("core-rtr-02", FailureMode.FAN_WEAR, ofDays(1), ofDays(4))
                        .twin();
        Recorder rec = new Recorder();

        twin.advanceTo(Specs.at(ofDays(5).minusMinutes(5)), rec);
        assertThat(twin.outcome().failures()).isEmpty();
        twin.advanceTo(Specs.at(ofDays(6)), rec);

        assertThat(twin.outcome().failures())
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.element()).isEqualTo(ElementId.of("core-rtr-02"));
                            assertThat(f.at()).isEqualTo(Specs.at(ofDays(5)));
                            assertThat(f.cause()).isEqualTo("thermal shutdown");
                        });
        assertThat(rec.alarms)
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.kind()).isEqualTo(Alarm.Kind.ELEMENT_DOWN);
                            assertThat(a.probableCause()).isEqualTo(FailureMode.FAN_WEAR.symptom());
                        });
        assertThat(twin.groundTruth().faults().get(0).failedAt()).contains(Specs.at(ofDays(5)));
        assertThat(
                        twin.ossBss()
                                .resourceInventory()
                                .findResource("core-rtr-02")
                                .orElseThrow()
                                .resourceStatus())
                .isEqualTo(ResourceStatus.DOWN);
    }

    @Test
    void a_failed_core_router_costs_only_the_convergence_then_protection_carries_the_traffic() {
        OperatorTwin twin =
                Specs.metro(7)
                        .fault("core-rtr-02", FailureMode.PSU_DEGRADATION, ofHours(1), ofHours(20))
                        .twin();
        OssBss oss = twin.ossBss();

        twin.advanceTo(Specs.at(ofHours(21).plusMinutes(30)), TwinListener.NONE);
        double afterConvergence = twin.outcome().customerImpactMinutes();
        twin.advanceTo(Specs.at(ofHours(30)), TwinListener.NONE);

        assertThat(twin.outcome().failures()).hasSize(1);
        assertThat(afterConvergence).isPositive();
        // at most every consumer of the network for one 5-minute tick, plus the slices
        assertThat(afterConvergence).isLessThan(48 * 400 * 5 + 6 * 5);
        assertThat(twin.outcome().customerImpactMinutes()).isEqualTo(afterConvergence);
        assertThat(twin.outcome().impactByCause().get("failure")).isEqualTo(afterConvergence);
        for (int s = 1; s <= 8; s++) {
            String agg = "agg-rtr-0" + s;
            assertThat(oss.resourceInventory().resourceState(agg).orElseThrow().trafficGbps())
                    .as(agg + " still carries its cells' traffic")
                    .isPositive();
        }
        assertThat(oss.resourceInventory().resourceState("core-rtr-02").orElseThrow().trafficGbps())
                .isZero();
    }

    @Test
    void a_failed_aggregation_router_cuts_its_cells_until_repaired() {
        OperatorTwin twin =
                Specs.metro(7)
                        .fault("agg-rtr-01", FailureMode.PSU_DEGRADATION, ofHours(1), ofHours(20))
                        .twin();

        twin.advanceTo(Specs.at(ofHours(21)), TwinListener.NONE);
        double atFailure = twin.outcome().customerImpactMinutes();
        twin.advanceTo(Specs.at(ofHours(22)), TwinListener.NONE);

        double lost = twin.outcome().customerImpactMinutes() - atFailure;
        int slicesOnSite1 = twin.world().customers.slicesOfAgg(0).length;
        assertThat(lost).isCloseTo(6 * 400 * 60 + slicesOnSite1 * 60, within(1e-6));
        assertThat(twin.ossBss().serviceInventory().impactOf("agg-rtr-01").hasAlternatePath())
                .isFalse();
        assertThat(
                        twin.ossBss()
                                .resourceInventory()
                                .resourceState("cell-01-1")
                                .orElseThrow()
                                .trafficGbps())
                .isZero();
    }

    @Test
    void draining_a_core_router_moves_its_traffic_to_other_paths_within_plan() {
        OperatorTwin twin = Specs.metro(3).twin();
        OssBss oss = twin.ossBss();
        twin.advanceTo(Specs.at(ofHours(20)), TwinListener.NONE);
        double before =
                oss.resourceInventory().resourceState("core-rtr-01").orElseThrow().trafficGbps();

        var preview = oss.serviceActivation().previewReroute("core-rtr-01");
        var result = oss.serviceActivation().reroute("core-rtr-01", "k1");

        assertThat(preview.hasAlternatePath()).isTrue();
        assertThat(preview.sitesIsolated()).isZero();
        assertThat(preview.maxUtilizationAfter()).isBetween(0.0, 0.8);
        assertThat(result.trafficGbps()).isCloseTo(before, within(1e-9));
        assertThat(
                        oss.resourceInventory()
                                .findResource("core-rtr-01")
                                .orElseThrow()
                                .resourceStatus())
                .isEqualTo(ResourceStatus.DRAINED);
        assertThat(oss.resourceInventory().resourceState("core-rtr-01").orElseThrow().trafficGbps())
                .isZero();
        twin.advanceTo(Specs.at(ofHours(21)), TwinListener.NONE);
        assertThat(twin.outcome().customerImpactMinutes()).isZero();

        var restored = oss.serviceActivation().restore("core-rtr-01", "k2");
        assertThat(restored.trafficGbps()).isPositive();
        assertThat(
                        oss.resourceInventory()
                                .findResource("core-rtr-01")
                                .orElseThrow()
                                .resourceStatus())
                .isEqualTo(ResourceStatus.UP);
    }

    @Test
    void draining_an_aggregation_router_is_previewed_as_isolating_its_radio_sites() {
        OperatorTwin twin = Specs.metro(3).twin();

        var preview = twin.ossBss().serviceActivation().previewReroute("agg-rtr-02");

        assertThat(preview.sitesIsolated()).isEqualTo(6);
        assertThat(preview.hasAlternatePath()).isFalse();
        assertThat(twin.ossBss().serviceInventory().impactOf("agg-rtr-02").consumers())
                .isEqualTo(6 * 400);
    }

    @Test
    void a_restart_mends_a_memory_leak_and_costs_nothing_once_the_traffic_is_moved() {
        OperatorTwin twin =
                Specs.metro(5)
                        .fault("core-rtr-01", FailureMode.MEMORY_LEAK, ofHours(12), ofDays(3))
                        .twin();
        var activation = twin.ossBss().serviceActivation();
        twin.advanceTo(Specs.at(ofDays(2).plusHours(3)), TwinListener.NONE);
        assertThat(twin.groundTruth().latentLevel(ElementId.of("core-rtr-01"), twin.now()))
                .isPositive();

        activation.reroute("core-rtr-01", "drain");
        var restart = activation.restart("core-rtr-01", "restart");
        assertThat(restart.completionDate()).contains(twin.now().plus(ofMinutes(10)));
        twin.advanceTo(Specs.at(ofDays(2).plusHours(4)), TwinListener.NONE);
        activation.restore("core-rtr-01", "restore");
        twin.advanceTo(Specs.at(ofDays(5)), TwinListener.NONE);

        assertThat(twin.outcome().failures()).isEmpty();
        assertThat(twin.outcome().customerImpactMinutes()).isZero();
        assertThat(twin.groundTruth().faults().get(0).repairedAt())
                .contains(Specs.at(ofDays(2).plusHours(3)));
        assertThat(twin.groundTruth().latentLevel(ElementId.of("core-rtr-01"), twin.now()))
                .isZero();
    }

    @Test
    void a_restart_without_moving_the_traffic_first_loses_it_for_the_restart() {
        OperatorTwin twin = Specs.metro(5).twin();
        twin.advanceTo(Specs.at(ofHours(3)), TwinListener.NONE);

        twin.ossBss().serviceActivation().restart("core-rtr-01", "restart");
        twin.advanceTo(Specs.at(ofHours(4)), TwinListener.NONE);

        assertThat(twin.outcome().impactByCause().get("restart")).isPositive();
        assertThat(twin.outcome().customerImpactMinutes())
                .isEqualTo(twin.outcome().impactByCause().get("restart"));
    }

    @Test
    void a_memory_leak_left_alone_crashes_and_stays_down_until_restarted() {
        OperatorTwin twin =
                Specs.metro(5)
                        .fault("agg-rtr-02", FailureMode.MEMORY_LEAK, ofHours(1), ofHours(10))
                        .twin();
        Recorder rec = new Recorder();
        twin.advanceTo(Specs.at(ofHours(20)), rec);
        assertThat(
                        twin.ossBss()
                                .resourceInventory()
                                .findResource("agg-rtr-02")
                                .orElseThrow()
                                .resourceStatus())
                .isEqualTo(ResourceStatus.DOWN);

        twin.ossBss().serviceActivation().restart("agg-rtr-02", "r");
        twin.advanceTo(Specs.at(ofHours(21)), rec);

        assertThat(
                        twin.ossBss()
                                .resourceInventory()
                                .findResource("agg-rtr-02")
                                .orElseThrow()
                                .resourceStatus())
                .isEqualTo(ResourceStatus.UP);
        assertThat(rec.alarms)
                .extracting(Alarm::kind)
                .containsExactly(Alarm.Kind.ELEMENT_DOWN, Alarm.Kind.ELEMENT_UP);
        assertThat(rec.alarms.get(1).at()).isEqualTo(Specs.at(ofHours(20).plusMinutes(10)));
        assertThat(twin.outcome().impactByCause().get("failure"))
                .isCloseTo(6 * 400 * 9 * 60.0, within(6 * 9 * 60.0 + 1));
    }
}
