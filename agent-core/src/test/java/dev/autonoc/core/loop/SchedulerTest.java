package dev.autonoc.core.loop;

import static dev.autonoc.core.loop.LoopWorld.ROUTER;
import static dev.autonoc.core.loop.LoopWorld.ROUTER_3;
import static dev.autonoc.core.loop.LoopWorld.T0;
import static dev.autonoc.core.loop.LoopWorld.hours;
import static dev.autonoc.core.tool.ToolNames.CANCEL_APPOINTMENT;
import static dev.autonoc.core.tool.ToolNames.DISPATCH_ENGINEER;
import static dev.autonoc.core.tool.ToolNames.OPEN_TICKET;
import static dev.autonoc.core.tool.ToolNames.ORDER_PART;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.casefile.StepState;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStatus;
import dev.autonoc.core.loop.Fakes.Intent;
import dev.autonoc.core.loop.Fakes.SagaPlanner;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.plan.Holding;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.PlanStep;
import dev.autonoc.core.planner.PlaybookPlanner;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.testing.FakeOperator;
import dev.autonoc.core.tool.ToolCall;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The scheduler (docs/agent.md, "The scheduler"): open cases are worked most urgent first; every
 * planner sees the engineer time the other cases count on, booked or still to book; a more urgent
 * case may take a less urgent one's booking, which that case gives up (undoing it) and plans again
 * around, before the taker books it; a booking whose engineer may be on the way is never taken.
 */
class SchedulerTest {

    static final Instant WEDNESDAY_0930 = Instant.parse("2025-01-08T09:30:00Z");

    // ---------------------------------------------------------------- urgency and holdings

    static CaseRecord caseOn(String id, Element e, Instant openedAt, Duration ttf) {
        Prediction p = LoopWorld.risk(e, openedAt, 0.9, FailureMode.FAN_WEAR, ttf);
        return CaseRecord.opened(new CaseId(id), e, p, openedAt);
    }

    /** The case with a plan of one dispatch of {@code engineer} at {@code start}. */
    static CaseRecord booking(CaseRecord c, String engineer, Instant start) {
        ToolCall call =
                ToolCall.of(
                        DISPATCH_ENGINEER,
                        Map.of(
                                "engineer_id",
                                engineer,
                                "start",
                                start.toString(),
                                "element_id",
                                c.element().id().value()));
        Plan plan =
                new Plan(
                        c.id(),
                        "saga",
                        "1",
                        List.of(new PlanStep(0, call, c.openedAt(), OptionalInt.empty(), "book")),
                        "book");
        return c.planned(plan);
    }

    static CaseRecord booked(CaseRecord c, Optional<Instant> end) {
        StepRecord s =
                c.step(0)
                        .registering(
                                ToolCall.of(CANCEL_APPOINTMENT, Map.of("appointment_key", "k")))
                        .done(end, Map.of(), "booked");
        return c.withStep(s);
    }

    @Test
    void cases_are_ordered_by_earliest_failure_then_age_then_id() {
        // three fail at T0+10h01m: the oldest first, then by id; the one failing later last
        CaseRecord late = caseOn("case-0001", ROUTER, T0, hours(50));
        CaseRecord soon = caseOn("case-0002", ROUTER_3, T0.plusSeconds(60), hours(10));
        CaseRecord soonToo = caseOn("case-0003", ROUTER, T0, hours(10).plusSeconds(60));
        CaseRecord sameAsSoon = caseOn("case-0000", ROUTER, T0.plusSeconds(60), hours(10));

        assertThat(Scheduler.byUrgency(List.of(late, soon, soonToo, sameAsSoon)))
                .extracting(c -> c.id().value())
                .containsExactly("case-0003", "case-0000", "case-0002", "case-0001");
    }

    @Test
    void holdings_are_the_other_working_cases_bookings_and_dispatches_still_to_book() {
        Instant start = T0.plus(hours(30));
        CaseRecord mine = booking(caseOn("case-0001", ROUTER, T0, hours(40)), "eng-a", start);
        CaseRecord bookedOne =
                booked(
                        booking(caseOn("case-0002", ROUTER_3, T0, hours(60)), "eng-b", start),
                        Optional.of(start.plus(hours(2))));
        CaseRecord pending = booking(caseOn("case-0003", ROUTER_3, T0, hours(20)), "eng-c", start);
        CaseRecord waiting =
                booking(caseOn("case-0004", ROUTER_3, T0, hours(20)), "eng-d", start)
                        .withStatus(CaseStatus.WAITING_APPROVAL);
        CaseRecord refused = booking(caseOn("case-0005", ROUTER_3, T0, hours(20)), "eng-e", start);
        refused = refused.withStep(refused.step(0).failed(StepState.FAILED, false, "refused"));
        CaseRecord withPerson =
                booking(caseOn("case-0006", ROUTER_3, T0, hours(20)), "eng-f", start)
                        .takenOver("ana", T0, "mine");

        List<Holding> held =
                Scheduler.holdings(
                        List.of(mine, bookedOne, pending, waiting, refused, withPerson),
                        mine.id(),
                        T0);

        assertThat(held).extracting(Holding::engineerId).containsExactly("eng-b", "eng-c", "eng-d");
        Holding b = held.get(0);
        assertThat(b.booked()).isTrue();
        assertThat(b.from()).isEqualTo(start);
        assertThat(b.to()).as("until the job's end as booked").isEqualTo(start.plus(hours(2)));
        assertThat(b.holderDeadline()).isEqualTo(T0.plus(hours(60)));
        assertThat(held.get(1).booked()).isFalse();
        assertThat(held.get(1).to())
                .as("an hour when the booking does not say")
                .isEqualTo(start.plus(hours(1)));
        assertThat(held).noneMatch(Holding::started);
    }

    @Test
    void a_booking_whose_engineer_may_be_on_the_way_counts_as_started() {
        Instant start = T0.plus(hours(30));
        CaseRecord bookedOne =
                booked(
                        booking(caseOn("case-0002", ROUTER_3, T0, hours(60)), "eng-b", start),
                        Optional.empty());
        CaseRecord pending = booking(caseOn("case-0003", ROUTER_3, T0, hours(60)), "eng-c", start);
        CaseId other = new CaseId("case-0009");

        Instant justBefore = start.minus(Scheduler.TOO_LATE_TO_TAKE).minusSeconds(1);
        assertThat(Scheduler.holdings(List.of(bookedOne), other, justBefore).get(0).started())
                .isFalse();
        Instant within = start.minus(Scheduler.TOO_LATE_TO_TAKE);
        assertThat(Scheduler.holdings(List.of(bookedOne), other, within).get(0).started()).isTrue();
        assertThat(Scheduler.holdings(List.of(pending), other, within).get(0).started())
                .as("nobody leaves for a job not booked")
                .isFalse();
    }

    @Test
    void open_cases_are_worked_most_urgent_first() {
        LoopWorld w = new LoopWorld(new SagaPlanner(LoopWorld::orderPlan));
        w.predict(ROUTER, 0.9, hours(72));
        w.predict(ROUTER_3, 0.9, hours(24));

        w.tick();

        assertThat(w.net.callsOf(OPEN_TICKET))
                .extracting(c -> c.arguments().get("element_id"))
                .containsExactly("core-rtr-03", "core-rtr-02");
        assertThat(w.of("case-0001").element()).isEqualTo(ROUTER);
    }

    // ---------------------------------------------------------------- taking a booking

    /**
     * One engineer in the region, away at night; no regional stock. The router's fan fails on
     * Saturday: its case books Wednesday 09:30, the first slot after central's part.
     */
    static LoopWorld oneEngineer() {
        LoopWorld w = new LoopWorld(new PlaybookPlanner());
        w.net.engineers.remove("eng-south-2");
        w.net.engineers.remove("eng-north-1");
        w.net.sources.get("south").available = 0;
        w.net.engineer("eng-south-1")
                .away(Instant.parse("2025-01-07T18:00:00Z"), Instant.parse("2025-01-08T08:00:00Z"));
        w.predict(ROUTER, 0.9, Duration.ofDays(4));
        w.tick();
        assertThat(w.net.booked())
                .singleElement()
                .satisfies(a -> assertThat(a.start).isEqualTo(WEDNESDAY_0930));
        return w;
    }

    static List<String> ledgerCalls(LoopWorld w) {
        List<String> out = new ArrayList<>();
        for (AuditEvent e : w.audit.events(AuditEventType.TOOL_CALL)) {
            String tool = (String) e.payload().get("tool");
            if (tool.equals(DISPATCH_ENGINEER) || tool.equals(CANCEL_APPOINTMENT)) {
                out.add(e.correlationId() + ":" + tool);
            }
        }
        return out;
    }

    @Test
    void a_more_urgent_case_takes_a_less_urgent_booking_which_is_given_up_and_rebooked_first() {
        LoopWorld w = oneEngineer();

        // an hour on, the other router's fan fails Wednesday 14:00: only 09:30 beats it
        w.clock.advance(hours(1));
        w.predictFailureAt(ROUTER_3, 0.9, Instant.parse("2025-01-08T14:00:00Z"));
        w.tick();

        CaseRecord holder = w.of("case-0001");
        CaseRecord taker = w.of("case-0002");
        assertThat(taker.plan().orElseThrow().takes())
                .singleElement()
                .satisfies(h -> assertThat(h.caseId()).isEqualTo(holder.id()));
        assertThat(holder.exclusions())
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.tool()).isEqualTo(DISPATCH_ENGINEER);
                            assertThat(e.match())
                                    .containsEntry("engineer_id", "eng-south-1")
                                    .containsEntry("start", WEDNESDAY_0930.toString());
                            assertThat(e.reason()).contains("yielded to case-0002");
                        });
        assertThat(ledgerCalls(w))
                .containsExactly(
                        "case-0001:dispatch_engineer",
                        "case-0001:cancel_appointment",
                        "case-0001:dispatch_engineer",
                        "case-0002:dispatch_engineer");
        FakeOperator.Appointment takers =
                w.net.booked().stream()
                        .filter(a -> a.key.startsWith("case-0002/"))
                        .findFirst()
                        .orElseThrow();
        FakeOperator.Appointment holders =
                w.net.booked().stream()
                        .filter(a -> a.key.startsWith("case-0001/"))
                        .findFirst()
                        .orElseThrow();
        assertThat(takers.start).isEqualTo(WEDNESDAY_0930);
        assertThat(holders.start)
                .as("rebooked after the taker's job, not at the slot it yielded")
                .isAfterOrEqualTo(WEDNESDAY_0930.plus(hours(1)));
        assertThat(
                        w.net.effectsOf(ORDER_PART).stream()
                                .filter(e -> e.key().startsWith("case-0001/")))
                .as("the holder's part still serves")
                .hasSize(1);
        assertThat(holder.plan().orElseThrow().revision()).isEqualTo(1);
    }

    @Test
    void a_booking_whose_engineer_may_be_on_the_way_is_not_taken() {
        LoopWorld w = oneEngineer();

        // Wednesday 05:00, within five hours of the 09:30 job: the other fan fails at 14:00
        w.clock.advance(Duration.between(w.now(), Instant.parse("2025-01-08T05:00:00Z")));
        w.predict(ROUTER, 0.9, Duration.between(w.now(), T0.plus(Duration.ofDays(4))));
        w.predictFailureAt(ROUTER_3, 0.9, Instant.parse("2025-01-08T14:00:00Z"));
        w.tick();

        assertThat(w.of("case-0002").plan().orElseThrow().takes()).isEmpty();
        assertThat(w.of("case-0001").exclusions()).isEmpty();
        assertThat(w.net.appointments.get(LoopWorld.key(2, 1)).state).isEqualTo("booked");
        assertThat(ledgerCalls(w)).doesNotContain("case-0001:cancel_appointment");
    }

    /** A planner that claims the first holding it is shown, whatever it is. */
    static SagaPlanner greedy() {
        SagaPlanner s =
                new SagaPlanner(
                        r -> {
                            List<Intent> out = new ArrayList<>(LoopWorld.ticket(r));
                            Instant start =
                                    r.context().holdings().isEmpty()
                                            ? r.now().plus(hours(6))
                                            : r.context().holdings().get(0).from();
                            int dispatch = out.size();
                            out.add(
                                    Intent.now(
                                            DISPATCH_ENGINEER,
                                            LoopWorld.dispatch(r, "eng-south-1", start)));
                            // the case stays open until the job is over
                            out.add(
                                    Intent.now(
                                                    dev.autonoc.core.tool.ToolNames.CLOSE_TICKET,
                                                    LoopWorld.close(r))
                                            .after(dispatch));
                            return out;
                        });
        s.takes =
                r ->
                        r.context().holdings().isEmpty()
                                ? List.of()
                                : List.of(r.context().holdings().get(0));
        return s;
    }

    @Test
    void the_loop_takes_no_booking_from_a_more_urgent_holder_whatever_the_plan_says() {
        SagaPlanner greedy = greedy();
        LoopWorld w = new LoopWorld(greedy);
        w.predict(ROUTER, 0.9, hours(10));
        w.tick();

        w.clock.advance(hours(1));
        w.predict(ROUTER_3, 0.9, hours(40));
        w.tick();

        assertThat(w.of("case-0001").exclusions()).isEmpty();
        assertThat(w.of("case-0001").plan().orElseThrow().revision()).isZero();
        assertThat(ledgerCalls(w)).doesNotContain("case-0001:cancel_appointment");
        assertThat(w.net.callsOf(DISPATCH_ENGINEER).get(1).result().outcome())
                .as("the taker meets the booking, and replans")
                .isEqualTo(dev.autonoc.core.tool.ToolResult.Outcome.REFUSED);
    }

    @Test
    void the_loop_takes_no_booking_whose_engineer_may_be_on_the_way_whatever_the_plan_says() {
        SagaPlanner greedy = greedy();
        LoopWorld w = new LoopWorld(greedy);
        w.predict(ROUTER, 0.9, hours(40));
        w.tick();

        // the holder's job is at T0+6h; at T0+2h it is within five hours
        w.clock.advance(hours(2));
        w.predict(ROUTER_3, 0.9, hours(10));
        w.tick();

        assertThat(greedy.asked.get(1).context().holdings())
                .singleElement()
                .satisfies(h -> assertThat(h.started()).isTrue());
        assertThat(w.of("case-0001").exclusions()).isEmpty();
        assertThat(ledgerCalls(w)).doesNotContain("case-0001:cancel_appointment");
    }
}
