package dev.autonoc.core.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.approval.Approver;
import dev.autonoc.core.approval.InMemoryApprovalQueue;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.approval.Verdict;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.cases.CaseId;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStatus;
import dev.autonoc.core.cases.InMemoryCaseStore;
import dev.autonoc.core.cases.StepState;
import dev.autonoc.core.loop.Fakes.ListAuditLog;
import dev.autonoc.core.loop.Fakes.MutableClock;
import dev.autonoc.core.loop.Fakes.RecordingTool;
import dev.autonoc.core.loop.Fakes.ScriptedGate;
import dev.autonoc.core.loop.Fakes.ScriptedPredictor;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.plan.PlanStep;
import dev.autonoc.core.plan.Planner;
import dev.autonoc.core.plan.PlanningRequest;
import dev.autonoc.core.planner.PlaybookPlanner;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.tool.Tool;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RemediationLoopTest {

    static final Instant T0 = Instant.parse("2025-01-07T10:00:00Z");
    static final Element ROUTER =
            new Element(
                    ElementId.of("core-rtr-02"), ElementKind.ROUTER, "core", "south", "site-02");
    static final Approver SUPERVISOR = new Approver("sam", Set.of(RoleHierarchy.NOC_SUPERVISOR));

    final MutableClock clock = new MutableClock(T0);
    final ScriptedPredictor predictor = new ScriptedPredictor();
    final ScriptedGate gate = new ScriptedGate();
    final InMemoryApprovalQueue approvals =
            new InMemoryApprovalQueue(RoleHierarchy.operatorDefault());
    final ListAuditLog audit = new ListAuditLog();
    final InMemoryCaseStore cases = new InMemoryCaseStore();
    final RecordingTool ticket = RecordingTool.act("open_ticket");
    final RecordingTool order = RecordingTool.act("order_part");
    final RecordingTool close = RecordingTool.act("close_ticket");
    final RecordingTool element =
            new RecordingTool(
                    "get_element",
                    ToolKind.READ,
                    args -> ToolResult.succeeded(Map.of("id", "core-rtr-02"), "read"));
    Function<PlanningRequest, List<PlanStep>> steps =
            r ->
                    List.of(
                            step(0, "open_ticket", r.now()),
                            step(1, "order_part", r.now()),
                            step(2, "close_ticket", r.now()));

    LoopSettings settings = LoopSettings.defaults();

    RemediationLoop loop() {
        Planner planner =
                Fakes.planner(
                        "fixed",
                        request -> {
                            request.reader()
                                    .read("get_element", Map.of("element_id", "core-rtr-02"));
                            return steps.apply(request);
                        });
        return builder(planner, ticket, order, close, element).build();
    }

    /** A loop over this test's ports with the given planner and tools. */
    RemediationLoop.Builder builder(Planner planner, Tool... tools) {
        return RemediationLoop.builder()
                .predictor(predictor)
                .planner(planner)
                .gate(gate)
                .approvals(approvals)
                .tools(ToolCatalogue.of(List.of(tools)))
                .audit(audit)
                .cases(cases)
                .clock(clock)
                .elements(List.of(ROUTER))
                .settings(settings);
    }

    static PlanStep step(int i, String tool, Instant notBefore) {
        return new PlanStep(
                i,
                ToolCall.of(tool, Map.of("n", (long) i)),
                notBefore,
                OptionalInt.empty(),
                "step " + i);
    }

    static Prediction risk(Instant at) {
        return new Prediction(
                ROUTER.id(),
                at,
                0.9,
                FailureMode.FAN_WEAR,
                Duration.ofDays(2),
                List.of(),
                "scripted-1");
    }

    CaseRecord onlyCase() {
        assertThat(cases.all()).hasSize(1);
        return cases.all().get(0);
    }

    @Test
    void opens_a_case_plans_it_and_runs_allowed_steps_writing_every_event_in_order() {
        RemediationLoop loop = loop();
        predictor.predict(risk(T0));

        loop.step();

        CaseRecord c = onlyCase();
        assertThat(c.status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(audit.types("case-0001"))
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
        assertThat(order.effects)
                .singleElement()
                .satisfies(inv -> assertThat(inv.key().value()).isEqualTo("case-0001/1/1"));
        assertThat(gate.executed)
                .extracting(r -> r.call().tool())
                .containsExactly("open_ticket", "order_part", "close_ticket");
        assertThat(predictor.maintained)
                .as("the mended element starts afresh")
                .containsExactly(ROUTER.id());
    }

    @Test
    void read_steps_are_audited_but_never_put_before_the_gate() {
        loop();
        predictor.predict(risk(T0));
        loop().step();
        assertThat(gate.evaluated).extracting(r -> r.call().tool()).doesNotContain("get_element");
        assertThat(element.calls).hasSize(1);
    }

    @Test
    void parks_a_step_that_needs_approval_until_a_person_with_the_role_answers() {
        gate.requireApproval("order_part", RoleHierarchy.NOC_SUPERVISOR);
        RemediationLoop loop = loop();
        predictor.predict(risk(T0));

        loop.step();

        assertThat(onlyCase().status()).isEqualTo(CaseStatus.WAITING_APPROVAL);
        assertThat(order.calls).isEmpty();
        assertThat(approvals.pending())
                .singleElement()
                .satisfies(r -> assertThat(r.requiredRole()).isEqualTo("noc_supervisor"));

        clock.advance(Duration.ofMinutes(5));
        loop.step();
        assertThat(order.calls).as("no answer yet, nothing runs").isEmpty();

        approvals.approve(
                approvals.pending().get(0).id(),
                SUPERVISOR,
                "go",
                clock.instant(),
                Optional.empty());
        loop.step();

        assertThat(order.effects).hasSize(1);
        assertThat(onlyCase().status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(audit.types("case-0001")).contains("APPROVAL_REQUESTED", "APPROVAL_ANSWERED");
    }

    @Test
    void a_rejected_step_never_reaches_its_tool_and_the_case_goes_to_a_person_saying_why() {
        gate.requireApproval("order_part", RoleHierarchy.NOC_OPERATOR);
        RemediationLoop loop = loop();
        predictor.predict(risk(T0));
        loop.step();

        approvals.reject(approvals.pending().get(0).id(), SUPERVISOR, "too dear", clock.instant());
        loop.step();

        CaseRecord c = onlyCase();
        assertThat(order.calls).isEmpty();
        assertThat(close.calls).isEmpty();
        assertThat(c.status()).isEqualTo(CaseStatus.NEEDS_PERSON);
        assertThat(c.reason())
                .contains("order_part")
                .contains("rejected by sam")
                .contains("too dear");
        assertThat(c.step(1).state()).isEqualTo(StepState.REJECTED);
        assertThat(predictor.maintained).as("nothing was mended").isEmpty();
    }

    @Test
    void a_denied_step_hands_the_case_over_with_the_rule_and_reason() {
        gate.deny("order_part");
        RemediationLoop loop = loop();
        predictor.predict(risk(T0));

        loop.step();

        CaseRecord c = onlyCase();
        assertThat(order.calls).isEmpty();
        assertThat(c.status()).isEqualTo(CaseStatus.NEEDS_PERSON);
        assertThat(c.reason()).contains("order_part-deny").contains("order_part is not allowed");
        assertThat(audit.types("case-0001")).last().isEqualTo("CASE_HANDED_OVER");
    }

    @Test
    void an_amended_action_passes_the_gate_again_before_it_runs() {
        gate.requireApproval("order_part", RoleHierarchy.NOC_OPERATOR);
        RemediationLoop loop = loop();
        predictor.predict(risk(T0));
        loop.step();
        gate.deny("order_part");

        approvals.approve(
                approvals.pending().get(0).id(),
                SUPERVISOR,
                "use the supplier",
                clock.instant(),
                Optional.of(ToolCall.of("order_part", Map.of("n", 99L))));
        loop.step();

        assertThat(order.calls).isEmpty();
        assertThat(gate.evaluated).hasSize(3);
        assertThat(onlyCase().status()).isEqualTo(CaseStatus.NEEDS_PERSON);
        assertThat(onlyCase().reason()).contains("amended");
    }

    @Test
    void an_approved_amendment_runs_with_the_amended_arguments() {
        gate.requireApproval("order_part", RoleHierarchy.NOC_OPERATOR);
        RemediationLoop loop = loop();
        predictor.predict(risk(T0));
        loop.step();

        approvals.approve(
                approvals.pending().get(0).id(),
                SUPERVISOR,
                "cheaper source",
                clock.instant(),
                Optional.of(ToolCall.of("order_part", Map.of("n", 7L))));
        loop.step();

        assertThat(order.effects)
                .singleElement()
                .satisfies(inv -> assertThat(inv.call().arguments()).containsEntry("n", 7L));
    }

    @Test
    void a_retryable_result_is_retried_with_the_same_key_and_has_one_effect() {
        order.then(ToolResult.uncertain("time-out"));
        RemediationLoop loop = loop();
        predictor.predict(risk(T0));

        loop.step();
        assertThat(onlyCase().status()).isEqualTo(CaseStatus.ACTIVE);

        clock.advance(Duration.ofMinutes(5));
        loop.step();

        assertThat(order.calls)
                .extracting(inv -> inv.key().value())
                .containsExactly("case-0001/1/1", "case-0001/1/1");
        assertThat(order.effects).hasSize(1);
        assertThat(gate.evaluated).as("a retry is the same action: not gated again").hasSize(3);
        assertThat(onlyCase().status()).isEqualTo(CaseStatus.CLOSED);
    }

    @Test
    void a_tool_that_keeps_failing_hands_the_case_over_after_the_retries() {
        order.then(
                ToolResult.unavailable("unavailable 1"),
                ToolResult.unavailable("unavailable 2"),
                ToolResult.unavailable("unavailable 3"),
                ToolResult.unavailable("unavailable 4"));
        RemediationLoop loop = loop();
        predictor.predict(risk(T0));
        for (int i = 0; i < 6; i++) {
            loop.step();
            clock.advance(Duration.ofMinutes(5));
        }
        assertThat(onlyCase().status()).isEqualTo(CaseStatus.NEEDS_PERSON);
        assertThat(onlyCase().reason()).contains("still failing after 3 retries");
        assertThat(order.effects).isEmpty();
        assertThat(order.calls)
                .extracting(inv -> inv.key().value())
                .containsOnly("case-0001/1/1")
                .hasSize(4);
    }

    @Test
    void a_step_waits_for_its_time_and_for_the_completion_of_the_step_it_follows() {
        Instant delivered = T0.plus(Duration.ofHours(4));
        RecordingTool delivering =
                new RecordingTool(
                        "order_part",
                        ToolKind.ACT,
                        args ->
                                new ToolResult(
                                        ToolResult.Outcome.SUCCEEDED,
                                        Map.of(),
                                        "ordered",
                                        Optional.of(delivered),
                                        450.0));
        steps =
                r ->
                        List.of(
                                step(0, "open_ticket", r.now()),
                                new PlanStep(
                                        1,
                                        ToolCall.of("order_part", Map.of()),
                                        r.now(),
                                        OptionalInt.empty(),
                                        "order"),
                                new PlanStep(
                                        2,
                                        ToolCall.of("close_ticket", Map.of()),
                                        r.now().plus(Duration.ofHours(1)),
                                        OptionalInt.of(1),
                                        "close"));
        RemediationLoop loop =
                builder(Fakes.planner("fixed", steps::apply), ticket, delivering, close).build();
        predictor.predict(risk(T0));

        loop.step();
        clock.advance(Duration.ofHours(2));
        loop.step();
        assertThat(close.calls).as("not before the delivery completes").isEmpty();

        clock.advance(Duration.ofHours(2));
        loop.step();
        assertThat(close.calls).hasSize(1);
    }

    @Test
    void one_case_per_element_while_it_is_open_and_none_again_within_the_cooldown() {
        gate.requireApproval("order_part", RoleHierarchy.NOC_OPERATOR);
        RemediationLoop loop = loop();
        predictor.predict(risk(T0));
        loop.step();
        clock.advance(Duration.ofHours(1));
        loop.step();
        assertThat(cases.all()).hasSize(1);

        approvals.approve(
                approvals.pending().get(0).id(), SUPERVISOR, "", clock.instant(), Optional.empty());
        loop.step();
        clock.advance(Duration.ofDays(1));
        loop.step();
        assertThat(cases.all()).hasSize(1);

        clock.advance(Duration.ofDays(2));
        loop.step();
        assertThat(cases.all()).hasSize(2);
        assertThat(cases.all().get(1).id()).isEqualTo(new CaseId("case-0002"));
    }

    @Test
    void a_planner_that_tries_to_act_through_the_reader_is_refused_and_the_case_handed_over() {
        Planner sneaky =
                Fakes.planner(
                        "sneaky",
                        request -> {
                            request.reader().read("order_part", Map.of());
                            throw new AssertionError("unreachable");
                        });
        RemediationLoop loop = builder(sneaky, ticket, order, close, element).build();
        predictor.predict(risk(T0));

        loop.step();

        assertThat(order.calls).isEmpty();
        assertThat(onlyCase().status()).isEqualTo(CaseStatus.NEEDS_PERSON);
        assertThat(onlyCase().reason()).contains("may only read");
    }

    @Test
    void the_loop_resumes_from_the_case_store_after_a_restart_without_a_second_effect() {
        order.then(ToolResult.uncertain("lost on the way back"));
        RemediationLoop first = loop();
        predictor.predict(risk(T0));
        first.step();

        // A new loop over the same stores stands for a restarted process.
        RemediationLoop second = loop();
        clock.advance(Duration.ofMinutes(10));
        second.step();

        assertThat(order.effects).hasSize(1);
        assertThat(cases.all()).hasSize(1);
        assertThat(onlyCase().status()).isEqualTo(CaseStatus.CLOSED);
    }

    @Test
    void every_act_call_in_the_audit_trail_follows_an_allow_for_the_same_step() {
        gate.requireApproval("close_ticket", RoleHierarchy.NOC_OPERATOR);
        RemediationLoop loop = loop();
        predictor.predict(risk(T0));
        loop.step();
        approvals.approve(
                approvals.pending().get(0).id(),
                SUPERVISOR,
                "ok",
                clock.instant(),
                Optional.empty());
        loop.step();

        List<String> allowedSteps = new ArrayList<>();
        for (AuditEntry e : audit.entries) {
            Map<String, Object> p = e.event().payload();
            if (e.event().type() == AuditEventType.POLICY_DECISION
                    && "ALLOW".equals(p.get("effect"))) {
                allowedSteps.add(String.valueOf(p.get("step")));
            }
            if (e.event().type() == AuditEventType.APPROVAL_ANSWERED
                    && "APPROVED".equals(p.get("verdict"))) {
                allowedSteps.add(String.valueOf(p.get("step")));
            }
            if (e.event().type() == AuditEventType.TOOL_CALL && "ACT".equals(p.get("tool_kind"))) {
                assertThat(allowedSteps).contains(String.valueOf(p.get("step")));
            }
        }
        assertThat(close.effects).hasSize(1);
    }

    @Test
    void the_loop_refuses_to_run_as_anything_but_an_agent() {
        assertThatThrownBy(
                        () ->
                                new LoopSettings(
                                        "alice",
                                        Duration.ZERO,
                                        RetryPolicy.defaults(),
                                        java.util.Map.of(),
                                        CircuitBreaker.Settings.defaults(),
                                        Duration.ZERO,
                                        3,
                                        Duration.ofHours(6),
                                        Duration.ofHours(3),
                                        Duration.ofHours(24),
                                        Duration.ofHours(1)))
                .hasMessageContaining("agent:");
    }

    @Test
    void an_unanswered_request_expires_and_escalates_to_the_role_above() {
        settings = LoopSettings.defaults().withApprovalTimeout(Duration.ofHours(1));
        gate.requireApproval("order_part", RoleHierarchy.NOC_OPERATOR);
        RemediationLoop loop = loop();
        predictor.predict(risk(T0));
        loop.step();
        String first = approvals.pending().get(0).id();

        clock.advance(Duration.ofMinutes(59));
        loop.step();
        assertThat(approvals.pending()).extracting(r -> r.id()).containsExactly(first);

        clock.advance(Duration.ofMinutes(1));
        loop.step();

        assertThat(approvals.answer(first))
                .get()
                .extracting(a -> a.verdict())
                .isEqualTo(Verdict.EXPIRED);
        assertThat(approvals.pending())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.requiredRole()).isEqualTo(RoleHierarchy.NOC_SUPERVISOR);
                            assertThat(r.decision().reasons())
                                    .anySatisfy(reason -> assertThat(reason).contains("escalated"));
                        });
        assertThat(order.calls).isEmpty();

        approvals.approve(
                approvals.pending().get(0).id(),
                SUPERVISOR,
                "late but fine",
                clock.instant(),
                Optional.empty());
        loop.step();
        assertThat(order.effects).hasSize(1);
        assertThat(onlyCase().status()).isEqualTo(CaseStatus.CLOSED);
    }

    @Test
    void a_request_that_expires_at_the_top_goes_to_a_person_and_never_reaches_the_tool() {
        settings = LoopSettings.defaults().withApprovalTimeout(Duration.ofHours(1));
        gate.requireApproval("order_part", RoleHierarchy.NOC_SUPERVISOR);
        RemediationLoop loop = loop();
        predictor.predict(risk(T0));
        loop.step();

        clock.advance(Duration.ofHours(1));
        loop.step();

        assertThat(order.calls).isEmpty();
        assertThat(approvals.pending()).isEmpty();
        assertThat(onlyCase().status()).isEqualTo(CaseStatus.NEEDS_PERSON);
        assertThat(onlyCase().reason())
                .contains("waited for approval in vain")
                .contains("noc_supervisor");
    }

    @Test
    void case_ids_carry_the_prefix_a_long_lived_ledger_needs_and_a_bad_prefix_is_refused() {
        RemediationLoop loop =
                builder(Fakes.planner("none", r -> List.of()), ticket)
                        .caseIdPrefix("case-20250107-1000")
                        .build();
        predictor.predict(risk(T0));
        loop.step();
        assertThat(onlyCase().id().value()).isEqualTo("case-20250107-1000-0001");
        assertThat(onlyCase().status()).isEqualTo(CaseStatus.CLOSED);

        assertThatThrownBy(
                        () -> builder(new PlaybookPlanner(), ticket).caseIdPrefix("Case 1").build())
                .hasMessageContaining("lower-case letters, digits and dashes");
    }
}
