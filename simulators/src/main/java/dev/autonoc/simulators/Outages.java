package dev.autonoc.simulators;

import dev.autonoc.tools.oss.OutagePreview;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What taking an element out of service does, computed on a copy of the routing without touching
 * the world: the one analysis behind a reroute's preview, an element's alternate path, the
 * customers a notice reaches and the what-if of {@code preview_outage}. It asks the same {@link
 * Routing} the world routes with and counts impact the way the world integrates it (consumers cut
 * off, customers slowed by congestion, one per slice hit), so that what it predicts is what
 * happens.
 */
final class Outages {

    /** The step at which an outage's customer-minutes are summed: the telemetry tick's default. */
    private static final Duration STEP = Duration.ofMinutes(5);

    private final World world;

    Outages(World world) {
        this.world = world;
    }

    /**
     * What taking {@code x} out does to the state {@code usableBefore} (routed as {@code before}),
     * at load factor {@code factor} (1 at the daily peak).
     *
     * @param sitesIsolated radio sites that had service and would have none
     * @param consumers the consumers on them
     * @param slicesHit slices with a site cut off, congested, over its latency budget, or whose
     *     traffic crosses {@code x} now
     * @param slicesBreached slices with a site cut off, congested or over its latency budget after
     * @param maxUtilisationAfter the busiest link in service after, at {@code factor}
     */
    record Analysis(
            int sitesIsolated,
            long consumers,
            List<Customers.Slice> slicesHit,
            int slicesBreached,
            double maxUtilisationAfter,
            Routing after) {}

    /** Taking {@code x} out now, everything else as it is, at the daily peak. */
    Analysis now(int x) {
        return now(x, true);
    }

    /**
     * As {@link #now(int)}, without the slices whose traffic only crosses {@code x} among those
     * hit: for an answer that needs what is cut off, congested or late only (an element's alternate
     * path, a reroute's preview).
     */
    Analysis cutOffNow(int x) {
        return now(x, false);
    }

    private Analysis now(int x, boolean crossing) {
        boolean[] usable = new boolean[world.topology.size()];
        for (int i = 0; i < usable.length; i++) {
            usable[i] = world.usable(i);
        }
        return analyse(usable, world.routing, x, 1.0, crossing);
    }

    /**
     * @param crossing whether to find the slices whose traffic crosses {@code x} now (for {@link
     *     Analysis#slicesHit}), which the what-if does not need
     */
    Analysis analyse(
            boolean[] usableBefore, Routing before, int x, double factor, boolean crossing) {
        Topology t = world.topology;
        boolean[] usable = usableBefore.clone();
        usable[x] = false;
        Routing after = Routing.compute(t, usable);
        double maxUtil = after.maxPeakUtilisation(world.capacity) * factor;
        int isolated = 0;
        long consumers = 0;
        boolean[] siteCut = new boolean[t.aggs.length];
        boolean[] siteCrossed = new boolean[t.aggs.length];
        boolean[] siteCongested = new boolean[t.aggs.length];
        boolean[] crossesX = crossing ? before.crossing(x) : null;
        for (int ai = 0; ai < t.aggs.length; ai++) {
            int a = t.aggs[ai];
            boolean servedBefore = usableBefore[a] && before.reachable(a);
            boolean servedAfter = usable[a] && after.reachable(a);
            for (int c : t.cellsOfAgg[a]) {
                boolean cellBefore = servedBefore && usableBefore[c];
                boolean cellAfter = servedAfter && usable[c];
                if (cellBefore && !cellAfter) {
                    isolated++;
                    consumers += world.spec.consumersPerCell();
                }
            }
            siteCut[ai] = servedBefore && !servedAfter;
            if (crossing && servedBefore && !siteCut[ai] && x != a) {
                siteCrossed[ai] = crossesX[a];
            }
            if (servedAfter && maxUtil > 1.0) {
                for (Map.Entry<Integer, Double> s : after.shares(a).entrySet()) {
                    int l = s.getKey();
                    if (t.isLink(l) && after.peakLoad[l] * factor > world.capacity[l]) {
                        siteCongested[ai] = true;
                    }
                }
            }
        }
        List<Customers.Slice> hit = new ArrayList<>();
        int breached = 0;
        for (Customers.Slice s : world.customers.slices) {
            boolean cut = false;
            boolean crossed = false;
            boolean late = false;
            for (int ai : s.sites()) {
                cut |= siteCut[ai] || siteCongested[ai];
                crossed |= siteCrossed[ai];
                int a = t.aggs[ai];
                late |=
                        after.reachable(a)
                                && after.dist[a] * Customers.HOP_LATENCY_MS > s.latencySlaMs();
            }
            if (cut || late) {
                breached++;
            }
            if (cut || crossed || late) {
                hit.add(s);
            }
        }
        return new Analysis(isolated, consumers, hit, breached, maxUtil, after);
    }

    // ---------------------------------------------------------------- preview_outage

    /**
     * What taking {@code x} out of service from {@code requestedAt} (now, if earlier) for {@code
     * duration} would do, on top of every element out then: failed, drained, restarting past {@code
     * at}, or with a job (under way or booked) in the window. Its traffic is taken to be moved off
     * first, as a drain does.
     */
    OutagePreview preview(int x, Instant requestedAt, Duration duration) {
        Topology t = world.topology;
        Instant at = requestedAt.isBefore(world.now()) ? world.now() : requestedAt;
        Instant end = at.plus(duration);
        boolean[] before = usableDuring(at, end);
        boolean same = true;
        for (int i = 0; i < before.length && same; i++) {
            same = before[i] == world.usable(i);
        }
        Routing beforeRouting = same ? world.routing : Routing.compute(t, before);
        double factor = highestLoadFactor(at, end);
        Analysis a = analyse(before, beforeRouting, x, factor, false);

        Map<String, Double> overloaded = new LinkedHashMap<>();
        for (int l : t.links) {
            double load = a.after().peakLoad[l] * factor;
            if (a.after().usable[l] && world.capacity[l] > 0 && load > world.capacity[l]) {
                overloaded.put(t.element(l).id().value(), load / world.capacity[l]);
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < before.length; i++) {
            if (!before[i] || i == x) {
                out.add(t.element(i).id().value());
            }
        }
        double minutes =
                customerMinutes(new State(before, beforeRouting), new State(a.after()), at, end);
        return new OutagePreview(
                t.element(x).id().value(),
                at,
                duration,
                factor,
                a.maxUtilisationAfter(),
                a.after().maxPeakUtilisation(world.capacity),
                overloaded,
                a.sitesIsolated(),
                a.consumers(),
                a.slicesBreached(),
                minutes,
                out);
    }

    /** Which elements are in service over the whole window, as far as the twin knows now. */
    private boolean[] usableDuring(Instant from, Instant to) {
        int n = world.topology.size();
        boolean[] usable = new boolean[n];
        for (int i = 0; i < n; i++) {
            // a failure stays until mended, a drain until restored; work is counted by its jobs
            usable[i] =
                    !(world.states.isFailed(i)
                            || world.states.isDrained(i)
                            || world.states.isRestarting(i)
                                    && world.states.restartEnd(i).isAfter(from));
        }
        for (Workforce.Engineer e : world.workforce.engineers.values()) {
            for (Workforce.Job j : e.jobs) {
                if (j.active() && j.start.isBefore(to) && j.end.isAfter(from)) {
                    usable[j.element] = false;
                }
            }
        }
        return usable;
    }

    /**
     * The highest load factor over {@code [from, to]}: the daily cycle is linear between whole
     * hours, so its highest point is at an end or at a whole hour in between.
     */
    static double highestLoadFactor(Instant from, Instant to) {
        double f = Math.max(Calendar.loadFactor(from), Calendar.loadFactor(to));
        Instant hour = from.truncatedTo(java.time.temporal.ChronoUnit.HOURS).plusSeconds(3600);
        for (; hour.isBefore(to); hour = hour.plusSeconds(3600)) {
            f = Math.max(f, Calendar.loadFactor(hour));
        }
        return f;
    }

    /** A set of elements in service and where traffic goes with them. */
    private final class State {
        final boolean[] usable;
        final Routing routing;
        final double maxPeak;
        private final Map<Integer, Map<Integer, Double>> shares = new HashMap<>();

        State(boolean[] usable, Routing routing) {
            this.usable = usable;
            this.routing = routing;
            this.maxPeak = routing.maxPeakUtilisation(world.capacity);
        }

        State(Routing routing) {
            this(routing.usable, routing);
        }

        /** Customers out of service or outside their SLA at load factor {@code f}, per minute. */
        double rate(double f) {
            Topology t = world.topology;
            double perCell = world.spec.consumersPerCell();
            boolean congested = maxPeak * f > 1.0;
            boolean[] sliceHit = new boolean[world.customers.slices.size()];
            double r = 0.0;
            for (int ai = 0; ai < t.aggs.length; ai++) {
                int a = t.aggs[ai];
                boolean hit;
                if (!(usable[a] && routing.reachable(a))) {
                    r += perCell * t.cellsOfAgg[a].length;
                    hit = true;
                } else {
                    double share =
                            congested
                                    ? ImpactMeter.congestionShare(
                                            t,
                                            shares.computeIfAbsent(a, routing::shares),
                                            routing.peakLoad,
                                            world.capacity,
                                            f)
                                    : 0.0;
                    for (int c : t.cellsOfAgg[a]) {
                        r += usable[c] ? perCell * share : perCell;
                    }
                    hit = share > 0;
                }
                if (hit) {
                    for (int s : world.customers.slicesOfAgg(ai)) {
                        sliceHit[s] = true;
                    }
                }
            }
            for (boolean h : sliceHit) {
                r += h ? 1.0 : 0.0;
            }
            return r;
        }
    }

    /**
     * The customer-minutes the outage adds over its window: the difference of the two states'
     * impact rates, summed in steps of {@link #STEP} at each step's load factor.
     */
    private double customerMinutes(State before, State after, Instant from, Instant to) {
        double total = 0.0;
        for (Instant t = from; t.isBefore(to); t = t.plus(STEP)) {
            Instant next = t.plus(STEP).isAfter(to) ? to : t.plus(STEP);
            double minutes = Duration.between(t, next).getSeconds() / 60.0;
            double f = Calendar.loadFactor(t);
            total += Math.max(0.0, after.rate(f) - before.rate(f)) * minutes;
        }
        return total;
    }
}
