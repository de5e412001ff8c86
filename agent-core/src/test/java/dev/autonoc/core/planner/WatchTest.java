package dev.autonoc.core.planner;

import static dev.autonoc.core.planner.Planning.CORE;
import static dev.autonoc.core.planner.Planning.THURSDAY_10;
import static dev.autonoc.core.planner.Planning.assumption;
import static dev.autonoc.core.planner.Planning.assumptions;
import static dev.autonoc.core.planner.Planning.tools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.plan.Assumption;
import dev.autonoc.core.plan.Assumption.Kind;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.prediction.FailureMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An alarm below the probability the playbook acts on is watched (docs/agent.md, "Do no harm"):
 * cheap, reversible steps only, until the alarm firms up or the last moment an in-time repair can
 * still be decided on.
 */
class WatchTest {

    final Planning w = new Planning();

    // fails Tuesday 14 January 10:00; work to end by Monday 22:00
    static final Duration FIVE_DAYS = Duration.ofDays(5);

    @Test
    void a_doubtful_alarm_is_watched_with_a_ticket_and_a_fresh_look_at_the_telemetry_only() {
        Plan plan = w.plan(CORE, FailureMode.FAN_WEAR, 0.2, FIVE_DAYS);

        assertThat(tools(plan)).containsExactly("open_ticket", "get_telemetry");
        assertThat(plan.steps().get(1).call().arguments())
                .containsEntry("element_id", "core-rtr-02")
                .containsEntry("samples", 36L);
        Assumption watch = assumption(plan, Kind.WATCH);
        assertThat(watch.threshold()).isEqualTo(0.35);
        assertThat(plan.rationale()).contains("watching").contains("p=0.20");
        assertThat(w.previews()).as("watching harms nobody: nothing to preview").isEmpty();
    }

    @Test
    void the_watch_decides_by_the_latest_in_time_start_less_the_parts_lead_and_the_decision_lead() {
        Plan plan = w.plan(CORE, FailureMode.FAN_WEAR, 0.2, FIVE_DAYS);

        // the latest job in shift that ends by Monday 22:00 starts Monday 17:00; the regional part
        // takes 4 h, the buffer 1 h, the decision 12 h: decide by Monday 00:00
        assertThat(assumption(plan, Kind.WATCH).at())
                .isEqualTo(Instant.parse("2025-01-13T00:00:00Z"));
    }

    @Test
    void a_memory_leak_is_watched_until_the_last_quiet_night_less_the_decision_lead() {
        Plan plan = w.plan(CORE, FailureMode.MEMORY_LEAK, 0.2, FIVE_DAYS);

        assertThat(tools(plan)).containsExactly("open_ticket", "get_telemetry");
        // the last restart in quiet hours before Monday 22:00 drains Monday 00:00
        assertThat(assumption(plan, Kind.WATCH).at())
                .isEqualTo(Instant.parse("2025-01-12T12:00:00Z"));
    }

    @Test
    void a_believed_alarm_is_acted_on_at_once() {
        Plan plan = w.plan(CORE, FailureMode.FAN_WEAR, 0.35, FIVE_DAYS);

        assertThat(tools(plan)).contains("order_part", "dispatch_engineer");
        assertThat(assumptions(plan, Kind.WATCH)).isEmpty();
    }

    @Test
    void an_element_that_is_down_is_mended_however_doubtful_the_alarm() {
        w.net.elementStatus.put(CORE.id().value(), "DOWN");
        Plan plan = w.plan(CORE, FailureMode.FAN_WEAR, 0.2, FIVE_DAYS);

        assertThat(tools(plan)).contains("order_part", "dispatch_engineer");
        assertThat(assumptions(plan, Kind.WATCH)).isEmpty();
    }

    @Test
    void a_doubtful_alarm_that_leaves_no_time_to_wait_is_acted_on_at_once() {
        // fails Friday 06:00: the last in-time job (Thursday 17:00) less 17 h is in the past
        Plan plan = w.plan(CORE, FailureMode.FAN_WEAR, 0.2, Duration.ofHours(20));

        assertThat(tools(plan)).contains("order_part", "dispatch_engineer");
        assertThat(assumptions(plan, Kind.WATCH)).isEmpty();
    }

    @Test
    void a_case_that_acted_does_not_go_back_to_watching_when_the_alarm_weakens() {
        Plan first = w.plan(CORE, FailureMode.FAN_WEAR, 0.9, FIVE_DAYS);
        List<StepRecord> history = w.ran(first, THURSDAY_10, "open_ticket", "order_part");
        w.now = THURSDAY_10.plus(Duration.ofHours(2));
        w.context = w.replan(first, history, "step 2 (dispatch_engineer) refused", List.of());

        Plan plan = w.plan(CORE, FailureMode.FAN_WEAR, 0.2, FIVE_DAYS.minusHours(2));

        assertThat(assumptions(plan, Kind.WATCH)).isEmpty();
        assertThat(tools(plan)).contains("dispatch_engineer");
        assertThat(plan.keeps()).containsExactly(0, 1);
    }

    @Test
    void a_watch_whose_decision_time_came_acts_keeping_its_ticket() {
        Plan watch = w.plan(CORE, FailureMode.FAN_WEAR, 0.2, FIVE_DAYS);
        Instant decideBy = assumption(watch, Kind.WATCH).at();
        List<StepRecord> history = w.ran(watch, THURSDAY_10, "open_ticket", "get_telemetry");
        w.now = decideBy;
        w.context = w.replan(watch, history, "the watch's decision time has come", List.of());

        Plan plan =
                w.plan(
                        CORE,
                        FailureMode.FAN_WEAR,
                        0.2,
                        Duration.between(decideBy, THURSDAY_10.plus(FIVE_DAYS)));

        assertThat(assumptions(plan, Kind.WATCH)).isEmpty();
        assertThat(tools(plan))
                .doesNotContain("open_ticket")
                .contains("order_part", "dispatch_engineer");
        assertThat(plan.keeps()).containsExactly(0);
        assertThat(plan.revision()).isEqualTo(1);
        assertThat(plan.steps().get(0).index()).isEqualTo(2);
    }

    @Test
    void
            a_watch_replanned_before_its_decision_time_with_the_alarm_still_doubtful_goes_on_watching() {
        Plan watch = w.plan(CORE, FailureMode.FAN_WEAR, 0.2, FIVE_DAYS);
        List<StepRecord> history = w.ran(watch, THURSDAY_10, "open_ticket", "get_telemetry");
        w.now = THURSDAY_10.plus(Duration.ofHours(6));
        w.context = w.replan(watch, history, "handed back by a person", List.of());

        Plan plan = w.plan(CORE, FailureMode.FAN_WEAR, 0.25, FIVE_DAYS.minusHours(6));

        assertThat(tools(plan)).containsExactly("get_telemetry");
        assertThat(plan.keeps()).containsExactly(0);
        assertThat(assumptions(plan, Kind.WATCH)).hasSize(1);
    }
}
