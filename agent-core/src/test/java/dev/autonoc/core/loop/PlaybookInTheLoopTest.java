package dev.autonoc.core.loop;

import static dev.autonoc.core.loop.LoopWorld.CASE;
import static dev.autonoc.core.loop.LoopWorld.ROUTER;
import static dev.autonoc.core.loop.LoopWorld.SUPERVISOR;
import static dev.autonoc.core.loop.LoopWorld.T0;
import static dev.autonoc.core.loop.LoopWorld.hours;
import static dev.autonoc.core.loop.LoopWorld.minutes;
import static dev.autonoc.core.tool.ToolNames.DISPATCH_ENGINEER;
import static dev.autonoc.core.tool.ToolNames.ORDER_PART;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.approval.ApprovalException;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.approval.Verdict;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.casefile.StepState;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStatus;
import dev.autonoc.core.plan.Assumption;
import dev.autonoc.core.planner.PlaybookPlanner;
import dev.autonoc.core.testing.FakeOperator.Preview;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The playbook and the loop together, over the scripted operator: a doubtful alarm is watched until
 * its decision time and then acted on; work that would harm more than the failure is held with the
 * case kept open; a replan withdraws the approvals its dropped steps waited for.
 */
class PlaybookInTheLoopTest {

    final LoopWorld w = new LoopWorld(new PlaybookPlanner());

    static Assumption watch(CaseRecord c) {
        return c.plan().orElseThrow().assumptions().stream()
                .filter(a -> a.kind() == Assumption.Kind.WATCH)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no watch in " + c.plan()));
    }

    @Test
    void a_doubtful_alarm_is_watched_and_acted_on_at_its_decision_time() {
        Instant failsAt = T0.plus(Duration.ofDays(5));
        w.predictFailureAt(ROUTER, 0.2, failsAt);
        w.tick();
        Instant decideBy = watch(w.only()).at();
        assertThat(w.net.callsOf(ORDER_PART)).isEmpty();

        w.clock.advance(Duration.between(w.now(), decideBy));
        w.predictFailureAt(ROUTER, 0.2, failsAt);
        w.tick();

        CaseRecord c = w.only();
        assertThat(c.plan().orElseThrow().revision()).isEqualTo(1);
        assertThat(c.plan().orElseThrow().keeps()).containsExactly(0);
        assertThat(w.net.effectsOf(ORDER_PART)).hasSize(1);
        assertThat(w.net.effectsOf(DISPATCH_ENGINEER)).hasSize(1);
    }

    @Test
    void work_that_would_harm_more_than_the_failure_is_held_and_the_case_stays_open_watching() {
        // every hour of work costs 5000 customer-minutes; an unprotected failure 1000
        w.net.preview =
                (at, minutes) ->
                        minutes == 360 ? new Preview(false, 1000) : new Preview(false, 5000);
        Instant failsAt = T0.plus(Duration.ofDays(5));
        w.predictFailureAt(ROUTER, 0.2, failsAt);
        w.tick();
        Instant decideBy = watch(w.only()).at();

        w.clock.advance(Duration.between(w.now(), decideBy));
        w.predictFailureAt(ROUTER, 0.2, failsAt);
        w.tick();

        CaseRecord c = w.only();
        assertThat(c.status())
                .as("held, not closed: the hold watches")
                .isEqualTo(CaseStatus.ACTIVE);
        assertThat(c.plan().orElseThrow().rationale()).contains("do no harm");
        assertThat(watch(c).at()).isEqualTo(decideBy.plus(hours(6)));
        assertThat(w.net.callsOf(ORDER_PART)).isEmpty();
        assertThat(w.net.callsOf(DISPATCH_ENGINEER)).isEmpty();

        w.run(hours(1), hours(5));
        assertThat(w.only().status()).isEqualTo(CaseStatus.ACTIVE);
        assertThat(w.cases.all()).as("no second case on the element").hasSize(1);
    }

    @Test
    void a_replan_withdraws_the_approval_request_of_the_step_it_drops() {
        w.gate.requireApproval(DISPATCH_ENGINEER, RoleHierarchy.NOC_OPERATOR);
        w.predict(ROUTER, 0.9, hours(38));
        w.tick();
        String asked = w.pending().get(0);
        assertThat(w.only().status()).isEqualTo(CaseStatus.WAITING_APPROVAL);

        // an hour on, the failure is expected at 15:30, before the job at 15:00 would be over
        w.clock.advance(hours(1));
        w.predictFailureAt(ROUTER, 0.9, T0.plus(hours(5)).plus(minutes(30)));
        w.tick();

        CaseRecord c = w.only();
        assertThat(c.plan().orElseThrow().revision()).isEqualTo(1);
        assertThat(c.step(2).state()).isEqualTo(StepState.SUPERSEDED);
        assertThat(w.approvals.answer(asked))
                .as("nobody is left to approve what no plan wants")
                .get()
                .extracting(a -> a.verdict())
                .isEqualTo(Verdict.EXPIRED);
        assertThat(w.events(AuditEventType.APPROVAL_ANSWERED))
                .anySatisfy(
                        e -> {
                            assertThat(e.payload().get("approval_id")).isEqualTo(asked);
                            assertThat(e.payload().get("verdict")).isEqualTo("EXPIRED");
                        });
        assertThatThrownBy(
                        () ->
                                w.approvals.approve(
                                        asked, SUPERVISOR, "late", w.now(), Optional.empty()))
                .isInstanceOf(ApprovalException.class);
        assertThat(w.pending()).doesNotContain(asked);
        assertThat(w.audit.types(CASE)).contains("PLAN");
    }
}
