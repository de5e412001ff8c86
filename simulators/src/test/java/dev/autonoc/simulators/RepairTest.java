package dev.autonoc.simulators;

import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.tools.oss.AppointmentRequest;
import dev.autonoc.tools.oss.OssBss;
import dev.autonoc.tools.oss.ProductOrderRequest;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RepairTest {

    private static OperatorTwin fanWear() {
        return Specs.metro(7)
                .fault("core-rtr-02", FailureMode.FAN_WEAR, ofDays(1), ofDays(4))
                .twin();
    }

    @Test
    void a_repair_before_failsAt_prevents_the_failure_and_nobody_notices() {
        OperatorTwin twin = fanWear();
        OssBss oss = twin.ossBss();
        twin.advanceTo(Specs.at(ofDays(2).plusHours(8)), TwinListener.NONE);

        oss.productOrdering()
                .order(
                        new ProductOrderRequest(
                                "FAN-TRAY", "south", "pop-02", "core-rtr-02", false),
                        "order");
        oss.serviceActivation().reroute("core-rtr-02", "drain");
        oss.appointment()
                .book(
                        new AppointmentRequest(
                                "eng-south-1",
                                "core-rtr-02",
                                "pop-02",
                                Specs.at(ofDays(2).plusHours(14)),
                                "replace fan tray",
                                Optional.of("FAN-TRAY")),
                        "job");
        twin.advanceTo(Specs.at(ofDays(2).plusHours(16)), TwinListener.NONE);
        oss.serviceActivation().restore("core-rtr-02", "restore");
        twin.advanceTo(Specs.at(ofDays(8)), TwinListener.NONE);

        RunOutcome outcome = twin.outcome();
        assertThat(outcome.failures()).isEmpty();
        assertThat(outcome.customerImpactMinutes()).isZero();
        assertThat(outcome.dispatches()).isEqualTo(1);
        assertThat(outcome.falseDispatches()).isZero();
        assertThat(outcome.opsCostGbp()).isEqualTo(450.0 + 300.0);
        FaultTruth truth = twin.groundTruth().faults().get(0);
        assertThat(truth.failedAt()).isEmpty();
        assertThat(truth.repairedAt()).contains(Specs.at(ofDays(2).plusHours(15)));
        assertThat(twin.groundTruth().latentLevel(ElementId.of("core-rtr-02"), Specs.at(ofDays(3))))
                .isZero();
        assertThat(twin.groundTruth().latentLevel(ElementId.of("core-rtr-02"), Specs.at(ofDays(2))))
                .isBetween(0.0, 0.1);
    }

    @Test
    void a_visit_without_the_part_on_site_mends_nothing() {
        OperatorTwin twin = fanWear();
        twin.advanceTo(Specs.at(ofDays(2).plusHours(8)), TwinListener.NONE);

        twin.ossBss()
                .appointment()
                .book(
                        new AppointmentRequest(
                                "eng-south-1",
                                "core-rtr-02",
                                "pop-02",
                                Specs.at(ofDays(2).plusHours(14)),
                                "replace fan tray",
                                Optional.of("FAN-TRAY")),
                        "job");
        twin.advanceTo(Specs.at(ofDays(6)), TwinListener.NONE);

        assertThat(twin.outcome().failures()).hasSize(1);
        assertThat(twin.outcome().falseDispatches()).isZero();
        assertThat(twin.outcome().impactByCause().get("planned_work")).isPositive();
    }

    @Test
    void an_engineer_mends_a_failed_element_and_the_outage_ends() {
        OperatorTwin twin =
                Specs.metro(7)
                        .fault("agg-rtr-01", FailureMode.PSU_DEGRADATION, ofHours(1), ofHours(20))
                        .twin();
        OssBss oss = twin.ossBss();
        oss.productOrdering()
                .order(
                        new ProductOrderRequest("PSU", "north", "site-01", "agg-rtr-01", false),
                        "order");
        twin.advanceTo(Specs.at(ofHours(22)), TwinListener.NONE);

        oss.appointment()
                .book(
                        new AppointmentRequest(
                                "eng-north-1",
                                "agg-rtr-01",
                                "site-01",
                                Specs.at(ofDays(1).plusHours(9)),
                                "replace PSU",
                                Optional.of("PSU")),
                        "job");
        twin.advanceTo(Specs.at(ofDays(1).plusHours(10)), TwinListener.NONE);
        double atRepair = twin.outcome().customerImpactMinutes();
        twin.advanceTo(Specs.at(ofDays(2)), TwinListener.NONE);

        assertThat(twin.outcome().customerImpactMinutes()).isEqualTo(atRepair);
        assertThat(twin.groundTruth().faults().get(0).failedAt()).contains(Specs.at(ofHours(21)));
        assertThat(twin.groundTruth().faults().get(0).repairedAt())
                .contains(Specs.at(ofDays(1).plusHours(10)));
        assertThat(twin.outcome().impactByCause().get("failure")).isPositive();
    }
}
