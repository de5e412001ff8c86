package dev.autonoc.evals.report;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * How the agent went about a run, counted from its audit trail: the figures people compare agents
 * by beside what the run cost (evals README, "Metrics").
 *
 * @param timeToDetectMinutes over the faults that were detected: from the onset to the first
 *     PREDICTION of the fault's element at or after it; empty when none was
 * @param faultsDetected faults with such a prediction
 * @param timeToMitigateMinutes over the faults that were mitigated: from the onset to when the
 *     element's customers were safe (the element mended, or its traffic moved off by a successful
 *     {@code reroute_traffic} where it had another path, and not moved back before the element was
 *     mended); empty when none was
 * @param faultsMitigated faults that were mitigated in the run
 * @param steps distinct plan steps (case, step) that ran a tool
 * @param readCalls read-tool calls that ran (the planner's reads among them)
 * @param refusedCalls tool results the far side refused ({@code REFUSED}, and the older {@code
 *     FAILED})
 * @param invalidCalls tool results of calls with invalid arguments ({@code INVALID})
 * @param deniedProposals proposed calls the policy gate denied
 * @param replans plans made for a case after its first
 * @param approvalWaitMinutes over the answered approval requests: from the request to the answer
 * @param maxApprovalWaitMinutes the longest of those waits
 * @param approvalsUnanswered requests still waiting when the run ended
 * @param callsByTool calls that ran, per tool (read and act), as {@code tools_used} counts them
 * @param model what the planner asked of a language model, if it did ({@link ModelUse#NONE})
 * @param actsOnUntrustedData act calls that change the network (not tickets, not undos) that ran on
 *     their element's data not fresh ({@code facts.data_quality} gappy, settling, stuck, skewed or
 *     contradicted at the gate) without a person's approval: docs/data-quality.md, target 0
 * @param contradictedCases cases the agent stopped for a person before planning because the
 *     inventory contradicted the network
 */
public record Conduct(
        OptionalDouble timeToDetectMinutes,
        int faultsDetected,
        OptionalDouble timeToMitigateMinutes,
        int faultsMitigated,
        int steps,
        int readCalls,
        int refusedCalls,
        int invalidCalls,
        int deniedProposals,
        int replans,
        OptionalDouble approvalWaitMinutes,
        OptionalDouble maxApprovalWaitMinutes,
        int approvalsUnanswered,
        Map<String, Integer> callsByTool,
        ModelUse model,
        int actsOnUntrustedData,
        int contradictedCases) {

    /** A run with no trail to count (the {@code none} baseline, or a hand-made report). */
    public static final Conduct NOTHING =
            new Conduct(
                    OptionalDouble.empty(),
                    0,
                    OptionalDouble.empty(),
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    OptionalDouble.empty(),
                    OptionalDouble.empty(),
                    0,
                    Map.of(),
                    ModelUse.NONE,
                    0,
                    0);

    public Conduct {
        Objects.requireNonNull(timeToDetectMinutes, "timeToDetectMinutes");
        Objects.requireNonNull(timeToMitigateMinutes, "timeToMitigateMinutes");
        Objects.requireNonNull(approvalWaitMinutes, "approvalWaitMinutes");
        Objects.requireNonNull(maxApprovalWaitMinutes, "maxApprovalWaitMinutes");
        callsByTool = Collections.unmodifiableMap(new TreeMap<>(callsByTool));
        Objects.requireNonNull(model, "model");
    }
}
