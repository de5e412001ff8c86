package dev.autonoc.core.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.cases.CaseId;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.PlanStep;
import dev.autonoc.core.plan.PlanningRequest;
import dev.autonoc.core.plan.ToolReader;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.tool.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaybookPlannerTest {

    // Thursday 9 January 2025, 10:00 UTC
    static final Instant THURSDAY_10 = Instant.parse("2025-01-09T10:00:00Z");
    static final Element CORE =
            new Element(
                    ElementId.of("core-rtr-02"), ElementKind.ROUTER, "core", "south", "site-02");
    static final Element CELL =
            new Element(ElementId.of("cell-02-1"), ElementKind.RADIO, "cell", "south", "site-02");

    final List<String> reads = new ArrayList<>();
    boolean alternatePath = true;
    long regionalStock = 2;
    List<Object> unavailable = List.of();

    ToolReader reader() {
        return (tool, args) -> {
            reads.add(tool);
            return switch (tool) {
                case "get_element" ->
                        ToolResult.succeeded(
                                Map.of(
                                        "id",
                                        args.get("element_id"),
                                        "has_alternate_path",
                                        alternatePath),
                                "");
                case "check_stock" ->
                        ToolResult.succeeded(
                                Map.of(
                                        "part", args.get("part"),
                                        "price_gbp", 450.0,
                                        "options",
                                                List.of(
                                                        option("south", regionalStock, 240),
                                                        option("central", 5, 720),
                                                        option("supplier", 0, 2880))),
                                "");
                case "list_engineers" ->
                        ToolResult.succeeded(
                                Map.of(
                                        "engineers",
                                        List.of(
                                                engineer("eng-south-1", 90, List.of()),
                                                engineer("eng-south-2", 120, unavailable))),
                                "");
                default -> throw new AssertionError("unexpected read " + tool);
            };
        };
    }

    static Map<String, Object> option(String source, long available, long lead) {
        return Map.of(
                "source", source,
                "available", available,
                "lead_time_minutes", lead,
                "expedited_lead_time_minutes", lead / 2,
                "expedite_surcharge_pct", 50L);
    }

    static Map<String, Object> engineer(String id, long travel, List<Object> unavailable) {
        Map<String, Object> e = new HashMap<>();
        e.put("engineer_id", id);
        e.put("region", "south");
        e.put("skills", List.of("router", "radio", "fibre"));
        e.put("shift_days", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"));
        e.put("shift_start", "08:00");
        e.put("shift_end", "18:00");
        e.put("travel_minutes", travel);
        e.put("booked", List.of());
        e.put("unavailable", unavailable);
        return e;
    }

    Plan plan(Element element, FailureMode mode, Instant now, Duration ttf) {
        Prediction p = new Prediction(element.id(), now, 0.95, mode, ttf, List.of(), "m1");
        return new PlaybookPlanner()
                .plan(new PlanningRequest(new CaseId("case-0001"), element, p, now, reader()));
    }

    static List<String> tools(Plan plan) {
        return plan.steps().stream().map(s -> s.call().tool()).toList();
    }

    static PlanStep step(Plan plan, String tool) {
        return plan.steps().stream()
                .filter(s -> s.call().tool().equals(tool))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void
            fan_wear_orders_the_part_books_an_engineer_in_shift_after_delivery_and_moves_traffic_around_the_work() {
        Plan plan = plan(CORE, FailureMode.FAN_WEAR, THURSDAY_10, Duration.ofHours(38));

        assertThat(tools(plan))
                .containsExactly(
                        "open_ticket",
                        "order_part",
                        "dispatch_engineer",
                        "reroute_traffic",
                        "restore_traffic",
                        "close_ticket");
        assertThat(step(plan, "order_part").call().arguments())
                .containsEntry("part", "FAN-TRAY")
                .containsEntry("source", "south")
                .containsEntry("expedite", false);
        Instant start =
                Instant.parse(
                        (String) step(plan, "dispatch_engineer").call().arguments().get("start"));
        Instant delivered = THURSDAY_10.plus(Duration.ofHours(4));
        assertThat(start).isAfterOrEqualTo(delivered.plus(Duration.ofHours(1)));
        assertThat(start).isEqualTo(Instant.parse("2025-01-09T15:00:00Z"));
        assertThat(step(plan, "dispatch_engineer").call().arguments())
                .containsEntry("part", "FAN-TRAY");
        assertThat(step(plan, "reroute_traffic").notBefore())
                .isEqualTo(start.minus(Duration.ofMinutes(30)));
        assertThat(step(plan, "restore_traffic").afterCompletionOf()).hasValue(2);
        assertThat(plan.rationale()).contains("in shift");
        assertThat(reads).containsExactly("get_element", "check_stock", "list_engineers");
    }

    @Test
    void without_regional_stock_the_part_comes_from_central() {
        regionalStock = 0;
        Plan plan = plan(CORE, FailureMode.FAN_WEAR, THURSDAY_10, Duration.ofDays(3));
        assertThat(step(plan, "order_part").call().arguments()).containsEntry("source", "central");
        Instant start =
                Instant.parse(
                        (String) step(plan, "dispatch_engineer").call().arguments().get("start"));
        assertThat(start).isAfterOrEqualTo(THURSDAY_10.plus(Duration.ofHours(13)));
    }

    @Test
    void when_no_shift_slot_comes_before_the_failure_the_work_goes_out_of_hours() {
        Instant friday17 = Instant.parse("2025-01-10T17:00:00Z");
        Plan plan = plan(CORE, FailureMode.FAN_WEAR, friday17, Duration.ofHours(20));
        Instant start =
                Instant.parse(
                        (String) step(plan, "dispatch_engineer").call().arguments().get("start"));
        assertThat(start).isBefore(friday17.plus(Duration.ofHours(20)));
        assertThat(plan.rationale()).contains("out of hours");
    }

    @Test
    void an_unavailable_engineer_is_not_booked_in_their_absence() {
        unavailable = List.of(Map.of("from", "2025-01-09T00:00:00Z", "to", "2025-01-12T00:00:00Z"));
        Plan plan = plan(CORE, FailureMode.FAN_WEAR, THURSDAY_10, Duration.ofDays(2));
        assertThat(step(plan, "dispatch_engineer").call().arguments())
                .containsEntry("engineer_id", "eng-south-1");
    }

    @Test
    void an_element_with_no_other_path_gets_its_customers_warned_instead_of_a_reroute() {
        alternatePath = false;
        Plan plan = plan(CELL, FailureMode.PSU_DEGRADATION, THURSDAY_10, Duration.ofDays(2));
        assertThat(tools(plan))
                .containsExactly(
                        "open_ticket",
                        "order_part",
                        "dispatch_engineer",
                        "notify_customers",
                        "close_ticket");
        assertThat(step(plan, "order_part").call().arguments()).containsEntry("part", "PSU");
    }

    @Test
    void a_laser_on_a_link_is_mended_by_an_engineer_with_the_fibre_skill_and_an_optic() {
        Element link =
                new Element(
                        ElementId.of("link-agg-rtr-02-core-rtr-01"),
                        ElementKind.LINK,
                        "fibre",
                        "south",
                        "site-02");
        Plan plan = plan(link, FailureMode.LASER_AGING, THURSDAY_10, Duration.ofDays(2));
        assertThat(step(plan, "order_part").call().arguments()).containsEntry("part", "SFP-OPTIC");
        assertThat(step(plan, "dispatch_engineer").call().arguments())
                .containsEntry("task", "replace SFP-OPTIC");
    }

    @Test
    void a_memory_leak_is_restarted_in_the_next_quiet_hour_with_its_traffic_moved_off_first() {
        Plan plan = plan(CORE, FailureMode.MEMORY_LEAK, THURSDAY_10, Duration.ofDays(2));

        assertThat(tools(plan))
                .containsExactly(
                        "open_ticket",
                        "reroute_traffic",
                        "restart_element",
                        "restore_traffic",
                        "close_ticket");
        assertThat(step(plan, "reroute_traffic").notBefore())
                .isEqualTo(Instant.parse("2025-01-10T00:00:00Z"));
        assertThat(step(plan, "restart_element").notBefore())
                .isEqualTo(Instant.parse("2025-01-10T00:10:00Z"));
        assertThat(step(plan, "restore_traffic").afterCompletionOf()).hasValue(2);
        assertThat(tools(plan)).doesNotContain("order_part", "dispatch_engineer");
    }

    @Test
    void a_memory_leak_that_fails_before_the_next_quiet_hour_is_restarted_now() {
        Plan plan = plan(CORE, FailureMode.MEMORY_LEAK, THURSDAY_10, Duration.ofHours(6));
        assertThat(step(plan, "restart_element").notBefore())
                .isBefore(THURSDAY_10.plus(Duration.ofHours(1)));
        assertThat(plan.rationale()).contains("before the next quiet hour");
    }

    @Test
    void an_element_that_has_already_failed_is_mended_as_soon_as_possible() {
        Instant saturday = Instant.parse("2025-01-11T03:00:00Z");
        Plan plan = plan(CORE, FailureMode.FAN_WEAR, saturday, Duration.ZERO);
        Instant start =
                Instant.parse(
                        (String) step(plan, "dispatch_engineer").call().arguments().get("start"));
        assertThat(start).isBefore(saturday.plus(Duration.ofHours(8)));
        assertThat(plan.rationale()).contains("already failed");
    }

    @Test
    void
            when_the_part_cannot_beat_the_failure_the_traffic_moves_off_ahead_of_it_and_the_earliest_repair_is_booked() {
        regionalStock = 0;
        Plan plan = plan(CORE, FailureMode.FAN_WEAR, THURSDAY_10, Duration.ofHours(6));

        // fails at 16:00; the work is to end 2 h before: the traffic moves then, not earlier
        assertThat(step(plan, "reroute_traffic").notBefore())
                .isEqualTo(Instant.parse("2025-01-09T14:00:00Z"));
        assertThat(step(plan, "order_part").call().arguments()).containsEntry("expedite", true);
        assertThat(plan.rationale()).contains("ahead of the failure");
    }
}
