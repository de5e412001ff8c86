package dev.autonoc.core.planner;

import static dev.autonoc.core.planner.Planning.CORE;
import static dev.autonoc.core.planner.Planning.THURSDAY_10;
import static dev.autonoc.core.planner.Planning.assumption;
import static dev.autonoc.core.planner.Planning.assumptions;
import static dev.autonoc.core.planner.Planning.step;
import static dev.autonoc.core.planner.Planning.tools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.plan.Assumption.Kind;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.testing.FakeOperator.Preview;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The software playbook: a memory leak is restarted in the first quiet hour whose outage harms
 * nobody, with the traffic moved off first (or the customers warned); now, when the failure comes
 * before the next quiet hour.
 */
class SoftwareRestartTest {

    final Planning w = new Planning();

    static final Instant FRIDAY_00 = Instant.parse("2025-01-10T00:00:00Z");
    static final Instant SATURDAY_00 = Instant.parse("2025-01-11T00:00:00Z");

    Plan leak(Duration ttf) {
        return w.plan(CORE, FailureMode.MEMORY_LEAK, 0.95, ttf);
    }

    @Test
    void a_memory_leak_is_restarted_in_the_next_quiet_hour_with_its_traffic_moved_off_first() {
        Plan plan = leak(Duration.ofDays(2));

        assertThat(tools(plan))
                .containsExactly(
                        "open_ticket",
                        "reroute_traffic",
                        "restart_element",
                        "restore_traffic",
                        "close_ticket");
        assertThat(step(plan, "reroute_traffic").notBefore()).isEqualTo(FRIDAY_00);
        assertThat(step(plan, "restart_element").notBefore())
                .isEqualTo(FRIDAY_00.plus(Duration.ofMinutes(30)));
        assertThat(step(plan, "restore_traffic").afterCompletionOf())
                .hasValue(step(plan, "restart_element").index());
        assertThat(step(plan, "close_ticket").afterCompletionOf())
                .hasValue(step(plan, "restart_element").index());
        assertThat(tools(plan)).doesNotContain("order_part", "dispatch_engineer");
        // the drain and the restart together, from the drain
        assertThat(w.previews()).containsExactly(FRIDAY_00 + "/40");
        assertThat(assumption(plan, Kind.WORK_SAFE).at()).isEqualTo(FRIDAY_00);
        assertThat(assumption(plan, Kind.FAILURE_NOT_BEFORE).at())
                .isEqualTo(FRIDAY_00.plus(Duration.ofMinutes(40)));
    }

    @Test
    void a_quiet_hour_whose_outage_would_harm_customers_is_skipped_for_the_next_harmless_night() {
        w.net.preview =
                (at, minutes) ->
                        at.equals(FRIDAY_00) ? new Preview(false, 800) : new Preview(true, 0);

        Plan plan = leak(Duration.ofDays(3));

        assertThat(step(plan, "reroute_traffic").notBefore()).isEqualTo(SATURDAY_00);
        assertThat(w.previews()).containsExactly(FRIDAY_00 + "/40", SATURDAY_00 + "/40");
        assertThat(assumption(plan, Kind.WORK_SAFE).at()).isEqualTo(SATURDAY_00);
    }

    @Test
    void
            when_every_quiet_hour_harms_some_but_a_failure_would_harm_more_the_least_harmful_night_is_taken() {
        w.net.preview =
                (at, minutes) ->
                        minutes == 360
                                ? new Preview(false, 1_000_000)
                                : new Preview(false, at.equals(SATURDAY_00) ? 100 : 700);

        Plan plan = leak(Duration.ofDays(3));

        assertThat(step(plan, "reroute_traffic").notBefore()).isEqualTo(SATURDAY_00);
        assertThat(assumptions(plan, Kind.WORK_SAFE)).isEmpty();
        assertThat(plan.rationale()).contains("some customers are affected");
    }

    @Test
    void when_every_quiet_hour_harms_more_than_the_expected_failure_the_restart_is_held() {
        w.net.preview =
                (at, minutes) -> minutes == 360 ? new Preview(false, 10) : new Preview(false, 700);

        Plan plan = leak(Duration.ofDays(3));

        assertThat(tools(plan)).doesNotContain("restart_element", "reroute_traffic");
        assertThat(assumption(plan, Kind.WATCH).at())
                .isEqualTo(THURSDAY_10.plus(Duration.ofHours(6)));
        assertThat(plan.rationale()).contains("do no harm");
    }

    @Test
    void a_memory_leak_that_fails_before_the_next_quiet_hour_is_restarted_now() {
        Plan plan = leak(Duration.ofHours(6));

        assertThat(step(plan, "reroute_traffic").notBefore()).isEqualTo(THURSDAY_10);
        assertThat(step(plan, "restart_element").notBefore())
                .isEqualTo(THURSDAY_10.plus(Duration.ofMinutes(30)));
        assertThat(plan.rationale()).contains("before the next quiet hour");
        assertThat(assumptions(plan, Kind.FAILURE_NOT_BEFORE)).isEmpty();
        assertThat(assumptions(plan, Kind.WORK_SAFE)).isEmpty();
    }

    @Test
    void without_another_path_the_customers_are_warned_before_the_restart() {
        w.net.alternatePath.put(CORE.id().value(), false);
        Plan plan = leak(Duration.ofDays(2));

        assertThat(tools(plan))
                .containsExactly(
                        "open_ticket", "notify_customers", "restart_element", "close_ticket");
        assertThat(step(plan, "restart_element").notBefore())
                .isEqualTo(FRIDAY_00.plus(Duration.ofMinutes(30)));
    }

    @Test
    void a_replan_keeps_the_traffic_moved_off_and_does_not_move_it_again() {
        Plan first = leak(Duration.ofDays(2));
        List<StepRecord> history = w.ran(first, FRIDAY_00, "open_ticket", "reroute_traffic");
        w.now = FRIDAY_00.plus(Duration.ofMinutes(30));
        w.context = w.replan(first, history, "step 2 (restart_element) gave up", List.of());

        Plan plan = leak(Duration.ofDays(2).minus(Duration.between(THURSDAY_10, w.now)));

        assertThat(plan.keeps()).containsExactly(0, 1);
        assertThat(tools(plan)).doesNotContain("reroute_traffic", "open_ticket");
        assertThat(tools(plan)).contains("restart_element", "restore_traffic");
    }
}
