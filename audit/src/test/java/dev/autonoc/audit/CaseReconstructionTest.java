package dev.autonoc.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An auditor's question, "why did this happen and who allowed it", answered from the ledger alone:
 * a case's events, written with the payload keys the loop writes ({@code
 * dev.autonoc.core.loop.AuditEvents}) and interleaved with another case's, are stored, read back by
 * correlation id, and the case's timeline is rebuilt from them with no other source.
 */
class CaseReconstructionTest {

    private static final String CASE = "case-rtr-7-0001";
    private static final String OTHER = "case-olt-2-0001";
    private static final String ELEMENT = "rtr-7";
    private static final String AGENT = "agent:autonoc";
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    private JdbcAuditLog log;

    @BeforeEach
    void open() {
        log =
                JdbcAuditLog.h2InMemory(
                        "reconstruct-" + System.identityHashCode(this), Events.fixedClock());
    }

    @AfterEach
    void close() {
        log.close();
    }

    @Test
    void a_case_is_rebuilt_from_its_events_alone() {
        storeTheCaseInterleavedWithAnother();

        List<AuditEntry> entries = log.query(AuditQuery.forCase(CASE));
        Timeline t = Timeline.rebuild(entries);

        assertThat(t.prediction()).isEqualTo("PSU_DEGRADATION p=0.91 by gbt-2026-02");
        assertThat(t.evidence()).containsExactly("psu_voltage_slope", "fan_rpm_drop");
        assertThat(t.opened()).isEqualTo(T0.plusSeconds(1));
        assertThat(t.planner()).isEqualTo("playbook 1.4.0");
        assertThat(t.steps().keySet()).containsExactly(0L, 1L, 2L, 3L);
        Step ticket = t.steps().get(0L);
        assertThat(ticket.tool()).isEqualTo("open_ticket");
        assertThat(ticket.decision()).isEqualTo("ALLOW by [R-01] of policy v7");
        assertThat(ticket.approval()).isEmpty();
        assertThat(ticket.attempts()).containsExactly(CASE + "/0/1 SUCCEEDED");

        Step order = t.steps().get(1L);
        assertThat(order.tool()).isEqualTo("order_part");
        assertThat(order.decision()).isEqualTo("REQUIRE_APPROVAL by [R-12, R-40] of policy v7");
        assertThat(order.approval())
                .contains("APPROVED by person:bob (supervisor): \"cheapest warehouse, go\"");
        assertThat(order.attempts())
                .containsExactly(CASE + "/1/1 RETRYABLE", CASE + "/1/1 SUCCEEDED");

        Step dispatch = t.steps().get(2L);
        assertThat(dispatch.decision()).isEqualTo("REQUIRE_APPROVAL by [R-31] of policy v7");
        assertThat(dispatch.approval())
                .contains("APPROVED by person:carol (noc_supervisor): \"amended to morning slot\"");
        assertThat(dispatch.arguments()).containsEntry("slot", "2026-03-02T07:00:00Z");

        Step notify = t.steps().get(3L);
        assertThat(notify.decision()).isEqualTo("DENY by [R-77] of policy v7");
        assertThat(notify.attempts()).isEmpty();

        assertThat(t.closure()).isEqualTo("CLOSED: part fitted, element healthy (3/4 steps done)");
        assertThat(t.costGbp()).isEqualTo(412.5);
    }

    @Test
    void every_acting_call_in_the_rebuilt_case_was_allowed_or_approved_before_it_ran() {
        storeTheCaseInterleavedWithAnother();

        List<AuditEntry> entries = log.query(AuditQuery.forCase(CASE));
        Map<Long, String> clearance = new TreeMap<>();
        List<String> unguarded = new ArrayList<>();
        for (AuditEntry e : entries) {
            Map<String, Object> p = e.event().payload();
            long step = p.containsKey("step") ? ((Number) p.get("step")).longValue() : -1;
            switch (e.event().type()) {
                case POLICY_DECISION -> {
                    if ("ALLOW".equals(p.get("effect"))) {
                        clearance.put(step, "allowed");
                    }
                }
                case APPROVAL_ANSWERED -> {
                    if ("APPROVED".equals(p.get("verdict"))) {
                        clearance.put(step, "approved by " + p.get("by"));
                    }
                }
                case TOOL_CALL -> {
                    if ("ACT".equals(p.get("tool_kind")) && !clearance.containsKey(step)) {
                        unguarded.add(e.sequence() + " " + p.get("tool"));
                    }
                }
                default -> {}
            }
        }

        assertThat(unguarded).isEmpty();
        assertThat(clearance)
                .containsEntry(0L, "allowed")
                .containsEntry(1L, "approved by person:bob")
                .containsEntry(2L, "approved by person:carol")
                .doesNotContainKey(3L);
    }

    @Test
    void the_case_read_back_holds_exactly_its_own_events_in_the_order_they_were_written() {
        List<AuditEvent> written = storeTheCaseInterleavedWithAnother();

        List<AuditEvent> readBack =
                log.query(AuditQuery.forCase(CASE)).stream().map(AuditEntry::event).toList();

        List<AuditEvent> ofTheCase =
                written.stream().filter(e -> e.correlationId().equals(CASE)).toList();
        assertThat(readBack).hasSize(ofTheCase.size());
        for (int i = 0; i < readBack.size(); i++) {
            // numbers come back as Long or Double, so compare the canonical (hashed) form
            assertThat(CanonicalJson.event(readBack.get(i)))
                    .isEqualTo(CanonicalJson.event(ofTheCase.get(i)));
        }
        assertThat(log.verify().intact()).isTrue();
    }

    // ------------------------------------------------------------------ the rebuilt timeline

    record Step(
            String tool,
            Map<String, Object> arguments,
            String decision,
            Optional<String> approval,
            List<String> attempts) {}

    record Timeline(
            String prediction,
            List<String> evidence,
            Instant opened,
            String planner,
            Map<Long, Step> steps,
            String closure,
            double costGbp) {

        /** Rebuilds a case from its ledger entries alone, reading only payload keys. */
        static Timeline rebuild(List<AuditEntry> entries) {
            String prediction = null;
            List<String> evidence = new ArrayList<>();
            Instant opened = null;
            String planner = null;
            Map<Long, String> tools = new TreeMap<>();
            Map<Long, Map<String, Object>> arguments = new TreeMap<>();
            Map<Long, String> decisions = new TreeMap<>();
            Map<Long, String> approvals = new TreeMap<>();
            Map<Long, List<String>> attempts = new TreeMap<>();
            String closure = null;
            double cost = 0;
            for (AuditEntry entry : entries) {
                AuditEvent e = entry.event();
                Map<String, Object> p = e.payload();
                switch (e.type()) {
                    case PREDICTION -> {
                        prediction =
                                p.get("mode")
                                        + " p="
                                        + p.get("probability")
                                        + " by "
                                        + p.get("model_version");
                        for (Object ev : (List<?>) p.get("evidence")) {
                            evidence.add((String) ((Map<?, ?>) ev).get("feature"));
                        }
                    }
                    case CASE_OPENED -> opened = e.simTime();
                    case PLAN -> {
                        planner = p.get("planner") + " " + p.get("planner_version");
                        for (Object s : (List<?>) p.get("steps")) {
                            Map<?, ?> step = (Map<?, ?>) s;
                            long index = ((Number) step.get("index")).longValue();
                            tools.put(index, (String) step.get("tool"));
                            arguments.put(index, stringKeyed(step.get("arguments")));
                        }
                    }
                    case POLICY_DECISION ->
                            decisions.put(
                                    step(p),
                                    p.get("effect")
                                            + " by "
                                            + p.get("rule_ids")
                                            + " of policy "
                                            + p.get("policy_version"));
                    case APPROVAL_REQUESTED -> {}
                    case APPROVAL_ANSWERED -> {
                        approvals.put(
                                step(p),
                                p.get("verdict")
                                        + " by "
                                        + p.get("by")
                                        + " ("
                                        + p.get("role")
                                        + "): \""
                                        + p.get("comment")
                                        + "\"");
                        if (p.get("amended_arguments") != null) {
                            arguments.put(step(p), stringKeyed(p.get("amended_arguments")));
                        }
                    }
                    case TOOL_CALL -> {}
                    case TOOL_RESULT -> {
                        attempts.computeIfAbsent(step(p), k -> new ArrayList<>())
                                .add(p.get("idempotency_key") + " " + p.get("outcome"));
                        cost += ((Number) p.get("cost_gbp")).doubleValue();
                    }
                    case CASE_CLOSED, CASE_HANDED_OVER ->
                            closure =
                                    p.get("status")
                                            + ": "
                                            + p.get("reason")
                                            + " ("
                                            + p.get("steps_done")
                                            + "/"
                                            + p.get("steps")
                                            + " steps done)";
                }
            }
            Map<Long, Step> steps = new TreeMap<>();
            for (Map.Entry<Long, String> tool : tools.entrySet()) {
                long i = tool.getKey();
                steps.put(
                        i,
                        new Step(
                                tool.getValue(),
                                arguments.get(i),
                                decisions.get(i),
                                Optional.ofNullable(approvals.get(i)),
                                attempts.getOrDefault(i, List.of())));
            }
            return new Timeline(prediction, evidence, opened, planner, steps, closure, cost);
        }

        private static long step(Map<String, Object> payload) {
            return ((Number) payload.get("step")).longValue();
        }

        private static Map<String, Object> stringKeyed(Object tree) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<?, ?>) tree).forEach((k, v) -> out.put((String) k, v));
            return out;
        }
    }

    // ------------------------------------------------------------------ the events, as the loop
    // writes them

    private List<AuditEvent> storeTheCaseInterleavedWithAnother() {
        List<AuditEvent> events = new ArrayList<>();
        Map<String, Object> ticketArgs = Map.of("element", ELEMENT, "severity", "major");
        Map<String, Object> orderArgs =
                Map.of(
                        "part",
                        "PSU-48V",
                        "quantity",
                        1L,
                        "warehouse",
                        "WH-NORTH",
                        "site",
                        "LDN-04");
        Map<String, Object> dispatchArgs =
                Map.of("engineer", "eng-12", "site", "LDN-04", "slot", "2026-03-01T16:00:00Z");
        Map<String, Object> amendedDispatch =
                Map.of("engineer", "eng-12", "site", "LDN-04", "slot", "2026-03-02T07:00:00Z");
        Map<String, Object> notifyArgs = Map.of("element", ELEMENT, "template", "maintenance");

        events.add(
                at(
                        0,
                        AuditEventType.PREDICTION,
                        AGENT,
                        map(
                                "probability",
                                0.91,
                                "mode",
                                "PSU_DEGRADATION",
                                "time_to_failure_minutes",
                                2880L,
                                "predicted_at",
                                T0.toString(),
                                "model_version",
                                "gbt-2026-02",
                                "evidence",
                                List.of(
                                        map(
                                                "feature",
                                                "psu_voltage_slope",
                                                "value",
                                                -0.042,
                                                "contribution",
                                                0.31,
                                                "explanation",
                                                "PSU voltage falling"),
                                        map(
                                                "feature",
                                                "fan_rpm_drop",
                                                "value",
                                                0.18,
                                                "contribution",
                                                0.12,
                                                "explanation",
                                                "fans slowing")))));
        events.add(other(0, AuditEventType.PREDICTION));
        events.add(
                at(
                        1,
                        AuditEventType.CASE_OPENED,
                        AGENT,
                        map(
                                "element_kind", "ROUTER",
                                "region", "london",
                                "site", "LDN-04",
                                "mode", "PSU_DEGRADATION",
                                "probability", 0.91,
                                "model_version", "gbt-2026-02")));
        events.add(
                at(
                        2,
                        AuditEventType.PLAN,
                        AGENT,
                        map(
                                "planner", "playbook",
                                "planner_version", "1.4.0",
                                "rationale", "PSU degradation: replace the PSU before it fails",
                                "steps",
                                        List.of(
                                                planStep(0, "open_ticket", ticketArgs),
                                                planStep(1, "order_part", orderArgs),
                                                planStep(2, "dispatch_engineer", dispatchArgs),
                                                planStep(3, "notify_customers", notifyArgs)))));
        events.add(other(1, AuditEventType.CASE_OPENED));
        // step 0: allowed, runs at once
        events.add(decision(3, 0, "open_ticket", ticketArgs, "ALLOW", List.of("R-01")));
        events.add(call(4, 0, "open_ticket", ticketArgs, 1));
        events.add(result(5, 0, "open_ticket", 1, "SUCCEEDED", 0.0));
        // step 1: needs a supervisor; approved; first attempt times out, the retry (same key) works
        events.add(
                decision(
                        6,
                        1,
                        "order_part",
                        orderArgs,
                        "REQUIRE_APPROVAL",
                        List.of("R-12", "R-40")));
        events.add(approvalRequested(7, 1, "order_part", orderArgs, "supervisor", List.of("R-12")));
        events.add(other(2, AuditEventType.POLICY_DECISION));
        events.add(
                approvalAnswered(
                        8,
                        1,
                        "order_part",
                        "person:bob",
                        "supervisor",
                        "cheapest warehouse, go",
                        null));
        events.add(call(9, 1, "order_part", orderArgs, 1));
        events.add(result(10, 1, "order_part", 1, "RETRYABLE", 0.0));
        events.add(call(11, 1, "order_part", orderArgs, 1));
        events.add(result(12, 1, "order_part", 1, "SUCCEEDED", 320.0));
        // step 2: approved with amended arguments
        events.add(
                decision(
                        13,
                        2,
                        "dispatch_engineer",
                        dispatchArgs,
                        "REQUIRE_APPROVAL",
                        List.of("R-31")));
        events.add(
                approvalRequested(
                        14,
                        2,
                        "dispatch_engineer",
                        dispatchArgs,
                        "noc_supervisor",
                        List.of("R-31")));
        events.add(
                approvalAnswered(
                        15,
                        2,
                        "dispatch_engineer",
                        "person:carol",
                        "noc_supervisor",
                        "amended to morning slot",
                        amendedDispatch));
        events.add(call(16, 2, "dispatch_engineer", amendedDispatch, 1));
        events.add(result(17, 2, "dispatch_engineer", 1, "SUCCEEDED", 92.5));
        events.add(other(3, AuditEventType.CASE_CLOSED));
        // step 3: denied, never runs
        events.add(decision(18, 3, "notify_customers", notifyArgs, "DENY", List.of("R-77")));
        events.add(
                at(
                        19,
                        AuditEventType.CASE_CLOSED,
                        AGENT,
                        map(
                                "status",
                                "CLOSED",
                                "reason",
                                "part fitted, element healthy",
                                "steps_done",
                                3L,
                                "steps",
                                4L)));

        // as the loop does: some one at a time, some in a batch
        for (AuditEvent e : events.subList(0, 5)) {
            log.append(e);
        }
        log.appendAll(events.subList(5, events.size()));
        return events;
    }

    private static AuditEvent at(
            int second, AuditEventType type, String actor, Map<String, Object> payload) {
        return new AuditEvent(type, CASE, ELEMENT, actor, T0.plusSeconds(second), payload);
    }

    private static AuditEvent other(int second, AuditEventType type) {
        return new AuditEvent(
                type,
                OTHER,
                "olt-2",
                AGENT,
                T0.plusSeconds(second),
                map("step", 0L, "tool", "order_part", "effect", "ALLOW", "note", "another case"));
    }

    private static Map<String, Object> planStep(int index, String tool, Map<String, Object> args) {
        return map(
                "index",
                (long) index,
                "tool",
                tool,
                "arguments",
                args,
                "not_before",
                T0.toString(),
                "purpose",
                "step " + index + " of the PSU playbook");
    }

    private static AuditEvent decision(
            int second,
            int step,
            String tool,
            Map<String, Object> args,
            String effect,
            List<String> rules) {
        Map<String, Object> p =
                map(
                        "decision_id",
                        "dec-" + step,
                        "step",
                        (long) step,
                        "tool",
                        tool,
                        "arguments",
                        args,
                        "estimate",
                        map("cost_gbp", 320.0, "risk", "LOW", "facts", map()),
                        "effect",
                        effect,
                        "rule_ids",
                        rules,
                        "reasons",
                        List.of("rule " + rules.get(0) + " matched"),
                        "policy_version",
                        "v7",
                        "proposer",
                        AGENT);
        if (effect.equals("REQUIRE_APPROVAL")) {
            p.put("required_role", "supervisor");
        }
        return at(second, AuditEventType.POLICY_DECISION, AGENT, p);
    }

    private static AuditEvent approvalRequested(
            int second,
            int step,
            String tool,
            Map<String, Object> args,
            String role,
            List<String> rules) {
        return at(
                second,
                AuditEventType.APPROVAL_REQUESTED,
                AGENT,
                map(
                        "approval_id", "apr-" + step,
                        "step", (long) step,
                        "tool", tool,
                        "arguments", args,
                        "required_role", role,
                        "decision_id", "dec-" + step,
                        "rule_ids", rules,
                        "policy_version", "v7",
                        "proposer", AGENT));
    }

    private static AuditEvent approvalAnswered(
            int second,
            int step,
            String tool,
            String by,
            String role,
            String comment,
            Map<String, Object> amended) {
        Map<String, Object> p =
                map(
                        "approval_id", "apr-" + step,
                        "step", (long) step,
                        "tool", tool,
                        "verdict", "APPROVED",
                        "by", by,
                        "role", role,
                        "comment", comment,
                        "required_role", role);
        if (amended != null) {
            p.put("amended_arguments", amended);
        }
        return at(second, AuditEventType.APPROVAL_ANSWERED, by, p);
    }

    private static AuditEvent call(
            int second, int step, String tool, Map<String, Object> args, int attempt) {
        return at(
                second,
                AuditEventType.TOOL_CALL,
                AGENT,
                map(
                        "step",
                        (long) step,
                        "tool",
                        tool,
                        "tool_kind",
                        "ACT",
                        "arguments",
                        args,
                        "idempotency_key",
                        CASE + "/" + step + "/" + attempt,
                        "planner",
                        "playbook",
                        "planner_version",
                        "1.4.0"));
    }

    private static AuditEvent result(
            int second, int step, String tool, int attempt, String outcome, double cost) {
        return at(
                second,
                AuditEventType.TOOL_RESULT,
                AGENT,
                map(
                        "step",
                        (long) step,
                        "tool",
                        tool,
                        "idempotency_key",
                        CASE + "/" + step + "/" + attempt,
                        "outcome",
                        outcome,
                        "summary",
                        tool + " " + outcome.toLowerCase(java.util.Locale.ROOT),
                        "output",
                        map("reference", "ref-" + step),
                        "cost_gbp",
                        cost));
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
