package dev.autonoc.service.api;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.casefile.Exclusion;
import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.plan.Assumption;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.PlanStep;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.prediction.Evidence;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** Crafted domain records for the web-layer tests. */
final class Fixtures {

    static final Instant EPOCH = Instant.parse("2025-01-06T00:00:00Z");
    static final Instant T0 = Instant.parse("2025-01-07T06:00:00Z");
    static final Instant WALL = Instant.parse("2026-11-26T07:00:00Z");
    static final String AGENT = "agent:autonoc";

    static final Element LINK =
            new Element(
                    ElementId.of("link-agg-01-core-01"),
                    ElementKind.LINK,
                    "fibre",
                    "north",
                    "site-01");
    static final Element CORE =
            new Element(
                    ElementId.of("core-rtr-03"), ElementKind.ROUTER, "core", "south", "site-03");

    private Fixtures() {}

    static Prediction prediction(Element element, FailureMode mode) {
        return new Prediction(
                element.id(),
                T0,
                0.87,
                mode,
                Duration.ofHours(40),
                List.of(
                        new Evidence(
                                "optical_rx_dbm.slope_24h",
                                -0.4,
                                0.31,
                                "received optical power fell 0.4 dB in a day")),
                "model-test-1");
    }

    static ToolCall orderOptic() {
        return ToolCall.of(
                "order_part",
                Map.of("part", "SFP-OPTIC", "site", "site-01", "from", "north", "expedite", false));
    }

    static ToolCall restart() {
        return ToolCall.of("restart_element", Map.of("element", "core-rtr-03"));
    }

    /** An order of a 2,800 GBP optic that needs an operator, proposed by {@code proposer}. */
    static ApprovalRequest opticOrder(ApprovalQueue queue, String caseId, String proposer) {
        ActionRequest action =
                new ActionRequest(
                        new CaseId(caseId),
                        1,
                        orderOptic(),
                        new Estimate(2800.0, Risk.LOW, Map.of("cost", 2800.0, "part", "SFP-OPTIC")),
                        LINK,
                        T0,
                        proposer,
                        java.util.Optional.of(prediction(LINK, FailureMode.LASER_AGING)));
        Decision decision =
                Decision.requireApproval(
                        "dec-1",
                        "noc_operator",
                        List.of("order_part.operator"),
                        List.of("the order costs 2800 GBP, above 1000: an operator approves"),
                        "policy-test");
        return queue.submit(action, decision, T0);
    }

    /** A restart outside the quiet hours, which needs a supervisor. */
    static ApprovalRequest restartOutsideQuietHours(ApprovalQueue queue, String caseId) {
        ActionRequest action =
                new ActionRequest(
                        new CaseId(caseId),
                        0,
                        restart(),
                        new Estimate(0.0, Risk.HIGH, Map.of("hour", 6.0)),
                        CORE,
                        T0,
                        AGENT,
                        java.util.Optional.of(prediction(CORE, FailureMode.MEMORY_LEAK)));
        Decision decision =
                Decision.requireApproval(
                        "dec-2",
                        "noc_supervisor",
                        List.of("restart_element.outside_quiet_hours"),
                        List.of("a restart outside 00:00-05:00 needs a supervisor"),
                        "policy-test");
        return queue.submit(action, decision, T0);
    }

    /**
     * A case that has been through something: revision 1 of its plan rests on two assumptions, step
     * 0 ordered the optic (its undo registered, its effect live), step 1's booking came back
     * uncertain and waits to be tried again under the same key, a refusal taught it to avoid an
     * engineer, and it is to be planned again.
     */
    static CaseRecord workedCase(String id) {
        CaseId caseId = new CaseId(id);
        ToolCall book =
                ToolCall.of(
                        "dispatch_engineer",
                        Map.of("engineer_id", "eng-north-1", "element_id", LINK.id().value()));
        Plan plan =
                new Plan(
                        caseId,
                        "playbook",
                        "2",
                        List.of(
                                new PlanStep(
                                        0,
                                        orderOptic(),
                                        T0,
                                        OptionalInt.empty(),
                                        "get a new optic to the site"),
                                new PlanStep(
                                        1,
                                        book,
                                        T0.plusSeconds(4 * 3600),
                                        OptionalInt.of(0),
                                        "an engineer replaces the optic")),
                        "laser aging: replace the optic",
                        1,
                        List.of(),
                        List.of(
                                Assumption.partArrivesBy(
                                        0,
                                        T0.plusSeconds(4 * 3600),
                                        "the optic is on site by 10:00"),
                                Assumption.failureNotBefore(
                                        T0.plusSeconds(40 * 3600), "the laser holds 40 h")),
                        List.of(),
                        java.util.Optional.empty());
        CaseRecord planned =
                CaseRecord.opened(caseId, LINK, prediction(LINK, FailureMode.LASER_AGING), T0)
                        .planned(plan);
        StepRecord ordered =
                planned.step(0)
                        .registering(ToolCall.of("cancel_order", Map.of("order_id", "PO-7")))
                        .done(java.util.Optional.of(T0.plusSeconds(4 * 3600)), Map.of(), "PO-7");
        StepRecord booking =
                planned.step(1)
                        .retrying(
                                false,
                                T0.plusSeconds(600),
                                "uncertain, retrying with the same key");
        return planned.withStep(ordered)
                .withStep(booking)
                .replanning(
                        "the engineer's region is off sick",
                        java.util.Optional.of(
                                new Exclusion(
                                        "dispatch_engineer",
                                        Map.of("engineer_id", "eng-north-2"),
                                        "eng-north-2 is off sick",
                                        T0)));
    }

    /** A planned case on the link: step 0 opens a ticket, step 1 orders the optic. */
    static CaseRecord plannedCase(String id) {
        CaseId caseId = new CaseId(id);
        Plan plan =
                new Plan(
                        caseId,
                        "playbook",
                        "1",
                        List.of(
                                new PlanStep(
                                        0,
                                        ToolCall.of(
                                                "open_ticket",
                                                Map.of("element", LINK.id().value())),
                                        T0,
                                        OptionalInt.empty(),
                                        "open the case's trouble ticket"),
                                new PlanStep(
                                        1,
                                        orderOptic(),
                                        T0,
                                        OptionalInt.of(0),
                                        "get a new optic to the site before the laser fails")),
                        "laser aging: replace the optic");
        CaseRecord opened =
                CaseRecord.opened(caseId, LINK, prediction(LINK, FailureMode.LASER_AGING), T0);
        CaseRecord planned = opened.planned(plan);
        return planned.withStep(
                planned.step(0)
                        .done(
                                java.util.Optional.empty(),
                                java.util.Map.of(),
                                "ticket TT-1 opened"));
    }
}
