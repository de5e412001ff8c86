package dev.autonoc.core.planner;

import static dev.autonoc.core.planner.Planning.CELL;
import static dev.autonoc.core.planner.Planning.CORE;
import static dev.autonoc.core.planner.Planning.LINK;
import static dev.autonoc.core.planner.Planning.THURSDAY_10;
import static dev.autonoc.core.planner.Planning.arg;
import static dev.autonoc.core.planner.Planning.assumption;
import static dev.autonoc.core.planner.Planning.assumptions;
import static dev.autonoc.core.planner.Planning.start;
import static dev.autonoc.core.planner.Planning.step;
import static dev.autonoc.core.planner.Planning.tools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.casefile.Exclusion;
import dev.autonoc.core.plan.Assumption.Kind;
import dev.autonoc.core.plan.CaseContext;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.prediction.FailureMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The hardware playbook's search (docs/agent.md, "Replanning order"): the cheapest way in time, in
 * shift before out of hours, the region's stock before central's before the supplier's, expedited
 * only when that alone beats the deadline, any region's engineer (with the travel), the traffic
 * moved around the work or the customers warned, and what the plan rests on stated.
 */
class PlaybookPlannerTest {

    final Planning w = new Planning();

    @Test
    void
            fan_wear_orders_from_the_region_books_the_cheapest_in_shift_slot_after_delivery_and_moves_traffic_off_before_the_engineer_leaves() {
        // fails Saturday 00:00; work to be over by Friday 20:12 (a tenth of the lead as margin)
        Plan plan = w.fan(Duration.ofHours(38));

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
        // the part is there at 14:00; an hour's buffer; in shift
        assertThat(start(plan)).isEqualTo(Instant.parse("2025-01-09T15:00:00Z"));
        assertThat(step(plan, "dispatch_engineer").call().arguments())
                .containsEntry("engineer_id", "eng-south-1")
                .containsEntry("part", "FAN-TRAY")
                .containsEntry("element_id", "core-rtr-02");
        // eng-south-1 drives 90 min: the traffic goes off half an hour before they leave at
        // 13:30, so that a refused move can still cancel a visit that has not started
        assertThat(step(plan, "reroute_traffic").notBefore())
                .isEqualTo(Instant.parse("2025-01-09T13:00:00Z"));
        assertThat(step(plan, "reroute_traffic").afterCompletionOf()).isEmpty();
        assertThat(step(plan, "restore_traffic").afterCompletionOf()).hasValue(2);
        assertThat(step(plan, "close_ticket").afterCompletionOf()).hasValue(2);
        assertThat(plan.rationale()).contains("in shift").contains("750 GBP");
        assertThat(plan.revision()).isZero();
        assertThat(plan.keeps()).isEmpty();
        assertThat(plan.steps().get(0).index()).isZero();
        assertThat(w.reads())
                .containsExactly("get_element", "check_stock", "list_engineers", "preview_outage");
    }

    @Test
    void
            a_plan_states_what_it_rests_on_the_failure_the_part_the_booking_and_a_harmless_outage_from_the_drain() {
        Plan plan = w.fan(Duration.ofHours(38));
        Instant start = Instant.parse("2025-01-09T15:00:00Z");
        Instant drained = Instant.parse("2025-01-09T13:00:00Z");

        // the work's end and the least margin a plan is made with: the plan no longer holds once
        // an estimate leaves the work less than that
        assertThat(assumption(plan, Kind.FAILURE_NOT_BEFORE).at())
                .isEqualTo(start.plus(Duration.ofHours(1)).plus(Duration.ofHours(2)));
        assertThat(assumption(plan, Kind.PART_ARRIVES_BY).step()).hasValue(1);
        assertThat(assumption(plan, Kind.PART_ARRIVES_BY).at()).isEqualTo(start);
        assertThat(assumption(plan, Kind.APPOINTMENT_HOLDS).step()).hasValue(2);
        assertThat(assumption(plan, Kind.APPOINTMENT_HOLDS).at()).isEqualTo(start);
        // the element is out of service from the drain (before the engineer leaves) to the
        // work's end: that whole window was previewed, and the plan rests on it from its start
        assertThat(assumption(plan, Kind.WORK_SAFE).at()).isEqualTo(drained);
        assertThat(w.previews()).containsExactly(drained + "/180");
        assertThat(assumptions(plan, Kind.WATCH)).isEmpty();
        assertThat(plan.escalation()).isEmpty();
    }

    @Test
    void without_the_regions_stock_the_part_comes_from_central_not_expedited_when_there_is_time() {
        w.net.sources.get("south").available = 0;
        Plan plan = w.fan(Duration.ofDays(3));

        assertThat(step(plan, "order_part").call().arguments())
                .containsEntry("source", "central")
                .containsEntry("expedite", false);
        // central's part arrives at 22:00; the next slot in shift is Friday 08:00
        assertThat(start(plan)).isEqualTo(Instant.parse("2025-01-10T08:00:00Z"));
    }

    @Test
    void the_part_is_expedited_when_only_an_expedited_delivery_beats_the_deadline() {
        w.net.sources.get("south").available = 0;
        // fails Friday 00:00, work over by Thursday 22:00: central's 12 h is too slow, its 6 h not
        Plan plan = w.fan(Duration.ofHours(14));

        assertThat(step(plan, "order_part").call().arguments())
                .containsEntry("source", "central")
                .containsEntry("expedite", true);
        assertThat(start(plan)).isEqualTo(Instant.parse("2025-01-09T17:00:00Z"));
        assertThat(plan.rationale()).contains("(expedited)").contains("in shift");
        assertThat(assumptions(plan, Kind.FAILURE_NOT_BEFORE)).hasSize(1);
    }

    @Test
    void when_no_shift_slot_beats_the_deadline_the_work_goes_out_of_hours() {
        w.now = Instant.parse("2025-01-10T17:00:00Z"); // Friday
        Plan plan = w.fan(Duration.ofHours(20)); // fails Saturday 13:00

        assertThat(start(plan)).isEqualTo(Instant.parse("2025-01-10T22:00:00Z"));
        assertThat(step(plan, "order_part").call().arguments()).containsEntry("expedite", false);
        assertThat(plan.rationale()).contains("out of hours").contains("1050 GBP");
    }

    @Test
    void
            when_the_regions_engineers_are_all_away_an_engineer_of_another_region_comes_with_the_travel() {
        Instant from = Instant.parse("2025-01-09T00:00:00Z");
        Instant to = Instant.parse("2025-01-12T00:00:00Z");
        w.net.engineer("eng-south-1").away(from, to);
        w.net.engineer("eng-south-2").away(from, to);

        Plan plan = w.fan(Duration.ofHours(38));

        assertThat(arg(plan, "dispatch_engineer", "engineer_id")).isEqualTo("eng-north-1");
        // the part is there at 15:00 with the buffer; the drive of 4 h ends at 14:00 at the
        // earliest
        assertThat(start(plan)).isEqualTo(Instant.parse("2025-01-09T15:00:00Z"));
        assertThat(plan.rationale()).contains("eng-north-1 (north)");
        assertThat(w.net.callsOf("list_engineers"))
                .as("engineers of every region are asked for, without a region")
                .singleElement()
                .satisfies(c -> assertThat(c.arguments()).doesNotContainKey("region"));
    }

    @Test
    void the_home_region_is_preferred_when_its_engineer_comes_at_the_same_cost() {
        Plan plan = w.fan(Duration.ofHours(38));
        assertThat(arg(plan, "dispatch_engineer", "engineer_id")).isEqualTo("eng-south-1");
        assertThat(plan.rationale()).contains("(south)");
    }

    @Test
    void a_catalogue_whose_list_engineers_needs_a_region_is_asked_again_with_the_elements() {
        w.net.listNeedsRegion = true;
        Plan plan = w.fan(Duration.ofHours(38));

        assertThat(w.net.callsOf("list_engineers"))
                .extracting(c -> c.arguments().get("region"))
                .containsExactly(null, "south");
        assertThat(arg(plan, "dispatch_engineer", "engineer_id")).isEqualTo("eng-south-1");
    }

    @Test
    void an_engineer_away_is_not_booked_in_their_absence() {
        w.net.engineer("eng-south-1")
                .away(Instant.parse("2025-01-09T00:00:00Z"), Instant.parse("2025-01-12T00:00:00Z"));
        Plan plan = w.fan(Duration.ofDays(2));
        assertThat(arg(plan, "dispatch_engineer", "engineer_id")).isEqualTo("eng-south-2");
    }

    @Test
    void an_engineer_without_the_skill_is_never_booked() {
        w.net.engineer("eng-south-1").skills = List.of("router", "radio");
        Plan plan = w.plan(LINK, FailureMode.LASER_AGING, 0.95, Duration.ofDays(2));

        assertThat(step(plan, "order_part").call().arguments()).containsEntry("part", "SFP-OPTIC");
        assertThat(step(plan, "dispatch_engineer").call().arguments())
                .containsEntry("engineer_id", "eng-south-2")
                .containsEntry("task", "replace SFP-OPTIC");
    }

    @Test
    void
            an_element_with_no_other_path_gets_its_customers_warned_of_the_work_instead_of_a_reroute() {
        w.net.alternatePath.put(CELL.id().value(), false);
        Plan plan = w.plan(CELL, FailureMode.PSU_DEGRADATION, 0.95, Duration.ofDays(2));

        assertThat(tools(plan))
                .containsExactly(
                        "open_ticket",
                        "order_part",
                        "dispatch_engineer",
                        "notify_customers",
                        "close_ticket");
        assertThat(step(plan, "order_part").call().arguments()).containsEntry("part", "PSU");
        // nothing is drained ahead: the element goes out when the work starts, and that is the
        // time the customers are told (and the one previewed)
        assertThat(start(plan)).isEqualTo(Instant.parse("2025-01-09T15:00:00Z"));
        assertThat((String) arg(plan, "notify_customers", "message"))
                .contains("2025-01-09T15:00:00Z");
        assertThat(w.previews()).containsExactly("2025-01-09T15:00:00Z/60");
        assertThat(plan.rationale()).contains("customers warned");
    }

    @Test
    void a_warning_to_customers_refused_or_paused_is_not_asked_again_with_a_new_time_in_its_text() {
        w.net.alternatePath.put(CELL.id().value(), false);
        Plan first = w.plan(CELL, FailureMode.PSU_DEGRADATION, 0.95, Duration.ofDays(2));
        Exclusion refused =
                new Exclusion(
                        "notify_customers",
                        Map.of("element_id", CELL.id().value()),
                        "rejected by sam: not on untrusted data",
                        w.now,
                        Optional.of(w.now.plus(Duration.ofHours(1))));
        w.context = w.replan(first, List.of(), "a person refused the warning", List.of(refused));

        Plan again = w.plan(CELL, FailureMode.PSU_DEGRADATION, 0.95, Duration.ofDays(2));

        assertThat(tools(again)).contains("dispatch_engineer").doesNotContain("notify_customers");
    }

    @Test
    void an_element_that_has_failed_already_is_mended_as_soon_as_possible_whatever_it_costs() {
        Instant saturday = Instant.parse("2025-01-11T03:00:00Z");
        w.now = saturday;
        w.net.elementStatus.put(CORE.id().value(), "DOWN");
        Plan plan = w.fan(Duration.ZERO);

        // the regional part by 07:00 (expedited), the engineer then, a weekend call-out
        assertThat(start(plan)).isEqualTo(Instant.parse("2025-01-11T06:00:00Z"));
        assertThat(step(plan, "order_part").call().arguments()).containsEntry("expedite", true);
        assertThat(plan.rationale()).contains("already failed").contains("out of hours");
        assertThat(assumptions(plan, Kind.FAILURE_NOT_BEFORE)).isEmpty();
        assertThat(assumptions(plan, Kind.WORK_SAFE)).isEmpty();
        assertThat(w.previews())
                .as("a failed element does no further harm by its repair")
                .isEmpty();
    }

    @Test
    void
            when_nothing_beats_a_failure_within_a_day_the_traffic_moves_off_at_once_before_any_repair_step_and_the_earliest_repair_is_booked() {
        w.net.sources.get("south").available = 0;
        Plan plan = w.fan(Duration.ofHours(6)); // fails 16:00: work to end by 14:00

        // at once, and before the order: an order waiting for a person's approval would hold
        // back every later step, and an estimate six hours out can be hours late
        assertThat(step(plan, "reroute_traffic").notBefore()).isEqualTo(THURSDAY_10);
        assertThat(tools(plan))
                .containsSubsequence("open_ticket", "reroute_traffic", "order_part")
                .containsSubsequence("dispatch_engineer", "restore_traffic");
        assertThat(step(plan, "restore_traffic").afterCompletionOf())
                .hasValue(step(plan, "dispatch_engineer").index());
        assertThat(step(plan, "order_part").call().arguments())
                .containsEntry("source", "central")
                .containsEntry("expedite", true);
        // central's expedited part is there at 16:00, with the buffer 17:00: the earliest of all
        assertThat(start(plan)).isEqualTo(Instant.parse("2025-01-09T17:00:00Z"));
        assertThat(plan.rationale())
                .contains("ahead of the failure")
                .contains("no way ends before the deadline");
        assertThat(assumptions(plan, Kind.FAILURE_NOT_BEFORE))
                .as(
                        "a late plan does not pretend the element holds until the work is over;"
                                + " its traffic moves off now")
                .isEmpty();
        assertThat(assumptions(plan, Kind.PART_ARRIVES_BY)).hasSize(1);
    }

    @Test
    void an_excluded_engineer_slot_is_not_proposed_again() {
        w.context =
                exclusions(
                        new Exclusion(
                                "dispatch_engineer",
                                Map.of(
                                        "engineer_id", "eng-south-1",
                                        "start", "2025-01-09T15:00:00Z"),
                                "refused: eng-south-1 is not free",
                                THURSDAY_10));
        Plan plan = w.fan(Duration.ofHours(38));

        assertThat(step(plan, "dispatch_engineer").call().arguments())
                .satisfiesAnyOf(
                        a -> assertThat(a.get("engineer_id")).isNotEqualTo("eng-south-1"),
                        a -> assertThat(a.get("start")).isNotEqualTo("2025-01-09T15:00:00Z"));
        assertThat(arg(plan, "dispatch_engineer", "engineer_id")).isEqualTo("eng-south-2");
        assertThat(start(plan)).isEqualTo(Instant.parse("2025-01-09T15:00:00Z"));
    }

    @Test
    void an_excluded_order_is_not_proposed_again_and_the_next_cheapest_supply_in_time_is() {
        w.context =
                exclusions(
                        new Exclusion(
                                "order_part",
                                Map.of("source", "south", "expedite", false),
                                "refused: no stock",
                                THURSDAY_10));
        // fails Friday 00:00, work over by 22:00: central's part would come too late
        Plan plan = w.fan(Duration.ofHours(14));

        assertThat(step(plan, "order_part").call().arguments())
                .containsEntry("source", "south")
                .containsEntry("expedite", true);
        assertThat(start(plan)).isEqualTo(Instant.parse("2025-01-09T13:00:00Z"));
    }

    @Test
    void with_every_dispatch_excluded_a_person_gets_the_case_with_the_mitigation_done() {
        w.context =
                exclusions(
                        new Exclusion(
                                "dispatch_engineer", Map.of(), "denied by policy", THURSDAY_10));
        Plan plan = w.fan(Duration.ofHours(38));

        // the traffic stays off: nothing puts it back on an element that nobody will mend
        assertThat(tools(plan)).containsExactly("open_ticket", "reroute_traffic");
        assertThat(plan.escalation())
                .hasValueSatisfying(e -> assertThat(e).contains("no way to mend"));
        assertThat(plan.rationale()).contains("refused or excluded");
        // the traffic moves off ahead of the failure, by the deadline
        assertThat(step(plan, "reroute_traffic").notBefore())
                .isEqualTo(Instant.parse("2025-01-10T20:12:00Z"));
    }

    @Test
    void with_no_engineer_of_the_skill_anywhere_a_person_gets_the_case_saying_so() {
        w.net.engineers.values().forEach(e -> e.skills = List.of("radio"));
        Plan plan = w.fan(Duration.ofHours(38));

        assertThat(tools(plan)).doesNotContain("order_part", "dispatch_engineer");
        assertThat(plan.escalation())
                .hasValueSatisfying(
                        e -> assertThat(e).contains("no engineer with the skill 'router'"));
    }

    private static CaseContext exclusions(Exclusion... exclusions) {
        return new CaseContext(
                0,
                0,
                "opened",
                Optional.empty(),
                List.of(),
                List.of(),
                List.of(exclusions),
                List.of());
    }
}
