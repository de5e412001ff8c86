package dev.autonoc.service.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.approval.ApprovalAnswer;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.approval.Verdict;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.cases.CaseId;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStatus;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.PlanStep;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.predictor.ModelBundle;
import dev.autonoc.predictor.TribuoFailurePredictor;
import dev.autonoc.service.store.InMemoryState;
import dev.autonoc.service.store.JdbcApprovalQueue;
import dev.autonoc.service.store.JdbcCaseStore;
import dev.autonoc.service.store.ServiceDatabase;
import dev.autonoc.service.store.WorldStore;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.Preset;
import dev.autonoc.simulators.TwinListener;
import dev.autonoc.simulators.TwinSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a start does with the world the service ran before: rebuilt from the seed and the journal to
 * where it was (the same twin: a call made again under its key has no second effect), or handed
 * over when the simulation is another one; and requests nobody waits on are closed.
 */
class WorldRestoreTest {

    private static final TwinSpec SPEC = TwinSpec.quiet(Preset.METRO, 42);
    private static final ModelBundle MODEL = ModelBundle.loadDefault();

    private final InMemoryState state = new InMemoryState("world-restore", Clock.systemUTC());
    private final ServiceDatabase db = state.db();
    private final WorldStore worlds = new WorldStore(db);
    private final JdbcAuditLog ledger = state.ledger();

    @AfterEach
    void close() {
        state.close();
    }

    private WorldRestore.Restored start(TwinSpec spec) {
        return new WorldRestore(
                        db,
                        worlds,
                        JdbcApprovalQueue.open(db, RoleHierarchy.operatorDefault()),
                        ledger,
                        Clock.systemUTC(),
                        "agent:autonoc")
                .restore(
                        spec,
                        twin ->
                                new LatestPredictions(
                                        new TribuoFailurePredictor(twin.elements(), MODEL)));
    }

    /** Runs {@code ticks} ticks as the driver does, saving the time reached after each. */
    private void run(WorldStore.World world, OperatorTwin twin, int ticks) {
        for (int i = 0; i < ticks; i++) {
            twin.advanceTo(twin.now().plus(SPEC.tick()), TwinListener.NONE);
            worlds.reached(world.id(), twin.now());
        }
    }

    private static Element router(OperatorTwin twin) {
        return twin.elements().stream()
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

    @Test
    void a_new_database_starts_a_new_world_on_the_first_day() {
        WorldRestore.Restored r = start(SPEC);

        assertThat(r.twin().now()).isEqualTo(OperatorTwin.EPOCH);
        assertThat(r.replayedTicks()).isZero();
        assertThat(worlds.current()).contains(r.world());
    }

    @Test
    void the_same_spec_rebuilds_the_twin_where_it_was_and_a_call_made_again_has_no_second_effect() {
        WorldRestore.Restored first = start(SPEC);
        ToolCatalogue tools =
                new JournaledTools(
                        first.twin().tools(), worlds, first.world().id(), first.twin().clock());
        run(first.world(), first.twin(), 30);
        ToolInvocation order = order(router(first.twin()), "case-x-0001/2/1");
        ToolResult ordered = tools.require("order_part").execute(order);
        assertThat(ordered.succeeded()).as(ordered.summary()).isTrue();
        run(first.world(), first.twin(), 12);
        Instant stoppedAt = first.twin().now();

        WorldRestore.Restored again = start(SPEC);

        assertThat(again.world().id()).isEqualTo(first.world().id());
        assertThat(again.twin().now()).isEqualTo(stoppedAt);
        assertThat(again.replayedTicks()).isEqualTo(42);
        assertThat(again.replayedCalls()).isEqualTo(1);
        assertThat(again.twin().tools().require("order_part").execute(order))
                .as("the rebuilt twin knows the key: the same order, not a second one")
                .isEqualTo(first.twin().tools().require("order_part").execute(order));
        assertThat(again.executions())
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.request().element()).isEqualTo(router(first.twin()));
                            assertThat(e.request().at())
                                    .isEqualTo(
                                            OperatorTwin.EPOCH.plus(SPEC.tick().multipliedBy(30)));
                            assertThat(e.request().call()).isEqualTo(order.call());
                            assertThat(e.result()).isEqualTo(ordered);
                        });
    }

    @Test
    void a_call_journaled_in_a_tick_whose_time_was_not_saved_is_rebuilt_with_its_tick() {
        WorldRestore.Restored first = start(SPEC);
        run(first.world(), first.twin(), 5);
        // the driver ran a sixth tick and the loop acted, then the service died before saving it
        first.twin().advanceTo(first.twin().now().plus(SPEC.tick()), TwinListener.NONE);
        new JournaledTools(first.twin().tools(), worlds, first.world().id(), first.twin().clock())
                .require("order_part")
                .execute(order(router(first.twin()), "case-x-0001/0/1"));

        WorldRestore.Restored again = start(SPEC);

        assertThat(again.twin().now())
                .isEqualTo(OperatorTwin.EPOCH.plus(SPEC.tick().multipliedBy(6)));
        assertThat(again.replayedCalls()).isEqualTo(1);
    }

    @Test
    void another_spec_hands_the_open_cases_to_a_person_and_expires_what_waits() {
        WorldRestore.Restored first = start(SPEC);
        run(first.world(), first.twin(), 3);
        Element element = router(first.twin());
        JdbcCaseStore cases = JdbcCaseStore.open(db, first.world().id());
        CaseRecord open = aCase(element, "case-a-0001", first.twin().now());
        CaseRecord closed =
                aCase(element, "case-a-0002", first.twin().now())
                        .closed(first.twin().now(), "done");
        cases.save(open);
        cases.save(closed);
        ApprovalRequest waiting = park(open, first.twin().now());

        TwinSpec other = TwinSpec.quiet(Preset.METRO, 43);
        WorldRestore.Restored next = start(other);

        assertThat(next.world().id()).isNotEqualTo(first.world().id());
        assertThat(next.twin().now()).isEqualTo(OperatorTwin.EPOCH);
        assertThat(next.handedOver()).containsExactly("case-a-0001");
        CaseRecord handed =
                JdbcCaseStore.open(db, first.world().id()).find(open.id()).orElseThrow();
        assertThat(handed.status()).isEqualTo(CaseStatus.NEEDS_PERSON);
        assertThat(handed.reason()).contains("another simulation", "seed 43");
        assertThat(JdbcCaseStore.open(db, first.world().id()).find(closed.id())).contains(closed);
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
                .containsEntry("status", "HANDED_OVER")
                .containsEntry("reason", handed.reason());
        assertThat(events.get(1).actor()).isEqualTo("agent:autonoc");
        assertThat(JdbcCaseStore.open(db, next.world().id()).all()).isEmpty();
    }

    @Test
    void a_request_the_loop_parked_but_no_step_waits_on_is_closed_at_restart() {
        WorldRestore.Restored first = start(SPEC);
        run(first.world(), first.twin(), 3);
        Element element = router(first.twin());
        CaseRecord c = aCase(element, "case-b-0001", first.twin().now());
        JdbcCaseStore.open(db, first.world().id()).save(c);
        // the loop parked a request, then the service stopped before the case was saved with it
        ApprovalRequest orphan = park(c, first.twin().now());
        ApprovalRequest mcp =
                park(
                        aCase(element, "mcp-20261126-000000-0001", first.twin().now()),
                        first.twin().now());

        start(SPEC);

        JdbcApprovalQueue queue = JdbcApprovalQueue.open(db, RoleHierarchy.operatorDefault());
        assertThat(queue.answer(orphan.id()))
                .hasValueSatisfying(a -> assertThat(a.comment()).contains("case-b-0001"));
        assertThat(queue.pending()).as("an MCP caller's request waits on").containsExactly(mcp);
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
