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
 * @param dataQuality abstentions and faults missed in a gap, counted from the run's predictor
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
        RunTimeline timeline,
        DataQualityCounts dataQuality) {

    public RunMetrics {
        Objects.requireNonNull(meanWarningLeadMinutes, "meanWarningLeadMinutes");
        Objects.requireNonNull(conduct, "conduct");
        Objects.requireNonNull(timeline, "timeline");
        Objects.requireNonNull(dataQuality, "dataQuality");
    }

    /** The figures with nothing counted of the predictor's data quality. */
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
            OptionalDouble meanWarningLeadMinutes,
            Conduct conduct,
            RunTimeline timeline) {
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
                conduct,
                timeline,
                DataQualityCounts.NONE);
    }

    /** The same figures with the predictor's data-quality counts. */
    public RunMetrics withDataQuality(DataQualityCounts counts) {
        return new RunMetrics(
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
                conduct,
                timeline,
                counts);
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
