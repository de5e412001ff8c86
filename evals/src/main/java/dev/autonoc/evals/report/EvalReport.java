package dev.autonoc.evals.report;

import dev.autonoc.simulators.FaultTruth;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The result of one eval: the runs of the planners asked for, the baseline runs made only for the
 * capture ratio, and the wall time.
 *
 * @param planners the planners asked for, in the order asked; the first is the one the summary's
 *     top-level pass^k and capture ratio are about
 * @param baselines runs of {@code reactive} and {@code oracle} made for the capture ratio because
 *     they were not asked for; not counted as runs
 */
public record EvalReport(
        List<String> planners,
        int seeds,
        List<RunReport> runs,
        List<RunReport> baselines,
        double wallSeconds) {

    public static final String REACTIVE = "reactive";
    public static final String ORACLE = "oracle";

    public EvalReport {
        planners = List.copyOf(planners);
        runs = List.copyOf(runs);
        baselines = List.copyOf(baselines);
        if (planners.isEmpty()) {
            throw new IllegalArgumentException("an eval names at least one planner");
        }
    }

    /** One planner's figures. */
    public record PlannerSummary(
            String planner,
            int runs,
            int passed,
            OptionalDouble passHatK,
            int policyViolations,
            OptionalDouble captureRatio,
            List<OptionalDouble> passHat) {
        public PlannerSummary {
            Objects.requireNonNull(planner, "planner");
            passHat = List.copyOf(passHat);
        }
    }

    /**
     * @param passHatK and {@code captureRatio}: those of the first planner asked
     */
    public record Summary(
            int runs,
            int passed,
            OptionalDouble passHatK,
            int policyViolations,
            OptionalDouble captureRatio,
            List<PlannerSummary> byPlanner) {
        public Summary {
            byPlanner = List.copyOf(byPlanner);
        }
    }

    public boolean allPassed() {
        return runs.stream().allMatch(RunReport::passed);
    }

    public Summary summary() {
        List<RunReport> all = new ArrayList<>(runs);
        all.addAll(baselines);
        List<RunReport> reactive = of(all, REACTIVE);
        List<RunReport> oracle = of(all, ORACLE);
        List<PlannerSummary> byPlanner = new ArrayList<>();
        for (String planner : planners) {
            List<RunReport> mine = of(runs, planner);
            byPlanner.add(
                    new PlannerSummary(
                            planner,
                            mine.size(),
                            (int) mine.stream().filter(RunReport::passed).count(),
                            Scoring.passHatK(mine),
                            policyViolations(mine),
                            Scoring.captureRatio(mine, reactive, oracle),
                            Scoring.passHatCurve(mine, seeds)));
        }
        PlannerSummary first = byPlanner.get(0);
        return new Summary(
                runs.size(),
                (int) runs.stream().filter(RunReport::passed).count(),
                first.passHatK(),
                policyViolations(runs),
                first.captureRatio(),
                byPlanner);
    }

    private static List<RunReport> of(List<RunReport> runs, String planner) {
        return runs.stream().filter(r -> r.planner().equals(planner)).toList();
    }

    private static int policyViolations(List<RunReport> runs) {
        return runs.stream()
                .mapToInt(r -> r.metrics().map(RunMetrics::policyViolations).orElse(0))
                .sum();
    }

    /** The report.json tree (docs/scenarios.md, "What the runner must report"). */
    public Map<String, Object> toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("runs", runs.stream().map(EvalReport::runJson).toList());
        if (!baselines.isEmpty()) {
            root.put("baselines", baselines.stream().map(EvalReport::runJson).toList());
        }
        Summary s = summary();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("runs", s.runs());
        summary.put("passed", s.passed());
        summary.put("pass_hat_k", ratio(s.passHatK()));
        summary.put("policy_violations", s.policyViolations());
        summary.put("capture_ratio", ratio(s.captureRatio()));
        summary.put("pass_hat", passHatJson(s.byPlanner().get(0)));
        summary.put("seeds", seeds);
        Map<String, Object> planners = new LinkedHashMap<>();
        for (PlannerSummary p : s.byPlanner()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("runs", p.runs());
            one.put("passed", p.passed());
            one.put("pass_hat_k", ratio(p.passHatK()));
            one.put("policy_violations", p.policyViolations());
            one.put("capture_ratio", ratio(p.captureRatio()));
            one.put("pass_hat", passHatJson(p));
            one.put("model", modelJson(modelUse(of(runs, p.planner()))));
            planners.put(p.planner(), one);
        }
        summary.put("planners", planners);
        summary.put("wall_time_seconds", seconds(wallSeconds));
        root.put("summary", summary);
        return root;
    }

    /** {"1": pass^1, "2": pass^2, ...} up to the seeds run. */
    private static Map<String, Object> passHatJson(PlannerSummary p) {
        Map<String, Object> curve = new LinkedHashMap<>();
        for (int j = 0; j < p.passHat().size(); j++) {
            curve.put(Integer.toString(j + 1), ratio(p.passHat().get(j)));
        }
        return curve;
    }

    static Map<String, Object> runJson(RunReport r) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("scenario", r.scenario());
        run.put("seed", r.seed());
        run.put("planner", r.planner());
        run.put("passed", r.passed());
        run.put(
                "violations",
                r.violations().stream()
                        .map(
                                v -> {
                                    Map<String, Object> m = new LinkedHashMap<>();
                                    m.put("key", v.key());
                                    m.put("expected", v.expected());
                                    m.put("measured", v.measured());
                                    return m;
                                })
                        .toList());
        run.put("metrics", r.metrics().map(EvalReport::metricsJson).orElse(null));
        RunTimeline timeline = r.metrics().map(RunMetrics::timeline).orElse(RunTimeline.EMPTY);
        run.put("faults", r.faults().stream().map(f -> faultJson(f, timeline)).toList());
        run.put("wall_time_seconds", seconds(r.wallSeconds()));
        return run;
    }

    static Map<String, Object> faultJson(FaultTruth f, RunTimeline timeline) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("element", f.element().value());
        out.put("mode", f.mode().name());
        out.put("onset", f.onset().toString());
        out.put("fails_at", f.failsAt().toString());
        out.put("failed_at", f.failedAt().map(Object::toString).orElse(null));
        out.put("repaired_at", f.repairedAt().map(Object::toString).orElse(null));
        Optional<RunTimeline.FaultTimes> times =
                timeline.faults().stream()
                        .filter(
                                t ->
                                        t.element().equals(f.element().value())
                                                && t.onset().equals(f.onset()))
                        .findFirst();
        out.put(
                "detected_at",
                times.flatMap(RunTimeline.FaultTimes::detectedAt)
                        .map(Object::toString)
                        .orElse(null));
        out.put(
                "mitigated_at",
                times.flatMap(RunTimeline.FaultTimes::mitigatedAt)
                        .map(Object::toString)
                        .orElse(null));
        out.put("mitigated_by", times.flatMap(RunTimeline.FaultTimes::mitigatedBy).orElse(null));
        return out;
    }

    static Map<String, Object> metricsJson(RunMetrics m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("failures", m.failures());
        out.put("failures_prevented", m.failuresPrevented());
        out.put("customer_impact_minutes", Json.round(m.customerImpactMinutes()));
        out.put("ops_cost_gbp", Json.round(m.opsCostGbp()));
        out.put("sla_credit_gbp", Json.round(m.slaCreditGbp()));
        out.put("false_dispatches", m.falseDispatches());
        out.put("policy_violations", m.policyViolations());
        out.put("approvals_requested", m.approvalsRequested());
        out.put("tool_calls", m.toolCalls());
        out.put(
                "mean_warning_lead_minutes",
                m.meanWarningLeadMinutes().isPresent()
                        ? Json.round(m.meanWarningLeadMinutes().getAsDouble())
                        : null);
        Conduct c = m.conduct();
        out.put("time_to_detect_minutes", minutes(c.timeToDetectMinutes()));
        out.put("faults_detected", c.faultsDetected());
        out.put("time_to_mitigate_minutes", minutes(c.timeToMitigateMinutes()));
        out.put("faults_mitigated", c.faultsMitigated());
        out.put("steps", c.steps());
        out.put("read_calls", c.readCalls());
        out.put("refused_calls", c.refusedCalls());
        out.put("invalid_calls", c.invalidCalls());
        out.put("denied_proposals", c.deniedProposals());
        out.put("replans", c.replans());
        out.put("approval_wait_minutes", minutes(c.approvalWaitMinutes()));
        out.put("max_approval_wait_minutes", minutes(c.maxApprovalWaitMinutes()));
        out.put("approvals_unanswered", c.approvalsUnanswered());
        out.put("calls_by_tool", new LinkedHashMap<String, Object>(c.callsByTool()));
        out.put("acts_on_untrusted_data", c.actsOnUntrustedData());
        out.put("contradicted_cases", c.contradictedCases());
        DataQualityCounts q = m.dataQuality();
        out.put("abstentions", q.abstentions());
        out.put("abstained_element_hours", q.abstainedElementHours());
        out.put("faults_missed_in_gap", q.faultsMissedInGap());
        out.put("model", modelJson(c.model()));
        return out;
    }

    /** What a planner's runs asked of a language model, added up. */
    static ModelUse modelUse(List<RunReport> runs) {
        return runs.stream()
                .map(r -> r.metrics().map(m -> m.conduct().model()).orElse(ModelUse.NONE))
                .reduce(ModelUse.NONE, ModelUse::plus);
    }

    /**
     * What the planner asked of a language model (all zero for planners that ask none); the cost is
     * null when not priced.
     */
    static Map<String, Object> modelJson(ModelUse u) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("consultations", u.consultations());
        out.put("adopted", u.adopted());
        out.put("fell_back", u.fellBack());
        out.put("failed", u.failed());
        out.put("input_tokens", u.inputTokens());
        out.put("output_tokens", u.outputTokens());
        out.put("latency_ms", u.latencyMillis());
        out.put("invalid_tool_calls", u.invalidToolCalls());
        out.put("steered_plans", u.steeredPlans());
        // null, not 0, when not priced: a local model's zero would read as "free"
        out.put("cost", u.pricedCost().map(BigDecimal::doubleValue).orElse(null));
        out.put("currency", u.currency().orElse(null));
        return out;
    }

    private static Double minutes(OptionalDouble value) {
        return value.isPresent() ? Json.round(value.getAsDouble()) : null;
    }

    private static Double ratio(OptionalDouble value) {
        return value.isPresent() ? Math.round(value.getAsDouble() * 10_000.0) / 10_000.0 : null;
    }

    private static double seconds(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
