package dev.autonoc.evals.compare;

import dev.autonoc.evals.compare.EvalResults.Run;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * Two evals compared: for every scenario and planner that both ran, every metric whose mean over
 * the seeds moved (worse or better), with the seeds behind the move and whether it is beyond the
 * seeds' spread; and every run that passed in one and failed in the other.
 *
 * <p>Beyond the seeds' spread means that even the best seed of one side is worse than the worst
 * seed of the other: the ranges over the seeds do not overlap. A run that passed in BASE and fails
 * in NEW with the same seed is a regression whatever the spread (a run is a function of its
 * inputs); so is a gated metric that got worse beyond the spread.
 *
 * @param gates the metrics whose getting worse beyond the spread is a regression
 */
public record Comparison(
        EvalResults base,
        EvalResults next,
        List<Difference> differences,
        List<PassChange> passChanges,
        List<Group> onlyInBase,
        List<Group> onlyInNew,
        Set<String> gates) {

    public Comparison {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(next, "next");
        differences = List.copyOf(differences);
        passChanges = List.copyOf(passChanges);
        onlyInBase = List.copyOf(onlyInBase);
        onlyInNew = List.copyOf(onlyInNew);
        gates = Set.copyOf(gates);
    }

    /** What the comparison concludes. */
    public enum Verdict {
        /** something got worse: a run that passed fails, or a gated metric beyond the spread */
        REGRESSION,
        /** something moved, none of it a regression */
        CHANGED,
        /** the same runs with the same results */
        EQUAL
    }

    /** A scenario and a planner. */
    public record Group(String scenario, String planner) {}

    /** One seed's value on each side; empty where that side has none. */
    public record SeedValue(long seed, OptionalDouble base, OptionalDouble next) {}

    /** The lowest and highest value over the seeds. */
    public record Range(double min, double max) {}

    /**
     * One metric of one scenario and planner that moved.
     *
     * @param worse whether it moved the bad way
     * @param seeds the seeds behind the move: those whose value moved the same way, and those run
     *     on one side only
     */
    public record Difference(
            String scenario,
            String planner,
            String metric,
            boolean worse,
            double baseMean,
            double newMean,
            Range baseRange,
            Range newRange,
            boolean beyondSpread,
            boolean gated,
            List<SeedValue> seeds) {

        public Difference {
            seeds = List.copyOf(seeds);
        }

        public boolean regression() {
            return worse && beyondSpread && gated;
        }
    }

    /** A run (same scenario, planner and seed) that passed on one side and failed on the other. */
    public record PassChange(
            String scenario,
            String planner,
            long seed,
            boolean nowPasses,
            List<String> violations) {
        public PassChange {
            violations = List.copyOf(violations);
        }
    }

    /**
     * Compares {@code next} with {@code base}.
     *
     * @param gates metric keys whose getting worse beyond the spread is a regression
     * @throws IllegalArgumentException naming a gate that is no metric, and the metrics
     */
    public static Comparison of(EvalResults base, EvalResults next, Set<String> gates) {
        for (String g : gates) {
            if (MetricRule.of(g).isEmpty()) {
                throw new IllegalArgumentException(
                        "--gate: unknown metric '"
                                + g
                                + "'; known: "
                                + String.join(", ", MetricRule.keys()));
            }
        }
        List<Difference> differences = new ArrayList<>();
        List<PassChange> passChanges = new ArrayList<>();
        List<Group> onlyInBase = new ArrayList<>();
        List<Group> onlyInNew = new ArrayList<>();
        List<List<String>> nextGroups = next.groups();
        for (List<String> g : base.groups()) {
            if (!nextGroups.contains(g)) {
                onlyInBase.add(new Group(g.get(0), g.get(1)));
            }
        }
        for (List<String> g : nextGroups) {
            Map<Long, Run> after = next.group(g.get(0), g.get(1));
            Map<Long, Run> before = base.group(g.get(0), g.get(1));
            if (before.isEmpty()) {
                onlyInNew.add(new Group(g.get(0), g.get(1)));
                continue;
            }
            for (Map.Entry<Long, Run> e : after.entrySet()) {
                Run was = before.get(e.getKey());
                if (was != null && was.passed() != e.getValue().passed()) {
                    passChanges.add(
                            new PassChange(
                                    g.get(0),
                                    g.get(1),
                                    e.getKey(),
                                    e.getValue().passed(),
                                    e.getValue().passed()
                                            ? was.violations()
                                            : e.getValue().violations()));
                }
            }
            for (MetricRule rule : MetricRule.values()) {
                difference(g.get(0), g.get(1), rule, before, after, gates.contains(rule.key))
                        .ifPresent(differences::add);
            }
        }
        return new Comparison(base, next, differences, passChanges, onlyInBase, onlyInNew, gates);
    }

    /** The default gates: the outcome metrics. */
    public static Set<String> defaultGates() {
        Set<String> gates = new LinkedHashSet<>();
        MetricRule.defaultGates().forEach(m -> gates.add(m.key));
        return gates;
    }

    /** Every metric, for {@code --gate all}. */
    public static Set<String> allMetrics() {
        return new LinkedHashSet<>(MetricRule.keys());
    }

    private static Optional<Difference> difference(
            String scenario,
            String planner,
            MetricRule rule,
            Map<Long, Run> before,
            Map<Long, Run> after,
            boolean gated) {
        double[] b = values(before, rule.key);
        double[] n = values(after, rule.key);
        if (b.length == 0 || n.length == 0) {
            return Optional.empty();
        }
        double bm = mean(b);
        double nm = mean(n);
        boolean worse = rule.worse(bm, nm);
        if (!worse && !rule.better(bm, nm)) {
            return Optional.empty();
        }
        Range br = new Range(min(b), max(b));
        Range nr = new Range(min(n), max(n));
        // worse beyond the spread: the best new seed is worse than the worst base seed
        double worstBase = rule.higherIsBetter ? br.min() : br.max();
        double bestNew = rule.higherIsBetter ? nr.max() : nr.min();
        double bestBase = rule.higherIsBetter ? br.max() : br.min();
        double worstNew = rule.higherIsBetter ? nr.min() : nr.max();
        boolean beyond = worse ? rule.worse(worstBase, bestNew) : rule.better(bestBase, worstNew);
        List<SeedValue> seeds = new ArrayList<>();
        Set<Long> all = new TreeSet<>(before.keySet());
        all.addAll(after.keySet());
        for (long seed : all) {
            OptionalDouble was = value(before.get(seed), rule.key);
            OptionalDouble now = value(after.get(seed), rule.key);
            boolean behind =
                    was.isEmpty()
                            || now.isEmpty()
                            || (worse
                                    ? rule.worse(was.getAsDouble(), now.getAsDouble())
                                    : rule.better(was.getAsDouble(), now.getAsDouble()));
            if (behind && (was.isPresent() || now.isPresent())) {
                seeds.add(new SeedValue(seed, was, now));
            }
        }
        return Optional.of(
                new Difference(
                        scenario, planner, rule.key, worse, bm, nm, br, nr, beyond, gated, seeds));
    }

    private static OptionalDouble value(Run run, String metric) {
        if (run == null || !run.metrics().containsKey(metric)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(run.metrics().get(metric));
    }

    private static double[] values(Map<Long, Run> runs, String metric) {
        return runs.values().stream()
                .filter(r -> r.metrics().containsKey(metric))
                .mapToDouble(r -> r.metrics().get(metric))
                .toArray();
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    /** Runs that passed in BASE and fail in NEW, and gated metrics worse beyond the spread. */
    public int regressions() {
        return (int) passChanges.stream().filter(p -> !p.nowPasses()).count()
                + (int) differences.stream().filter(Difference::regression).count();
    }

    /** Runs that failed and pass now, and metrics better beyond the spread. */
    public int improvements() {
        return (int) passChanges.stream().filter(PassChange::nowPasses).count()
                + (int) differences.stream().filter(d -> !d.worse() && d.beyondSpread()).count();
    }

    public Verdict verdict() {
        if (regressions() > 0) {
            return Verdict.REGRESSION;
        }
        if (differences.isEmpty()
                && passChanges.isEmpty()
                && onlyInBase.isEmpty()
                && onlyInNew.isEmpty()) {
            return Verdict.EQUAL;
        }
        return Verdict.CHANGED;
    }
}
