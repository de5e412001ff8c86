package dev.autonoc.simulators;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The customer-impact calculation: customers out of service or outside their SLA, by cause,
 * integrated over the simulated clock at the rate the state in between two events or ticks implies
 * (customer-minutes), and the slices' SLA time into the {@link SlaLedger}. It also keeps the
 * blackholes: traffic lost through an element that left service without being drained, until
 * routing converges or the element is back.
 */
final class ImpactMeter {

    private final World world;
    private final Topology topology;
    private final Customers customers;
    private final double consumersPerCell;

    private final double[] impact = new double[World.CAUSES.size()];
    private double[] rate = new double[World.CAUSES.size()];
    private Instant integratedTo;
    private final List<Blackhole> blackholes = new ArrayList<>();

    /** Each slice's state over the current interval, as the impact rates were last computed. */
    private final boolean[] sliceUnavailable;

    private final boolean[] sliceLate;
    private boolean slicesAffected;

    ImpactMeter(World world, Instant start) {
        this.world = world;
        this.topology = world.topology;
        this.customers = world.customers;
        this.consumersPerCell = world.spec.consumersPerCell();
        this.integratedTo = start;
        sliceUnavailable = new boolean[customers.slices.size()];
        sliceLate = new boolean[customers.slices.size()];
    }

    /** Customer-minutes lost so far, by cause (indexed as {@link World#CAUSES}). */
    double impact(int cause) {
        return impact[cause];
    }

    /**
     * Traffic through {@code e}, leaving service now without being drained first, is lost until
     * {@code until}: for an unplanned failure the time routing takes to converge, for planned work
     * or a restart the whole of it. Answers whether any site loses traffic (a wake-up is due then).
     */
    boolean blackhole(int e, int cause, Instant until) {
        if (!world.states.usable(e) || !(topology.isCore(e) || topology.isLink(e))) {
            return false; // a cell or aggregation router out of service cuts its own cells anyway
        }
        double[] byAgg = new double[topology.aggs.length];
        boolean any = false;
        for (int i = 0; i < topology.aggs.length; i++) {
            Double s = world.shares(topology.aggs[i]).get(e);
            if (s != null) {
                byAgg[i] = s;
                any = true;
            }
        }
        if (any) {
            blackholes.add(new Blackhole(e, cause, until, byAgg));
        }
        return any;
    }

    /** Forgets the blackholes that ended by {@code now}. */
    void endBlackholes(Instant now) {
        blackholes.removeIf(b -> !b.until().isAfter(now));
    }

    /**
     * Whether a tick must recompute the rates (the load factor moves them while anything is out).
     */
    boolean needsRates(double loadFactor) {
        return !blackholes.isEmpty()
                || world.states.anyOut()
                || world.maxPeakUtil() * loadFactor > 1.0
                || rate[World.CONGESTION] > 0;
    }

    /** Adds the impact from the last integration up to {@code t} at the current rates. */
    void integrateTo(Instant t) {
        long seconds = t.getEpochSecond() - integratedTo.getEpochSecond();
        if (seconds > 0) {
            double minutes = seconds / 60.0;
            for (int c = 0; c < impact.length; c++) {
                impact[c] += rate[c] * minutes;
            }
            if (slicesAffected) {
                world.sla.add(integratedTo, t, sliceUnavailable, sliceLate);
            }
            integratedTo = t;
        }
    }

    void recomputeRates(Instant now) {
        rate = ratesNow(now);
    }

    /**
     * Customers out of service or outside their SLA right now, by cause; on the way, which slices
     * are unavailable and which are over their latency budget, for the SLA ledger.
     */
    private double[] ratesNow(Instant now) {
        ElementStates states = world.states;
        Routing routing = world.routing;
        double[] r = new double[World.CAUSES.size()];
        double f = Calendar.loadFactor(now);
        boolean congested = world.maxPeakUtil() * f > 1.0;
        Arrays.fill(sliceUnavailable, false);
        Arrays.fill(sliceLate, false);
        slicesAffected = false;
        if (blackholes.isEmpty() && !congested && !states.anyOut()) {
            return r;
        }
        int isolationCause = states.isolationCause();
        int[] aggs = topology.aggs;
        int[] sliceCause = new int[customers.slices.size()];
        boolean[] sliceHit = new boolean[customers.slices.size()];
        double perCell = consumersPerCell;
        double[] lost = new double[World.CAUSES.size()];
        for (int ai = 0; ai < aggs.length; ai++) {
            int a = aggs[ai];
            Arrays.fill(lost, 0.0);
            int out = -1;
            if (!states.usable(a)) {
                out = states.causeOf(a);
            } else if (!routing.reachable(a)) {
                out = isolationCause;
            }
            double lostShare = 0.0;
            int worst = -1;
            boolean blackholed = false;
            if (out < 0) {
                for (Blackhole b : blackholes) {
                    if (b.byAgg()[ai] > 0 && b.until().isAfter(now)) {
                        lost[b.cause()] += b.byAgg()[ai];
                        blackholed = true;
                    }
                }
                if (congested) {
                    lost[World.CONGESTION] +=
                            congestionShare(
                                    topology, world.shares(a), routing.peakLoad, world.capacity, f);
                }
                for (int c = 0; c < lost.length; c++) {
                    lostShare += lost[c];
                    if (lost[c] > 0 && (worst < 0 || lost[c] > lost[worst])) {
                        worst = c;
                    }
                }
                if (lostShare > 1.0) {
                    for (int c = 0; c < lost.length; c++) {
                        lost[c] /= lostShare;
                    }
                    lostShare = 1.0;
                }
            }
            for (int cell : topology.cellsOfAgg[a]) {
                if (out >= 0) {
                    r[out] += perCell;
                } else if (!states.usable(cell)) {
                    r[states.causeOf(cell)] += perCell;
                } else {
                    for (int c = 0; c < lost.length; c++) {
                        r[c] += perCell * lost[c];
                    }
                }
            }
            markSlices(ai, out >= 0 || blackholed, lost[World.CONGESTION] > 0);
            int hit = out >= 0 ? out : worst;
            if (hit >= 0) {
                for (int s : customers.slicesOfAgg(ai)) {
                    if (!sliceHit[s]) {
                        sliceHit[s] = true;
                        sliceCause[s] = hit;
                    }
                }
            }
        }
        for (int s = 0; s < sliceHit.length; s++) {
            if (sliceHit[s]) {
                r[sliceCause[s]] += 1.0;
            }
        }
        return r;
    }

    /**
     * The SLA state of the slices over site {@code ai}: unavailable when the site is cut off or
     * loses traffic, late when it is congested or its path is longer than a slice's budget.
     */
    private void markSlices(int ai, boolean unavailable, boolean congested) {
        int a = topology.aggs[ai];
        Routing routing = world.routing;
        boolean served = world.states.usable(a) && routing.reachable(a);
        for (int s : customers.slicesOfAgg(ai)) {
            double budget = customers.slices.get(s).latencySlaMs();
            boolean late =
                    congested || served && routing.dist[a] * Customers.HOP_LATENCY_MS > budget;
            sliceUnavailable[s] |= unavailable;
            sliceLate[s] |= late && !unavailable;
            slicesAffected |= unavailable || late;
        }
    }

    /**
     * The share of a site's traffic lost to congestion at load factor {@code f}: on the worst link
     * its traffic crosses ({@code shares}), the excess over capacity as a share of the load.
     */
    static double congestionShare(
            Topology topology,
            Map<Integer, Double> shares,
            double[] peakLoad,
            double[] capacity,
            double f) {
        double worst = 0.0;
        for (Map.Entry<Integer, Double> e : shares.entrySet()) {
            int l = e.getKey();
            if (topology.isLink(l)) {
                double load = peakLoad[l] * f;
                if (load > capacity[l]) {
                    worst = Math.max(worst, 1.0 - capacity[l] / load);
                }
            }
        }
        return worst;
    }

    record Blackhole(int element, int cause, Instant until, double[] byAgg) {}
}
