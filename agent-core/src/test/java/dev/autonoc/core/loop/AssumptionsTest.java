package dev.autonoc.core.loop;

import static dev.autonoc.core.loop.LoopWorld.CASE;
import static dev.autonoc.core.loop.LoopWorld.ROUTER;
import static dev.autonoc.core.loop.LoopWorld.T0;
import static dev.autonoc.core.loop.LoopWorld.hours;
import static dev.autonoc.core.loop.LoopWorld.key;
import static dev.autonoc.core.loop.LoopWorld.minutes;
import static dev.autonoc.core.tool.ToolNames.CANCEL_APPOINTMENT;
import static dev.autonoc.core.tool.ToolNames.CANCEL_ORDER;
import static dev.autonoc.core.tool.ToolNames.CLOSE_TICKET;
import static dev.autonoc.core.tool.ToolNames.DISPATCH_ENGINEER;
import static dev.autonoc.core.tool.ToolNames.GET_APPOINTMENT;
import static dev.autonoc.core.tool.ToolNames.GET_ORDER;
import static dev.autonoc.core.tool.ToolNames.GET_TELEMETRY;
import static dev.autonoc.core.tool.ToolNames.ORDER_PART;
import static dev.autonoc.core.tool.ToolNames.PREVIEW_OUTAGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.casefile.Commitment;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStatus;
import dev.autonoc.core.loop.Fakes.Intent;
import dev.autonoc.core.loop.Fakes.SagaPlanner;
import dev.autonoc.core.plan.Assumption;
import dev.autonoc.core.planner.PlaybookPlanner;
import dev.autonoc.core.testing.FakeOperator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a plan rests on is checked every tick against the predictor and at intervals against the OSS
 * (docs/agent.md, "Replanning"): a failure that moved closer, a watched alarm confirmed or at its
 * decision time, a late part or a cancelled booking each replan the case; a watched alarm that goes
 * away long enough is dropped, its effects undone.
 */
class AssumptionsTest {

    static final Instant FAR = T0.plus(hours(20));

    /** Ticket, order, close at T0+20h; the first plan says the element holds until then. */
    final SagaPlanner saga =
            new SagaPlanner(
                    r -> {
                        List<Intent> out = new ArrayList<>(LoopWorld.ticket(r));
                        if (!r.context().isReplan()) {
                            out.add(Intent.now(ORDER_PART, LoopWorld.order(r, "south")));
                        }
                        out.add(Intent.at(FAR, CLOSE_TICKET, LoopWorld.close(r)));
                        return out;
                    });

    {
        saga.keep = (r, s) -> true;
        saga.assumptions =
                (r, steps) ->
                        r.context().isReplan()
                                ? List.of()
                                : List.of(Assumption.failureNotBefore(FAR, "holds until the work"));
    }

    // ---------------------------------------------------------------- the failure moves closer

    @Test
    void
            a_prediction_that_puts_the_failure_before_the_plans_work_replans_once_the_spacing_has_passed() {
        LoopWorld w = new LoopWorld(saga);
        w.predict(ROUTER, 0.9, hours(48));
        w.tick();

        w.clock.advance(minutes(30));
        w.predict(ROUTER, 0.9, hours(5));
        w.tick();
        assertThat(saga.asked).as("not within an hour of the plan's prediction").hasSize(1);

        w.tickAt(T0.plus(hours(1)));

        assertThat(saga.asked).hasSize(2);
        assertThat(saga.last().context().reason())
                .contains("the prediction moved closer")
                .contains("the earliest failure is now " + T0.plus(minutes(30)).plus(hours(5)))
                .contains("before " + FAR);
        assertThat(saga.last().prediction().timeToFailure()).isEqualTo(hours(5));
        assertThat(w.only().latest().timeToFailure()).isEqualTo(hours(5));
    }

    @Test
    void an_element_that_failed_replans_at_once_whatever_the_spacing() {
        LoopWorld w = new LoopWorld(saga);
        w.predict(ROUTER, 0.9, hours(48));
        w.tick();

        w.clock.advance(minutes(10));
        w.predict(ROUTER, 0.9, Duration.ZERO);
        w.tick();

        assertThat(saga.asked).hasSize(2);
        assertThat(saga.last().context().reason()).contains("the prediction moved closer");
    }

    @Test
    void a_prediction_that_moves_the_failure_later_or_keeps_it_changes_nothing() {
        LoopWorld w = new LoopWorld(saga);
        w.predict(ROUTER, 0.9, hours(48));
        w.tick();

        w.clock.advance(hours(2));
        w.predict(ROUTER, 0.6, hours(60));
        w.tick();
        w.tickAt(T0.plus(hours(4)));

        assertThat(saga.asked).hasSize(1);
        assertThat(w.only().plan().orElseThrow().revision()).isZero();
    }

    // ---------------------------------------------------------------- watching

    /** A watch: ticket and a look at the telemetry, deciding by T0+10h unless p reaches 0.35. */
    static SagaPlanner watcher() {
        return watcher(T0.plus(hours(10)));
    }

    static SagaPlanner watcher(Instant decideBy) {
        SagaPlanner s =
                new SagaPlanner(
                        r -> {
                            List<Intent> out = new ArrayList<>(LoopWorld.ticket(r));
                            out.add(
                                    Intent.now(
                                            GET_TELEMETRY,
                                            LoopWorld.args(
                                                    "element_id", "core-rtr-02", "samples", 36L)));
                            return out;
                        });
        s.assumptions =
                (r, steps) ->
                        r.context().isReplan()
                                ? List.of()
                                : List.of(Assumption.watch(0.35, decideBy, "watching"));
        return s;
    }

    @Test
    void a_watched_case_whose_steps_are_done_stays_open_while_it_watches() {
        LoopWorld w = new LoopWorld(watcher());
        w.predict(ROUTER, 0.2, hours(72));
        w.tick();
        w.run(hours(1), hours(3));

        CaseRecord c = w.only();
        assertThat(c.steps()).allSatisfy(s -> assertThat(s.state().isFinal()).isTrue());
        assertThat(c.status()).isEqualTo(CaseStatus.ACTIVE);
        assertThat(w.net.callsOf(GET_TELEMETRY)).as("the look is a plan step").hasSize(1);
    }

    @Test
    void a_watch_replans_when_the_alarm_reaches_its_threshold_not_before() {
        SagaPlanner s = watcher();
        LoopWorld w = new LoopWorld(s);
        w.predict(ROUTER, 0.2, hours(72));
        w.tick();

        w.clock.advance(hours(1));
        w.predict(ROUTER, 0.34, hours(71));
        w.tick();
        assertThat(s.asked).hasSize(1);

        w.clock.advance(hours(1));
        w.predict(ROUTER, 0.35, hours(70));
        w.tick();

        assertThat(s.asked).hasSize(2);
        assertThat(s.last().context().reason())
                .contains("watched alarm confirmed: p=0.35 (the watch waited for 0.35)");
        assertThat(s.last().context().wasWatching()).isTrue();
    }

    @Test
    void a_watch_replans_at_its_decision_time_however_doubtful_the_alarm() {
        SagaPlanner s = watcher();
        LoopWorld w = new LoopWorld(s);
        w.predict(ROUTER, 0.2, hours(72));
        w.tick();

        w.tickAt(T0.plus(hours(10)).minusSeconds(1));
        assertThat(s.asked).hasSize(1);
        w.tickAt(T0.plus(hours(10)));

        assertThat(s.asked).hasSize(2);
        assertThat(s.last().context().reason()).contains("the watch's decision time has come");
    }

    @Test
    void a_watched_element_that_fails_replans_at_once() {
        SagaPlanner s = watcher();
        LoopWorld w = new LoopWorld(s);
        w.predict(ROUTER, 0.2, hours(72));
        w.tick();

        w.clock.advance(minutes(20));
        w.predict(ROUTER, 0.2, Duration.ZERO);
        w.tick();

        assertThat(s.asked).hasSize(2);
        assertThat(s.last().context().reason()).contains("watched alarm confirmed");
    }

    @Test
    void a_watched_alarm_that_goes_away_long_enough_is_dropped_its_effects_undone() {
        LoopWorld w = new LoopWorld(watcher());
        w.predict(ROUTER, 0.2, hours(72));
        w.tick();
        Instant quiet = T0.plus(hours(1));
        w.clock.advance(hours(1));
        w.predictor.clear(ROUTER.id());
        w.tick();
        assertThat(w.only().quietSince()).contains(quiet);

        w.tickAt(quiet.plus(hours(24)).minusSeconds(1));
        assertThat(w.only().status()).isEqualTo(CaseStatus.ACTIVE);

        w.tickAt(quiet.plus(hours(24)));

        CaseRecord c = w.only();
        assertThat(c.status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(c.reason())
                .contains("false alarm: core-rtr-02 no longer at risk since " + quiet)
                .contains("undone");
        assertThat(c.step(0).commitment()).isEqualTo(Commitment.UNDONE);
        assertThat(c.plan().orElseThrow().planner()).isEqualTo(CaseWork.ABANDON);
        assertThat(w.net.tickets.get(CASE)).isEqualTo("closed");
        assertThat(w.calledTools(CASE)).last().isEqualTo(CLOSE_TICKET);
        assertThat(w.predictor.maintained).as("nothing was mended").isEmpty();
    }

    @Test
    void a_false_alarm_whose_part_was_delivered_closes_leaving_the_part_rather_than_asking_again() {
        // a watch that ordered the part: every plan keeps what stands and orders only once
        SagaPlanner s =
                new SagaPlanner(
                        r -> {
                            List<Intent> out = new ArrayList<>(LoopWorld.ticket(r));
                            if (r.context().commitmentOf(ORDER_PART).isEmpty()) {
                                out.add(Intent.now(ORDER_PART, LoopWorld.order(r, "south")));
                            }
                            return out;
                        });
        s.keep = (r, step) -> true;
        s.assumptions =
                (r, steps) -> List.of(Assumption.watch(0.35, T0.plus(hours(48)), "watching"));
        LoopWorld w = new LoopWorld(s);
        w.predict(ROUTER, 0.2, hours(72));
        w.tick();
        Instant quiet = T0.plus(hours(1));
        w.clock.advance(hours(1));
        w.predictor.clear(ROUTER.id());
        w.tick();

        // by the false-alarm time the part is on site: its order can no longer be cancelled
        w.tickAt(quiet.plus(hours(24)));
        w.run(minutes(5), hours(2));

        CaseRecord c = w.only();
        assertThat(c.status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(w.net.callsOf(CANCEL_ORDER)).as("refused once, not asked again").hasSize(1);
        assertThat(w.net.tickets.get(CASE)).isEqualTo("closed");
    }

    @Test
    void an_alarm_that_comes_back_before_the_false_alarm_time_keeps_the_watch() {
        LoopWorld w = new LoopWorld(watcher(T0.plus(hours(48))));
        w.predict(ROUTER, 0.2, hours(72));
        w.tick();
        w.clock.advance(hours(1));
        w.predictor.clear(ROUTER.id());
        w.tick();

        w.clock.advance(hours(12));
        w.predict(ROUTER, 0.2, hours(59));
        w.tick();
        assertThat(w.only().quietSince()).isEmpty();
        w.predictor.clear(ROUTER.id());
        w.tickAt(T0.plus(hours(25)));

        assertThat(w.only().status()).isEqualTo(CaseStatus.ACTIVE);
    }

    @Test
    void a_case_that_acts_is_not_dropped_when_its_element_goes_quiet() {
        LoopWorld w = new LoopWorld(saga);
        w.predict(ROUTER, 0.9, hours(48));
        w.tick();
        w.predictor.clear(ROUTER.id());

        w.tickAt(T0.plus(hours(26)));

        CaseRecord c = w.only();
        assertThat(c.reason()).doesNotContain("false alarm");
        assertThat(c.status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(c.reason()).isEqualTo("every step done");
    }

    @Test
    void after_a_false_alarm_a_new_alarm_opens_a_new_case_at_once() {
        LoopWorld w = new LoopWorld(watcher());
        w.predict(ROUTER, 0.2, hours(72));
        w.tick();
        w.clock.advance(hours(1));
        w.predictor.clear(ROUTER.id());
        w.tick();
        w.tickAt(T0.plus(hours(25)));

        w.clock.advance(hours(1));
        w.predict(ROUTER, 0.3, hours(48));
        w.tick();

        assertThat(w.cases.all()).hasSize(2);
        assertThat(w.cases.all().get(1).status().isOpen()).isTrue();
    }

    // ---------------------------------------------------------------- the OSS's word

    /** The playbook for the router's fan: order 14:00, engineer at 15:00 (fails Thursday 00:00). */
    static LoopWorld playbook() {
        LoopWorld w = new LoopWorld(new PlaybookPlanner());
        w.predict(ROUTER, 0.9, hours(38));
        return w;
    }

    static List<Instant> times(LoopWorld w, String tool) {
        return w.net.callsOf(tool).stream().map(FakeOperator.Call::at).toList();
    }

    @Test
    void the_order_and_booking_are_checked_once_within_the_lead_before_the_work() {
        LoopWorld w = playbook();
        w.tick();
        w.run(minutes(30), hours(5));

        // the job starts 15:00: one check within three hours of it; the regular one (16:00) is
        // after the work, when nothing is left to check
        Instant noon = T0.plus(hours(2));
        assertThat(times(w, GET_ORDER)).containsExactly(noon);
        assertThat(times(w, GET_APPOINTMENT)).containsExactly(noon);
        assertThat(w.net.callsOf(GET_ORDER).get(0).arguments())
                .containsEntry("order_key", key(1, 1));
        assertThat(w.net.callsOf(GET_APPOINTMENT).get(0).arguments())
                .containsEntry("appointment_key", key(2, 1));
        assertThat(w.only().verifiedAt()).contains(noon);
    }

    @Test
    void the_checks_come_every_verify_interval_and_once_more_within_the_lead_of_each_time_named() {
        LoopWorld w = playbook();
        w.net.sources.get("south").available = 0; // central's part: the job is Wednesday 08:00
        LoopSettings d = LoopSettings.defaults();
        w.settings =
                new LoopSettings(
                        d.agent(),
                        d.reopenCooldown(),
                        d.retry(),
                        d.retryByTool(),
                        d.circuit(),
                        d.approvalTimeout(),
                        d.maxReplans(),
                        hours(4),
                        hours(3),
                        d.falseAlarmAfter(),
                        d.denialPause());
        w.tick();
        w.run(minutes(30), hours(23));

        // the plan names 06:00 (harmless to take the router out from the drain, half an hour
        // before eng-south-1 leaves) and 08:00 (the part there, the engineer coming): a check
        // within three hours of each, the OSS asked at both
        Instant wednesday = Instant.parse("2025-01-08T00:00:00Z");
        assertThat(times(w, GET_ORDER))
                .containsExactly(
                        T0.plus(hours(4)),
                        T0.plus(hours(8)),
                        T0.plus(hours(12)),
                        wednesday.plus(hours(2)),
                        wednesday.plus(hours(3)),
                        wednesday.plus(hours(5)));
        assertThat(times(w, GET_APPOINTMENT)).isEqualTo(times(w, GET_ORDER));
        assertThat(w.net.callsOf(PREVIEW_OUTAGE))
                .filteredOn(c -> c.at().isAfter(T0))
                .extracting(
                        c ->
                                c.at()
                                        + " for "
                                        + c.arguments().get("at")
                                        + " lasting "
                                        + c.arguments().get("duration_minutes"))
                .as(
                        "the work's harm asked again only near it, and at the drain itself, for"
                                + " the whole outage: from the drain to the visit's end at 09:00")
                .containsExactly(
                        wednesday.plus(hours(3))
                                + " for "
                                + wednesday.plus(hours(6))
                                + " lasting 180",
                        wednesday.plus(hours(5))
                                + " for "
                                + wednesday.plus(hours(6))
                                + " lasting 180",
                        wednesday.plus(hours(6))
                                + " for "
                                + wednesday.plus(hours(6))
                                + " lasting 180");
    }

    @Test
    void a_part_now_due_after_the_plans_time_replans_the_case() {
        LoopWorld w = playbook();
        w.tick();
        w.clock.advance(hours(1));
        Instant late = T0.plus(hours(8));
        w.net.delay(key(1, 1), late);
        w.tick();

        w.tickAt(T0.plus(hours(2)));

        CaseRecord c = w.only();
        assertThat(c.plan().orElseThrow().revision()).isEqualTo(1);
        assertThat(
                        w.events(dev.autonoc.core.audit.AuditEventType.PLAN)
                                .get(1)
                                .payload()
                                .get("replan_reason"))
                .asString()
                .contains("the part ordered by step 1 now arrives " + late)
                .contains("after " + T0.plus(hours(5)));
        assertThat(w.net.appointments.get(key(2, 1)).state)
                .as("the booking that counted on the part is undone")
                .isEqualTo("cancelled");
        assertThat(w.net.booked())
                .singleElement()
                .satisfies(a -> assertThat(a.start).isAfterOrEqualTo(late.plus(hours(1))));
        assertThat(w.net.effectsOf(ORDER_PART))
                .as("the late part is still the cheapest")
                .hasSize(1);
    }

    @Test
    void an_order_placed_after_a_slow_approval_that_arrives_after_the_visit_replans_at_once() {
        LoopWorld w = playbook();
        w.gate.requireApproval(ORDER_PART, RoleHierarchy.NOC_OPERATOR);
        // the plan: the part from south at 14:00, the engineer at 15:00; the order's approval comes
        // at 13:00, so the part placed then arrives at 17:00, two hours after the visit's start
        Instant end = T0.plus(hours(12));
        while (w.now().isBefore(end)) {
            for (var r : w.approvals.pending()) {
                if (!w.now().isBefore(r.requestedAt().plus(hours(3)))) {
                    w.approvals.approve(
                            r.id(), LoopWorld.OPERATOR, "ok", w.now(), java.util.Optional.empty());
                }
            }
            w.tick();
            w.clock.advance(minutes(5));
        }

        Instant delivered = w.net.orders.get(key(1, 1)).deliveryAt;
        assertThat(delivered).isEqualTo(T0.plus(hours(7)));
        assertThat(w.net.callsOf(DISPATCH_ENGINEER))
                .filteredOn(c -> c.result().succeeded())
                .as("no visit booked before the part it needs is there")
                .isNotEmpty()
                .allSatisfy(
                        c ->
                                assertThat(Instant.parse((String) c.arguments().get("start")))
                                        .isAfterOrEqualTo(delivered));
        assertThat(
                        w.events(dev.autonoc.core.audit.AuditEventType.PLAN)
                                .get(1)
                                .payload()
                                .get("replan_reason"))
                .asString()
                .as("replanned on the order's own answer, not at a later check")
                .contains("the part ordered by step 1 arrives " + delivered);
    }

    @Test
    void a_cancelled_appointment_replans_the_case_with_another_engineer() {
        LoopWorld w = playbook();
        w.tick();
        w.clock.advance(hours(1));
        w.net.sick("eng-south-1", w.now(), Instant.parse("2025-01-09T00:00:00Z"));
        w.tick();

        w.tickAt(T0.plus(hours(2)));

        assertThat(
                        w.events(dev.autonoc.core.audit.AuditEventType.PLAN)
                                .get(1)
                                .payload()
                                .get("replan_reason"))
                .asString()
                .contains("the appointment of step 2 was cancelled: engineer sick");
        assertThat(w.net.booked())
                .singleElement()
                .satisfies(a -> assertThat(a.engineerId).isEqualTo("eng-south-2"));
        assertThat(w.calledTools(CASE)).contains(CANCEL_APPOINTMENT);
    }

    @Test
    void a_catalogue_without_the_oss_reads_is_not_asked_and_the_plan_goes_on() {
        LoopWorld w = playbook();
        w.net.hasOssReads = false;
        w.tick();
        w.run(minutes(30), hours(7));

        assertThat(w.net.callsOf(GET_ORDER)).isEmpty();
        assertThat(w.net.callsOf(GET_APPOINTMENT)).isEmpty();
        assertThat(w.only().status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(w.net.callsOf(DISPATCH_ENGINEER)).hasSize(1);
    }

    @Test
    void a_check_the_oss_cannot_answer_changes_nothing() {
        LoopWorld w = playbook();
        w.tick();
        w.net.fail(GET_ORDER, dev.autonoc.core.tool.ToolResult.Outcome.TRANSIENT);
        w.clock.advance(hours(1));
        w.net.delay(key(1, 1), T0.plus(hours(8)));

        w.tickAt(T0.plus(hours(2)));

        assertThat(w.only().plan().orElseThrow().revision())
                .as("not known now: the part's delay is not taken for granted either way")
                .isZero();
        assertThat(w.net.callsOf(GET_APPOINTMENT)).hasSize(1);
    }

    @Test
    void an_order_the_oss_cancelled_replans_the_case() {
        LoopWorld w = playbook();
        w.tick();
        w.clock.advance(hours(1));
        w.net.orders.get(key(1, 1)).state = "cancelled";

        w.tickAt(T0.plus(hours(2)));

        assertThat(
                        w.events(dev.autonoc.core.audit.AuditEventType.PLAN)
                                .get(1)
                                .payload()
                                .get("replan_reason"))
                .isEqualTo("the order of step 1 was cancelled");
        assertThat(w.net.effectsOf(ORDER_PART)).as("a new part is ordered").hasSize(2);
    }

    @Test
    void a_watch_that_left_nothing_standing_is_closed_as_a_false_alarm_at_once() {
        SagaPlanner s =
                new SagaPlanner(
                        r ->
                                List.of(
                                        Intent.now(
                                                GET_TELEMETRY,
                                                LoopWorld.args("element_id", "core-rtr-02"))));
        s.assumptions = (r, steps) -> List.of(Assumption.watch(0.35, T0.plus(hours(48)), "watch"));
        LoopWorld w = new LoopWorld(s);
        w.predict(ROUTER, 0.2, hours(72));
        w.tick();
        w.clock.advance(hours(1));
        w.predictor.clear(ROUTER.id());
        w.tick();

        w.tickAt(T0.plus(hours(25)));

        assertThat(w.only().status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(w.only().reason()).startsWith("false alarm");
        assertThat(w.events(dev.autonoc.core.audit.AuditEventType.PLAN)).hasSize(1);
    }
}
