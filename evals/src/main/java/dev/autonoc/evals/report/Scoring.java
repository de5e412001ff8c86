package dev.autonoc.evals.report;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** pass^k and the capture ratio. */
public final class Scoring {

    /** Below this, two impacts are the same: the twin's minutes are sums of floating steps. */
    static final double TIE = 1e-9;

    private Scoring() {}

    /**
     * The share of scenarios that passed with every one of their seeds, over the runs of one
     * planner; empty when there are no runs.
     */
    public static OptionalDouble passHatK(List<RunReport> runsOfOnePlanner) {
        Map<String, Boolean> allPassed = new LinkedHashMap<>();
        for (RunReport r : runsOfOnePlanner) {
            allPassed.merge(r.scenario(), r.passed(), Boolean::logicalAnd);
        }
        if (allPassed.isEmpty()) {
            return OptionalDouble.empty();
        }
        long passed = allPassed.values().stream().filter(Boolean::booleanValue).count();
        return OptionalDouble.of((double) passed / allPassed.size());
    }

    /**
     * (impact of reactive − impact of the planner) / (impact of reactive − impact of oracle), each
     * impact summed over the same (scenario, seed) runs: those that all three finished. Empty where
     * the baselines tie, or no run is common to the three.
     */
    public static OptionalDouble captureRatio(
            List<RunReport> planner, List<RunReport> reactive, List<RunReport> oracle) {
        Map<String, Double> reactiveImpact = impacts(reactive);
        Map<String, Double> oracleImpact = impacts(oracle);
        double p = 0;
        double r = 0;
        double o = 0;
        int common = 0;
        for (Map.Entry<String, Double> run : impacts(planner).entrySet()) {
            Double ri = reactiveImpact.get(run.getKey());
            Double oi = oracleImpact.get(run.getKey());
            if (ri == null || oi == null) {
                continue;
            }
            p += run.getValue();
            r += ri;
            o += oi;
            common++;
        }
        if (common == 0 || Math.abs(r - o) < TIE) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((r - p) / (r - o));
    }

    private static Map<String, Double> impacts(List<RunReport> runs) {
        Map<String, Double> byRun = new HashMap<>();
        for (RunReport run : runs) {
            run.metrics()
                    .ifPresent(
                            m ->
                                    byRun.put(
                                            run.scenario() + "#" + run.seed(),
                                            m.customerImpactMinutes()));
        }
        return byRun;
    }
}
