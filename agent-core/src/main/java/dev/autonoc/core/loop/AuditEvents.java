package dev.autonoc.core.loop;

import dev.autonoc.core.approval.ApprovalAnswer;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.casefile.Commitment;
import dev.autonoc.core.casefile.StepState;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStatus;
import dev.autonoc.core.plan.Assumption;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.PlanStep;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.prediction.Evidence;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the audit events of the loop and of the gated tool path ({@link GatedToolCalls}), for the
 * loop's cases and for calls other agents make alike. Payloads are JSON-like trees with stable
 * keys, so that an auditor (or a test) can reconstruct a case from its events alone.
 *
 * <p>The events of the gated path are the proposer's (the actor who proposed the action, or the
 * person who answered), and carry the {@code tags} last, e.g. {@code via=mcp}; a tool call carries
 * the {@code toolCallTags} (the loop's planner and its version) before them. The case events are
 * the loop's, under the agent's name.
 *
 * <p>Public only for {@link #untagged}'s events that others write as the loop does (the service
 * closing a stopped world's approvals and cases at a start): one builder, one payload per event
 * type in the ledger.
 */
public final class AuditEvents {

    private final Map<String, Object> toolCallTags;
    private final Map<String, Object> tags;

    AuditEvents(Map<String, Object> toolCallTags, Map<String, Object> tags) {
        this.toolCallTags = copyInOrder(toolCallTags, "toolCallTags");
        this.tags = copyInOrder(tags, "tags");
    }

    /** The loop's events: its tool calls name the planner that planned them. */
    static AuditEvents ofLoop(String plannerName, String plannerVersion) {
        Map<String, Object> planner = new LinkedHashMap<>();
        planner.put("planner", plannerName);
        planner.put("planner_version", plannerVersion);
        return new AuditEvents(planner, Map.of());
    }

    /**
     * The events of the gated path with no tags, as the loop writes them: for events written beside
     * the loop, about its approvals and cases.
     */
    public static AuditEvents untagged() {
        return new AuditEvents(Map.of(), Map.of());
    }

    AuditEvent prediction(String agent, String caseId, Prediction p) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("probability", p.probability());
        payload.put("mode", p.mode().name());
        payload.put("time_to_failure_minutes", p.timeToFailure().toMinutes());
        payload.put("predicted_at", p.at().toString());
        payload.put("model_version", p.modelVersion());
        payload.put("evidence", evidence(p.evidence()));
        return new AuditEvent(
                AuditEventType.PREDICTION, caseId, p.element().value(), agent, p.at(), payload);
    }

    AuditEvent caseOpened(String agent, CaseRecord c) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("element_kind", c.element().kind().name());
        payload.put("region", c.element().region());
        payload.put("site", c.element().site());
        payload.put("mode", c.trigger().mode().name());
        payload.put("probability", c.trigger().probability());
        payload.put("model_version", c.trigger().modelVersion());
        return new AuditEvent(
                AuditEventType.CASE_OPENED,
                c.id().value(),
                elementOf(c),
                agent,
                c.openedAt(),
                payload);
    }

    AuditEvent plan(String agent, CaseRecord c, Plan plan, String reason, Instant at) {
        List<Object> steps = new ArrayList<>();
        for (PlanStep s : plan.steps()) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("index", (long) s.index());
            step.put("tool", s.call().tool());
            step.put("arguments", s.call().arguments());
            step.put("not_before", s.notBefore().toString());
            s.afterCompletionOf().ifPresent(k -> step.put("after_completion_of", (long) k));
            s.undoes().ifPresent(k -> step.put("undoes", (long) k));
            step.put("purpose", s.purpose());
            steps.add(step);
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("planner", plan.planner());
        payload.put("planner_version", plan.plannerVersion());
        payload.put("revision", (long) plan.revision());
        if (plan.revision() > 0) {
            payload.put("replan_reason", reason);
            payload.put("keeps", plan.keeps().stream().map(Integer::longValue).toList());
        }
        payload.put("rationale", plan.rationale());
        payload.put("steps", steps);
        List<Object> assumptions = new ArrayList<>();
        for (Assumption a : plan.assumptions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", a.kind().name());
            a.step().ifPresent(k -> m.put("step", (long) k));
            m.put("at", a.at().toString());
            if (a.kind() == Assumption.Kind.WATCH) {
                m.put("threshold", finite(a.threshold()));
            }
            m.put("text", a.text());
            assumptions.add(m);
        }
        payload.put("assumptions", assumptions);
        plan.escalation().ifPresent(e -> payload.put("escalation", e));
        return new AuditEvent(
                AuditEventType.PLAN, c.id().value(), elementOf(c), agent, at, payload);
    }

    AuditEvent decision(ActionRequest request, Decision d) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("decision_id", d.decisionId());
        payload.put("step", (long) request.step());
        payload.put("tool", request.call().tool());
        payload.put("arguments", request.call().arguments());
        payload.put("estimate", estimate(request.estimate()));
        payload.put("effect", d.effect().name());
        d.requiredRole().ifPresent(r -> payload.put("required_role", r));
        payload.put("rule_ids", d.ruleIds());
        payload.put("reasons", d.reasons());
        payload.put("policy_version", d.policyVersion());
        payload.put("proposer", request.proposer());
        // the rest of the gate's input, so that the event alone says what was decided on
        payload.put("element", element(request));
        payload.put("at", request.at().toString());
        request.prediction().ifPresent(p -> payload.put("prediction", prediction(p)));
        payload.put("context", d.context());
        return tagged(
                AuditEventType.POLICY_DECISION,
                request.caseId().value(),
                request.element().id().value(),
                request.proposer(),
                request.at(),
                payload);
    }

    AuditEvent approvalRequested(ApprovalRequest r) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("approval_id", r.id());
        payload.put("step", (long) r.action().step());
        payload.put("tool", r.action().call().tool());
        payload.put("arguments", r.action().call().arguments());
        payload.put("required_role", r.requiredRole());
        payload.put("decision_id", r.decision().decisionId());
        payload.put("rule_ids", r.decision().ruleIds());
        payload.put("policy_version", r.decision().policyVersion());
        payload.put("proposer", r.action().proposer());
        return tagged(
                AuditEventType.APPROVAL_REQUESTED,
                r.action().caseId().value(),
                r.action().element().id().value(),
                r.action().proposer(),
                r.requestedAt(),
                payload);
    }

    /** An answer to an approval request, or its expiry, under who answered (the system). */
    public AuditEvent approvalAnswered(ApprovalRequest r, ApprovalAnswer a) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("approval_id", r.id());
        payload.put("step", (long) r.action().step());
        payload.put("tool", r.action().call().tool());
        payload.put("verdict", a.verdict().name());
        payload.put("by", a.by());
        payload.put("role", a.role());
        payload.put("comment", a.comment());
        payload.put("required_role", r.requiredRole());
        a.amended().ifPresent(call -> payload.put("amended_arguments", call.arguments()));
        return tagged(
                AuditEventType.APPROVAL_ANSWERED,
                r.action().caseId().value(),
                r.action().element().id().value(),
                a.by(),
                a.at(),
                payload);
    }

    AuditEvent toolCall(
            String caseId, String element, int step, ToolInvocation inv, String kind, Instant at) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("step", (long) step);
        payload.put("tool", inv.call().tool());
        payload.put("tool_kind", kind);
        payload.put("arguments", inv.call().arguments());
        payload.put("idempotency_key", inv.key().value());
        payload.putAll(toolCallTags);
        return tagged(AuditEventType.TOOL_CALL, caseId, element, inv.actor(), at, payload);
    }

    AuditEvent toolResult(
            String caseId, String element, int step, ToolInvocation inv, ToolResult r, Instant at) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("step", (long) step);
        payload.put("tool", inv.call().tool());
        payload.put("idempotency_key", inv.key().value());
        payload.put("outcome", r.outcome().name());
        payload.put("summary", r.summary());
        payload.put("output", r.output());
        payload.put("cost_gbp", finite(r.costGbp()));
        r.completesAt().ifPresent(t -> payload.put("completes_at", t.toString()));
        return tagged(AuditEventType.TOOL_RESULT, caseId, element, inv.actor(), at, payload);
    }

    /**
     * A case closed, or handed to a person, under {@code actor}'s name (the agent's, or the person
     * who closed it).
     */
    public AuditEvent caseEnded(String actor, CaseRecord c, Instant at) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("status", c.status().name());
        payload.put("reason", c.reason());
        payload.put(
                "steps_done", c.steps().stream().filter(s -> s.state() == StepState.DONE).count());
        payload.put("steps", (long) c.steps().size());
        long undone = c.steps().stream().filter(s -> s.commitment() == Commitment.UNDONE).count();
        if (undone > 0) {
            payload.put("steps_undone", undone);
        }
        AuditEventType type =
                c.status() == CaseStatus.CLOSED
                        ? AuditEventType.CASE_CLOSED
                        : AuditEventType.CASE_HANDED_OVER;
        return new AuditEvent(type, c.id().value(), elementOf(c), actor, at, payload);
    }

    /** A person took a case over, or gave it back, with why. */
    AuditEvent casePassed(
            AuditEventType type, String person, CaseRecord c, String why, Instant at) {
        if (type != AuditEventType.CASE_TAKEN_OVER && type != AuditEventType.CASE_HANDED_BACK) {
            throw new IllegalArgumentException(
                    "not a hand-over between people and the agent: " + type);
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("status", c.status().name());
        payload.put("reason", why);
        payload.put("open_commitments", (long) c.commitments().size());
        return new AuditEvent(type, c.id().value(), elementOf(c), person, at, payload);
    }

    private static String elementOf(CaseRecord c) {
        return c.element().id().value();
    }

    private static List<Object> evidence(List<Evidence> evidence) {
        List<Object> out = new ArrayList<>();
        for (Evidence e : evidence) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("feature", e.feature());
            m.put("value", finite(e.value()));
            m.put("contribution", finite(e.contribution()));
            m.put("explanation", e.explanation());
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> element(ActionRequest request) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", request.element().id().value());
        m.put("kind", request.element().kind().name());
        m.put("role", request.element().role());
        m.put("region", request.element().region());
        m.put("site", request.element().site());
        return m;
    }

    private static Map<String, Object> prediction(Prediction p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("probability", finite(p.probability()));
        m.put("mode", p.mode().name());
        m.put("time_to_failure_minutes", p.timeToFailure().toMinutes());
        m.put("model_version", p.modelVersion());
        return m;
    }

    private static Map<String, Object> estimate(Estimate e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cost_gbp", finite(e.costGbp()));
        m.put("risk", e.risk().name());
        m.put("facts", e.facts());
        return m;
    }

    /** JSON has no NaN or infinity; the ledger refuses them, so the loop never sends them. */
    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0.0;
    }

    /** An event of the gated path: its payload, then the tags. */
    private AuditEvent tagged(
            AuditEventType type,
            String caseId,
            String element,
            String actor,
            Instant at,
            Map<String, Object> payload) {
        for (Map.Entry<String, Object> tag : tags.entrySet()) {
            if (payload.putIfAbsent(tag.getKey(), tag.getValue()) != null) {
                throw new IllegalStateException(
                        "the tag '" + tag.getKey() + "' is a payload key of " + type + " events");
            }
        }
        return new AuditEvent(type, caseId, element, actor, at, payload);
    }

    private static Map<String, Object> copyInOrder(Map<String, Object> tags, String what) {
        Objects.requireNonNull(tags, what);
        tags.forEach(
                (k, v) -> {
                    Objects.requireNonNull(k, what + " key");
                    Objects.requireNonNull(v, what + " value of " + k);
                });
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }
}
