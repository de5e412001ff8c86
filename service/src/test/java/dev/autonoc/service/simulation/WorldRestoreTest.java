package dev.autonoc.service.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.CaseId;
import dev.autonoc.core.approval.ApprovalAnswer;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.approval.Verdict;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStatus;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.PlanStep;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.policy.Effect;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.service.store.InMemoryState;
import dev.autonoc.service.store.JdbcApprovalQueue;
import dev.autonoc.service.store.JdbcCaseStore;
import dev.autonoc.service.store.ServiceDatabase;
import dev.autonoc.service.store.WorldStore;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.TwinListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a start does with the world the service ran before: run forward through the loop to where it
 * was (the same twin: a call made again under its key has no second effect; the same predictions;
 * the gate's guards told what they were told), the tick the service died in finished by the loop,
 * or the world handed over when the simulation is another one or cannot be rebuilt; and requests
 * nobody waits on are closed.
 */
class WorldRestoreTest {

    private static final SimulationProperties QUIET = ServiceParts.settings(42, List.of());
    private static final Duration TICK = QUIET.tick();

    private final InMemoryState state = new InMemoryState("world-restore", Clock.systemUTC());
    private final ServiceDatabase db = state.db();
    private final WorldStore worlds = new WorldStore(db);
    private final JdbcAuditLog ledger = state.ledger();
    private final List<ServiceParts> started = new ArrayList<>();

    @AfterEach
    void close() {
        started.forEach(ServiceParts::close);
        state.close();
    }

    private ServiceParts start(SimulationProperties settings) {
        ServiceParts parts =
                ServiceParts.start(
                        db,
                        ledger,
                        settings,
                        Duration.ZERO,
                        Clock.systemUTC(),
                        ServiceParts.Wrappers.NONE);
        started.add(parts);
        return parts;
    }

    /** Runs {@code ticks} ticks on the driver, as the service does. */
    private static void run(ServiceParts parts, int ticks) {
        parts.driver.advance(TICK.multipliedBy(ticks));
    }

    private static Element router(ServiceParts parts) {
        return parts.twin().elements().stream()
                .filter(e -> e.id().value().equals("core-rtr-01"))
                .findFirst()
                .orElseThrow();
    }

    private static ToolInvocation order(Element element, String key) {
        return new ToolInvocation(
                ToolCall.of(
                        "order_part",
                        Map.of(
                                "part",
                                "FAN-TRAY",
                                "source",
                                "supplier",
                                "site",
                                element.site(),
                                "element_id",
                                element.id().value())),
                new IdempotencyKey(key),
                "agent:autonoc");
    }

    private static ToolResult call(ServiceParts parts, ToolInvocation inv) {
        return parts.driver.exclusively(() -> parts.tools.require(inv.call().tool()).execute(inv));
    }

    @Test
    void a_new_database_starts_a_new_world_on_the_first_day() {
        ServiceParts parts = start(QUIET);

        assertThat(parts.twin().now()).isEqualTo(OperatorTwin.EPOCH);
        assertThat(parts.prepared.continued()).isFalse();
        assertThat(parts.rebuilt.replayedTicks()).isZero();
        assertThat(worlds.current()).contains(parts.prepared.world());
    }

    @Test
    void the_same_spec_rebuilds_the_twin_where_it_was_and_a_call_made_again_has_no_second_effect() {
        ServiceParts first = start(QUIET);
        run(first, 30);
        ToolInvocation order = order(router(first), "case-x-0001/2/1");
        ToolResult ordered = call(first, order);
        assertThat(ordered.succeeded()).as(ordered.summary()).isTrue();
        run(first, 12);
        Instant stoppedAt = first.twin().now();
        first.close();

        ServiceParts again = start(QUIET);

        assertThat(again.worldId()).isEqualTo(first.worldId());
        assertThat(again.prepared.continued()).isTrue();
        assertThat(again.twin().now()).isEqualTo(stoppedAt);
        assertThat(again.driver.now()).isEqualTo(stoppedAt);
        assertThat(again.rebuilt.replayedTicks()).isEqualTo(42);
        assertThat(again.rebuilt.replayedCalls()).isEqualTo(1);
        assertThat(again.rebuilt.finishedTick()).isEmpty();
        assertThat(again.twin().tools().require("order_part").execute(order))
                .as("the rebuilt twin knows the key: the same order, not a second one")
                .isEqualTo(first.twin().tools().require("order_part").execute(order));
    }

    @Test
    void the_rebuilt_loop_reads_the_network_as_the_loop_did_before_the_restart() {
        SimulationProperties demo =
                ServiceParts.settings(
                        42,
                        List.of(
                                fault("core-rtr-03", FailureMode.MEMORY_LEAK, 0, 3),
                                fault(
                                        "link-agg-rtr-01-core-rtr-02",
                                        FailureMode.LASER_AGING,
                                        0,
                                        3)));
        ServiceParts first = start(demo);
        run(first, 12 * 36);
        List<Prediction> atRisk = first.driver.atRisk();
        List<CaseRecord> cases = first.cases.all();
        assertThat(atRisk).as("the demo's faults alarm within 36 h").isNotEmpty();
        first.close();

        ServiceParts again = start(demo);

        assertThat(again.driver.atRisk())
                .as("the predictor, fed through the loop, answers as before the restart")
                .isEqualTo(atRisk);
        assertThat(again.cases.all()).isEqualTo(cases);
        assertThat(state.events(AuditEventType.CASE_OPENED))
                .as("nothing was written while the world was run forward")
                .hasSize(cases.size());
    }

    @Test
    void the_gate_counts_after_a_restart_what_it_was_told_before_it() {
        ServiceParts first = start(QUIET);
        run(first, 3);
        for (int i = 1; i <= 10; i++) {
            String key = "restart-test-" + i + "/0/1";
            Decision d = notify(first, key, true);
            assertThat(d.allowed()).as("notice %d: %s", i, d).isTrue();
        }
        assertThat(notify(first, "restart-test-11/0/1", false).ruleIds())
                .contains("any-deny-element-rate");
        first.close();

        ServiceParts again = start(QUIET);

        Decision eleventh = notify(again, "restart-test-11/0/1", false);
        assertThat(eleventh.effect()).isEqualTo(Effect.DENY);
        assertThat(eleventh.ruleIds())
                .as("the day's ten calls on the element were counted again")
                .contains("any-deny-element-rate");
    }

    /** A customer notice about core-rtr-01, gated; run and recorded when allowed and asked to. */
    private static Decision notify(ServiceParts parts, String key, boolean runIfAllowed) {
        return parts.driver.exclusively(
                () -> {
                    Element element = router(parts);
                    ToolCall call =
                            ToolCall.of(
                                    "notify_customers",
                                    Map.of("element_id", "core-rtr-01", "message", "planned work"));
                    ActionRequest r =
                            new ActionRequest(
                                    new CaseId(key.substring(0, key.indexOf('/'))),
                                    0,
                                    call,
                                    parts.tools.require(call.tool()).estimate(call.arguments()),
                                    element,
                                    parts.twin().now(),
                                    "agent:mcp/restart-test",
                                    Optional.empty());
                    Decision d = parts.gate.evaluate(r);
                    if (d.allowed() && runIfAllowed) {
                        ToolResult done =
                                parts.tools
                                        .require(call.tool())
                                        .execute(
                                                new ToolInvocation(
                                                        call,
                                                        new IdempotencyKey(key),
                                                        r.proposer()));
                        parts.gate.recordExecution(r, done);
                    }
                    return d;
                });
    }

    @Test
    void a_tick_the_service_died_in_is_rebuilt_with_its_calls_and_finished_by_the_loop() {
        ServiceParts first = start(QUIET);
        run(first, 5);
        first.close();
        // the driver ran a sixth tick and the loop made a call, then the service died before the
        // tick's end was saved
        Instant sixth = first.twin().now().plus(TICK);
        first.twin().advanceTo(sixth, TwinListener.NONE);
        first.tools.require("order_part").execute(order(router(first), "case-x-0001/0/1"));
        assertThat(worlds.current().orElseThrow().simTime()).isEqualTo(sixth.minus(TICK));

        ServiceParts again = start(QUIET);

        assertThat(again.twin().now()).isEqualTo(sixth);
        assertThat(again.rebuilt.replayedCalls()).isEqualTo(1);
        assertThat(again.rebuilt.finishedTick()).contains(sixth);
        assertThat(again.rebuilt.error()).isEmpty();
        assertThat(worlds.current().orElseThrow().simTime())
                .as("the tick is done now, and saved as such")
                .isEqualTo(sixth);
        run(again, 1);
        assertThat(again.twin().now()).isEqualTo(sixth.plus(TICK));
    }

    @Test
    void another_spec_hands_the_open_cases_to_a_person_and_expires_what_waits() {
        ServiceParts first = start(QUIET);
        run(first, 3);
        first.close();
        Element element = router(first);
        Instant at = first.twin().now();
        JdbcCaseStore cases = JdbcCaseStore.open(db, first.worldId());
        CaseRecord open = aCase(element, "case-a-0001", at);
        CaseRecord closed = aCase(element, "case-a-0002", at).closed(at, "done");
        CaseRecord taken = aCase(element, "case-a-0003", at).takenOver("operator", at, "mine");
        cases.save(open);
        cases.save(closed);
        cases.save(taken);
        ApprovalRequest waiting = park(open, at);

        ServiceParts next = start(ServiceParts.settings(43, List.of()));

        assertThat(next.worldId()).isNotEqualTo(first.worldId());
        assertThat(next.twin().now()).isEqualTo(OperatorTwin.EPOCH);
        assertThat(next.prepared.handedOver()).containsExactly("case-a-0001");
        JdbcCaseStore old = JdbcCaseStore.open(db, first.worldId());
        CaseRecord handed = old.find(open.id()).orElseThrow();
        assertThat(handed.status()).isEqualTo(CaseStatus.NEEDS_PERSON);
        assertThat(handed.reason()).contains("another simulation", "seed 43");
        assertThat(old.find(closed.id())).contains(closed);
        assertThat(old.find(taken.id())).as("a case a person took stays theirs").contains(taken);
        ApprovalAnswer expiry =
                JdbcApprovalQueue.open(db, RoleHierarchy.operatorDefault())
                        .answer(waiting.id())
                        .orElseThrow();
        assertThat(expiry.verdict()).isEqualTo(Verdict.EXPIRED);
        List<AuditEvent> events =
                ledger.query(AuditQuery.forCase("case-a-0001")).stream()
                        .map(e -> e.event())
                        .toList();
        assertThat(events)
                .extracting(AuditEvent::type)
                .containsExactly(AuditEventType.APPROVAL_ANSWERED, AuditEventType.CASE_HANDED_OVER);
        // the loop's own payloads for an expiry and a hand-over, nothing more
        assertThat(events.get(0).payload())
                .containsOnlyKeys(
                        "approval_id",
                        "step",
                        "tool",
                        "verdict",
                        "by",
                        "role",
                        "comment",
                        "required_role")
                .containsEntry("approval_id", waiting.id())
                .containsEntry("verdict", "EXPIRED")
                .containsEntry("by", expiry.by())
                .containsEntry("comment", handed.reason());
        assertThat(events.get(1).payload())
                .containsOnlyKeys("status", "reason", "steps_done", "steps")
                .containsEntry("status", "NEEDS_PERSON")
                .containsEntry("reason", handed.reason());
        assertThat(events.get(1).actor()).isEqualTo("agent:autonoc");
        assertThat(next.cases.all()).isEmpty();
    }

    @Test
    void a_request_the_loop_parked_but_no_step_waits_on_is_closed_at_restart() {
        ServiceParts first = start(QUIET);
        run(first, 3);
        first.close();
        Element element = router(first);
        Instant at = first.twin().now();
        CaseRecord c = aCase(element, "case-b-0001", at);
        JdbcCaseStore.open(db, first.worldId()).save(c);
        // the loop parked a request, then the service stopped before the case was saved with it
        ApprovalRequest orphan = park(c, at);
        ApprovalRequest mcp = park(aCase(element, "mcp-20261126-000000-0001", at), at);

        start(QUIET);

        JdbcApprovalQueue queue = JdbcApprovalQueue.open(db, RoleHierarchy.operatorDefault());
        assertThat(queue.answer(orphan.id()))
                .hasValueSatisfying(a -> assertThat(a.comment()).contains("case-b-0001"));
        assertThat(queue.pending()).as("an MCP caller's request waits on").containsExactly(mcp);
    }

    @Test
    void a_world_that_cannot_be_rebuilt_goes_to_a_person_and_the_next_start_begins_a_new_one() {
        ServiceParts first = start(QUIET);
        run(first, 3);
        first.close();
        Element element = router(first);
        CaseRecord open = aCase(element, "case-c-0001", first.twin().now());
        JdbcCaseStore.open(db, first.worldId()).save(open);
        // a call of a tool this twin does not have: another world's journal, not this one's
        worlds.journal(
                first.worldId(),
                first.twin().now(),
                new ToolInvocation(
                        ToolCall.of("no_such_tool", Map.of()),
                        new IdempotencyKey("case-c-0001/0/1"),
                        "agent:autonoc"));

        assertThatThrownBy(() -> start(QUIET))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not be rebuilt")
                .hasMessageContaining("start the service again");

        CaseRecord handed = JdbcCaseStore.open(db, first.worldId()).find(open.id()).orElseThrow();
        assertThat(handed.status()).isEqualTo(CaseStatus.NEEDS_PERSON);
        assertThat(handed.reason()).contains("could not rebuild", "no_such_tool");
        ServiceParts next = start(QUIET);
        assertThat(next.worldId()).isNotEqualTo(first.worldId());
        assertThat(next.twin().now()).isEqualTo(OperatorTwin.EPOCH);
        assertThat(next.rebuilt.error()).isEmpty();
    }

    private static SimulationProperties.Fault fault(
            String element, FailureMode mode, int onsetDays, int failsAfterDays) {
        return new SimulationProperties.Fault(
                element,
                null,
                null,
                null,
                mode,
                Duration.ofDays(onsetDays),
                Duration.ofDays(failsAfterDays));
    }

    private ApprovalRequest park(CaseRecord c, Instant at) {
        ActionRequest action =
                new ActionRequest(
                        c.id(),
                        0,
                        c.plan().orElseThrow().steps().get(0).call(),
                        new dev.autonoc.core.tool.Estimate(
                                2800, dev.autonoc.core.tool.Risk.MEDIUM, Map.of()),
                        c.element(),
                        at,
                        "agent:autonoc",
                        Optional.of(c.trigger()));
        return JdbcApprovalQueue.open(db, RoleHierarchy.operatorDefault())
                .submit(
                        action,
                        Decision.requireApproval(
                                "dec-1", "noc_operator", List.of("r"), List.of("why"), "sha256:v"),
                        at);
    }

    private static CaseRecord aCase(Element element, String id, Instant at) {
        CaseId caseId = new CaseId(id);
        Prediction p =
                new Prediction(
                        element.id(),
                        at,
                        0.9,
                        FailureMode.FAN_WEAR,
                        Duration.ofDays(2),
                        List.of(),
                        "m");
        ToolCall call = order(element, id + "/0/1").call();
        Plan plan =
                new Plan(
                        caseId,
                        "playbook",
                        "1",
                        List.of(new PlanStep(0, call, at, OptionalInt.empty(), "order the part")),
                        "fan wear");
        return CaseRecord.opened(caseId, element, p, at).planned(plan);
    }
}
