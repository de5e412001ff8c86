package dev.autonoc.simulators;

import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.Part;
import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.core.tool.ToolResult.Outcome;
import dev.autonoc.tools.oss.AppointmentRequest;
import dev.autonoc.tools.oss.BookedAppointment;
import dev.autonoc.tools.oss.OssException;
import dev.autonoc.tools.oss.ProductOrder;
import dev.autonoc.tools.oss.ProductOrderRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a plan meets after it was made (issue 10's scenario extensions): a supplier delay whose
 * window starts after the order, a sickness learnt at its notice that cancels the jobs booked in
 * it, and a fault whose degradation speeds up, with the ground truth telling the real failure time.
 */
class ChangingWorldTest {

    private static final ProductOrderRequest CENTRAL_FAN_TRAY =
            new ProductOrderRequest("FAN-TRAY", "central", "site-01", "agg-rtr-01", false);

    private static Map<String, Object> read(
            OperatorTwin twin, String tool, Map<String, Object> args) {
        ToolResult r =
                twin.tools()
                        .require(tool)
                        .execute(
                                new ToolInvocation(
                                        ToolCall.of(tool, args),
                                        new IdempotencyKey("read/" + tool),
                                        "agent"));
        assertThat(r.outcome()).as(r.summary()).isEqualTo(Outcome.SUCCEEDED);
        return r.output();
    }

    private static Instant at(Duration fromStart) {
        return OperatorTwin.EPOCH.plus(fromStart);
    }

    // ---------------------------------------------------------------- SUPPLIER_DELAY with a window

    private static OperatorTwin delayedFanTrays() {
        return Specs.metro(1)
                .disturb(
                        new Disturbance.SupplierDelay(
                                Part.FAN_TRAY,
                                ofDays(2),
                                Optional.of(new Disturbance.Window(ofHours(6), ofDays(2)))))
                .twin();
    }

    @Test
    void a_delay_that_starts_after_the_order_moves_its_delivery_at_the_windows_start() {
        OperatorTwin twin = delayedFanTrays();
        var ordering = twin.ossBss().productOrdering();
        ProductOrder placed = ordering.order(CENTRAL_FAN_TRAY, "order-1");
        assertThat(placed.expectedCompletionDate()).isEqualTo(at(ofHours(12)));

        twin.advanceTo(at(ofHours(5)), TwinListener.NONE);
        assertThat(ordering.findOrder(placed.id()).orElseThrow().expectedCompletionDate())
                .as("not known yet")
                .isEqualTo(at(ofHours(12)));

        twin.advanceTo(at(ofHours(6)), TwinListener.NONE);
        assertThat(ordering.findOrder(placed.id()).orElseThrow().expectedCompletionDate())
                .isEqualTo(at(ofHours(60)));
        assertThat(read(twin, "get_order", Map.of("order_key", "order-1")))
                .containsEntry("expected_delivery_at", at(ofHours(60)).toString())
                .containsEntry("state", "inProgress")
                .containsEntry("delivered", false);

        twin.advanceTo(at(ofHours(13)), TwinListener.NONE);
        assertThat(twin.world().stock.atSite("site-01", Part.FAN_TRAY)).isZero();
        assertThat(ordering.findOrder(placed.id()).orElseThrow().state())
                .isEqualTo(ProductOrder.IN_PROGRESS);

        twin.advanceTo(at(ofHours(60)), TwinListener.NONE);
        assertThat(twin.world().stock.atSite("site-01", Part.FAN_TRAY)).isEqualTo(1);
        assertThat(ordering.findOrder(placed.id()).orElseThrow().delivered()).isTrue();
    }

    @Test
    void once_the_window_is_known_orders_and_quotes_due_in_it_are_late_and_others_are_not() {
        OperatorTwin twin = delayedFanTrays();
        var stock = twin.ossBss().stockManagement();
        assertThat(
                        stock.checkStock("FAN-TRAY", "site-01")
                                .option("central")
                                .orElseThrow()
                                .leadTime())
                .as("quoted before the delay is known")
                .isEqualTo(ofHours(12));
        twin.advanceTo(at(ofHours(7)), TwinListener.NONE);

        // central: due at 19h, inside the window, so 48 h late; the supplier: due at 55h, after it
        assertThat(
                        stock.checkStock("FAN-TRAY", "site-01")
                                .option("central")
                                .orElseThrow()
                                .leadTime())
                .isEqualTo(ofHours(60));
        assertThat(
                        stock.checkStock("FAN-TRAY", "site-01")
                                .option("supplier")
                                .orElseThrow()
                                .leadTime())
                .isEqualTo(ofHours(48));
        assertThat(stock.checkStock("PSU", "site-01").option("central").orElseThrow().leadTime())
                .as("another part")
                .isEqualTo(ofHours(12));
        ProductOrder late = twin.ossBss().productOrdering().order(CENTRAL_FAN_TRAY, "order-2");
        assertThat(late.expectedCompletionDate()).isEqualTo(at(ofHours(7 + 60)));
    }

    @Test
    void without_a_window_a_delay_is_known_from_the_start_as_before() {
        OperatorTwin twin =
                Specs.metro(1).disturb(new Disturbance.SupplierDelay(Part.PSU, ofDays(1))).twin();
        assertThat(
                        twin.ossBss()
                                .stockManagement()
                                .checkStock("PSU", "site-01")
                                .option("central")
                                .orElseThrow()
                                .leadTime())
                .isEqualTo(ofHours(36));
    }

    // ---------------------------------------------------------------- ENGINEER_SICK with notice

    /** Wednesday 8 January 10:00, inside the sickness window. */
    private static final Instant WEDNESDAY_10 = at(ofDays(2).plusHours(10));

    private static AppointmentRequest job(String engineer, Instant start) {
        return new AppointmentRequest(
                engineer, "agg-rtr-01", "site-01", start, "replace PSU", Optional.empty());
    }

    private static OperatorTwin northOneSickWithNotice() {
        return Specs.metro(1)
                .disturb(
                        new Disturbance.EngineerSick(
                                Optional.empty(),
                                Optional.of("eng-north-1"),
                                ofDays(2),
                                ofDays(3),
                                Optional.of(ofDays(1))))
                .twin();
    }

    @Test
    void a_sickness_learnt_at_its_notice_cancels_the_jobs_booked_in_it_uncharged() {
        OperatorTwin twin = northOneSickWithNotice();
        var appointments = twin.ossBss().appointment();
        BookedAppointment booked = appointments.book(job("eng-north-1", WEDNESDAY_10), "book-1");
        BookedAppointment other =
                appointments.book(job("eng-north-2", WEDNESDAY_10.plus(ofHours(2))), "book-2");
        assertThat(appointments.findEngineer("eng-north-1").orElseThrow().unavailable())
                .as("not known yet")
                .isEmpty();
        assertThat(twin.outcome().opsCostGbp()).isEqualTo(600.0);

        twin.advanceTo(at(ofDays(1)), TwinListener.NONE);

        assertThat(read(twin, "get_appointment", Map.of("appointment_key", "book-1")))
                .containsEntry("state", "cancelled")
                .hasEntrySatisfying(
                        "cancel_reason",
                        r -> assertThat((String) r).contains("off sick from " + at(ofDays(2))));
        BookedAppointment now = appointments.findAppointment(booked.id()).orElseThrow();
        assertThat(now.status()).isEqualTo(BookedAppointment.CANCELLED);
        assertThat(now.cancelReason())
                .hasValueSatisfying(r -> assertThat(r).contains("eng-north-1 is off sick"));
        assertThat(appointments.findAppointmentByKey("book-2").orElseThrow().status())
                .isEqualTo(BookedAppointment.CONFIRMED);
        assertThat(other.status()).isEqualTo(BookedAppointment.CONFIRMED);
        assertThat(twin.outcome().opsCostGbp()).as("only eng-north-2's call-out").isEqualTo(300.0);
        assertThat(appointments.findEngineer("eng-north-1").orElseThrow().unavailable())
                .singleElement()
                .satisfies(w -> assertThat(w.startDateTime()).isEqualTo(at(ofDays(2))));
        assertThat(appointments.findEngineer("eng-north-2").orElseThrow().unavailable()).isEmpty();
        assertThatThrownBy(() -> appointments.book(job("eng-north-1", WEDNESDAY_10), "book-3"))
                .isInstanceOfSatisfying(
                        OssException.class,
                        e -> assertThat(e.outcome()).isEqualTo(Outcome.REFUSED));

        twin.advanceTo(WEDNESDAY_10.plus(Duration.ofMinutes(90)), TwinListener.NONE);
        assertThat(twin.outcome().dispatches()).as("the cancelled job never started").isZero();
    }

    @Test
    void a_whole_region_without_notice_is_known_from_the_start_as_before() {
        OperatorTwin twin =
                Specs.metro(1)
                        .disturb(new Disturbance.EngineerSick("north", ofDays(2), ofDays(3)))
                        .twin();
        var appointments = twin.ossBss().appointment();
        assertThat(appointments.findEngineer("eng-north-2").orElseThrow().unavailable()).hasSize(1);
        assertThatThrownBy(() -> appointments.book(job("eng-north-2", WEDNESDAY_10), "book-1"))
                .isInstanceOf(OssException.class)
                .hasMessageContaining("unavailable");
    }

    @Test
    void a_sickness_names_an_engineer_that_exists_in_its_own_region() {
        for (var sick :
                java.util.List.of(
                        new Disturbance.EngineerSick(
                                Optional.of("south"),
                                Optional.of("eng-north-1"),
                                ofDays(1),
                                ofDays(2),
                                Optional.empty()),
                        new Disturbance.EngineerSick(
                                Optional.empty(),
                                Optional.of("eng-north-3"),
                                ofDays(1),
                                ofDays(2),
                                Optional.empty()),
                        new Disturbance.EngineerSick(
                                Optional.empty(),
                                Optional.empty(),
                                ofDays(1),
                                ofDays(2),
                                Optional.empty()))) {
            assertThatThrownBy(() -> Specs.metro(1).disturb(sick).twin())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ENGINEER_SICK");
        }
    }

    // ---------------------------------------------------------------- a fault that speeds up

    private static FaultSpec fanWear(Optional<FaultSpec.Speedup> speedup) {
        return new FaultSpec(
                new ElementSelector.ById(ElementId.of("core-rtr-01")),
                FailureMode.FAN_WEAR,
                ofDays(1),
                ofDays(4),
                speedup);
    }

    @Test
    void a_speedup_brings_the_failure_forward_and_the_truth_says_when() {
        OperatorTwin twin =
                Specs.metro(1)
                        .fault(fanWear(Optional.of(new FaultSpec.Speedup(ofDays(2), 3.0))))
                        .twin();
        // from day 2 the three days left run three times faster: failure on day 3
        assertThat(twin.truth().faults())
                .singleElement()
                .satisfies(f -> assertThat(f.failsAt()).isEqualTo(at(ofDays(3))));
        ElementId core = ElementId.of("core-rtr-01");
        double before = twin.groundTruth().latentLevel(core, at(ofDays(2)));
        double after = twin.groundTruth().latentLevel(core, at(ofDays(2).plusHours(12)));
        assertThat(before).isCloseTo(Math.pow(0.25, 2.5), offset(1e-12));
        assertThat(after).isCloseTo(Math.pow(2.5 / 4.0, 2.5), offset(1e-12));

        twin.advanceTo(at(ofDays(3).plusMinutes(5)), TwinListener.NONE);
        assertThat(twin.outcome().failures())
                .singleElement()
                .satisfies(f -> assertThat(f.at()).isEqualTo(at(ofDays(3))));
        assertThat(twin.truth().faults().get(0).failedAt()).contains(at(ofDays(3)));
    }

    @Test
    void without_a_speedup_the_fault_keeps_its_time_to_failure() {
        OperatorTwin twin = Specs.metro(1).fault(fanWear(Optional.empty())).twin();
        assertThat(twin.truth().faults().get(0).failsAt()).isEqualTo(at(ofDays(5)));
    }

    @Test
    void a_speedup_outside_the_faults_life_or_not_faster_is_refused() {
        for (FaultSpec.Speedup s :
                java.util.List.of(
                        new FaultSpec.Speedup(ofDays(1), 2.0),
                        new FaultSpec.Speedup(ofDays(5), 2.0),
                        new FaultSpec.Speedup(ofDays(2), 1.0))) {
            assertThatThrownBy(() -> Specs.metro(1).fault(fanWear(Optional.of(s))).twin())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("speedup");
        }
    }
}
