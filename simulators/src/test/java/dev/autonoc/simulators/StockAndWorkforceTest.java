package dev.autonoc.simulators;

import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.prediction.Part;
import dev.autonoc.tools.oss.AppointmentRequest;
import dev.autonoc.tools.oss.OssBss;
import dev.autonoc.tools.oss.OssException;
import dev.autonoc.tools.oss.ProductOrderRequest;
import dev.autonoc.tools.oss.StockCheck;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StockAndWorkforceTest {

    @Test
    void check_stock_lists_region_central_and_supplier_with_the_operators_lead_times() {
        OssBss oss = Specs.metro(1).twin().ossBss();

        StockCheck check = oss.stockManagement().checkStock("FAN-TRAY", "site-02");

        assertThat(check.unitPrice().value()).isEqualTo(450.0);
        assertThat(check.options())
                .extracting(o -> o.place())
                .containsExactly("south", "central", "supplier");
        assertThat(check.option("south").orElseThrow().availableQuantity()).isEqualTo(2);
        assertThat(check.option("south").orElseThrow().leadTime()).isEqualTo(ofHours(4));
        assertThat(check.option("south").orElseThrow().expeditedLeadTime()).isEqualTo(ofHours(2));
        assertThat(check.option("central").orElseThrow().availableQuantity()).isEqualTo(5);
        assertThat(check.option("central").orElseThrow().leadTime()).isEqualTo(ofHours(12));
        assertThat(check.option("supplier").orElseThrow().leadTime()).isEqualTo(ofHours(48));
        assertThat(
                        oss.stockManagement()
                                .checkStock("LINE-CARD", "site-02")
                                .option("south")
                                .orElseThrow()
                                .availableQuantity())
                .isZero();
        assertThat(
                        oss.stockManagement()
                                .checkStock("SFP-OPTIC", "site-02")
                                .option("supplier")
                                .orElseThrow()
                                .leadTime())
                .isEqualTo(ofHours(72));
    }

    @Test
    void an_order_reserves_stock_at_once_and_delivers_to_the_site_after_the_lead_time() {
        OperatorTwin twin = Specs.metro(1).twin();
        OssBss oss = twin.ossBss();
        twin.advanceTo(Specs.at(ofHours(9)), TwinListener.NONE);

        var order =
                oss.productOrdering()
                        .order(
                                new ProductOrderRequest(
                                        "PSU", "north", "site-01", "agg-rtr-01", false),
                                "o1");

        assertThat(order.expectedCompletionDate()).isEqualTo(Specs.at(ofHours(13)));
        assertThat(order.orderTotalPrice().value()).isEqualTo(900.0);
        assertThat(
                        oss.stockManagement()
                                .checkStock("PSU", "site-01")
                                .option("north")
                                .orElseThrow()
                                .availableQuantity())
                .isEqualTo(1);
        twin.advanceTo(Specs.at(ofHours(13).minusMinutes(1)), TwinListener.NONE);
        assertThat(twin.world().stock.atSite("site-01", Part.PSU)).isZero();
        twin.advanceTo(Specs.at(ofHours(13)), TwinListener.NONE);
        assertThat(twin.world().stock.atSite("site-01", Part.PSU)).isEqualTo(1);
        assertThat(twin.outcome().costByKind()).containsEntry("parts", 900.0);
    }

    @Test
    void an_expedited_order_halves_the_lead_time_for_half_the_price_again() {
        OperatorTwin twin = Specs.metro(1).twin();

        var order =
                twin.ossBss()
                        .productOrdering()
                        .order(
                                new ProductOrderRequest(
                                        "FAN-TRAY", "supplier", "site-01", "agg-rtr-01", true),
                                "o1");

        assertThat(order.expectedCompletionDate()).isEqualTo(Specs.at(ofHours(24)));
        assertThat(order.orderTotalPrice().value()).isEqualTo(675.0);
        assertThat(twin.outcome().costByKind())
                .containsEntry("parts", 450.0)
                .containsEntry("expedite", 225.0);
    }

    @Test
    void an_empty_warehouse_refuses_the_order_and_reserves_nothing() {
        OperatorTwin twin = Specs.metro(1).stock(new StockLevel("north", Part.FAN_TRAY, 0)).twin();

        assertThatThrownBy(
                        () ->
                                twin.ossBss()
                                        .productOrdering()
                                        .order(
                                                new ProductOrderRequest(
                                                        "FAN-TRAY",
                                                        "north",
                                                        "site-01",
                                                        "agg-rtr-01",
                                                        false),
                                                "o1"))
                .isInstanceOfSatisfying(
                        OssException.class, e -> assertThat(e.retriable()).isFalse())
                .hasMessageContaining("no FAN-TRAY in stock at north");
        assertThat(twin.outcome().opsCostGbp()).isZero();
    }

    @Test
    void a_supplier_delay_lengthens_that_parts_deliveries() {
        OperatorTwin twin =
                Specs.metro(1)
                        .disturb(new Disturbance.SupplierDelay(Part.FAN_TRAY, ofDays(2)))
                        .twin();

        StockCheck check = twin.ossBss().stockManagement().checkStock("FAN-TRAY", "site-01");

        assertThat(check.option("supplier").orElseThrow().leadTime()).isEqualTo(ofHours(96));
        assertThat(
                        twin.ossBss()
                                .stockManagement()
                                .checkStock("PSU", "site-01")
                                .option("supplier")
                                .orElseThrow()
                                .leadTime())
                .isEqualTo(ofHours(48));
    }

    private static AppointmentRequest job(
            String engineer, String element, String site, Instant start, String part) {
        return new AppointmentRequest(
                engineer, element, site, start, "replace", Optional.ofNullable(part));
    }

    @Test
    void a_job_in_shift_costs_300_and_one_outside_600() {
        OperatorTwin twin = Specs.metro(1).twin();
        var appointments = twin.ossBss().appointment();

        var monday =
                appointments.book(
                        job("eng-north-1", "agg-rtr-01", "site-01", Specs.at(ofHours(10)), null),
                        "a1");
        var evening =
                appointments.book(
                        job("eng-north-2", "agg-rtr-01", "site-01", Specs.at(ofHours(18)), null),
                        "a2");
        var saturday =
                appointments.book(
                        job(
                                "eng-north-1",
                                "agg-rtr-05",
                                "site-05",
                                Specs.at(ofDays(5).plusHours(10)),
                                null),
                        "a3");

        assertThat(monday.cost().value()).isEqualTo(300.0);
        assertThat(monday.inShift()).isTrue();
        assertThat(monday.validFor().endDateTime()).isEqualTo(Specs.at(ofHours(11)));
        assertThat(evening.cost().value()).isEqualTo(600.0);
        assertThat(saturday.cost().value()).isEqualTo(600.0);
        assertThat(twin.outcome().costByKind())
                .containsEntry("callout", 900.0)
                .containsEntry("overtime", 600.0);
    }

    @Test
    void an_engineer_does_one_job_at_a_time_travel_included() {
        OperatorTwin twin = Specs.metro(1).twin();
        var appointments = twin.ossBss().appointment();
        appointments.book(
                job("eng-north-1", "agg-rtr-01", "site-01", Specs.at(ofHours(10)), null), "a1");

        assertThatThrownBy(
                        () ->
                                appointments.book(
                                        job(
                                                "eng-north-1",
                                                "agg-rtr-05",
                                                "site-05",
                                                Specs.at(ofHours(11).plusMinutes(30)),
                                                null),
                                        "a2"))
                .isInstanceOf(OssException.class)
                .hasMessageContaining("one job at a time");
        var travel =
                appointments
                        .engineers("north", Optional.of("site-05"))
                        .get(0)
                        .travelTime()
                        .orElseThrow();
        var later =
                appointments.book(
                        job(
                                "eng-north-1",
                                "agg-rtr-05",
                                "site-05",
                                Specs.at(ofHours(11)).plus(travel),
                                null),
                        "a3");
        assertThat(later.status()).isEqualTo("confirmed");
        assertThat(appointments.engineers("north", Optional.empty()).get(0).booked()).hasSize(2);
    }

    @Test
    void a_job_cannot_start_before_the_engineer_can_get_there() {
        OperatorTwin twin = Specs.metro(1).twin();
        var travel =
                twin.ossBss()
                        .appointment()
                        .engineers("north", Optional.of("site-01"))
                        .get(0)
                        .travelTime()
                        .orElseThrow();

        assertThat(travel).isBetween(ofHours(1), ofHours(3));
        assertThatThrownBy(
                        () ->
                                twin.ossBss()
                                        .appointment()
                                        .book(
                                                job(
                                                        "eng-north-1",
                                                        "agg-rtr-01",
                                                        "site-01",
                                                        Specs.at(travel.minusMinutes(5)),
                                                        null),
                                                "a1"))
                .isInstanceOf(OssException.class)
                .hasMessageContaining("earliest start");
    }

    @Test
    void a_sick_regions_engineers_are_refused_at_booking_in_the_window() {
        OperatorTwin twin =
                Specs.metro(1)
                        .disturb(new Disturbance.EngineerSick("north", ofDays(1), ofDays(3)))
                        .twin();
        var appointments = twin.ossBss().appointment();

        assertThatThrownBy(
                        () ->
                                appointments.book(
                                        job(
                                                "eng-north-1",
                                                "agg-rtr-01",
                                                "site-01",
                                                Specs.at(ofDays(2).plusHours(10)),
                                                null),
                                        "a1"))
                .isInstanceOf(OssException.class)
                .hasMessageContaining("unavailable");
        assertThat(appointments.engineers("north", Optional.empty()).get(0).unavailable())
                .hasSize(1);
        assertThat(
                        appointments
                                .book(
                                        job(
                                                "eng-south-1",
                                                "agg-rtr-02",
                                                "site-02",
                                                Specs.at(ofDays(2).plusHours(10)),
                                                null),
                                        "a2")
                                .status())
                .isEqualTo("confirmed");
    }

    @Test
    void a_visit_to_an_element_with_no_fault_is_a_false_dispatch_and_takes_it_out_for_the_hour() {
        OperatorTwin twin = Specs.metro(1).twin();
        twin.ossBss()
                .appointment()
                .book(
                        job("eng-north-1", "cell-01-1", "site-01", Specs.at(ofHours(10)), null),
                        "a1");

        twin.advanceTo(Specs.at(ofHours(12)), TwinListener.NONE);

        assertThat(twin.outcome().dispatches()).isEqualTo(1);
        assertThat(twin.outcome().falseDispatches()).isEqualTo(1);
        assertThat(twin.outcome().impactByCause().get("planned_work")).isEqualTo(400.0 * 60);
    }

    @Test
    void the_job_must_be_at_the_elements_site() {
        OperatorTwin twin = Specs.metro(1).twin();

        assertThatThrownBy(
                        () ->
                                twin.ossBss()
                                        .appointment()
                                        .book(
                                                job(
                                                        "eng-north-1",
                                                        "agg-rtr-01",
                                                        "site-05",
                                                        Specs.at(ofHours(10)),
                                                        null),
                                                "a1"))
                .isInstanceOf(OssException.class)
                .hasMessageContaining("is at site site-01");
    }

    @Test
    void an_element_takes_one_job_at_a_time() {
        OperatorTwin twin = Specs.metro(1).twin();
        var appointments = twin.ossBss().appointment();
        appointments.book(
                job("eng-north-1", "agg-rtr-01", "site-01", Specs.at(ofHours(10)), null), "a1");

        assertThatThrownBy(
                        () ->
                                appointments.book(
                                        job(
                                                "eng-north-2",
                                                "agg-rtr-01",
                                                "site-01",
                                                Specs.at(ofHours(10).plusMinutes(30)),
                                                null),
                                        "a2"))
                .isInstanceOf(OssException.class)
                .hasMessageContaining("already has a job");
        assertThat(
                        appointments
                                .book(
                                        job(
                                                "eng-north-2",
                                                "agg-rtr-01",
                                                "site-01",
                                                Specs.at(ofHours(11)),
                                                null),
                                        "a3")
                                .status())
                .isEqualTo("confirmed");
    }
}
