package dev.autonoc.core.loop;

import static dev.autonoc.core.loop.LoopWorld.ROUTER;
import static dev.autonoc.core.loop.LoopWorld.T0;
import static dev.autonoc.core.loop.LoopWorld.hours;
import static dev.autonoc.core.loop.LoopWorld.minutes;
import static dev.autonoc.core.tool.ToolNames.DISPATCH_ENGINEER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.casefile.StepState;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.loop.Fakes.Intent;
import dev.autonoc.core.loop.Fakes.SagaPlanner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A booking that waits for an approval nobody gives (no timeout set: the loop would wait for ever)
 * stops waiting when the visit's start comes: an answer after it would book a visit in the past.
 * The request expires with the reason in the ledger, the step counts as rejected (nobody approved
 * it), and the case plans again, in time to book another visit.
 */
class UnansweredVisitTest {

    static final Instant VISIT = T0.plus(hours(9));

    final SagaPlanner planner =
            new SagaPlanner(
                    r -> {
                        List<Intent> out = new ArrayList<>(LoopWorld.ticket(r));
                        Instant start = r.context().isReplan() ? VISIT.plus(hours(24)) : VISIT;
                        out.add(
                                Intent.now(
                                        DISPATCH_ENGINEER,
                                        LoopWorld.dispatch(r, "eng-south-1", start)));
                        return out;
                    });
    final LoopWorld w = new LoopWorld(planner);

    {
        w.gate.requireApproval(DISPATCH_ENGINEER, RoleHierarchy.NOC_OPERATOR);
    }

    @Test
    void a_visit_whose_approval_never_comes_is_given_up_at_its_start_and_the_case_replans() {
        w.predictFailureAt(ROUTER, 0.9, T0.plus(hours(72)));
        w.tick();
        assertThat(w.only().steps())
                .extracting(s -> s.state())
                .contains(StepState.WAITING_APPROVAL);

        w.run(minutes(30), hours(9).minus(minutes(30)));
        assertThat(planner.asked).as("still waiting before the visit's start").hasSize(1);

        w.tickAt(VISIT);

        CaseRecord c = w.only();
        assertThat(planner.asked).hasSize(2);
        assertThat(planner.last().context().reason())
                .contains("nobody answered before the visit's start at " + VISIT);
        assertThat(c.step(1).state()).isEqualTo(StepState.REJECTED);
        assertThat(w.events(AuditEventType.APPROVAL_ANSWERED))
                .extracting(e -> String.valueOf(e.payload().get("verdict")))
                .containsExactly("EXPIRED");
        assertThat(c.plan().orElseThrow().steps())
                .extracting(s -> String.valueOf(s.call().arguments().get("start")))
                .contains(VISIT.plus(hours(24)).toString());
    }

    @Test
    void an_approval_asked_for_a_step_without_a_visit_waits_as_before() {
        planner.intents = LoopWorld::orderPlan;
        w.gate.requireApproval("order_part", RoleHierarchy.NOC_OPERATOR);
        w.predictFailureAt(ROUTER, 0.9, T0.plus(hours(72)));
        w.tick();
        w.run(hours(1), hours(48));

        assertThat(planner.asked).hasSize(1);
        assertThat(w.only().steps())
                .extracting(s -> s.state())
                .contains(StepState.WAITING_APPROVAL);
    }
}
