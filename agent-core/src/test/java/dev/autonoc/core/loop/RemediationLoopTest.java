package dev.autonoc.core.loop;

import static dev.autonoc.core.loop.LoopWorld.CASE;
import static dev.autonoc.core.loop.LoopWorld.ROUTER;
import static dev.autonoc.core.loop.LoopWorld.SUPERVISOR;
import static dev.autonoc.core.loop.LoopWorld.hours;
import static dev.autonoc.core.loop.LoopWorld.key;
import static dev.autonoc.core.loop.LoopWorld.minutes;
import static dev.autonoc.core.tool.ToolNames.CLOSE_TICKET;
import static dev.autonoc.core.tool.ToolNames.DISPATCH_ENGINEER;
import static dev.autonoc.core.tool.ToolNames.GET_ELEMENT;
import static dev.autonoc.core.tool.ToolNames.GET_TELEMETRY;
import static dev.autonoc.core.tool.ToolNames.OPEN_TICKET;
import static dev.autonoc.core.tool.ToolNames.ORDER_PART;
import static dev.autonoc.core.tool.ToolNames.REROUTE_TRAFFIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.approval.Verdict;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.casefile.Commitment;
import dev.autonoc.core.casefile.StepState;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStatus;
import dev.autonoc.core.loop.Fakes.Intent;
import dev.autonoc.core.loop.Fakes.SagaPlanner;
import dev.autonoc.core.plan.Planner;
import dev.autonoc.core.planner.PlaybookPlanner;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.core.tool.ToolCall;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The loop end to end over its ports: a prediction opens a case, the planner plans it (reading
 * through audited reads), each acting step passes the gate or waits for a person, every event is in
 * the ledger in order, and the case ends closed, with a person, or watching.
 */
class RemediationLoopTest {

    final SagaPlanner planner = new SagaPlanner(LoopWorld::orderPlan);
    final LoopWorld w = new LoopWorld(planner);

    {
        planner.reads = r -> r.reader().read(GET_ELEMENT, Map.of("element_id", "core-rtr-02"));
    }

    void open() {
        w.predict(ROUTER, 0.9, hours(48));
        w.tick();
    }

    /** Opens the case with a plan that sends an engineer: work is done on the element. */
    void openAndMend() {
        planner.intents =
                r ->
                        List.of(
                                Intent.now(
                                        DISPATCH_ENGINEER,
                                        LoopWorld.dispatch(
                                                r, "eng-south-1", r.now().plus(hours(3)))));
        open();
    }

    @Test
    void opens_a_case_plans_it_and_runs_allowed_steps_writing_every_event_in_order() {
        open();

        CaseRecord c = w.only();
        assertThat(c.status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(c.reason()).isEqualTo("every step done");
        assertThat(w.audit.types(CASE))
                .containsExactly(
                        "PREDICTION",
                        "CASE_OPENED",
                        "TOOL_CALL",
                        "TOOL_RESULT",
                        "PLAN",
                        "POLICY_DECISION",
                        "TOOL_CALL",
                        "TOOL_RESULT",
                        "POLICY_DECISION",
                        "TOOL_CALL",
                        "TOOL_RESULT",
                        "POLICY_DECISION",
                        "TOOL_CALL",
                        "TOOL_RESULT",
                        "CASE_CLOSED");
        assertThat(w.net.effectsOf(ORDER_PART))
                .singleElement()
                .satisfies(e -> assertThat(e.key()).isEqualTo(key(1, 1)));
        assertThat(w.gate.executed)
                .extracting(r -> r.call().tool())
                .containsExactly(OPEN_TICKET, ORDER_PART, CLOSE_TICKET);
        assertThat(c.plan().orElseThrow().revision()).isZero();
        assertThat(c.plan().orElseThrow().planner()).isEqualTo("saga");
    }

    @Test
    void the_planners_reads_are_audited_with_no_step_and_never_put_before_the_gate() {
        open();

        AuditEvent read = w.events(AuditEventType.TOOL_CALL).get(0);
        assertThat(read.payload())
                .containsEntry("tool", GET_ELEMENT)
                .containsEntry("tool_kind", "READ")
                .containsEntry("step", -1L)
                .containsEntry("idempotency_key", "case-0001/r0-read-1/1")
                .containsEntry("planner", "saga");
        assertThat(w.gate.evaluated).extracting(r -> r.call().tool()).doesNotContain(GET_ELEMENT);
    }

    @Test
    void a_read_step_runs_without_the_gate_and_is_audited() {
        planner.intents =
                r ->
                        List.of(
                                Intent.now(
                                        GET_TELEMETRY,
                                        LoopWorld.args("element_id", "core-rtr-02")));
        open();

        assertThat(w.net.callsOf(GET_TELEMETRY)).hasSize(1);
        assertThat(w.gate.evaluated).isEmpty();
        assertThat(w.calledTools(CASE)).containsExactly(GET_ELEMENT, GET_TELEMETRY);
        assertThat(w.only().status()).isEqualTo(CaseStatus.CLOSED);
    }

    @Test
    void a_step_that_needs_approval_waits_until_a_person_with_the_role_answers() {
        w.gate.requireApproval(ORDER_PART, RoleHierarchy.NOC_SUPERVISOR);
        open();

        assertThat(w.only().status()).isEqualTo(CaseStatus.WAITING_APPROVAL);
        assertThat(w.net.callsOf(ORDER_PART)).isEmpty();
        assertThat(w.approvals.pending())
                .singleElement()
                .satisfies(r -> assertThat(r.requiredRole()).isEqualTo("noc_supervisor"));

        w.tickAt(w.now().plus(minutes(5)));
        assertThat(w.net.callsOf(ORDER_PART)).as("no answer yet, nothing runs").isEmpty();

        w.approveAll(SUPERVISOR);
        w.tickAt(w.now().plus(minutes(5)));

        assertThat(w.net.effectsOf(ORDER_PART)).hasSize(1);
        assertThat(w.only().status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(w.audit.types(CASE)).contains("APPROVAL_REQUESTED", "APPROVAL_ANSWERED");
        assertThat(w.only().step(1).approvalId()).isPresent();
    }

    @Test
    void an_approved_amendment_runs_with_the_amended_arguments() {
        w.gate.requireApproval(ORDER_PART, RoleHierarchy.NOC_OPERATOR);
        open();
        Map<String, Object> central = new java.util.LinkedHashMap<>(w.step(1).call().arguments());
        central.put("source", "central");

        w.approvals.approve(
                w.pending().get(0),
                SUPERVISOR,
                "central's stock, please",
                w.now(),
                Optional.of(ToolCall.of(ORDER_PART, central)));
        w.tickAt(w.now().plus(minutes(5)));

        assertThat(w.net.effectsOf(ORDER_PART))
                .singleElement()
                .satisfies(e -> assertThat(e.arguments()).containsEntry("source", "central"));
        assertThat(w.step(1).call().arguments()).containsEntry("source", "central");
    }

    @Test
    void an_amended_action_passes_the_gate_again_and_a_denied_amendment_is_learnt_and_replanned() {
        w.gate.requireApproval(ORDER_PART, RoleHierarchy.NOC_OPERATOR);
        open();
        w.gate.deny(ORDER_PART);
        Map<String, Object> supplier = new java.util.LinkedHashMap<>(w.step(1).call().arguments());
        supplier.put("source", "supplier");

        w.approvals.approve(
                w.pending().get(0),
                SUPERVISOR,
                "the supplier",
                w.now(),
                Optional.of(ToolCall.of(ORDER_PART, supplier)));
        w.tickAt(w.now().plus(minutes(5)));

        assertThat(w.net.callsOf(ORDER_PART)).isEmpty();
        assertThat(w.gate.evaluated)
                .filteredOn(r -> r.call().tool().equals(ORDER_PART))
                .extracting(r -> r.call().arguments().get("source"))
                .startsWith("south", "supplier");
        CaseRecord c = w.only();
        assertThat(c.step(1).state()).isEqualTo(StepState.DENIED);
        assertThat(c.exclusions().get(0).match()).containsEntry("source", "supplier");
        assertThat(planner.asked).hasSizeGreaterThan(1);
    }

    @Test
    void a_step_waits_for_its_time_and_for_the_completion_of_the_step_it_follows() {
        planner.intents =
                r ->
                        List.of(
                                Intent.now(ORDER_PART, LoopWorld.order(r, "south")),
                                Intent.at(r.now().plus(hours(1)), CLOSE_TICKET, LoopWorld.close(r))
                                        .after(0));
        open();
        Instant delivered = LoopWorld.T0.plus(hours(4));

        w.tickAt(LoopWorld.T0.plus(hours(2)));
        assertThat(w.net.callsOf(CLOSE_TICKET)).as("not before the delivery completes").isEmpty();
        w.tickAt(delivered.minusSeconds(1));
        assertThat(w.net.callsOf(CLOSE_TICKET)).isEmpty();

        w.tickAt(delivered);
        assertThat(w.net.callsOf(CLOSE_TICKET)).hasSize(1);
    }

    @Test
    void one_case_per_element_while_it_is_open() {
        w.gate.requireApproval(ORDER_PART, RoleHierarchy.NOC_OPERATOR);
        open();
        w.run(hours(1), hours(5));

        assertThat(w.cases.all()).hasSize(1);
    }

    @Test
    void after_work_on_an_element_no_case_opens_on_it_within_the_cooldown_and_one_may_after() {
        openAndMend();
        assertThat(w.only().status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(w.predictor.maintained)
                .as("the mended element starts afresh")
                .containsExactly(ROUTER.id());

        w.run(hours(12), Duration.ofDays(2).minus(hours(12)));
        assertThat(w.cases.all()).hasSize(1);

        w.run(hours(12), hours(12));
        assertThat(w.cases.all()).hasSize(2);
        assertThat(w.cases.all().get(1).id()).isEqualTo(new CaseId("case-0002"));
    }

    @Test
    void within_the_cooldown_an_alarm_of_another_mode_waits_too() {
        openAndMend(); // a fan tray fitted for FAN_WEAR
        assertThat(w.only().status()).isEqualTo(CaseStatus.CLOSED);

        // the element's history starts afresh after the visit: an alarm of another mode on it is
        // as likely the settling as a fault (docs/agent.md, "After the work")
        w.predictor.set(LoopWorld.risk(ROUTER, w.now(), 0.9, FailureMode.MEMORY_LEAK, hours(30)));
        w.run(hours(6), Duration.ofDays(2).minus(hours(6)));
        assertThat(w.cases.all()).hasSize(1);

        w.run(hours(6), hours(6));
        assertThat(w.cases.all()).hasSize(2);
        assertThat(w.cases.all().get(1).latest().mode()).isEqualTo(FailureMode.MEMORY_LEAK);
    }

    @Test
    void after_a_case_that_mended_nothing_the_alarm_opens_a_new_case_at_once() {
        open();
        assertThat(w.predictor.maintained).isEmpty();

        w.tickAt(w.now().plus(minutes(30)));

        assertThat(w.cases.all()).hasSize(2);
    }

    @Test
    void a_planner_that_tries_to_act_through_the_reader_is_refused_and_the_case_goes_to_a_person() {
        planner.reads = r -> r.reader().read(ORDER_PART, Map.of());
        open();

        assertThat(w.net.callsOf(ORDER_PART)).isEmpty();
        assertThat(w.only().status()).isEqualTo(CaseStatus.NEEDS_PERSON);
        assertThat(w.only().reason()).contains("may only read");
    }

    @Test
    void a_planner_that_fails_sends_the_case_to_a_person_with_why() {
        planner.reads =
                r -> {
                    throw new IllegalStateException("check_stock output: 'options' missing");
                };
        open();

        assertThat(w.only().status()).isEqualTo(CaseStatus.NEEDS_PERSON);
        assertThat(w.only().reason())
                .isEqualTo(
                        "the planner could not plan (opened): check_stock output: 'options' missing");
        assertThat(w.audit.types(CASE)).last().isEqualTo("CASE_HANDED_OVER");
    }

    @Test
    void a_step_naming_a_tool_the_catalogue_lacks_sends_the_case_to_a_person() {
        planner.intents = r -> List.of(Intent.now("reboot_the_world", Map.of()));
        open();

        assertThat(w.only().status()).isEqualTo(CaseStatus.NEEDS_PERSON);
        assertThat(w.only().reason())
                .contains("names a tool the catalogue does not have: 'reboot_the_world'");
    }

    @Test
    void a_plan_with_nothing_to_do_closes_the_case_saying_so() {
        planner.intents = r -> List.of();
        open();

        assertThat(w.only().status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(w.only().reason()).startsWith("nothing to do: saga plan");
    }

    @Test
    void a_plan_with_an_escalation_runs_its_mitigation_then_leaves_the_case_to_a_person() {
        planner.intents =
                r ->
                        List.of(
                                Intent.now(
                                        OPEN_TICKET, LoopWorld.ticket(r).get(0).call().arguments()),
                                Intent.now(
                                        REROUTE_TRAFFIC,
                                        LoopWorld.args("element_id", "core-rtr-02")));
        planner.escalation = r -> Optional.of("no engineer can come; traffic moved off");
        open();

        CaseRecord c = w.only();
        assertThat(c.status()).isEqualTo(CaseStatus.NEEDS_PERSON);
        assertThat(c.reason()).isEqualTo("no engineer can come; traffic moved off");
        assertThat(w.net.elementStatus.get("core-rtr-02")).isEqualTo("DRAINED");
        assertThat(c.step(1).commitment())
                .as("the mitigation stands for the person")
                .isEqualTo(Commitment.LIVE);
    }

    @Test
    void a_plan_that_is_only_an_escalation_goes_to_a_person_at_once() {
        planner.intents = r -> List.of();
        planner.escalation = r -> Optional.of("nothing the agent can do");
        open();

        assertThat(w.only().status()).isEqualTo(CaseStatus.NEEDS_PERSON);
        assertThat(w.only().reason()).isEqualTo("nothing the agent can do");
    }

    @Test
    void a_closed_case_settles_what_its_steps_left_standing() {
        open();

        assertThat(w.only().steps()).noneMatch(s -> s.commitment().needsUndoUnlessKept());
        assertThat(w.only().step(1).commitment()).isEqualTo(Commitment.SETTLED);
    }

    @Test
    void an_unanswered_request_expires_and_escalates_to_the_role_above() {
        w.settings = LoopSettings.defaults().withApprovalTimeout(hours(1));
        w.gate.requireApproval(ORDER_PART, RoleHierarchy.NOC_OPERATOR);
        open();
        String first = w.pending().get(0);

        w.tickAt(w.now().plus(minutes(59)));
        assertThat(w.pending()).containsExactly(first);

        w.tickAt(w.now().plus(minutes(1)));

        assertThat(w.approvals.answer(first))
                .get()
                .extracting(a -> a.verdict())
                .isEqualTo(Verdict.EXPIRED);
        assertThat(w.approvals.pending())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.requiredRole()).isEqualTo(RoleHierarchy.NOC_SUPERVISOR);
                            assertThat(r.decision().reasons())
                                    .anySatisfy(reason -> assertThat(reason).contains("escalated"));
                        });
        assertThat(w.net.callsOf(ORDER_PART)).isEmpty();

        w.approveAll(SUPERVISOR);
        w.tickAt(w.now().plus(minutes(5)));
        assertThat(w.net.effectsOf(ORDER_PART)).hasSize(1);
        assertThat(w.only().status()).isEqualTo(CaseStatus.CLOSED);
    }

    @Test
    void every_act_call_in_the_ledger_follows_an_allow_or_an_approval_for_the_same_step() {
        w.gate.requireApproval(CLOSE_TICKET, RoleHierarchy.NOC_OPERATOR);
        open();
        w.approveAll(SUPERVISOR);
        w.tickAt(w.now().plus(minutes(5)));

        List<String> cleared = new ArrayList<>();
        for (AuditEntry e : w.audit.entries) {
            Map<String, Object> p = e.event().payload();
            if (e.event().type() == AuditEventType.POLICY_DECISION
                    && "ALLOW".equals(p.get("effect"))) {
                cleared.add(String.valueOf(p.get("step")));
            }
            if (e.event().type() == AuditEventType.APPROVAL_ANSWERED
                    && "APPROVED".equals(p.get("verdict"))) {
                cleared.add(String.valueOf(p.get("step")));
            }
            if (e.event().type() == AuditEventType.TOOL_CALL && "ACT".equals(p.get("tool_kind"))) {
                assertThat(cleared).contains(String.valueOf(p.get("step")));
            }
        }
        assertThat(w.net.effectsOf(CLOSE_TICKET)).hasSize(1);
    }

    @Test
    void catching_up_brings_the_predictor_forward_without_acting_and_replays_the_maintenance() {
        openAndMend();
        Instant closedAt = w.only().endedAt().orElseThrow();
        int ledger = w.audit.entries.size();
        int calls = w.net.calls.size();
        w.predictor.maintained.clear();

        RemediationLoop rebuilt = w.restart();
        for (Instant t = closedAt.minus(minutes(30));
                !t.isAfter(closedAt.plus(minutes(30)));
                t = t.plus(minutes(10))) {
            rebuilt.catchUp(t);
        }

        assertThat(w.predictor.maintained).containsExactly(ROUTER.id());
        assertThat(w.audit.entries).hasSize(ledger);
        assertThat(w.net.calls).hasSize(calls);
    }

    @Test
    void step_ticks_at_the_clocks_time_and_telemetry_goes_to_the_predictor() {
        TelemetrySample sample =
                new TelemetrySample(
                        ROUTER.id(),
                        w.now(),
                        new double[dev.autonoc.core.telemetry.Metric.values().length]);
        w.loop().observe(sample);
        assertThat(w.predictor.seen).containsExactly(sample);
        dev.autonoc.core.telemetry.Alarm alarm =
                new dev.autonoc.core.telemetry.Alarm(
                        ROUTER.id(),
                        w.now(),
                        dev.autonoc.core.telemetry.Alarm.Kind.ELEMENT_DOWN,
                        "fan");
        w.loop().observe(alarm);
        assertThat(w.predictor.alarms).containsExactly(alarm);

        w.predict(ROUTER, 0.9, hours(48));
        w.loop().step();
        assertThat(w.only().openedAt()).isEqualTo(w.now());
    }

    @Test
    void the_loop_refuses_to_run_as_anything_but_an_agent() {
        LoopSettings d = LoopSettings.defaults();
        assertThatThrownBy(
                        () ->
                                new LoopSettings(
                                        "alice",
                                        d.reopenCooldown(),
                                        d.retry(),
                                        d.retryByTool(),
                                        d.circuit(),
                                        d.approvalTimeout(),
                                        d.maxReplans(),
                                        d.verifyEvery(),
                                        d.verifyLead(),
                                        d.falseAlarmAfter(),
                                        d.denialPause()))
                .hasMessageContaining("agent:");
        assertThatThrownBy(
                        () ->
                                new LoopSettings(
                                        d.agent(),
                                        d.reopenCooldown(),
                                        d.retry(),
                                        d.retryByTool(),
                                        d.circuit(),
                                        d.approvalTimeout(),
                                        -1,
                                        d.verifyEvery(),
                                        d.verifyLead(),
                                        d.falseAlarmAfter(),
                                        d.denialPause()))
                .hasMessageContaining("maxReplans");
    }

    @Test
    void a_tools_own_retry_policy_overrides_the_default() {
        RetryPolicy once = new RetryPolicy(1, minutes(1), 1.0, minutes(1), 0.0);
        LoopSettings s =
                LoopSettings.defaults().withRetry(RetryPolicy.defaults(), Map.of(ORDER_PART, once));

        assertThat(s.retryOf(ORDER_PART)).isEqualTo(once);
        assertThat(s.retryOf(DISPATCH_ENGINEER)).isEqualTo(RetryPolicy.defaults());
    }

    @Test
    void case_ids_carry_the_prefix_a_long_lived_ledger_needs_and_a_bad_prefix_is_refused() {
        RemediationLoop prefixed =
                RemediationLoop.builder()
                        .predictor(w.predictor)
                        .planner(planner)
                        .gate(w.gate)
                        .approvals(w.approvals)
                        .tools(dev.autonoc.core.tool.ToolCatalogue.of(w.net.tools()))
                        .audit(w.audit)
                        .cases(w.cases)
                        .clock(w.clock)
                        .elements(List.of(ROUTER))
                        .caseIdPrefix("case-20250107-1000")
                        .build();
        w.predict(ROUTER, 0.9, hours(48));
        prefixed.step();
        assertThat(w.cases.all())
                .extracting(c -> c.id().value())
                .containsExactly("case-20250107-1000-0001");

        Planner playbook = new PlaybookPlanner();
        assertThatThrownBy(
                        () ->
                                RemediationLoop.builder()
                                        .predictor(w.predictor)
                                        .planner(playbook)
                                        .gate(w.gate)
                                        .approvals(w.approvals)
                                        .tools(
                                                dev.autonoc.core.tool.ToolCatalogue.of(
                                                        w.net.tools()))
                                        .audit(w.audit)
                                        .cases(w.cases)
                                        .clock(w.clock)
                                        .elements(List.of(ROUTER))
                                        .caseIdPrefix("Case 1")
                                        .build())
                .hasMessageContaining("lower-case letters, digits and dashes");
    }

    @Test
    void a_request_expired_by_someone_else_escalates_like_one_the_loop_expired() {
        w.gate.requireApproval(ORDER_PART, RoleHierarchy.NOC_OPERATOR);
        open();
        String first = w.pending().get(0);
        w.approvals.expire(first, "the console's own timeout", w.now());

        w.tickAt(w.now().plus(minutes(5)));

        assertThat(w.approvals.pending())
                .singleElement()
                .satisfies(
                        r -> assertThat(r.requiredRole()).isEqualTo(RoleHierarchy.NOC_SUPERVISOR));
        assertThat(w.step(1).approvalId()).isNotEqualTo(Optional.of(first));
        assertThat(w.only().status()).isEqualTo(CaseStatus.WAITING_APPROVAL);
    }

    @Test
    void an_approval_the_queue_no_longer_knows_is_asked_for_again_not_assumed() {
        w.gate.requireApproval(ORDER_PART, RoleHierarchy.NOC_OPERATOR);
        w.net.fail(ORDER_PART, dev.autonoc.core.tool.ToolResult.Outcome.TRANSIENT);
        open();
        w.approveAll(SUPERVISOR);
        w.tickAt(w.now().plus(minutes(5)));
        Instant retryAt = w.step(1).retryAt().orElseThrow();

        // a process restarted over a queue that lost its requests
        w.approvals =
                new dev.autonoc.core.approval.InMemoryApprovalQueue(
                        RoleHierarchy.operatorDefault());
        w.restart();
        w.tickAt(retryAt);

        assertThat(w.net.callsOf(ORDER_PART)).hasSize(1);
        assertThat(w.pending()).hasSize(1);
        assertThat(w.only().status()).isEqualTo(CaseStatus.WAITING_APPROVAL);
    }
}
