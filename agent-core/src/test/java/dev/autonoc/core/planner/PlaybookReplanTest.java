package dev.autonoc.core.planner;

import static dev.autonoc.core.planner.Planning.CASE;
import static dev.autonoc.core.planner.Planning.CORE;
import static dev.autonoc.core.planner.Planning.THURSDAY_10;
import static dev.autonoc.core.planner.Planning.arg;
import static dev.autonoc.core.planner.Planning.assumption;
import static dev.autonoc.core.planner.Planning.start;
import static dev.autonoc.core.planner.Planning.step;
import static dev.autonoc.core.planner.Planning.tools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.casefile.Commitment;
import dev.autonoc.core.casefile.Exclusion;
import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.casefile.StepState;
import dev.autonoc.core.plan.Assumption.Kind;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.PlanStep;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.testing.FakeOperator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A replan (docs/agent.md, "Replanning"): from where the case is, keeping what still serves (the
 * ticket, an order that still arrives in time, a booking that still fits), undoing first what it
 * drops (last first, with the undo registered before the step ran), numbering on from the case's
 * steps, and never proposing what the case learnt not to try.
 */
class PlaybookReplanTest {

    final Planning w = new Planning();

    static final Instant THURSDAY_11 = THURSDAY_10.plus(Duration.ofHours(1));
    static final Instant THURSDAY_15 = Instant.parse("2025-01-09T15:00:00Z");

    /** The first plan (fails Saturday 00:00), its ticket, order and booking done at 10:00. */
    Plan firstPlanDone(String... done) {
        Plan first = w.fan(Duration.ofHours(38));
        List<StepRecord> history = w.ran(first, THURSDAY_10, done);
        for (StepRecord s : history) {
            if (s.state() != StepState.DONE) {
                continue;
            }
            String key = FakeOperator.key(CASE.value(), s.index(), 1);
            if (s.call().tool().equals("order_part")) {
                w.net.placed(
                        key, "FAN-TRAY", "south", false, Instant.parse("2025-01-09T14:00:00Z"));
            }
            if (s.call().tool().equals("dispatch_engineer")) {
                w.net.booked(key, (String) s.call().arguments().get("engineer_id"), THURSDAY_15);
            }
        }
        this.history = history;
        w.net.calls.clear();
        return first;
    }

    List<StepRecord> history;

    Plan replan(Plan first, String reason, Instant failsAt, Exclusion... exclusions) {
        return replanAt(THURSDAY_11, first, reason, failsAt, exclusions);
    }

    Plan replanAt(
            Instant now, Plan first, String reason, Instant failsAt, Exclusion... exclusions) {
        w.now = now;
        w.context = w.replan(first, history, reason, List.of(exclusions));
        Prediction p =
                new Prediction(
                        CORE.id(),
                        w.now,
                        0.95,
                        FailureMode.FAN_WEAR,
                        Duration.between(w.now, failsAt),
                        List.of(),
                        "m1");
        return w.plan(CORE, p);
    }

    @Test
    void
            a_replan_keeps_the_ticket_the_order_in_time_and_the_booking_that_still_fits_and_repeats_none() {
        Plan first = firstPlanDone("open_ticket", "order_part", "dispatch_engineer");

        // the failure moved closer, to Friday 17:00: the work must end by 14:00; 15:00 Thursday
        // fits
        Plan plan =
                replan(first, "the prediction moved closer", Instant.parse("2025-01-10T17:00:00Z"));

        assertThat(plan.revision()).isEqualTo(1);
        assertThat(plan.keeps()).containsExactly(0, 1, 2);
        assertThat(plan.steps().get(0).index()).isEqualTo(first.steps().size());
        assertThat(tools(plan))
                .containsExactly("reroute_traffic", "restore_traffic", "close_ticket");
        assertThat(plan.steps()).allSatisfy(s -> assertThat(s.undoes()).isEmpty());
        assertThat(assumption(plan, Kind.PART_ARRIVES_BY).step()).hasValue(1);
        assertThat(assumption(plan, Kind.APPOINTMENT_HOLDS).step()).hasValue(2);
        assertThat(step(plan, "restore_traffic").notBefore())
                .isEqualTo(THURSDAY_15.plus(Duration.ofHours(1)));
        assertThat(plan.rationale())
                .startsWith("replanned (the prediction moved closer)")
                .contains("already on order")
                .contains("booked already");
    }

    /** The step right after the plan's first step of {@code tool}. */
    static PlanStep stepAfter(Plan plan, String tool) {
        int at = plan.steps().indexOf(step(plan, tool));
        return plan.steps().get(at + 1);
    }

    @Test
    void a_replan_undoes_what_it_drops_with_the_registered_undos_a_replaced_order_once_replaced() {
        Plan first = firstPlanDone("open_ticket", "order_part", "dispatch_engineer");

        // fails 17:30: the work must end by 15:30; the booking at 15:00 does not fit, the part on
        // order (14:00) cannot be fitted before it; the region's part expedited can (13:00, 14:00)
        Plan plan =
                replan(first, "the prediction moved closer", Instant.parse("2025-01-09T17:30:00Z"));

        int next = first.steps().size();
        List<PlanStep> undos = plan.steps().stream().filter(s -> s.undoes().isPresent()).toList();
        assertThat(undos).extracting(s -> s.undoes().getAsInt()).containsExactly(2, 1);
        // the booking first: the new job (eng-south-1 at 14:00) would clash with it; the order
        // once the expedited one is placed, so that a refused new order leaves the old one
        assertThat(undos.get(0).index()).isEqualTo(next);
        assertThat(stepAfter(plan, "order_part")).isEqualTo(undos.get(1));
        assertThat(undos.get(0).call()).isEqualTo(history.get(2).undo().orElseThrow());
        assertThat(undos.get(1).call()).isEqualTo(history.get(1).undo().orElseThrow());
        assertThat(plan.keeps()).containsExactly(0);
        assertThat(step(plan, "order_part").call().arguments()).containsEntry("expedite", true);
        assertThat(start(plan)).isEqualTo(Instant.parse("2025-01-09T14:00:00Z"));
        assertThat(assumption(plan, Kind.PART_ARRIVES_BY).step())
                .hasValue(step(plan, "order_part").index());
    }

    /** The first plan's booking (step 2), as the workforce system now says it stands. */
    void jobIs(String state) {
        w.net.appointments.get(FakeOperator.key(CASE.value(), 2, 1)).state = state;
    }

    static final Instant THURSDAY_17 = Instant.parse("2025-01-09T17:00:00Z");

    /** A replan at 17:00, after the 15:00 job, its drain given up; the failure Saturday. */
    Plan replanAfterTheJob(Plan first) {
        return replanAt(
                THURSDAY_17,
                first,
                "step 3 (reroute_traffic) gave up after 6 tries",
                Instant.parse("2025-01-11T00:00:00Z"));
    }

    @Test
    void a_replan_after_a_job_the_workforce_system_says_was_done_books_no_second_visit() {
        // the drain before the work kept failing past the job (15:00-16:00), which went ahead
        Plan first = firstPlanDone("open_ticket", "order_part", "dispatch_engineer");
        jobIs("completed");

        Plan plan = replanAfterTheJob(first);

        assertThat(w.reads()).contains("get_appointment");
        assertThat(tools(plan)).containsExactly("close_ticket");
        assertThat(plan.keeps()).containsExactly(0, 1, 2);
        assertThat(step(plan, "close_ticket").notBefore()).isEqualTo(THURSDAY_17);
        assertThat(plan.rationale())
                .startsWith("replanned (step 3 (reroute_traffic) gave up after 6 tries)")
                .contains("was done by 2025-01-09T16:00:00Z")
                .contains("no second visit");
    }

    @Test
    void a_drain_that_may_stand_after_the_done_job_is_put_back_before_the_ticket_is_closed() {
        // the drain's last try timed out: it may have moved the traffic
        Plan first = firstPlanDone("open_ticket", "order_part", "dispatch_engineer");
        int drain = drainGivenUpUncertain();
        jobIs("completed");

        Plan plan = replanAfterTheJob(first);

        assertThat(tools(plan)).containsExactly("restore_traffic", "close_ticket");
        assertThat(plan.keeps()).contains(0, 1, 2, drain);
        assertThat(plan.steps()).allSatisfy(s -> assertThat(s.undoes()).isEmpty());
        assertThat(plan.rationale()).contains("the traffic goes back and the ticket is closed");
    }

    @Test
    void a_replan_while_the_job_is_under_way_with_its_part_delivered_keeps_the_engineer_on_site() {
        // the part came at 14:00, the job runs 15:00-16:00; at 15:30 the drain is given up
        Plan first = firstPlanDone("open_ticket", "order_part", "dispatch_engineer");

        Plan plan =
                replanAt(
                        Instant.parse("2025-01-09T15:30:00Z"),
                        first,
                        "step 3 (reroute_traffic) gave up after 6 tries",
                        Instant.parse("2025-01-11T00:00:00Z"));

        assertThat(plan.keeps()).contains(1, 2);
        assertThat(tools(plan)).doesNotContain("dispatch_engineer", "cancel_appointment");
        assertThat(plan.rationale()).contains("booked already");
    }

    /**
     * The first plan's drain given up after its last try timed out: it may have moved the traffic.
     */
    int drainGivenUpUncertain() {
        int drain = -1;
        for (StepRecord s : history) {
            if (s.call().tool().equals("reroute_traffic")) {
                drain = s.index();
            }
        }
        StepRecord tried = history.get(drain);
        String key = FakeOperator.key(CASE.value(), drain, 1);
        history.set(
                drain,
                tried.registering(Planning.undoOf(tried.call(), key).orElseThrow())
                        .failed(StepState.FAILED, true, "gave up after 6 tries: timed out"));
        return drain;
    }

    @ParameterizedTest
    @ValueSource(strings = {"DRAINED", "UP"})
    void
            a_drain_that_stands_is_kept_for_work_about_to_start_and_one_that_did_not_take_is_asked_again(
                    String status) {
        Plan first = firstPlanDone("open_ticket", "order_part", "dispatch_engineer");
        int drain = drainGivenUpUncertain();
        w.net.elementStatus.put(CORE.id().value(), status);

        // 14:55: the engineer is on the way to the 15:00 job, the traffic must be off now
        Plan plan =
                replanAt(
                        Instant.parse("2025-01-09T14:55:00Z"),
                        first,
                        "step " + drain + " (reroute_traffic) gave up after 6 tries",
                        Instant.parse("2025-01-11T00:00:00Z"));

        assertThat(tools(plan)).doesNotContain("dispatch_engineer");
        if (status.equals("DRAINED")) {
            // undone and asked again, the traffic went back onto the element minutes before the
            // work took it out, and the new drain could fail
            assertThat(plan.keeps()).contains(drain);
            assertThat(tools(plan)).containsExactly("restore_traffic", "close_ticket");
            assertThat(step(plan, "restore_traffic").notBefore())
                    .isEqualTo(THURSDAY_15.plus(Duration.ofHours(1)));
        } else {
            assertThat(plan.keeps()).doesNotContain(drain);
            assertThat(tools(plan))
                    .containsExactly(
                            "restore_traffic",
                            "reroute_traffic",
                            "restore_traffic",
                            "close_ticket");
            assertThat(plan.steps().get(0).undoes()).hasValue(drain);
        }
    }

    @Test
    void a_booking_whose_engineer_has_left_is_kept_whatever_a_later_window_would_spare() {
        // the 15:00 job's engineer left at 14:00; windows before 17:00 harm a few customers, later
        // ones none; a failure would harm many. Moved to a harmless window, the plan booked a
        // second visit and asked to cancel one the workforce system no longer cancels
        Plan first = firstPlanDone("open_ticket", "order_part", "dispatch_engineer");
        Instant evening = Instant.parse("2025-01-09T17:00:00Z");
        Instant friday = Instant.parse("2025-01-10T12:00:00Z");
        w.net.preview =
                (at, minutes) ->
                        at.isBefore(evening)
                                ? new FakeOperator.Preview(false, 50.0)
                                : at.isBefore(friday)
                                        ? new FakeOperator.Preview(true, 0.0)
                                        : new FakeOperator.Preview(false, 100_000.0);

        Plan plan =
                replanAt(
                        Instant.parse("2025-01-09T14:30:00Z"),
                        first,
                        "other elements are out of service now",
                        Instant.parse("2025-01-11T00:00:00Z"));

        assertThat(plan.keeps()).contains(2);
        assertThat(tools(plan)).doesNotContain("dispatch_engineer", "cancel_appointment");
        assertThat(plan.rationale()).contains("booked already");
    }

    /**
     * At 11:00 the 15:00 job's engineer has not left yet (14:00), but windows before 17:00 harm a
     * few customers and later ones none, so the plan would move the visit: book the harmless one,
     * then cancel the old. {@code cancelBarred} is what the case knows of that cancel.
     */
    Plan moveWanted(Exclusion... cancelBarred) {
        Plan first = firstPlanDone("open_ticket", "order_part", "dispatch_engineer");
        Instant evening = Instant.parse("2025-01-09T17:00:00Z");
        Instant friday = Instant.parse("2025-01-10T12:00:00Z");
        w.net.preview =
                (at, minutes) ->
                        at.isBefore(evening)
                                ? new FakeOperator.Preview(false, 50.0)
                                : at.isBefore(friday)
                                        ? new FakeOperator.Preview(true, 0.0)
                                        : new FakeOperator.Preview(false, 100_000.0);
        return replan(
                first,
                "other elements are out of service now",
                Instant.parse("2025-01-11T00:00:00Z"),
                cancelBarred);
    }

    static Exclusion cancelPausedUntil(Instant until) {
        return new Exclusion(
                "cancel_appointment",
                Map.of("element_id", CORE.id().value()),
                "denied by policy [any-deny-element-rate]: 10 act calls today",
                THURSDAY_11,
                java.util.Optional.of(until));
    }

    @Test
    void with_its_cancel_allowed_a_booking_moves_to_the_harmless_window_made_before_broken() {
        Plan plan = moveWanted();
        assertThat(tools(plan)).containsSubsequence("dispatch_engineer", "cancel_appointment");
        assertThat(stepAfter(plan, "dispatch_engineer").undoes()).hasValue(2);
    }

    @Test
    void a_booking_the_plan_would_move_is_kept_when_the_policy_never_allows_its_cancel() {
        Plan plan =
                moveWanted(
                        new Exclusion(
                                "cancel_appointment",
                                Map.of(),
                                "no rule of the policy in force allows cancel_appointment",
                                THURSDAY_11));

        // booked first and never cancelled, the old visit came as well as the new one
        assertThat(plan.keeps()).contains(2);
        assertThat(tools(plan)).doesNotContain("dispatch_engineer", "cancel_appointment");
    }

    @Test
    void a_booking_whose_cancel_is_paused_past_the_engineers_leaving_is_kept() {
        Plan plan = moveWanted(cancelPausedUntil(Instant.parse("2025-01-09T14:30:00Z")));
        assertThat(plan.keeps())
                .as("the engineer leaves at 14:00, before the pause ends")
                .contains(2);
        assertThat(tools(plan)).doesNotContain("dispatch_engineer", "cancel_appointment");
    }

    @Test
    void a_cancel_paused_for_less_is_asked_when_the_pause_ends_in_the_plans_time_order() {
        Instant noon = Instant.parse("2025-01-09T12:00:00Z");
        Plan plan = moveWanted(cancelPausedUntil(noon));
        assertThat(tools(plan)).containsSubsequence("dispatch_engineer", "cancel_appointment");
        PlanStep cancel = step(plan, "cancel_appointment");
        assertThat(cancel.undoes()).hasValue(2);
        assertThat(cancel.notBefore()).as("asked when the pause ends").isEqualTo(noon);
        // in time order: after the new booking (now), before the drain (Friday morning), for a
        // step not due holds back every step after it
        assertThat(tools(plan))
                .containsSubsequence("dispatch_engineer", "cancel_appointment", "reroute_traffic");
        assertThat(stepAfter(plan, "dispatch_engineer")).isEqualTo(cancel);
    }

    static Exclusion drainBarred(java.util.Optional<Instant> until) {
        return new Exclusion(
                "reroute_traffic",
                Map.of("element_id", CORE.id().value()),
                "denied by policy [any-deny-element-rate]: 10 act calls today",
                THURSDAY_11,
                until);
    }

    @Test
    void a_drain_paused_until_before_the_engineer_leaves_is_asked_when_the_pause_ends() {
        Plan first = firstPlanDone("open_ticket", "order_part", "dispatch_engineer");
        Instant pauseEnds = Instant.parse("2025-01-09T13:50:00Z"); // the engineer leaves at 14:00

        Plan plan =
                replan(
                        first,
                        "step 5 (reroute_traffic) denied by policy",
                        Instant.parse("2025-01-11T00:00:00Z"),
                        drainBarred(java.util.Optional.of(pauseEnds)));

        assertThat(plan.keeps()).as("the booking still fits").contains(2);
        assertThat(tools(plan)).doesNotContain("dispatch_engineer");
        assertThat(step(plan, "reroute_traffic").notBefore()).isEqualTo(pauseEnds);
    }

    @Test
    void a_drain_paused_past_the_engineers_leaving_moves_the_visit_after_the_pause() {
        Plan first = firstPlanDone("open_ticket", "order_part", "dispatch_engineer");
        Instant pauseEnds = Instant.parse("2025-01-09T14:30:00Z"); // the engineer leaves at 14:00

        Plan plan =
                replan(
                        first,
                        "step 5 (reroute_traffic) denied by policy",
                        Instant.parse("2025-01-11T00:00:00Z"),
                        drainBarred(java.util.Optional.of(pauseEnds)));

        // kept, the visit would have taken the element out with its traffic on
        assertThat(tools(plan))
                .containsSubsequence("dispatch_engineer", "cancel_appointment", "reroute_traffic");
        assertThat(start(plan)).isAfter(pauseEnds);
        assertThat(step(plan, "reroute_traffic").notBefore()).isAfterOrEqualTo(pauseEnds);
    }

    @Test
    void a_drain_refused_for_good_leaves_the_repair_to_after_the_failure() {
        Plan first = firstPlanDone("open_ticket", "order_part", "dispatch_engineer");
        Plan plan =
                replan(
                        first,
                        "step 5 (reroute_traffic) denied by policy",
                        Instant.parse("2025-01-11T00:00:00Z"),
                        drainBarred(java.util.Optional.empty()));
        assertThat(tools(plan)).doesNotContain("reroute_traffic");
        assertThat(assumption(plan, Kind.FAILURE_NOT_BEFORE).text())
                .contains("waits until it goes down");
    }

    @Test
    void
            once_a_drain_waited_for_a_person_in_vain_the_next_is_timed_and_its_visit_found_to_leave_room_for_an_answer() {
        Plan first = firstPlanDone("open_ticket", "order_part", "dispatch_engineer");
        Instant now = Instant.parse("2025-01-09T13:45:00Z"); // the 15:00 engineer leaves at 14:00
        Duration answers = Duration.ofMinutes(105); // the longest a person took in this case
        List<StepRecord> all = new java.util.ArrayList<>(history);
        all.add(
                StepRecord.pending(
                                all.size(),
                                0,
                                dev.autonoc.core.tool.ToolCall.of(
                                        "reroute_traffic", Map.of("element_id", CORE.id().value())),
                                java.util.Optional.empty())
                        .withApproval("apr-1")
                        .failed(StepState.REJECTED, false, "waited for approval in vain"));
        w.now = now;
        w.context =
                new dev.autonoc.core.plan.CaseContext(
                        first.revision() + 1,
                        all.size(),
                        "step 5 (reroute_traffic) waited for approval in vain",
                        java.util.Optional.of(first),
                        all.stream().filter(s -> s.commitment().needsUndoUnlessKept()).toList(),
                        all,
                        List.of(),
                        List.of(),
                        answers);
        Plan plan =
                w.plan(
                        CORE,
                        new Prediction(
                                CORE.id(),
                                now,
                                0.95,
                                FailureMode.FAN_WEAR,
                                Duration.between(now, Instant.parse("2025-01-11T00:00:00Z")),
                                List.of(),
                                "m1"));

        Instant drain = step(plan, "reroute_traffic").notBefore();
        assertThat(tools(plan)).containsSubsequence("dispatch_engineer", "cancel_appointment");
        assertThat(drain).as("asked no earlier than now").isAfterOrEqualTo(now);
        // the new visit's engineer leaves a person's longest answer and the drain's lead after it
        String engineer = arg(plan, "dispatch_engineer", "engineer_id").toString();
        Duration travel = Duration.ofMinutes(w.net.engineers.get(engineer).travelMinutes);
        Instant leaves = start(plan).minus(travel);
        assertThat(Duration.between(drain, leaves)).isEqualTo(answers.plus(w.settings.drainLead()));
    }

    static final Instant FRIDAY_08 = Instant.parse("2025-01-10T08:00:00Z");

    /**
     * A second visit of the case standing, Friday 08:00 (its engineer leaves at 07:00), as the
     * first plan's booking but for the time; {@code cancellable}: its undo registered, else one
     * that could not be undone. Returns its step's index.
     */
    int fridayVisit(boolean cancellable) {
        int index = history.size();
        Map<String, Object> args = new java.util.LinkedHashMap<>(history.get(2).call().arguments());
        args.put("start", FRIDAY_08.toString());
        dev.autonoc.core.tool.ToolCall call =
                dev.autonoc.core.tool.ToolCall.of("dispatch_engineer", args);
        String key = FakeOperator.key(CASE.value(), index, 1);
        StepRecord visit = StepRecord.pending(index, 0, call, java.util.Optional.empty());
        if (cancellable) {
            visit = visit.registering(Planning.undoOf(call, key).orElseThrow());
        }
        visit =
                visit.done(
                        java.util.Optional.of(FRIDAY_08.plus(Duration.ofHours(1))),
                        Map.of(
                                "appointment_id",
                                "AP-2",
                                "start",
                                FRIDAY_08.toString(),
                                "leaves_at",
                                FRIDAY_08.minus(Duration.ofHours(1)).toString()),
                        "done");
        if (!cancellable) {
            visit = visit.withCommitment(Commitment.FIXED, "could not be undone");
        }
        history.add(visit);
        w.net.booked(key, (String) args.get("engineer_id"), FRIDAY_08);
        return index;
    }

    @Test
    void after_a_job_done_another_visit_still_to_come_is_cancelled_or_if_it_comes_drained_around() {
        for (boolean cancellable : new boolean[] {true, false}) {
            PlaybookReplanTest t = new PlaybookReplanTest();
            Plan first = t.firstPlanDone("open_ticket", "order_part", "dispatch_engineer");
            t.jobIs("completed");
            int friday = t.fridayVisit(cancellable);

            Plan plan = t.replanAfterTheJob(first);

            if (cancellable) {
                assertThat(plan.keeps()).as("cancellable").doesNotContain(friday);
                assertThat(tools(plan)).containsExactly("cancel_appointment", "close_ticket");
                assertThat(plan.steps().get(0).undoes()).hasValue(friday);
            } else {
                assertThat(plan.keeps()).as("comes whatever").contains(friday);
                assertThat(tools(plan))
                        .containsExactly("reroute_traffic", "restore_traffic", "close_ticket");
                assertThat(step(plan, "close_ticket").notBefore())
                        .isEqualTo(FRIDAY_08.plus(Duration.ofHours(1)));
            }
        }
    }

    @Test
    void a_later_visit_that_comes_whatever_is_drained_around_and_the_case_stays_open_for_it() {
        // two visits stand and neither can be cancelled (the day's act limit denied the cancels):
        // Thursday 15:00 does the work, Friday 08:00 comes to a mended router
        Plan first = firstPlanDone("open_ticket", "order_part", "dispatch_engineer");
        StepRecord thursdayVisit = history.get(2);
        history.set(2, thursdayVisit.withCommitment(Commitment.FIXED, "could not be undone"));
        int fridayStep = fridayVisit(false);
        Instant friday = FRIDAY_08;

        Plan plan =
                replan(
                        first,
                        "step " + fridayStep + " (dispatch_engineer) could not be undone",
                        Instant.parse("2025-01-11T00:00:00Z"));

        assertThat(plan.keeps()).contains(2, fridayStep);
        assertThat(tools(plan))
                .containsExactly(
                        "reroute_traffic",
                        "restore_traffic",
                        "reroute_traffic",
                        "restore_traffic",
                        "close_ticket");
        List<PlanStep> steps = plan.steps();
        assertThat(steps.get(1).notBefore()).isEqualTo(THURSDAY_15.plus(Duration.ofHours(1)));
        assertThat(steps.get(2).notBefore())
                .as("before Friday's engineer leaves, less the drain's lead")
                .isEqualTo(friday.minus(Duration.ofHours(1)).minus(Duration.ofMinutes(30)));
        assertThat(steps.get(3).notBefore()).isEqualTo(friday.plus(Duration.ofHours(1)));
        assertThat(step(plan, "close_ticket").notBefore())
                .as("the case stays open until the last visit is over")
                .isEqualTo(friday.plus(Duration.ofHours(1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cancelled", "booked"})
    void a_job_past_its_end_that_the_workforce_system_does_not_call_done_is_planned_again(
            String state) {
        Plan first = firstPlanDone("open_ticket", "order_part", "dispatch_engineer");
        jobIs(state);

        Plan plan = replanAfterTheJob(first);

        assertThat(tools(plan)).contains("dispatch_engineer");
        assertThat(plan.rationale()).doesNotContain("no second visit");
    }

    @Test
    void a_refused_dispatch_is_replanned_around_keeping_the_order() {
        Plan first = firstPlanDone("open_ticket", "order_part");
        Exclusion refused =
                new Exclusion(
                        "dispatch_engineer",
                        Map.of("engineer_id", "eng-south-1", "start", THURSDAY_15.toString()),
                        "refused: eng-south-1 is not free",
                        THURSDAY_11);

        Plan plan =
                replan(
                        first,
                        "step 2 (dispatch_engineer) refused",
                        Instant.parse("2025-01-11T00:00:00Z"),
                        refused);

        assertThat(plan.keeps()).containsExactly(0, 1);
        assertThat(tools(plan)).doesNotContain("order_part", "open_ticket");
        assertThat(arg(plan, "dispatch_engineer", "engineer_id")).isEqualTo("eng-south-2");
        assertThat(start(plan)).isEqualTo(THURSDAY_15);
    }

    @Test
    void after_the_booked_engineer_fell_sick_the_replan_books_another_and_undoes_the_old_booking() {
        Plan first = firstPlanDone("open_ticket", "order_part", "dispatch_engineer");
        w.net.sick(
                "eng-south-1",
                Instant.parse("2025-01-09T11:00:00Z"),
                Instant.parse("2025-01-11T00:00:00Z"));

        Plan plan =
                replan(
                        first,
                        "the appointment of step 2 was cancelled: engineer sick",
                        Instant.parse("2025-01-11T00:00:00Z"));

        assertThat(plan.keeps()).containsExactly(0, 1);
        // the new job is at the old one's hour: the element takes one job at a time, so the old
        // booking goes first
        assertThat(plan.steps().get(0).undoes()).hasValue(2);
        assertThat(arg(plan, "dispatch_engineer", "engineer_id")).isEqualTo("eng-south-2");
    }

    @Test
    void a_booking_moved_to_other_hours_is_undone_only_once_the_new_one_is_booked() {
        Plan first = firstPlanDone("open_ticket", "order_part", "dispatch_engineer");
        // the south's engineers are away on Thursday afternoon: the job moves to Friday morning
        for (String e : List.of("eng-south-1", "eng-south-2")) {
            w.net.sick(
                    e,
                    Instant.parse("2025-01-09T11:00:00Z"),
                    Instant.parse("2025-01-10T00:00:00Z"));
        }

        Plan plan =
                replan(
                        first,
                        "the appointment of step 2 was cancelled: engineer sick",
                        Instant.parse("2025-01-11T00:00:00Z"));

        assertThat(plan.keeps()).containsExactly(0, 1);
        assertThat(start(plan)).isAfter(Instant.parse("2025-01-10T00:00:00Z"));
        // make before break: a new booking a person rejects (or the far side refuses) leaves the
        // case with the old one to fall back on
        assertThat(tools(plan)).startsWith("dispatch_engineer", "cancel_appointment");
        assertThat(stepAfter(plan, "dispatch_engineer").undoes()).hasValue(2);
    }

    @Test
    void after_the_oss_cancelled_the_booking_the_replan_does_not_keep_it() {
        Plan first = firstPlanDone("open_ticket", "order_part", "dispatch_engineer");
        w.net.cancel(FakeOperator.key(CASE.value(), 2, 1), "site closed for the day");

        Plan plan =
                replan(
                        first,
                        "the appointment of step 2 was cancelled: site closed for the day",
                        Instant.parse("2025-01-11T00:00:00Z"));

        assertThat(plan.keeps()).doesNotContain(2);
        assertThat(tools(plan)).contains("dispatch_engineer");
    }

    @Test
    void after_a_supplier_delay_the_replan_does_not_count_on_the_part_arriving_when_first_said() {
        Plan first = firstPlanDone("open_ticket", "order_part", "dispatch_engineer");
        Instant late = Instant.parse("2025-01-10T18:00:00Z");
        w.net.delay(FakeOperator.key(CASE.value(), 1, 1), late);

        Plan plan =
                replan(
                        first,
                        "the part ordered by step 1 now arrives " + late,
                        Instant.parse("2025-01-11T00:00:00Z"));

        // the late part is still the cheapest way in time: kept, and the engineer comes after it
        // (out of hours on Friday evening); the booking that counted on 14:00 is undone once the
        // new one is booked (make before break)
        assertThat(plan.keeps()).containsExactly(0, 1);
        assertThat(stepAfter(plan, "dispatch_engineer").undoes()).hasValue(2);
        assertThat(start(plan)).isEqualTo(late.plus(Duration.ofHours(1)));
        assertThat(assumption(plan, Kind.PART_ARRIVES_BY).step()).hasValue(1);
        assertThat(plan.rationale()).contains("already on order arrives " + late);
        assertThat(w.net.callsOf("get_order")).hasSize(1);
    }

    @Test
    void a_replan_never_proposes_what_the_case_learnt_not_to_try() {
        Plan first = firstPlanDone("open_ticket");
        List<Exclusion> learnt = new ArrayList<>();
        learnt.add(
                new Exclusion(
                        "order_part", Map.of("source", "south"), "refused: no stock", THURSDAY_11));
        learnt.add(
                new Exclusion(
                        "dispatch_engineer",
                        Map.of("engineer_id", "eng-south-1"),
                        "rejected by sam: not this one",
                        THURSDAY_11));

        Plan plan =
                replan(
                        first,
                        "step 1 (order_part) refused",
                        Instant.parse("2025-01-11T00:00:00Z"),
                        learnt.toArray(Exclusion[]::new));

        for (PlanStep s : plan.steps()) {
            assertThat(learnt).noneMatch(e -> e.excludes(s.call().tool(), s.call().arguments()));
        }
        assertThat(arg(plan, "order_part", "source")).isEqualTo("central");
        assertThat(arg(plan, "dispatch_engineer", "engineer_id")).isNotEqualTo("eng-south-1");
    }
}
