package dev.autonoc.core.loop;

import static dev.autonoc.core.loop.LoopWorld.CASE;
import static dev.autonoc.core.loop.LoopWorld.OPERATOR;
import static dev.autonoc.core.loop.LoopWorld.ROUTER;
import static dev.autonoc.core.loop.LoopWorld.ROUTER_3;
import static dev.autonoc.core.loop.LoopWorld.SUPERVISOR;
import static dev.autonoc.core.loop.LoopWorld.T0;
import static dev.autonoc.core.loop.LoopWorld.hours;
import static dev.autonoc.core.loop.LoopWorld.key;
import static dev.autonoc.core.loop.LoopWorld.minutes;
import static dev.autonoc.core.tool.ToolNames.CANCEL_ORDER;
import static dev.autonoc.core.tool.ToolNames.DISPATCH_ENGINEER;
import static dev.autonoc.core.tool.ToolNames.ORDER_PART;
import static dev.autonoc.core.tool.ToolResult.Outcome.TRANSIENT;
import static dev.autonoc.core.tool.ToolResult.Outcome.UNCERTAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.casefile.Commitment;
import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.casefile.StepState;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStatus;
import dev.autonoc.core.loop.Fakes.SagaPlanner;
import dev.autonoc.core.planner.PlaybookPlanner;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.testing.FakeOperator;
import dev.autonoc.core.testing.Fuse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Everything a case needs to resume is in its record (docs/agent.md, "Durable steps"): a loop built
 * over the stores another loop left, at any point, carries on exactly, with no act run twice under
 * different keys, a retry under the stored attempt, an approval that is not asked twice, an undo
 * that was registered before the call, and the same outcome as a run that never stopped.
 */
class DurabilityTest {

    final SagaPlanner planner = new SagaPlanner(LoopWorld::orderPlan);

    @Test
    void a_step_waiting_to_retry_resumes_at_its_time_with_the_stored_attempt() {
        LoopWorld w = new LoopWorld(planner);
        w.net.fail(ORDER_PART, TRANSIENT);
        w.predict(ROUTER, 0.9, hours(48));
        w.tick();
        Instant retryAt = w.step(1).retryAt().orElseThrow();

        w.restart();
        w.tickAt(retryAt.minusSeconds(1));
        assertThat(w.net.callsOf(ORDER_PART)).hasSize(1);
        w.tickAt(retryAt);

        assertThat(w.net.callsOf(ORDER_PART))
                .extracting(c -> c.key().orElseThrow())
                .containsExactly(key(1, 1), key(1, 2));
        assertThat(w.net.effectsOf(ORDER_PART)).hasSize(1);
        assertThat(w.only().status()).isEqualTo(CaseStatus.CLOSED);
    }

    @Test
    void an_uncertain_step_resumes_under_the_same_key_and_acts_once() {
        LoopWorld w = new LoopWorld(planner);
        w.net.fail(ORDER_PART, UNCERTAIN);
        w.predict(ROUTER, 0.9, hours(48));
        w.tick();
        Instant retryAt = w.step(1).retryAt().orElseThrow();

        w.restart();
        w.tickAt(retryAt);

        assertThat(w.net.callsOf(ORDER_PART))
                .extracting(c -> c.key().orElseThrow())
                .containsExactly(key(1, 1), key(1, 1));
        assertThat(w.net.effectsOf(ORDER_PART)).hasSize(1);
    }

    @Test
    void an_approved_step_retried_after_a_restart_is_not_put_to_people_or_the_gate_again() {
        LoopWorld w = new LoopWorld(planner);
        w.gate.requireApproval(ORDER_PART, RoleHierarchy.NOC_OPERATOR);
        w.net.fail(ORDER_PART, TRANSIENT);
        w.predict(ROUTER, 0.9, hours(48));
        w.tick();
        w.approveAll(SUPERVISOR);
        w.tickAt(T0.plus(minutes(10)));
        assertThat(w.step(1).approvalId()).isPresent();
        Instant retryAt = w.step(1).retryAt().orElseThrow();

        w.restart();
        w.tickAt(retryAt);

        assertThat(w.net.effectsOf(ORDER_PART)).hasSize(1);
        assertThat(w.events(AuditEventType.APPROVAL_REQUESTED)).hasSize(1);
        assertThat(w.events(AuditEventType.POLICY_DECISION))
                .filteredOn(e -> e.payload().get("tool").equals(ORDER_PART))
                .hasSize(1);
        assertThat(w.only().status()).isEqualTo(CaseStatus.CLOSED);
    }

    @Test
    void an_undo_registered_before_a_call_that_killed_the_process_is_known_after_the_restart() {
        LoopWorld w = new LoopWorld(planner);
        w.predict(ROUTER, 0.9, hours(48));
        // die right after the order acted: before its answer reached the loop
        w.net.fuse.at = 4;

        assertThatThrownBy(w::tick).isInstanceOf(Fuse.Killed.class);
        assertThat(w.net.effectsOf(ORDER_PART)).hasSize(1);

        w.restart();
        StepRecord order = w.step(1);
        assertThat(order.state()).isEqualTo(StepState.PENDING);
        assertThat(order.commitment()).isEqualTo(Commitment.REGISTERED);
        assertThat(order.undo().orElseThrow().arguments()).containsEntry("order_key", key(1, 1));

        // a person takes the case and hands it back: the replan undoes what may stand
        w.loop().takeOver(new CaseId(CASE), "ana", "looking", w.now());
        w.loop().handBack(new CaseId(CASE), "ana", "drop the order", w.now());
        planner.keep = (r, s) -> false;
        planner.intents = r -> List.of();
        w.tick();

        assertThat(w.net.callsOf(CANCEL_ORDER))
                .singleElement()
                .satisfies(c -> assertThat(c.arguments()).containsEntry("order_key", key(1, 1)));
        assertThat(w.net.orders.get(key(1, 1)).state).isEqualTo("cancelled");
        assertThat(w.net.effectsOf(ORDER_PART)).hasSize(1);
    }

    @Test
    void a_call_that_killed_the_process_is_run_again_under_its_key_with_one_effect() {
        LoopWorld w = new LoopWorld(planner);
        w.predict(ROUTER, 0.9, hours(48));
        w.net.fuse.at = 4;
        assertThatThrownBy(w::tick).isInstanceOf(Fuse.Killed.class);

        w.restart();
        w.tick();

        assertThat(w.net.callsOf(ORDER_PART))
                .extracting(c -> c.key().orElseThrow())
                .containsExactly(key(1, 1), key(1, 1));
        assertThat(w.net.effectsOf(ORDER_PART)).hasSize(1);
        assertThat(w.only().status()).isEqualTo(CaseStatus.CLOSED);
    }

    // ---------------------------------------------------------------- killed anywhere

    /** What is compared between a run killed once and one that never stopped. */
    record StepView(
            int index,
            String tool,
            Map<String, Object> arguments,
            StepState state,
            int attempt,
            Commitment commitment) {}

    record CaseView(
            String id,
            CaseStatus status,
            String reason,
            int revision,
            List<StepView> steps,
            List<String> exclusions) {}

    /** The run: the world at its end, and how often the process was restarted. */
    record Run(LoopWorld world, int restarts, int points) {}

    static final Duration TICK = minutes(30);
    static final Duration LENGTH = hours(46);

    /**
     * Two cases on a simulated day and a half: a fan (its order first unavailable, its bookings
     * needing an operator's approval, its part then delayed by the supplier) and a memory leak
     * restarted at night (its ticket's first call timing out after acting). The process dies at
     * point {@code killAt} (0: never) and a new one is built over the same stores.
     */
    static Run run(int killAt) {
        return run(killAt, false);
    }

    /**
     * {@link #run(int)}, the loop holding each unit's writes back to its effects when {@code
     * staged} (connected mode's way): a process killed before a unit's writes loses them, and the
     * tick the restarted process runs again stands for the replayed input.
     */
    static Run run(int killAt, boolean staged) {
        LoopWorld w = new LoopWorld(new PlaybookPlanner());
        w.staged = staged;
        Fuse fuse = new Fuse();
        fuse.at = killAt;
        w.audit.fuse = fuse;
        w.net.fuse = fuse;
        w.gate.requireApproval(DISPATCH_ENGINEER, RoleHierarchy.NOC_OPERATOR);
        w.net.failKey("case-0001/1/1", TRANSIENT);
        w.net.failKey("case-0002/0/1", UNCERTAIN);
        w.predict(ROUTER, 0.9, hours(38));
        w.predictor.predict(LoopWorld.risk(ROUTER_3, T0, 0.9, FailureMode.MEMORY_LEAK, hours(44)));
        int restarts = 0;
        for (Instant t = T0; !t.isAfter(T0.plus(LENGTH)); t = t.plus(TICK)) {
            w.clock.advance(Duration.between(w.now(), t));
            FakeOperator.Order order = w.net.orders.get("case-0001/1/2");
            if (t.equals(T0.plus(hours(1))) && order != null) {
                order.deliveryAt = T0.plus(hours(9)); // the supplier is late
            }
            w.approveAll(OPERATOR);
            try {
                w.tick();
            } catch (Fuse.Killed killed) {
                restarts++;
                w.restart();
                w.tick();
            }
        }
        return new Run(w, restarts, fuse.points());
    }

    static List<CaseView> cases(LoopWorld w) {
        List<CaseView> out = new ArrayList<>();
        for (CaseRecord c : w.cases.all()) {
            out.add(
                    new CaseView(
                            c.id().value(),
                            c.status(),
                            c.reason(),
                            c.plan().map(p -> p.revision()).orElse(-1),
                            c.steps().stream()
                                    .map(
                                            s ->
                                                    new StepView(
                                                            s.index(),
                                                            s.call().tool(),
                                                            s.call().arguments(),
                                                            s.state(),
                                                            s.attempt(),
                                                            s.commitment()))
                                    .toList(),
                            c.exclusions().stream().map(e -> e.tool() + e.match()).toList()));
        }
        return out;
    }

    static List<String> effects(LoopWorld w) {
        return w.net.effects.stream()
                .map(e -> e.tool() + " " + e.key() + " " + e.arguments())
                .sorted()
                .toList();
    }

    static final Run UNINTERRUPTED = run(0);
    static final Run STAGED = run(0, true);

    @Test
    void the_scenario_ends_with_both_elements_mended() {
        LoopWorld w = UNINTERRUPTED.world();
        assertThat(w.cases.all()).hasSize(2);
        assertThat(w.cases.all())
                .allSatisfy(c -> assertThat(c.status()).isEqualTo(CaseStatus.CLOSED));
        assertThat(w.net.effectsOf(DISPATCH_ENGINEER)).isNotEmpty();
        assertThat(w.net.effectsOf("restart_element")).hasSize(1);
        assertThat(w.of("case-0001").plan().orElseThrow().revision())
                .as("the late part replanned the fan's case")
                .isPositive();
    }

    /** More than the scenario's points: every one of them is tried. */
    static final int POINTS = 160;

    @Test
    void the_scenario_has_points_enough_to_kill_at_and_no_more_than_are_tried() {
        assertThat(UNINTERRUPTED.points()).isBetween(100, POINTS);
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void a_process_killed_at_any_point_and_restarted_ends_as_if_it_had_never_stopped(
            @ForAll @IntRange(min = 1, max = POINTS) int point) {
        Assume.that(point <= UNINTERRUPTED.points());

        Run killed = run(point);

        assertThat(killed.restarts()).isEqualTo(1);
        assertThat(cases(killed.world())).isEqualTo(cases(UNINTERRUPTED.world()));
        assertThat(effects(killed.world())).isEqualTo(effects(UNINTERRUPTED.world()));
        assertSafeLedger(killed.world());
    }

    @Test
    void a_loop_that_holds_writes_to_their_effects_writes_the_same_ledger_cases_and_effects() {
        LoopWorld staged = STAGED.world();
        LoopWorld plain = UNINTERRUPTED.world();
        // the same events in the same order, and so the same chain, hash for hash
        assertThat(staged.audit.entries).isEqualTo(plain.audit.entries);
        assertThat(cases(staged)).isEqualTo(cases(plain));
        assertThat(effects(staged)).isEqualTo(effects(plain));
        // in fewer writes: the staged events went with the next one, in batches
        int batched = staged.audit.batches.stream().mapToInt(Integer::intValue).sum();
        assertThat(batched).isGreaterThan(2 * staged.audit.batches.size());
        assertThat(STAGED.points()).isLessThan(UNINTERRUPTED.points());
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void a_loop_holding_writes_killed_at_any_point_and_restarted_ends_as_if_it_had_never_stopped(
            @ForAll @IntRange(min = 1, max = POINTS) int point) {
        Assume.that(point <= STAGED.points());

        Run killed = run(point, true);

        assertThat(killed.restarts()).isEqualTo(1);
        assertThat(cases(killed.world())).isEqualTo(cases(UNINTERRUPTED.world()));
        assertThat(effects(killed.world())).isEqualTo(effects(UNINTERRUPTED.world()));
        assertSafeLedger(killed.world());
    }

    /**
     * No act twice under different keys; every act called after a clearance; every effect in it.
     */
    static void assertSafeLedger(LoopWorld w) {
        Map<String, Set<String>> keysByStep = new HashMap<>();
        for (FakeOperator.Effect e : w.net.effects) {
            String step = e.key().substring(0, e.key().lastIndexOf('/'));
            keysByStep.computeIfAbsent(step, s -> new HashSet<>()).add(e.key());
        }
        assertThat(keysByStep.values()).allSatisfy(keys -> assertThat(keys).hasSize(1));
        Set<String> cleared = new HashSet<>();
        Set<String> called = new HashSet<>();
        for (var entry : w.audit.entries) {
            AuditEvent e = entry.event();
            String step = e.correlationId() + "/" + e.payload().get("step");
            if (e.type() == AuditEventType.POLICY_DECISION
                    && "ALLOW".equals(e.payload().get("effect"))) {
                cleared.add(step);
            }
            if (e.type() == AuditEventType.APPROVAL_ANSWERED
                    && "APPROVED".equals(e.payload().get("verdict"))) {
                cleared.add(step);
            }
            if (e.type() == AuditEventType.TOOL_CALL
                    && "ACT".equals(e.payload().get("tool_kind"))) {
                assertThat(cleared).as("%s called without a clearance", step).contains(step);
                called.add((String) e.payload().get("idempotency_key"));
            }
        }
        assertThat(w.net.effects).allSatisfy(e -> assertThat(called).contains(e.key()));
    }
}
