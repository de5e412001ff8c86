package dev.autonoc.evals.report;

import java.util.OptionalDouble;

/**
 * What one run measured, from the twin's outcome and ground truth and the audit trail; never from
 * the scenario's expectations.
 *
 * @param failuresPrevented faults whose element was mended before it failed
 * @param toolCalls act-tool calls that ran (reads are in the trail but not counted)
 * @param meanWarningLeadMinutes over the faults that had a warning: from the first PREDICTION of
 *     the fault's element at or after its onset to its failsAt; empty when none had one
 */
public record RunMetrics(
        int failures,
        int failuresPrevented,
        double customerImpactMinutes,
        double opsCostGbp,
        double slaCreditGbp,
        int falseDispatches,
        int policyViolations,
        int approvalsRequested,
        int toolCalls,
        OptionalDouble meanWarningLeadMinutes) {}
