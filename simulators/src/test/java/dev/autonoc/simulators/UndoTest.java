package dev.autonoc.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.prediction.Part;
import dev.autonoc.core.tool.ToolResult.Outcome;
import dev.autonoc.tools.oss.AppointmentRequest;
import dev.autonoc.tools.oss.BookedAppointment;
import dev.autonoc.tools.oss.OssException;
import dev.autonoc.tools.oss.ProductOrder;
import dev.autonoc.tools.oss.ProductOrderRequest;
import dev.autonoc.tools.oss.ResourceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The twin behind the undo tools: a cancelled order gives its reservation and its price back (never
 * the expedite surcharge) and is never delivered; a cancelled appointment is not charged, frees the
 * engineer and never starts; what has happened already cannot be cancelled.
 */
class UndoTest {

    private static final ProductOrderRequest FAN_TRAY =
            new ProductOrderRequest("FAN-TRAY", "north", "site-01", "agg-rtr-01", false);

    private static void advanceTo(OperatorTwin twin, Instant at) {
        twin.advanceTo(at, TwinListener.NONE);
    }

    @Test
    void cancelling_an_order_refunds_its_price_but_not_the_expedite_surcharge() {
        OperatorTwin twin = Specs.metro(1).twin();
        var ordering = twin.ossBss().productOrdering();
        ProductOrderRequest expedited =
                new ProductOrderRequest("FAN-TRAY", "north", "site-01", "agg-rtr-01", true);
        ProductOrder order = ordering.order(expedited, "order-1");
        assertThat(twin.outcome().opsCostGbp()).isEqualTo(675.0);

        var cancellation = ordering.cancelOrder(order.id(), "plan changed", "cancel-1");

        assertThat(cancellation.refund().value()).isEqualTo(450.0);
        assertThat(cancellation.orderId()).isEqualTo(order.id());
        assertThat(twin.outcome().opsCostGbp()).isEqualTo(225.0);
        assertThat(twin.outcome().costByKind())
                .containsEntry("parts", 0.0)
                .containsEntry("expedite", 225.0);
        assertThat(TwinStock.available(twin, "FAN-TRAY", "site-01", "north")).isEqualTo(2);
        assertThat(ordering.findOrderByKey("order-1").orElseThrow().state())
                .isEqualTo(ProductOrder.CANCELLED);
    }

    @Test
    void a_cancelled_order_is_never_delivered_and_a_second_cancel_changes_nothing() {
        OperatorTwin twin = Specs.metro(1).twin();
        var ordering = twin.ossBss().productOrdering();
        ProductOrder order = ordering.order(FAN_TRAY, "order-1");
        var first = ordering.cancelOrder(order.id(), "not needed", "cancel-1");
        var second = ordering.cancelOrder(order.id(), "not needed either", "cancel-2");

        advanceTo(twin, order.expectedCompletionDate().plus(Duration.ofHours(1)));

        assertThat(second).isEqualTo(first);
        assertThat(twin.world().stock.atSite("site-01", Part.FAN_TRAY)).isZero();
        assertThat(twin.outcome().opsCostGbp()).isZero();
        ProductOrder now = ordering.findOrder(order.id()).orElseThrow();
        assertThat(now.state()).isEqualTo(ProductOrder.CANCELLED);
        assertThat(now.delivered()).isFalse();
        assertThat(now.refund()).hasValueSatisfying(m -> assertThat(m.value()).isEqualTo(450.0));
    }

    @Test
    void a_delivered_order_is_refused_and_its_part_stays_at_the_site() {
        OperatorTwin twin = Specs.metro(1).twin();
        var ordering = twin.ossBss().productOrdering();
        ProductOrder order = ordering.order(FAN_TRAY, "order-1");
        advanceTo(twin, order.expectedCompletionDate());

        assertThatThrownBy(() -> ordering.cancelOrder(order.id(), "too late", "cancel-1"))
                .isInstanceOfSatisfying(
                        OssException.class,
                        e -> {
                            assertThat(e.outcome()).isEqualTo(Outcome.REFUSED);
                            assertThat(e.getMessage()).contains("stays there");
                        });
        assertThat(twin.world().stock.atSite("site-01", Part.FAN_TRAY)).isEqualTo(1);
        assertThat(ordering.findOrder(order.id()).orElseThrow().delivered()).isTrue();
        assertThat(twin.outcome().opsCostGbp()).isEqualTo(450.0);
    }

    @Test
    void an_unknown_order_or_appointment_id_is_invalid() {
        OperatorTwin twin = Specs.metro(1).twin();
        assertThatThrownBy(
                        () ->
                                twin.ossBss()
                                        .productOrdering()
                                        .cancelOrder("po-9999", "why not", "cancel-1"))
                .isInstanceOfSatisfying(
                        OssException.class,
                        e -> assertThat(e.outcome()).isEqualTo(Outcome.INVALID));
        assertThatThrownBy(
                        () ->
                                twin.ossBss()
                                        .appointment()
                                        .cancelAppointment("apt-9999", "why not", "cancel-2"))
                .isInstanceOfSatisfying(
                        OssException.class,
                        e -> assertThat(e.outcome()).isEqualTo(Outcome.INVALID));
        assertThat(twin.ossBss().productOrdering().findOrderByKey("never")).isEmpty();
        assertThat(twin.ossBss().appointment().findAppointmentByKey("never")).isEmpty();
    }

    /** Saturday 11 January 2025, 10:00: out of shift, a 600 GBP call-out. */
    private static final Instant SATURDAY_10 = Instant.parse("2025-01-11T10:00:00Z");

    private static AppointmentRequest job(Instant start) {
        return new AppointmentRequest(
                "eng-north-1", "agg-rtr-01", "site-01", start, "replace PSU", Optional.empty());
    }

    @Test
    void a_cancelled_appointment_refunds_call_out_and_overtime_and_never_starts() {
        OperatorTwin twin = Specs.metro(1).twin();
        var appointments = twin.ossBss().appointment();
        BookedAppointment booked = appointments.book(job(SATURDAY_10), "book-1");
        assertThat(booked.cost().value()).isEqualTo(600.0);
        assertThat(twin.outcome().opsCostGbp()).isEqualTo(600.0);

        BookedAppointment cancelled =
                appointments.cancelAppointment(booked.id(), "part delayed", "cancel-1");

        assertThat(cancelled.status()).isEqualTo(BookedAppointment.CANCELLED);
        assertThat(cancelled.cancelReason()).contains("part delayed");
        assertThat(twin.outcome().costByKind())
                .containsEntry("callout", 0.0)
                .containsEntry("overtime", 0.0);
        assertThat(appointments.findEngineer("eng-north-1").orElseThrow().booked()).isEmpty();

        advanceTo(twin, SATURDAY_10.plus(Duration.ofMinutes(30)));
        assertThat(twin.ossBss().resourceInventory().findResource("agg-rtr-01"))
                .hasValueSatisfying(
                        r -> assertThat(r.resourceStatus()).isEqualTo(ResourceStatus.UP));
        advanceTo(twin, SATURDAY_10.plus(Duration.ofHours(2)));
        assertThat(twin.outcome().dispatches()).isZero();
        assertThat(twin.outcome().customerImpactMinutes()).isZero();
        assertThat(appointments.findAppointment(booked.id()).orElseThrow().status())
                .isEqualTo(BookedAppointment.CANCELLED);
    }

    @Test
    void the_freed_hour_can_be_booked_again_by_another_job() {
        OperatorTwin twin = Specs.metro(1).twin();
        var appointments = twin.ossBss().appointment();
        BookedAppointment booked = appointments.book(job(SATURDAY_10), "book-1");
        appointments.cancelAppointment(booked.id(), "moved", "cancel-1");

        BookedAppointment again = appointments.book(job(SATURDAY_10), "book-2");

        assertThat(again.id()).isNotEqualTo(booked.id());
        assertThat(again.status()).isEqualTo(BookedAppointment.CONFIRMED);
        assertThat(twin.outcome().opsCostGbp()).isEqualTo(600.0);
    }

    @Test
    void once_the_engineer_has_left_the_job_goes_ahead_and_is_charged() {
        OperatorTwin twin = Specs.metro(1).twin();
        var appointments = twin.ossBss().appointment();
        BookedAppointment booked = appointments.book(job(SATURDAY_10), "book-1");
        advanceTo(twin, booked.departure());

        assertThat(appointments.findAppointment(booked.id()).orElseThrow().status())
                .isEqualTo(BookedAppointment.IN_PROGRESS);
        assertThatThrownBy(() -> appointments.cancelAppointment(booked.id(), "late", "cancel-1"))
                .isInstanceOfSatisfying(
                        OssException.class,
                        e -> {
                            assertThat(e.outcome()).isEqualTo(Outcome.REFUSED);
                            assertThat(e.getMessage()).contains("eng-north-1 left");
                        });
        advanceTo(twin, SATURDAY_10.plus(Duration.ofHours(2)));
        assertThat(twin.outcome().dispatches()).isEqualTo(1);
        assertThat(twin.outcome().opsCostGbp()).isEqualTo(600.0);
        assertThat(appointments.findAppointment(booked.id()).orElseThrow().status())
                .isEqualTo(BookedAppointment.COMPLETED);
    }
}
