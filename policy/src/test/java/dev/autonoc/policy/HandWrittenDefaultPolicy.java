package dev.autonoc.policy;

import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.policy.Effect;
import dev.autonoc.core.tool.ToolNames;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The default table of OPERATOR.md as a hand-written Java {@code if} chain, with the same rule ids,
 * effects and roles as {@code default.yaml}: the baseline the CEL gate is benchmarked against
 * ({@link DecisionBenchmark}), and checked to decide as the CEL policy does ({@code
 * HandWrittenDefaultPolicyTest}). Not for production: the gate is policy as data.
 */
final class HandWrittenDefaultPolicy {

    private static final String OP = RoleHierarchy.NOC_OPERATOR;
    private static final String SUP = RoleHierarchy.NOC_SUPERVISOR;

    /** {@code lists.never_touch} of default.yaml. */
    private static final Set<String> NEVER_TOUCH = Set.of("peering-rtr-01", "peering-rtr-02");

    /** {@code calendars.change_freeze} of default.yaml: from (included), to (excluded). */
    private static final List<Instant[]> CHANGE_FREEZE =
            List.of(
                    new Instant[] {
                        Instant.parse("2025-12-19T18:00:00Z"), Instant.parse("2026-01-05T06:00:00Z")
                    },
                    new Instant[] {
                        Instant.parse("2026-12-18T18:00:00Z"), Instant.parse("2027-01-04T06:00:00Z")
                    });

    private final String version;

    HandWrittenDefaultPolicy(String version) {
        this.version = version;
    }

    private record Fired(String id, Effect effect, String role, String message) {}

    Decision decide(String decisionId, ActionRequest r, History h) {
        String tool = r.call().tool();
        Map<String, Object> facts = r.estimate().facts();
        double cost = r.estimate().costGbp();
        List<Fired> fired = new ArrayList<>(4);
        switch (tool) {
            case ToolNames.OPEN_TICKET, ToolNames.UPDATE_TICKET, ToolNames.CLOSE_TICKET ->
                    fired.add(
                            new Fired(
                                    "tickets-allow",
                                    Effect.ALLOW,
                                    null,
                                    tool + " only writes the case's trouble ticket"));
            case ToolNames.ORDER_PART -> {
                String c = Values.format(cost);
                if (cost <= 1000.0) {
                    fired.add(
                            new Fired(
                                    "order-part-allow-small",
                                    Effect.ALLOW,
                                    null,
                                    "the order costs " + c + " GBP, within the 1000 GBP"));
                } else if (cost <= 5000.0) {
                    fired.add(
                            new Fired(
                                    "order-part-approve-operator",
                                    Effect.REQUIRE_APPROVAL,
                                    OP,
                                    "the order costs " + c + " GBP, above 1000 GBP"));
                } else if (cost <= 50000.0) {
                    fired.add(
                            new Fired(
                                    "order-part-approve-supervisor",
                                    Effect.REQUIRE_APPROVAL,
                                    SUP,
                                    "the order costs " + c + " GBP, above 5000 GBP"));
                } else {
                    fired.add(
                            new Fired(
                                    "order-part-deny-large",
                                    Effect.DENY,
                                    null,
                                    "the order costs " + c + " GBP, above 50000 GBP"));
                }
            }
            case ToolNames.DISPATCH_ENGINEER -> {
                Object inShift = facts.get("in_shift");
                Object skill = facts.get("engineer_has_skill");
                if (Boolean.TRUE.equals(inShift) && Boolean.TRUE.equals(skill)) {
                    fired.add(
                            new Fired(
                                    "dispatch-engineer-allow-in-shift",
                                    Effect.ALLOW,
                                    null,
                                    "the engineer is in shift and has the skill"));
                }
                if (Boolean.FALSE.equals(inShift)) {
                    fired.add(
                            new Fired(
                                    "dispatch-engineer-approve-out-of-hours",
                                    Effect.REQUIRE_APPROVAL,
                                    OP,
                                    "out of shift, call-out of " + Values.format(cost) + " GBP"));
                }
                if (Boolean.FALSE.equals(skill)) {
                    fired.add(
                            new Fired(
                                    "dispatch-engineer-deny-unskilled",
                                    Effect.DENY,
                                    null,
                                    "the engineer lacks the skill the job needs"));
                }
                if (inShift == null || skill == null) {
                    fired.add(
                            new Fired(
                                    "dispatch-engineer-deny-unknown-facts",
                                    Effect.DENY,
                                    null,
                                    "the estimate does not say shift and skill"));
                }
            }
            case ToolNames.REROUTE_TRAFFIC -> {
                Double util = number(facts.get("max_utilization_after"));
                Double slices = number(facts.get("slices_breached"));
                Double isolated = number(facts.get("sites_isolated"));
                if (util != null
                        && slices != null
                        && isolated != null
                        && util <= 0.8
                        && slices == 0.0
                        && isolated == 0.0) {
                    fired.add(
                            new Fired(
                                    "reroute-traffic-allow-safe",
                                    Effect.ALLOW,
                                    null,
                                    "busiest path at " + Values.format(util * 100.0) + " %"));
                }
                if (util != null && slices != null && (util > 0.8 || slices > 0.0)) {
                    fired.add(
                            new Fired(
                                    "reroute-traffic-approve-supervisor",
                                    Effect.REQUIRE_APPROVAL,
                                    SUP,
                                    "busiest path at "
                                            + Values.format(util * 100.0)
                                            + " %, "
                                            + Values.format(slices)
                                            + " slice(s) breached"));
                }
                if (isolated != null && isolated > 0.0) {
                    fired.add(
                            new Fired(
                                    "reroute-traffic-deny-isolates-site",
                                    Effect.DENY,
                                    null,
                                    Values.format(isolated) + " site(s) with no path"));
                }
                if (util == null || slices == null || isolated == null) {
                    fired.add(
                            new Fired(
                                    "reroute-traffic-deny-unknown-facts",
                                    Effect.DENY,
                                    null,
                                    "the estimate does not say what the reroute does"));
                }
            }
            case ToolNames.RESTORE_TRAFFIC ->
                    fired.add(
                            new Fired(
                                    "restore-traffic-allow",
                                    Effect.ALLOW,
                                    null,
                                    "restoring traffic undoes a reroute"));
            case ToolNames.RESTART_ELEMENT -> {
                int hour = r.at().atZone(ZoneOffset.UTC).getHour();
                if (Boolean.TRUE.equals(facts.get("traffic_moved")) && hour < 5) {
                    fired.add(
                            new Fired(
                                    "restart-element-allow-quiet-hour",
                                    Effect.ALLOW,
                                    null,
                                    "traffic moved off, restart at " + hour + " UTC"));
                } else {
                    fired.add(
                            new Fired(
                                    "restart-element-approve-supervisor",
                                    Effect.REQUIRE_APPROVAL,
                                    SUP,
                                    "restart at " + hour + " UTC: a NOC supervisor approves"));
                }
            }
            case ToolNames.CANCEL_ORDER, ToolNames.CANCEL_APPOINTMENT ->
                    fired.add(
                            new Fired(
                                    "undo-allow",
                                    Effect.ALLOW,
                                    null,
                                    tool + " undoes an earlier step"));
            case ToolNames.NOTIFY_CUSTOMERS ->
                    fired.add(
                            new Fired(
                                    "notify-customers-allow",
                                    Effect.ALLOW,
                                    null,
                                    "telling customers is always allowed"));
            case ToolNames.APPLY_SLA_CREDIT -> {
                Double amount = number(facts.get("credit_per_customer"));
                if (amount == null) {
                    amount = number(r.call().arguments().get("amount_gbp"));
                }
                if (amount == null) {
                    fired.add(
                            new Fired(
                                    "apply-sla-credit-deny-unknown-amount",
                                    Effect.DENY,
                                    null,
                                    "the credit's amount is unknown"));
                } else if (amount <= 50.0) {
                    fired.add(
                            new Fired(
                                    "apply-sla-credit-allow-small",
                                    Effect.ALLOW,
                                    null,
                                    "a credit of " + Values.format(amount) + " GBP per customer"));
                } else if (amount <= 500.0) {
                    fired.add(
                            new Fired(
                                    "apply-sla-credit-approve-supervisor",
                                    Effect.REQUIRE_APPROVAL,
                                    SUP,
                                    "a credit of " + Values.format(amount) + " GBP per customer"));
                } else {
                    fired.add(
                            new Fired(
                                    "apply-sla-credit-deny-large",
                                    Effect.DENY,
                                    null,
                                    "a credit of " + Values.format(amount) + " GBP per customer"));
                }
            }
            default -> {
                // not an act tool: no rule matches, default deny below
            }
        }
        if (tool.equals(ToolNames.DISPATCH_ENGINEER) || tool.equals(ToolNames.RESTART_ELEMENT)) {
            Double overload = number(facts.get("outage_max_utilization_after"));
            if (overload != null && overload > 1.0) {
                fired.add(
                        new Fired(
                                "work-approve-overload",
                                Effect.REQUIRE_APPROVAL,
                                SUP,
                                "the busiest link would run at "
                                        + Values.format(overload * 100.0)
                                        + " %"));
            }
        }
        if (ToolNames.ACT.contains(tool)) {
            boolean undo =
                    tool.equals(ToolNames.CANCEL_ORDER)
                            || tool.equals(ToolNames.CANCEL_APPOINTMENT);
            if (h.spendToday() > 50000.0 && !undo) {
                fired.add(
                        new Fired(
                                "any-approve-daily-spend",
                                Effect.REQUIRE_APPROVAL,
                                SUP,
                                "today's spend is " + Values.format(h.spendToday()) + " GBP"));
            }
            if (h.actCallsElementToday() >= 10) {
                fired.add(
                        new Fired(
                                "any-deny-element-rate",
                                Effect.DENY,
                                null,
                                r.element().id().value()
                                        + " has had "
                                        + h.actCallsElementToday()
                                        + " act calls today"));
            }
            boolean putsUnderWork =
                    tool.equals(ToolNames.REROUTE_TRAFFIC)
                            || tool.equals(ToolNames.DISPATCH_ENGINEER)
                            || tool.equals(ToolNames.RESTART_ELEMENT);
            if (putsUnderWork && !h.elementUnderWork() && h.otherElementsUnderWorkRegion() >= 2) {
                fired.add(
                        new Fired(
                                "any-deny-blast-radius",
                                Effect.DENY,
                                null,
                                h.otherElementsUnderWorkRegion()
                                        + " other elements in region "
                                        + r.element().region()
                                        + " are under work"));
            }
        }
        boolean changesNetwork =
                tool.equals(ToolNames.REROUTE_TRAFFIC) || tool.equals(ToolNames.RESTART_ELEMENT);
        if (changesNetwork
                && CHANGE_FREEZE.stream()
                        .anyMatch(w -> !r.at().isBefore(w[0]) && r.at().isBefore(w[1]))) {
            fired.add(
                    new Fired(
                            "any-deny-change-freeze",
                            Effect.DENY,
                            null,
                            r.at() + " is inside a change-freeze window: no " + tool));
        }
        boolean touches = changesNetwork || tool.equals(ToolNames.DISPATCH_ENGINEER);
        if (touches && NEVER_TOUCH.contains(r.element().id().value())) {
            fired.add(
                    new Fired(
                            "any-approve-never-touch",
                            Effect.REQUIRE_APPROVAL,
                            SUP,
                            r.element().id().value() + " is on the never-touch list"));
        }
        Object quality = r.estimate().facts().get("data_quality");
        boolean acts =
                Set.of(
                                ToolNames.ORDER_PART,
                                ToolNames.DISPATCH_ENGINEER,
                                ToolNames.REROUTE_TRAFFIC,
                                ToolNames.RESTART_ELEMENT,
                                ToolNames.NOTIFY_CUSTOMERS,
                                ToolNames.APPLY_SLA_CREDIT)
                        .contains(tool);
        if (acts
                && quality != null
                && Set.of("gappy", "settling", "stuck", "skewed", "contradicted")
                        .contains(quality)) {
            fired.add(
                    new Fired(
                            "any-approve-untrusted-data",
                            Effect.REQUIRE_APPROVAL,
                            OP,
                            r.element().id().value() + "'s data are " + quality));
        }
        return combine(decisionId, tool, fired);
    }

    private Decision combine(String id, String tool, List<Fired> fired) {
        if (fired.isEmpty()) {
            return Decision.deny(
                    id, List.of(), List.of("no rule allows " + tool + "; default deny"), version);
        }
        Effect winner = Effect.ALLOW;
        for (Fired f : fired) {
            winner = winner.strongest(f.effect());
        }
        List<String> ids = new ArrayList<>(fired.size());
        List<String> reasons = new ArrayList<>(fired.size());
        String role = null;
        for (Fired f : fired) {
            if (f.effect() == winner) {
                ids.add(f.id());
                reasons.add(f.message());
                if (f.role() != null && (role == null || f.role().equals(SUP))) {
                    role = f.role();
                }
            }
        }
        return switch (winner) {
            case ALLOW -> Decision.allow(id, ids, reasons, version);
            case DENY -> Decision.deny(id, ids, reasons, version);
            case REQUIRE_APPROVAL -> Decision.requireApproval(id, role, ids, reasons, version);
        };
    }

    /** A number as the policy reads it (every number a double); anything else is no number. */
    private static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }
}
