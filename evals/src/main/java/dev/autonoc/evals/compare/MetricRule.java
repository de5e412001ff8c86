package dev.autonoc.evals.compare;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How a metric of report.json is compared: which way is better, and whether getting worse beyond
 * the seeds' spread is a regression by default (the outcome metrics are; the agent's conduct is
 * listed but does not fail the comparison unless {@code --gate} names it).
 */
enum MetricRule {
    FAILURES("failures", false, true),
    FAILURES_PREVENTED("failures_prevented", true, true),
    CUSTOMER_IMPACT("customer_impact_minutes", false, true),
    OPS_COST("ops_cost_gbp", false, true),
    SLA_CREDIT("sla_credit_gbp", false, true),
    FALSE_DISPATCHES("false_dispatches", false, true),
    POLICY_VIOLATIONS("policy_violations", false, true),
    FAULTS_DETECTED("faults_detected", true, false),
    TIME_TO_DETECT("time_to_detect_minutes", false, false),
    WARNING_LEAD("mean_warning_lead_minutes", true, false),
    FAULTS_MITIGATED("faults_mitigated", true, false),
    TIME_TO_MITIGATE("time_to_mitigate_minutes", false, false),
    STEPS("steps", false, false),
    TOOL_CALLS("tool_calls", false, false),
    READ_CALLS("read_calls", false, false),
    REFUSED_CALLS("refused_calls", false, false),
    INVALID_CALLS("invalid_calls", false, false),
    DENIED("denied_proposals", false, false),
    REPLANS("replans", false, false),
    APPROVALS("approvals_requested", false, false),
    APPROVAL_WAIT("approval_wait_minutes", false, false),
    APPROVALS_UNANSWERED("approvals_unanswered", false, false);

    /** Differences smaller than this are rounding (report.json keeps two decimals). */
    static final double TOLERANCE = 0.005;

    final String key;
    final boolean higherIsBetter;
    final boolean gatesByDefault;

    MetricRule(String key, boolean higherIsBetter, boolean gatesByDefault) {
        this.key = key;
        this.higherIsBetter = higherIsBetter;
        this.gatesByDefault = gatesByDefault;
    }

    static Optional<MetricRule> of(String key) {
        return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
    }

    static List<String> keys() {
        return Arrays.stream(values()).map(m -> m.key).toList();
    }

    static List<MetricRule> defaultGates() {
        return Arrays.stream(values()).filter(m -> m.gatesByDefault).toList();
    }

    /** Whether going from {@code from} to {@code to} is worse by more than rounding. */
    boolean worse(double from, double to) {
        return higherIsBetter ? to < from - TOLERANCE : to > from + TOLERANCE;
    }

    boolean better(double from, double to) {
        return worse(to, from);
    }
}
