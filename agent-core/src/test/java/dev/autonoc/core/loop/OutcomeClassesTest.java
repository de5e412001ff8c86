package dev.autonoc.core.loop;

import static dev.autonoc.core.loop.LoopWorld.CASE;
import static dev.autonoc.core.loop.LoopWorld.ROUTER;
import static dev.autonoc.core.loop.LoopWorld.ROUTER_3;
import static dev.autonoc.core.loop.LoopWorld.T0;
import static dev.autonoc.core.loop.LoopWorld.hours;
import static dev.autonoc.core.loop.LoopWorld.key;
import static dev.autonoc.core.loop.LoopWorld.minutes;
import static dev.autonoc.core.tool.ToolNames.CANCEL_ORDER;
import static dev.autonoc.core.tool.ToolNames.CLOSE_TICKET;
import static dev.autonoc.core.tool.ToolNames.DISPATCH_ENGINEER;
import static dev.autonoc.core.tool.ToolNames.ORDER_PART;
import static dev.autonoc.core.tool.ToolNames.REROUTE_TRAFFIC;
import static dev.autonoc.core.tool.ToolNames.RESTORE_TRAFFIC;
import static dev.autonoc.core.tool.ToolResult.Outcome.INVALID;
import static dev.autonoc.core.tool.ToolResult.Outcome.REFUSED;
import static dev.autonoc.core.tool.ToolResult.Outcome.TRANSIENT;
import static dev.autonoc.core.tool.ToolResult.Outcome.UNCERTAIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.casefile.Commitment;
import dev.autonoc.core.casefile.Exclusion;
import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.casefile.StepState;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStatus;
import dev.autonoc.core.loop.Fakes.SagaPlanner;
import dev.autonoc.core.testing.FakeOperator;
import dev.autonoc.core.tool.ToolCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every tool outcome is followed by what its class calls for (docs/agent.md, "Outcome classes"):
 * TRANSIENT is tried again after a backoff as the next attempt (a new key: nothing happened);
 * UNCERTAIN under the same key (one effect at most); out of tries, the case replans; INVALID goes
 * to a person at once; REFUSED is learnt and replanned around in the same tick; a tool that keeps
 * failing opens its circuit for every case.
 */
class OutcomeClassesTest {

    final SagaPlanner planner = new SagaPlanner(LoopWorld::orderPlan);
    final LoopWorld w = new LoopWorld(planner);

    /** Three tries, 5 min doubling, no jitter: a step is given up 15 min after its first call. */
    void threeTriesNoJitter() {
        w.settings =
                LoopSettings.defaults()
                        .withRetry(new RetryPolicy(3, minutes(5), 2.0, hours(1), 0.0), Map.of());
    }

    /**
     * The case, its step 1 given up and still standing for the replan, which keeps or undoes it.
     */
    CaseRecord givenUpWithItsUndoWanted() {
        CaseRecord c = w.only();
        assertThat(c.step(1).state()).isEqualTo(StepState.FAILED);
        assertThat(planner.last().context().commitments())
                .extracting(StepRecord::index)
                .containsExactly(0, 1);
        return c;
    }

    void open() {
        w.predict(ROUTER, 0.9, Duration.ofDays(2));
        w.tick();
    }

    static Duration backoff(int tries) {
        return RetryPolicy.defaults().backoff(CASE, 1, tries);
    }

    List<String> orderKeys() {
        return w.net.callsOf(ORDER_PART).stream().map(c -> c.key().orElseThrow()).toList();
    }

    @Test
    void a_transient_outcome_is_retried_after_the_backoff_as_the_next_attempt_with_a_new_key() {
        w.net.fail(ORDER_PART, TRANSIENT);
        open();

        StepRecord waiting = w.step(1);
        assertThat(waiting.state()).isEqualTo(StepState.PENDING);
        assertThat(waiting.attempt()).isEqualTo(2);
        assertThat(waiting.tries()).isEqualTo(1);
        assertThat(waiting.retryAt()).contains(T0.plus(backoff(1)));
        assertThat(waiting.commitment())
                .as("a TRANSIENT call surely did nothing: nothing to undo")
                .isEqualTo(Commitment.NONE);
        assertThat(w.only().status()).isEqualTo(CaseStatus.ACTIVE);

        w.tickAt(T0.plus(backoff(1)).minusSeconds(1));
        assertThat(orderKeys()).as("not before the backoff").containsExactly(key(1, 1));

        w.tickAt(T0.plus(backoff(1)));
        assertThat(orderKeys()).containsExactly(key(1, 1), key(1, 2));
        assertThat(w.net.effectsOf(ORDER_PART))
                .extracting(FakeOperator.Effect::key)
                .containsExactly(key(1, 2));
        assertThat(w.only().status()).isEqualTo(CaseStatus.CLOSED);
    }

    @Test
    void the_undo_is_registered_before_each_attempt_under_that_attempts_key() {
        w.net.fail(ORDER_PART, TRANSIENT);
        open();
        ToolCall firstUndo = w.step(1).undo().orElseThrow();
        assertThat(firstUndo.tool()).isEqualTo(CANCEL_ORDER);
        assertThat(firstUndo.arguments()).containsEntry("order_key", key(1, 1));

        w.tickAt(T0.plus(backoff(1)));

        assertThat(w.step(1).undo().orElseThrow().arguments())
                .containsEntry("order_key", key(1, 2))
                .containsEntry("element_id", "core-rtr-02");
    }

    @Test
    void an_uncertain_outcome_is_retried_with_the_same_key_and_has_one_effect() {
        w.net.fail(ORDER_PART, UNCERTAIN);
        open();

        StepRecord waiting = w.step(1);
        assertThat(waiting.attempt()).isEqualTo(1);
        assertThat(waiting.commitment())
                .as("the call may have acted: its undo stays registered")
                .isEqualTo(Commitment.REGISTERED);
        assertThat(waiting.retryAt()).contains(T0.plus(backoff(1)));

        w.tickAt(T0.plus(backoff(1)));

        assertThat(orderKeys()).containsExactly(key(1, 1), key(1, 1));
        assertThat(w.net.effectsOf(ORDER_PART)).hasSize(1);
        assertThat(w.step(1).state()).isEqualTo(StepState.DONE);
        assertThat(w.only().status()).isEqualTo(CaseStatus.CLOSED);
    }

    @Test
    void
            a_transient_answer_to_the_retry_of_an_uncertain_call_keeps_the_key_since_the_first_may_have_acted() {
        w.net.fail(ORDER_PART, UNCERTAIN, TRANSIENT);
        open();
        w.tickAt(T0.plus(backoff(1)));
        Instant third = w.step(1).retryAt().orElseThrow();

        w.tickAt(third);

        assertThat(orderKeys()).containsOnly(key(1, 1)).hasSize(3);
        assertThat(w.net.effectsOf(ORDER_PART)).hasSize(1);
        assertThat(w.only().status()).isEqualTo(CaseStatus.CLOSED);
    }

    @Test
    void a_retry_of_an_allowed_step_is_judged_by_the_gate_again() {
        w.net.fail(ORDER_PART, UNCERTAIN);
        open();
        w.tickAt(T0.plus(backoff(1)));

        assertThat(w.events(AuditEventType.POLICY_DECISION))
                .filteredOn(e -> e.payload().get("tool").equals(ORDER_PART))
                .hasSize(2);
    }

    @Test
    void a_retry_of_an_uncertain_call_that_the_policy_now_denies_leaves_its_undo_for_the_replan() {
        int[] asked = {0};
        w.gate.rules.put(
                ORDER_PART,
                r ->
                        asked[0]++ == 0
                                ? dev.autonoc.core.policy.Decision.allow(
                                        "d-1", List.of("allow"), List.of("ok"), "test-policy")
                                : dev.autonoc.core.policy.Decision.deny(
                                        "d-2",
                                        List.of("rate"),
                                        List.of("too many calls today"),
                                        "test-policy"));
        w.net.fail(ORDER_PART, UNCERTAIN);
        open();
        w.tickAt(T0.plus(backoff(1)));

        CaseRecord c = w.only();
        assertThat(c.step(1).state()).isEqualTo(StepState.DENIED);
        assertThat(planner.asked.get(1).context().commitments())
                .extracting(StepRecord::index)
                .containsExactly(0, 1);
        assertThat(w.net.orders.get(key(1, 1)).state)
                .as("the order that may have been placed is cancelled by the replan")
                .isEqualTo("cancelled");
    }

    @Test
    void the_backoff_grows_with_each_try() {
        w.net.fail(ORDER_PART, TRANSIENT, TRANSIENT, TRANSIENT);
        open();
        Instant second = w.step(1).retryAt().orElseThrow();
        w.tickAt(second);
        Instant third = w.step(1).retryAt().orElseThrow();
        w.tickAt(third);
        Instant fourth = w.step(1).retryAt().orElseThrow();

        assertThat(Duration.between(second, third)).isEqualTo(backoff(2));
        assertThat(Duration.between(third, fourth)).isEqualTo(backoff(3));
        assertThat(backoff(3)).isGreaterThan(backoff(1));
        assertThat(w.step(1).attempt()).isEqualTo(4);
    }

    @Test
    void a_step_out_of_tries_is_given_up_and_the_case_replans_in_the_same_tick() {
        threeTriesNoJitter();
        w.net.fail(ORDER_PART, TRANSIENT, TRANSIENT, TRANSIENT);
        open();
        w.tickAt(T0.plus(minutes(5)));
        w.tickAt(T0.plus(minutes(15)));

        CaseRecord c = w.only();
        assertThat(c.step(1).state()).isEqualTo(StepState.FAILED);
        assertThat(c.step(1).note()).contains("gave up after 3 tries");
        assertThat(planner.asked).hasSize(2);
        assertThat(planner.last().context().reason())
                .contains("step 1 (order_part) gave up after 3 tries");
        assertThat(c.exclusions()).as("a far side that was down taught nothing").isEmpty();
        // the replan ordered again, kept the ticket, and the case finished in that tick
        assertThat(c.plan().orElseThrow().keeps()).containsExactly(0);
        assertThat(w.net.effectsOf(ORDER_PART)).hasSize(1);
        assertThat(c.status()).isEqualTo(CaseStatus.CLOSED);
    }

    @Test
    void a_step_given_up_after_uncertain_outcomes_leaves_its_undo_for_the_replan_to_run() {
        threeTriesNoJitter();
        w.net.fail(ORDER_PART, UNCERTAIN, UNCERTAIN, UNCERTAIN);
        open();
        w.tickAt(T0.plus(minutes(5)));
        w.tickAt(T0.plus(minutes(15)));

        CaseRecord c = givenUpWithItsUndoWanted();
        StepRecord undo = c.step(3);
        assertThat(undo.undoes()).hasValue(1);
        assertThat(undo.call().tool()).isEqualTo(CANCEL_ORDER);
        assertThat(undo.call().arguments()).containsEntry("order_key", key(1, 1));
        assertThat(undo.state()).isEqualTo(StepState.DONE);
        assertThat(c.step(1).commitment()).isEqualTo(Commitment.UNDONE);
        assertThat(w.net.orders.get(key(1, 1)).state).isEqualTo("cancelled");
    }

    @Test
    void an_undo_that_names_no_key_is_registered_again_for_the_attempt_after_a_transient_one() {
        // restore_traffic is the same call whatever the reroute's key: the attempt after a
        // TRANSIENT outcome (which dropped the first attempt's undo: nothing had happened) must
        // register it again, or a reroute that then times out and is given up is left standing
        planner.intents =
                r -> {
                    List<Fakes.Intent> out = new java.util.ArrayList<>(LoopWorld.ticket(r));
                    if (r.context().revision() == 0) {
                        out.add(
                                Fakes.Intent.now(
                                        REROUTE_TRAFFIC,
                                        Map.of("element_id", ROUTER.id().value())));
                    }
                    out.add(Fakes.Intent.now(CLOSE_TICKET, LoopWorld.close(r)));
                    return out;
                };
        threeTriesNoJitter();
        w.net.fail(REROUTE_TRAFFIC, TRANSIENT, UNCERTAIN, UNCERTAIN);
        open();
        assertThat(w.step(1).commitment()).isEqualTo(Commitment.NONE);

        w.tickAt(T0.plus(minutes(5)));
        assertThat(w.step(1).commitment())
                .as("the second attempt may act: its undo is registered before it runs")
                .isEqualTo(Commitment.REGISTERED);
        w.tickAt(T0.plus(minutes(15)));

        CaseRecord c = givenUpWithItsUndoWanted();
        assertThat(c.steps())
                .filteredOn(s -> s.undoes().isPresent())
                .singleElement()
                .satisfies(
                        undo -> {
                            assertThat(undo.call().tool()).isEqualTo(RESTORE_TRAFFIC);
                            assertThat(undo.state()).isEqualTo(StepState.DONE);
                        });
        assertThat(c.status()).isEqualTo(CaseStatus.CLOSED);
    }

    @Test
    void an_invalid_call_sends_the_case_to_a_person_at_once_with_the_reason() {
        w.net.fail(ORDER_PART, INVALID);
        open();

        CaseRecord c = w.only();
        assertThat(c.status()).isEqualTo(CaseStatus.NEEDS_PERSON);
        assertThat(c.reason()).contains("step 1 (order_part) is invalid");
        assertThat(c.step(1).state()).isEqualTo(StepState.FAILED);
        assertThat(planner.asked).as("no replan around a bug").hasSize(1);
        assertThat(w.net.callsOf(CLOSE_TICKET)).isEmpty();
        assertThat(w.audit.types(CASE)).last().isEqualTo("CASE_HANDED_OVER");

        w.run(hours(1), hours(6));
        assertThat(w.net.callsOf(ORDER_PART)).as("the agent leaves it to the person").hasSize(1);
    }

    @Test
    void a_refusal_is_learnt_and_replanned_around_in_the_same_tick() {
        w.net.fail(ORDER_PART, REFUSED);
        open();

        CaseRecord c = w.only();
        assertThat(c.step(1).state()).isEqualTo(StepState.FAILED);
        Exclusion learnt = c.exclusions().get(0);
        assertThat(learnt.tool()).isEqualTo(ORDER_PART);
        assertThat(learnt.match())
                .containsEntry("source", "south")
                .containsEntry("part", "FAN-TRAY")
                .containsEntry("expedite", false);
        assertThat(learnt.reason()).contains("refused");
        assertThat(planner.asked).hasSize(2);
        assertThat(planner.last().context().exclusions()).containsExactly(learnt);
        assertThat(w.net.effectsOf(ORDER_PART))
                .singleElement()
                .satisfies(e -> assertThat(e.arguments()).containsEntry("source", "central"));
        assertThat(c.status()).isEqualTo(CaseStatus.CLOSED);
    }

    @Test
    void what_is_learnt_from_a_refusal_leaves_out_free_text() {
        ToolCall call =
                ToolCall.of(
                        DISPATCH_ENGINEER,
                        Map.of(
                                "engineer_id", "eng-south-1",
                                "start", "2025-01-07T15:00:00Z",
                                "task", "replace FAN-TRAY",
                                "message", "hello",
                                "reason", "why"));

        Exclusion e = CaseWork.exclusionOf(call, "refused: busy", T0);

        assertThat(e.match())
                .containsOnlyKeys("engineer_id", "start")
                .containsEntry("engineer_id", "eng-south-1");
        assertThat(e.excludes(DISPATCH_ENGINEER, call.arguments())).isTrue();
        assertThat(e.excludes(DISPATCH_ENGINEER, Map.of("engineer_id", "eng-south-2"))).isFalse();
    }

    @Test
    void
            a_tool_that_keeps_failing_opens_its_circuit_across_cases_and_holds_steps_back_without_spending_tries() {
        w.settings =
                LoopSettings.defaults().withCircuit(new CircuitBreaker.Settings(2, minutes(30)));
        w.net.fail(ORDER_PART, TRANSIENT, TRANSIENT);
        w.predict(ROUTER, 0.9, Duration.ofDays(2));
        w.predict(ROUTER_3, 0.9, Duration.ofDays(2));
        w.tick();
        assertThat(w.net.callsOf(ORDER_PART)).hasSize(2);

        w.tickAt(T0.plus(minutes(10)));

        assertThat(w.net.callsOf(ORDER_PART)).as("the circuit is open: nobody calls").hasSize(2);
        for (CaseRecord c : w.cases.all()) {
            StepRecord held = c.step(1);
            assertThat(held.tries()).as("held back, not tried").isEqualTo(1);
            assertThat(held.retryAt()).contains(T0.plus(minutes(30)));
            assertThat(held.note()).contains("circuit open until " + T0.plus(minutes(30)));
        }

        w.tickAt(T0.plus(minutes(30)));

        assertThat(w.net.callsOf(ORDER_PART)).hasSize(4);
        assertThat(w.cases.all())
                .allSatisfy(c -> assertThat(c.status()).isEqualTo(CaseStatus.CLOSED));
    }

    @Test
    void every_outcome_is_in_the_ledger_with_its_key() {
        w.net.fail(ORDER_PART, UNCERTAIN);
        open();
        w.tickAt(T0.plus(backoff(1)));

        assertThat(w.events(AuditEventType.TOOL_RESULT))
                .filteredOn(e -> e.payload().get("tool").equals(ORDER_PART))
                .extracting(
                        e -> e.payload().get("outcome") + "@" + e.payload().get("idempotency_key"))
                .containsExactly("UNCERTAIN@" + key(1, 1), "SUCCEEDED@" + key(1, 1));
    }

    @Test
    void a_call_whose_arguments_the_tool_cannot_estimate_sends_the_case_to_a_person() {
        w.catalogue =
                tools ->
                        tools.stream()
                                .map(
                                        t ->
                                                !t.name().equals(ORDER_PART)
                                                        ? t
                                                        : new dev.autonoc.core.tool.Tool() {
                                                            @Override
                                                            public dev.autonoc.core.tool
                                                                            .ToolDescriptor
                                                                    descriptor() {
                                                                return t.descriptor();
                                                            }

                                                            @Override
                                                            public dev.autonoc.core.tool.Estimate
                                                                    estimate(
                                                                            Map<String, Object>
                                                                                    arguments) {
                                                                throw new IllegalArgumentException(
                                                                        "'part' must be one of FAN-TRAY, PSU");
                                                            }

                                                            @Override
                                                            public dev.autonoc.core.tool.ToolResult
                                                                    execute(
                                                                            dev.autonoc.core.tool
                                                                                            .ToolInvocation
                                                                                    inv) {
                                                                return t.execute(inv);
                                                            }
                                                        })
                                .toList();
        open();

        assertThat(w.only().status()).isEqualTo(CaseStatus.NEEDS_PERSON);
        assertThat(w.only().reason())
                .contains("step 1 (order_part) has bad arguments: 'part' must be one of");
        assertThat(w.net.callsOf(ORDER_PART)).isEmpty();
    }
}
