package dev.autonoc.core.loop;

import static dev.autonoc.core.loop.LoopWorld.CASE;
import static dev.autonoc.core.loop.LoopWorld.ROUTER;
import static dev.autonoc.core.loop.LoopWorld.SUPERVISOR;
import static dev.autonoc.core.loop.LoopWorld.hours;
import static dev.autonoc.core.loop.LoopWorld.minutes;
import static dev.autonoc.core.tool.ToolNames.ORDER_PART;
import static dev.autonoc.core.tool.ToolResult.Outcome.INVALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.approval.ApprovalException;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.approval.Verdict;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.casefile.StepState;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStatus;
import dev.autonoc.core.loop.Fakes.SagaPlanner;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * People and the agent share cases (docs/agent.md, "Handed-over cases"): a person takes a case over
 * (the agent stops acting on it and on its element), hands it back (the agent replans from where it
 * is) or closes it; each is a ledger event with the person and the reason. No agent does any of
 * these.
 */
class PeopleTest {

    static final CaseId ID = new CaseId(CASE);

    final SagaPlanner planner = new SagaPlanner(LoopWorld::orderPlan);
    final LoopWorld w = new LoopWorld(planner);

    /** The ticket is open; the order waits for an operator's approval. */
    void waitingForApproval() {
        w.gate.requireApproval(ORDER_PART, RoleHierarchy.NOC_OPERATOR);
        w.predict(ROUTER, 0.9, Duration.ofDays(2));
        w.tick();
        assertThat(w.only().status()).isEqualTo(CaseStatus.WAITING_APPROVAL);
    }

    AuditEvent last(AuditEventType type) {
        var events = w.events(type);
        assertThat(events).isNotEmpty();
        return events.get(events.size() - 1);
    }

    @Test
    void a_person_takes_a_case_over_its_waiting_approval_withdrawn_in_the_ledger() {
        waitingForApproval();
        String asked = w.pending().get(0);

        CaseRecord taken = w.loop().takeOver(ID, "ana", "I will call the supplier myself", w.now());

        assertThat(taken.status()).isEqualTo(CaseStatus.TAKEN_OVER);
        assertThat(taken.owner()).contains("ana");
        assertThat(taken.reason()).isEqualTo("I will call the supplier myself");
        assertThat(taken.step(1).state()).isEqualTo(StepState.SUPERSEDED);
        assertThat(w.approvals.answer(asked))
                .get()
                .extracting(a -> a.verdict())
                .isEqualTo(Verdict.EXPIRED);
        AuditEvent answered = last(AuditEventType.APPROVAL_ANSWERED);
        assertThat(answered.payload())
                .containsEntry("approval_id", asked)
                .containsEntry("verdict", "EXPIRED");
        assertThat((String) answered.payload().get("comment")).contains("taken over by ana");
        AuditEvent event = last(AuditEventType.CASE_TAKEN_OVER);
        assertThat(event.actor()).isEqualTo("ana");
        assertThat(event.payload())
                .containsEntry("reason", "I will call the supplier myself")
                .containsEntry("status", "TAKEN_OVER")
                .containsEntry("open_commitments", 1L);
        assertThatThrownBy(
                        () ->
                                w.approvals.approve(
                                        asked, SUPERVISOR, "go", w.now(), Optional.empty()))
                .isInstanceOf(ApprovalException.class);
    }

    @Test
    void the_agent_does_not_act_on_a_taken_case_nor_open_another_on_its_element() {
        waitingForApproval();
        w.loop().takeOver(ID, "ana", "mine now", w.now());

        w.clock.advance(hours(1));
        w.predict(ROUTER, 0.99, hours(3));
        w.run(minutes(30), hours(12));

        assertThat(w.cases.all()).hasSize(1);
        assertThat(w.net.callsOf(ORDER_PART)).isEmpty();
        assertThat(planner.asked).hasSize(1);
        assertThat(w.only().status()).isEqualTo(CaseStatus.TAKEN_OVER);
    }

    @Test
    void a_case_handed_back_is_replanned_from_where_it_is() {
        waitingForApproval();
        w.loop().takeOver(ID, "ana", "mine now", w.now());
        w.clock.advance(hours(2));

        CaseRecord back = w.loop().handBack(ID, "ana", "the supplier will not answer", w.now());

        assertThat(back.status()).isEqualTo(CaseStatus.ACTIVE);
        assertThat(back.owner()).isEmpty();
        assertThat(back.replanDue()).contains("handed back by ana: the supplier will not answer");
        AuditEvent event = last(AuditEventType.CASE_HANDED_BACK);
        assertThat(event.actor()).isEqualTo("ana");
        assertThat(event.payload()).containsEntry("reason", "the supplier will not answer");

        w.tick();

        assertThat(planner.asked).hasSize(2);
        var context = planner.last().context();
        assertThat(context.revision()).isEqualTo(1);
        assertThat(context.reason()).isEqualTo("handed back by ana: the supplier will not answer");
        assertThat(context.commitments())
                .extracting(s -> s.call().tool())
                .containsExactly("open_ticket");
        assertThat(w.only().plan().orElseThrow().keeps()).containsExactly(0);
        assertThat(w.only().status()).isEqualTo(CaseStatus.WAITING_APPROVAL);
    }

    @Test
    void a_case_that_needed_a_person_is_handed_back_and_replanned() {
        w.net.fail(ORDER_PART, INVALID);
        w.predict(ROUTER, 0.9, Duration.ofDays(2));
        w.tick();
        assertThat(w.only().status()).isEqualTo(CaseStatus.NEEDS_PERSON);

        w.loop().handBack(ID, "olga", "fixed the part code", w.now());
        w.tickAt(w.now().plus(minutes(10)));

        assertThat(w.only().status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(w.net.effectsOf(ORDER_PART)).hasSize(1);
    }

    @Test
    void a_person_closes_a_case_whatever_stands_and_nothing_is_undone() {
        waitingForApproval();
        String asked = w.pending().get(0);

        CaseRecord closed = w.loop().close(ID, "ana", "mended by hand", w.now());

        assertThat(closed.status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(closed.reason()).isEqualTo("closed by ana: mended by hand");
        assertThat(w.approvals.answer(asked))
                .get()
                .extracting(a -> a.verdict())
                .isEqualTo(Verdict.EXPIRED);
        AuditEvent event = last(AuditEventType.CASE_CLOSED);
        assertThat(event.actor()).isEqualTo("ana");
        assertThat(event.payload()).containsEntry("status", "CLOSED");
        assertThat(closed.owner()).contains("ana");
        assertThat(w.net.tickets.get(CASE))
                .as("the person answers for what stays")
                .isEqualTo("open");
    }

    @Test
    void after_a_person_closes_a_case_the_agent_opens_none_on_its_element_within_the_cooldown() {
        waitingForApproval();
        w.loop().close(ID, "ana", "mended by hand", w.now());

        w.run(hours(1), Duration.ofDays(2).minus(hours(1)));
        assertThat(w.cases.all()).as("the alarm persists; the person's word stands").hasSize(1);
        assertThat(w.net.calls.stream().filter(c -> c.key().isPresent()).count())
                .as("the agent did nothing more")
                .isEqualTo(1);

        w.run(hours(1), hours(1));
        assertThat(w.cases.all()).as("after the cooldown the alarm is heard again").hasSize(2);
    }

    @Test
    void no_agent_takes_over_hands_back_or_closes_a_case() {
        waitingForApproval();
        for (String actor : new String[] {"agent:autonoc", "agent:mcp/olga", " ", ""}) {
            assertThatThrownBy(() -> w.loop().takeOver(ID, actor, "x", w.now()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("only a person");
            assertThatThrownBy(() -> w.loop().close(ID, actor, "x", w.now()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> w.loop().handBack(ID, actor, "x", w.now()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(w.only().status()).isEqualTo(CaseStatus.WAITING_APPROVAL);
        assertThat(w.events(AuditEventType.CASE_TAKEN_OVER)).isEmpty();
    }

    @Test
    void what_people_may_do_depends_on_where_the_case_is() {
        waitingForApproval();
        assertThatThrownBy(() -> w.loop().handBack(ID, "ana", "x", w.now()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only a case with a person is handed back");
        w.loop().takeOver(ID, "ana", "mine", w.now());
        assertThatThrownBy(() -> w.loop().takeOver(ID, "bob", "mine too", w.now()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("taken over already, by ana");
        w.loop().close(ID, "ana", "done", w.now());
        assertThatThrownBy(() -> w.loop().takeOver(ID, "bob", "x", w.now()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
        assertThatThrownBy(() -> w.loop().close(new CaseId("case-9999"), "ana", "x", w.now()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no case case-9999");
    }

    @Test
    void a_case_that_needs_a_person_keeps_the_agent_off_its_element() {
        w.net.fail(ORDER_PART, INVALID);
        w.predict(ROUTER, 0.9, Duration.ofDays(2));
        w.tick();

        w.run(hours(1), Duration.ofDays(3));

        assertThat(w.cases.all()).hasSize(1);
        assertThat(w.only().status()).isEqualTo(CaseStatus.NEEDS_PERSON);
    }
}
