package dev.autonoc.evals.report;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What one run measured, from the twin's outcome and ground truth and the audit trail; never from
 * the scenario's expectations.
 *
 * @param failuresPrevented faults whose element was mended before it failed
 * @param toolCalls act-tool calls that ran (reads are in the trail but not counted)
 * @param meanWarningLeadMinutes over the faults that had a warning: from the first PREDICTION of
 *     the fault's element at or after its onset to its failsAt; empty when none had one
 * @param conduct how the agent went about it: time to detect and to mitigate, steps, refused and
 *     invalid calls, replans, approval waits
 * @param timeline the trail's events on the run's time axis, for the report's timeline chart (not
 *     written to report.json)
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
        OptionalDouble meanWarningLeadMinutes,
        Conduct conduct,
        RunTimeline timeline) {

    public RunMetrics {
        Objects.requireNonNull(meanWarningLeadMinutes, "meanWarningLeadMinutes");
        Objects.requireNonNull(conduct, "conduct");
        Objects.requireNonNull(timeline, "timeline");
    }

    /** The outcome figures alone, with nothing counted of the agent's conduct. */
    public RunMetrics(
            int failures,
            int failuresPrevented,
            double customerImpactMinutes,
            double opsCostGbp,
            double slaCreditGbp,
            int falseDispatches,
            int policyViolations,
            int approvalsRequested,
            int toolCalls,
            OptionalDouble meanWarningLeadMinutes) {
        this(
                failures,
                failuresPrevented,
                customerImpactMinutes,
                opsCostGbp,
                slaCreditGbp,
                falseDispatches,
                policyViolations,
                approvalsRequested,
                toolCalls,
                meanWarningLeadMinutes,
                Conduct.NOTHING,
                RunTimeline.EMPTY);
    }
}
