package dev.autonoc.evals.report;

import dev.autonoc.simulators.FaultTruth;
import dev.autonoc.simulators.RunOutcome;
import dev.autonoc.simulators.RunTruth;
import dev.autonoc.simulators.SlaStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A run's ground truth and metrics as one JSON file, {@code
 * truth/<scenario>__<planner>__<seed>.json} in the eval's output folder: the faults as they really
 * played out, the failures and their times, customer impact by cause, costs by kind, the dispatches
 * to healthy elements and each enterprise slice's SLA statement per billing month. Deterministic:
 * the same run gives the same bytes (keys in a fixed order, maps sorted by key, money and minutes
 * to the penny).
 */
public final class TruthFile {

    /** The folder under the eval's output folder. */
    public static final String FOLDER = "truth";

    private TruthFile() {}

    /** {@code <scenario>__<planner>__<seed>.json}, as the audit trails are named. */
    public static String fileName(String scenario, String planner, long seed) {
        return scenario + "__" + planner + "__" + seed + ".json";
    }

    /** The file's text. */
    public static String json(String scenario, String planner, long seed, RunTruth truth) {
        return Json.write(tree(scenario, planner, seed, truth));
    }

    static Map<String, Object> tree(String scenario, String planner, long seed, RunTruth truth) {
        RunOutcome o = truth.outcome();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", scenario);
        out.put("planner", planner);
        out.put("seed", seed);
        out.put("preset", truth.preset().name().toLowerCase(java.util.Locale.ROOT));
        out.put("start", truth.start().toString());
        out.put("end", truth.end().toString());
        List<Object> faults = new ArrayList<>();
        for (FaultTruth f : truth.faults()) {
            faults.add(fault(f, truth.end()));
        }
        out.put("faults", faults);
        List<Object> failures = new ArrayList<>();
        for (RunOutcome.Failure f : o.failures()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("element", f.element().value());
            m.put("at", f.at().toString());
            m.put("cause", f.cause());
            failures.add(m);
        }
        out.put("failures", failures);
        out.put("customer_impact_minutes", Json.round(o.customerImpactMinutes()));
        out.put("customer_impact_by_cause", sorted(o.impactByCause()));
        out.put("ops_cost_gbp", Json.round(o.opsCostGbp()));
        out.put("cost_by_kind", sorted(o.costByKind()));
        out.put("dispatches", o.dispatches());
        List<Object> healthy = new ArrayList<>();
        for (RunOutcome.Visit v : o.dispatchesToHealthy()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("element", v.element().value());
            m.put("at", v.at().toString());
            m.put("engineer", v.engineerId());
            m.put("job", v.jobId());
            healthy.add(m);
        }
        out.put("dispatches_to_healthy_elements", healthy);
        List<Object> sla = new ArrayList<>();
        for (SlaStatement s : o.slaStatements()) {
            sla.add(statement(s));
        }
        out.put("sla_statements", sla);
        out.put("sla_credit_due_gbp", Json.round(o.slaCreditDueGbp()));
        out.put("sla_credit_paid_gbp", Json.round(o.slaCreditGbp()));
        out.put("sla_credit_paid_by_customer", sorted(o.creditByCustomer()));
        return out;
    }

    private static Map<String, Object> fault(FaultTruth f, Instant end) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("element", f.element().value());
        m.put("mode", f.mode().name());
        m.put("onset", f.onset().toString());
        m.put("fails_at", f.failsAt().toString());
        m.put("time_to_failure_minutes", Duration.between(f.onset(), f.failsAt()).toMinutes());
        m.put("failed_at", text(f.failedAt()));
        m.put("repaired_at", text(f.repairedAt()));
        String outcome;
        if (f.failedAt().isPresent()) {
            outcome = "failed";
        } else if (f.repairedAt().isPresent()) {
            outcome = "prevented";
        } else {
            outcome = f.failsAt().isAfter(end) ? "not_due" : "open";
        }
        m.put("outcome", outcome);
        return m;
    }

    private static Map<String, Object> statement(SlaStatement s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slice", s.sliceId());
        m.put("customer", s.customerId());
        m.put("month", s.month().toString());
        m.put("monthly_fee_gbp", Json.round(s.monthlyFeeGbp()));
        m.put("minutes_in_month", s.minutesInMonth());
        m.put("minutes_unavailable", Json.round(s.minutesUnavailable()));
        m.put("minutes_over_latency", Json.round(s.minutesOverLatency()));
        m.put("availability", Math.round(s.availability() * 1e6) / 1e6);
        m.put("availability_breached", s.availabilityBreached());
        m.put("latency_breached", s.latencyBreached());
        m.put("credit_due_gbp", Json.round(s.creditDueGbp()));
        return m;
    }

    private static Map<String, Object> sorted(Map<String, Double> values) {
        Map<String, Object> m = new TreeMap<>();
        values.forEach((k, v) -> m.put(k, Json.round(v)));
        return m;
    }

    private static Object text(Optional<Instant> at) {
        return at.<Object>map(Instant::toString).orElse(null);
    }
}
