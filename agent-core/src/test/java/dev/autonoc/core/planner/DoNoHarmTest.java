package dev.autonoc.core.planner;

import static dev.autonoc.core.planner.Planning.CELL;
import static dev.autonoc.core.planner.Planning.CORE;
import static dev.autonoc.core.planner.Planning.THURSDAY_10;
import static dev.autonoc.core.planner.Planning.assumption;
import static dev.autonoc.core.planner.Planning.assumptions;
import static dev.autonoc.core.planner.Planning.start;
import static dev.autonoc.core.planner.Planning.step;
import static dev.autonoc.core.planner.Planning.tools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.plan.Assumption;
import dev.autonoc.core.plan.Assumption.Kind;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.testing.FakeOperator.Preview;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Do no harm (docs/agent.md): before taking the element out of service the playbook asks the
 * network what that would do ({@code preview_outage}), for the whole time it would be out: from the
 * drain, half an hour before the engineer leaves, to the end of the work. It skips a time that
 * harms customers for the next harmless one, and when every time harms some, weighs the least harm
 * of the work against the expected harm of a failure (its probability times an unprotected outage
 * at the deadline).
 */
class DoNoHarmTest {

    final Planning w = new Planning();

    // fails Saturday 00:00, work to end by Friday 20:12
    static final Duration TTF = Duration.ofHours(38);
    static final Instant THURSDAY_15 = Instant.parse("2025-01-09T15:00:00Z");
    static final Instant FRIDAY_08 = Instant.parse("2025-01-10T08:00:00Z");
    static final Instant DEADLINE = Instant.parse("2025-01-10T20:12:00Z");

    // eng-south-1 drives 90 min; the traffic goes off 30 min before that: out 2 h before the work
    static final Instant THURSDAY_13 = Instant.parse("2025-01-09T13:00:00Z");
    static final Instant FRIDAY_06 = Instant.parse("2025-01-10T06:00:00Z");

    /** Whether an outage of {@code minutes} from {@code at} spans {@code t}. */
    static boolean spans(Instant at, long minutes, Instant t) {
        return !at.isAfter(t) && at.plus(Duration.ofMinutes(minutes)).isAfter(t);
    }

    /** Every hour of work harms {@code work} customer-minutes; a failure {@code failure}. */
    void everyWorkHarms(double work, double failure) {
        w.net.preview =
                (at, minutes) ->
                        minutes == 360 ? new Preview(false, failure) : new Preview(false, work);
    }

    @Test
    void a_start_whose_outage_would_harm_customers_is_skipped_for_the_next_harmless_one() {
        // Thursday afternoon is busy: any outage over 15:00 harms customers
        w.net.preview =
                (at, minutes) ->
                        spans(at, minutes, THURSDAY_15)
                                ? new Preview(false, 1200)
                                : new Preview(true, 0);

        Plan plan = w.fan(TTF);

        // the next cheapest way in time: central's part, in shift on Friday morning
        assertThat(start(plan)).isEqualTo(FRIDAY_08);
        assertThat(step(plan, "order_part").call().arguments())
                .containsEntry("source", "central")
                .containsEntry("expedite", false);
        assertThat(w.previews())
                .as(
                        "each window asked once, from the drain to the work's end: Thursday's"
                                + " other engineer drives 30 min longer, so out 30 min earlier")
                .containsExactly(
                        THURSDAY_13 + "/180",
                        THURSDAY_13.minus(Duration.ofMinutes(30)) + "/210",
                        FRIDAY_06 + "/180");
        assertThat(assumption(plan, Kind.WORK_SAFE).at()).isEqualTo(FRIDAY_06);
        assertThat(step(plan, "reroute_traffic").notBefore()).isEqualTo(FRIDAY_06);
    }

    @Test
    void when_every_start_harms_more_than_the_expected_failure_the_plan_holds_and_looks_again() {
        everyWorkHarms(1000, 500); // expected failure harm 0.95 x 500 = 475 < 1000

        Plan plan = w.fan(TTF);

        assertThat(tools(plan)).containsExactly("open_ticket");
        Assumption watch = assumption(plan, Kind.WATCH);
        assertThat(watch.at()).isEqualTo(THURSDAY_10.plus(Duration.ofHours(6)));
        assertThat(watch.threshold()).isGreaterThanOrEqualTo(0.95 + 0.05);
        assertThat(plan.rationale()).contains("do no harm").contains("475");
        assertThat(w.previews())
                .as("the failure's harm is asked at the deadline for an unprotected outage")
                .contains(DEADLINE + "/360");
    }

    @Test
    void
            when_every_start_harms_some_but_a_failure_would_harm_more_the_least_harmful_start_is_taken() {
        w.net.preview =
                (at, minutes) -> {
                    if (minutes == 360) {
                        return new Preview(false, 1_000_000);
                    }
                    return new Preview(false, spans(at, minutes, FRIDAY_08) ? 300 : 900);
                };

        Plan plan = w.fan(TTF);

        assertThat(start(plan)).isEqualTo(FRIDAY_08);
        assertThat(assumptions(plan, Kind.WORK_SAFE))
                .as("the plan does not claim the work is harmless")
                .isEmpty();
        assertThat(plan.rationale()).contains("harms some customers at every time tried");
        assertThat(w.previews()).contains(FRIDAY_06 + "/180", DEADLINE + "/360");
        assertThat(step(plan, "reroute_traffic").notBefore()).isEqualTo(FRIDAY_06);
    }

    /** The router's twin drained for its own repair now: no other path, sites cut off. */
    void twinDrained() {
        w.net.alternatePath.put(CORE.id().value(), false);
        w.net.preview =
                (at, minutes) ->
                        minutes == 360
                                ? new Preview(false, 1_000_000)
                                : new Preview(false, 900, 0, List.of("core-rtr-01"));
    }

    @Test
    void a_core_router_that_lost_its_other_path_to_elements_out_waits_for_them_while_it_can() {
        twinDrained();

        Plan plan = w.fan(TTF);

        // the core is a ring: its other path comes back with the twin, and the failure is a day
        // and a half away; gone ahead, the work took the router out with its traffic on
        assertThat(tools(plan)).containsExactly("open_ticket");
        Assumption again = assumption(plan, Kind.RECONSIDER_AT);
        assertThat(again.at()).isEqualTo(THURSDAY_10.plus(Duration.ofHours(1)));
        assertThat(again.text()).contains("other elements are out of service");
        assertThat(plan.rationale())
                .contains("has no other path for its traffic while other elements are out")
                .contains("the repair waits for them");
        assertThat(plan.waits()).as("the case stays open for it").isTrue();
    }

    @Test
    void a_radio_site_which_never_has_another_path_does_not_wait_for_what_else_is_out() {
        w.net.alternatePath.put(CELL.id().value(), false);
        w.net.preview =
                (at, minutes) ->
                        minutes == 360
                                ? new Preview(false, 1_000_000)
                                : new Preview(false, 900, 0, List.of("core-rtr-01"));

        Plan plan = w.plan(CELL, FailureMode.PSU_DEGRADATION, 0.9, TTF);

        assertThat(tools(plan)).contains("dispatch_engineer", "notify_customers");
        assertThat(plan.rationale()).doesNotContain("waits for them");
    }

    @Test
    void
            with_the_deadline_near_work_with_the_traffic_on_while_others_are_out_looks_again_before_it() {
        twinDrained();

        Plan plan = w.fan(Duration.ofHours(13));

        assertThat(tools(plan)).contains("dispatch_engineer", "notify_customers");
        Assumption again = assumption(plan, Kind.RECONSIDER_AT);
        assertThat(again.at()).isEqualTo(start(plan).minus(Duration.ofMinutes(30)));
        assertThat(again.text()).contains("other elements are out of service");
    }

    @Test
    void work_with_the_traffic_on_and_nothing_else_out_does_not_look_again() {
        // a radio site: no other path ever, whatever else is out
        w.net.alternatePath.put(CORE.id().value(), false);
        w.net.preview =
                (at, minutes) ->
                        minutes == 360 ? new Preview(false, 1_000_000) : new Preview(false, 900);

        Plan plan = w.fan(TTF);

        assertThat(tools(plan)).contains("dispatch_engineer", "notify_customers");
        assertThat(assumptions(plan, Kind.RECONSIDER_AT)).isEmpty();
    }

    @Test
    void a_failure_previewed_as_harmless_still_cuts_off_at_least_the_consumers_the_work_does() {
        // every start isolates 400 consumers for its length; the network's preview of the
        // failure's window reads zero (the element counted as out in it already, as when the
        // case's own visit is booked there): a failure still cuts those 400 off, for six hours
        w.net.preview =
                (at, minutes) ->
                        minutes == 360
                                ? new Preview(true, 0)
                                : new Preview(false, 400.0 * minutes, 400);

        Plan plan = w.fan(TTF);

        assertThat(assumptions(plan, Kind.WATCH)).as("no hold").isEmpty();
        assertThat(tools(plan)).contains("order_part", "dispatch_engineer");
        assertThat(plan.rationale()).contains("harms some customers at every time tried");
    }

    @Test
    void without_the_preview_read_the_work_is_planned_as_before_it_existed() {
        w.net.hasPreview = false;

        Plan plan = w.fan(TTF);

        assertThat(start(plan)).isEqualTo(THURSDAY_15);
        assertThat(w.previews()).isEmpty();
        assertThat(tools(plan)).contains("dispatch_engineer");
    }

    @Test
    void a_harmless_first_choice_costs_one_preview() {
        Plan plan = w.fan(TTF);

        assertThat(start(plan)).isEqualTo(THURSDAY_15);
        assertThat(w.previews()).containsExactly(THURSDAY_13 + "/180");
    }

    /** Thursday afternoon busy, as in the first test: the first two windows harm customers. */
    void busyThursdayAfternoon(Planning p) {
        p.net.preview =
                (at, minutes) ->
                        spans(at, minutes, THURSDAY_15)
                                ? new Preview(false, 1200)
                                : new Preview(true, 0);
    }

    @Test
    void a_reader_that_reads_ahead_asks_the_next_window_with_the_first_and_plans_the_same() {
        busyThursdayAfternoon(w);
        Plan oneAfterAnother = w.fan(TTF);
        Planning ahead = new Planning();
        ahead.readsAhead = true;
        busyThursdayAfternoon(ahead);

        Plan plan = ahead.fan(TTF);

        assertThat(plan).isEqualTo(oneAfterAnother);
        assertThat(ahead.askedAhead).hasSize(2);
        assertThat(ahead.askedAhead.get(0))
                .as("the first two windows together")
                .containsExactly(
                        THURSDAY_13 + "/180", THURSDAY_13.minus(Duration.ofMinutes(30)) + "/210");
        assertThat(ahead.askedAhead.get(1))
                .as(
                        "once both harm, the rest within the limit together, the third first, and"
                                + " the failure's at the deadline last")
                .hasSize(w.settings.maxPreviews() - 2 + 1)
                .startsWith(FRIDAY_06 + "/180")
                .endsWith(DEADLINE + "/360");
        assertThat(ahead.previews())
                .as("what one after another asked, first, in its order")
                .startsWith(w.previews().toArray(String[]::new));
    }

    @Test
    void when_every_window_harms_a_reader_that_reads_ahead_asks_what_one_after_another_does() {
        everyWorkHarms(1000, 500);
        Plan oneAfterAnother = w.fan(TTF);
        Planning ahead = new Planning();
        ahead.readsAhead = true;
        ahead.net.preview = w.net.preview;

        Plan plan = ahead.fan(TTF);

        assertThat(plan).isEqualTo(oneAfterAnother);
        assertThat(ahead.previews())
                .as("every window within the limit, then the failure's: the same, in its order")
                .isEqualTo(w.previews())
                .hasSize(w.settings.maxPreviews() + 1);
        assertThat(ahead.askedAhead)
                .as("in two groups: the first two windows, then the rest and the failure's")
                .extracting(List::size)
                .containsExactly(2, w.settings.maxPreviews() - 2 + 1);
    }

    @Test
    void a_reader_that_reads_ahead_costs_a_harmless_first_choice_a_preview_it_does_not_use() {
        Plan oneAfterAnother = w.fan(TTF);
        Planning ahead = new Planning();
        ahead.readsAhead = true;

        Plan plan = ahead.fan(TTF);

        assertThat(plan).isEqualTo(oneAfterAnother);
        assertThat(ahead.previews())
                .containsExactly(
                        THURSDAY_13 + "/180", THURSDAY_13.minus(Duration.ofMinutes(30)) + "/210");
        assertThat(w.askedAhead).as("the default reader reads the first only").isEmpty();
    }
}
