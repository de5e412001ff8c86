package dev.autonoc.core.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.loop.Fakes.SagaPlanner;
import dev.autonoc.core.loop.Fakes.ScriptedGate;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.policy.Effect;
import dev.autonoc.core.policy.PolicyGate;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The decision log: every evaluation of the gate, allowed or not, first or after an amendment, is
 * one POLICY_DECISION event carrying the decision id, the whole input (the call and its arguments,
 * the estimate, the element, the time, the prediction, the proposer, and what the gate read
 * besides: its context), the policy version and the result (effect, role, rule ids, reasons).
 */
class PolicyDecisionLogTest {

    /** Records what the gate was asked and answered, and answers with a context. */
    static final class LoggingGate implements PolicyGate {
        final ScriptedGate scripted = new ScriptedGate();
        final List<ActionRequest> asked = new ArrayList<>();
        final List<Decision> answered = new ArrayList<>();

        @Override
        public String version() {
            return scripted.version();
        }

        @Override
        public Decision evaluate(ActionRequest request) {
            Map<String, Object> history = new LinkedHashMap<>();
            history.put("spend_today", 12.5);
            history.put("act_calls_element_today", (long) asked.size());
            Decision d =
                    scripted.evaluate(request)
                            .withContext(Map.of("history", history, "calendars", Map.of()));
            asked.add(request);
            answered.add(d);
            return d;
        }

        @Override
        public void recordExecution(ActionRequest request, ToolResult result) {
            scripted.recordExecution(request, result);
        }
    }

    @Property(tries = 60)
    void every_evaluation_is_one_decision_event_with_its_input_version_and_result(
            @ForAll Effect ticket,
            @ForAll Effect order,
            @ForAll Effect close,
            @ForAll boolean amend) {
        LoggingGate gate = new LoggingGate();
        script(gate.scripted, "open_ticket", ticket);
        script(gate.scripted, "order_part", order);
        script(gate.scripted, "close_ticket", close);
        // a planner that replans around what it learnt: what a denial or a rejection leads to is
        // judged and logged like the first plan, undo steps included
        LoopWorld w = new LoopWorld(new SagaPlanner(LoopWorld::orderPlan));
        w.policy = gate;
        w.predict(LoopWorld.ROUTER, 0.9, Duration.ofDays(2));
        for (int round = 0; round < 4; round++) {
            w.tick();
            w.clock.advance(Duration.ofMinutes(10));
            // a supervisor approves whatever waits, amending it when told to: the amended action
            // passes the gate again, and that evaluation is logged too
            for (var pending : w.approvals.pending()) {
                Map<String, Object> amended =
                        new LinkedHashMap<>(pending.action().call().arguments());
                amended.put("note", "amended by sam");
                w.approvals.approve(
                        pending.id(),
                        LoopWorld.SUPERVISOR,
                        "ok",
                        w.now(),
                        amend
                                ? Optional.of(ToolCall.of(pending.action().call().tool(), amended))
                                : Optional.empty());
            }
        }

        List<Map<String, Object>> events =
                w.audit.entries.stream()
                        .map(AuditEntry::event)
                        .filter(e -> e.type() == AuditEventType.POLICY_DECISION)
                        .map(e -> e.payload())
                        .toList();
        assertThat(gate.answered).isNotEmpty();
        if (amend && ticket == Effect.REQUIRE_APPROVAL) {
            // the amended first step was put before the gate a second time
            assertThat(gate.asked.get(1).step()).isZero();
            assertThat(gate.asked.get(1).call().arguments())
                    .containsEntry("note", "amended by sam");
        }
        assertThat(events).hasSameSizeAs(gate.answered);
        for (int i = 0; i < events.size(); i++) {
            assertLogged(events.get(i), gate.asked.get(i), gate.answered.get(i));
        }
    }

    private static void assertLogged(Map<String, Object> p, ActionRequest r, Decision d) {
        // the decision
        assertThat(p.get("decision_id")).isEqualTo(d.decisionId());
        assertThat(p.get("policy_version")).isEqualTo("test-policy");
        // the input
        assertThat(p.get("step")).isEqualTo((long) r.step());
        assertThat(p.get("tool")).isEqualTo(r.call().tool());
        assertThat(p.get("arguments")).isEqualTo(r.call().arguments());
        assertThat(p.get("estimate"))
                .isEqualTo(
                        Map.of(
                                "cost_gbp", r.estimate().costGbp(),
                                "risk", r.estimate().risk().name(),
                                "facts", r.estimate().facts()));
        assertThat(p.get("element"))
                .isEqualTo(
                        Map.of(
                                "id", "core-rtr-02",
                                "kind", "ROUTER",
                                "role", "core",
                                "region", "south",
                                "site", "site-02"));
        assertThat(p.get("at")).isEqualTo(r.at().toString());
        assertThat(p.get("proposer")).isEqualTo(r.proposer());
        assertThat(p.get("prediction"))
                .isEqualTo(
                        Map.of(
                                "probability",
                                0.9,
                                "mode",
                                "FAN_WEAR",
                                "time_to_failure_minutes",
                                2L * 24 * 60,
                                "model_version",
                                "scripted-1"));
        assertThat(p.get("context")).isEqualTo(d.context());
        assertThat(d.context()).containsKey("history");
        // the result
        assertThat(p.get("effect")).isEqualTo(d.effect().name());
        assertThat(p.get("rule_ids")).isEqualTo(d.ruleIds());
        assertThat(p.get("reasons")).isEqualTo(d.reasons());
        assertThat(Optional.ofNullable(p.get("required_role"))).isEqualTo(d.requiredRole());
    }

    private static void script(ScriptedGate gate, String tool, Effect effect) {
        switch (effect) {
            case ALLOW -> {
                // the scripted gate allows what it has no rule for
            }
            case DENY -> gate.deny(tool);
            case REQUIRE_APPROVAL -> gate.requireApproval(tool, RoleHierarchy.NOC_OPERATOR);
        }
    }
}
