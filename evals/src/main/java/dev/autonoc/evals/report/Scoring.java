package dev.autonoc.evals.report;

import java.util.ArrayList;
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
     * pass^j for j = 1 .. k, as τ²-bench estimates it: for each scenario with n runs of which c
     * passed, C(c, j) / C(n, j) (the chance that j runs drawn from its n all pass), averaged over
     * the scenarios with at least j runs. pass^1 is the share of runs that passed; pass^n, with n
     * runs of every scenario, is {@link #passHatK}. Index j - 1 holds pass^j; empty where no
     * scenario has j runs.
     */
    public static List<OptionalDouble> passHatCurve(List<RunReport> runsOfOnePlanner, int k) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (RunReport r : runsOfOnePlanner) {
            int[] c = counts.computeIfAbsent(r.scenario(), s -> new int[2]);
            c[0]++;
            if (r.passed()) {
                c[1]++;
            }
        }
        List<OptionalDouble> curve = new ArrayList<>();
        for (int j = 1; j <= k; j++) {
            double sum = 0;
            int scenarios = 0;
            for (int[] c : counts.values()) {
                if (c[0] >= j) {
                    sum += choose(c[1], j) / choose(c[0], j);
                    scenarios++;
                }
            }
            curve.add(scenarios == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / scenarios));
        }
        return curve;
    }

    /** n choose k as a double; 0 when k > n. */
    static double choose(int n, int k) {
        if (k > n) {
            return 0;
        }
        double c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return c;
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
