package dev.autonoc.simulators;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.Part;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.core.telemetry.TelemetrySample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The state of the simulated operator and the discrete-event loop that moves it: a priority queue
 * of timed events (failures, deliveries, job starts and ends, restarts, the end of a convergence)
 * interleaved with telemetry ticks on the simulated clock. Customer impact is integrated between
 * consecutive events and ticks at the rate the state in between implies. Single-threaded; the twin
 * serialises access.
 */
final class World {

    static final int FAILURE = 0;
    static final int PLANNED_WORK = 1;
    static final int CONGESTION = 2;
    static final int RESTART = 3;
    static final List<String> CAUSES = List.of("failure", "planned_work", "congestion", "restart");
    static final List<String> COST_KINDS = List.of("parts", "expedite", "callout", "overtime");

    static final Duration RESTART_DOWNTIME = Duration.ofMinutes(10);
    static final Duration JOB_DURATION = Duration.ofHours(1);
    static final int WINDOW = 288;
    private static final int METRICS = Metric.values().length;

    final TwinSpec spec;
    final Topology topology;
    final double[] capacity;

    /** Each element's peak load with everything in service, to scale its own sensors. */
    private final double[] nominalPeak;

    private final long tickSeconds;
    private Instant now = OperatorTwin.EPOCH;
    private Instant lastTick = OperatorTwin.EPOCH;
    private Instant integratedTo = OperatorTwin.EPOCH;
    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>();
    private long seq;

    final boolean[] failed;
    final boolean[] underWork;
    final boolean[] restarting;
    final boolean[] drained;

    /** When each restarting element is back (meaningful while {@link #restarting} holds). */
    final Instant[] restartEnds;

    private final boolean[] upWhenRestarted;
    Routing routing;
    private double maxPeakUtil;
    private final Map<Integer, Map<Integer, Double>> sharesCache = new HashMap<>();

    final List<FaultRun> faults;
    private final List<List<FaultRun>> faultsOf;
    private final List<Blackhole> blackholes = new ArrayList<>();

    private final double[] impact = new double[CAUSES.size()];
    private double[] rate = new double[CAUSES.size()];
    private final Map<String, Double> cost = new LinkedHashMap<>();
    final List<RunOutcome.Failure> failures = new ArrayList<>();
    int dispatches;
    final List<RunOutcome.Visit> falseDispatches = new ArrayList<>();
    final Map<String, Double> credits = new LinkedHashMap<>();

    final Stock stock;
    final Workforce workforce;
    final Customers customers;
    final SlaLedger sla;

    /** Each slice's state over the current interval, as the impact rates were last computed. */
    private final boolean[] sliceUnavailable;

    private final boolean[] sliceLate;
    private boolean slicesAffected;

    private final TelemetryModel telemetry;
    private final BadTelemetry badTelemetry;
    private final double[][] recent;
    private final long[][] recentAt;
    private final int[] recentCount;
    private final double[] levels = new double[FailureMode.values().length];
    private static final double[] NO_FAULT = new double[FailureMode.values().length];

    private final List<HeatwaveRun> heatwaves = new ArrayList<>();
    private final int[] regionOf;
    private final List<Alarm> pendingAlarms = new ArrayList<>();

    /** The seeded streams, split once each in a fixed order so that no use shifts another. */
    World(TwinSpec spec, Topology topology, List<FaultRun> faults, SplittableRandom root) {
        SplittableRandom baselines = root.split();
        SplittableRandom noise = root.split();
        SplittableRandom customerRng = root.split();
        SplittableRandom workforceRng = root.split();
        SplittableRandom weatherRng = root.split();
        this.spec = spec;
        this.topology = topology;
        this.tickSeconds = spec.tick().toSeconds();
        int n = topology.size();
        this.capacity = Routing.planCapacities(topology);
        failed = new boolean[n];
        underWork = new boolean[n];
        restarting = new boolean[n];
        drained = new boolean[n];
        restartEnds = new Instant[n];
        upWhenRestarted = new boolean[n];
        boolean[] all = new boolean[n];
        Arrays.fill(all, true);
        nominalPeak = Routing.compute(topology, all).peakLoad.clone();
        this.faults = List.copyOf(faults);
        faultsOf = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            faultsOf.add(null);
        }
        for (FaultRun f : this.faults) {
            if (faultsOf.get(f.element) == null) {
                faultsOf.set(f.element, new ArrayList<>());
            }
            faultsOf.get(f.element).add(f);
            schedule(f.failsAt, new Fail(f));
        }
        telemetry = new TelemetryModel(topology, baselines, noise);
        badTelemetry = new BadTelemetry(spec, topology);
        recent = new double[n][];
        recentAt = new long[n][];
        recentCount = new int[n];
        regionOf = new int[n];
        for (int i = 0; i < n; i++) {
            regionOf[i] = Topology.REGIONS.indexOf(topology.element(i).region());
        }
        for (Disturbance d : spec.disturbances()) {
            if (d instanceof Disturbance.Heatwave h) {
                double delta = 6.0 + 6.0 * weatherRng.nextDouble();
                heatwaves.add(
                        new HeatwaveRun(
                                Topology.REGIONS.indexOf(h.region()),
                                OperatorTwin.EPOCH.plus(h.from()).getEpochSecond(),
                                OperatorTwin.EPOCH.plus(h.to()).getEpochSecond(),
                                delta));
            }
        }
        for (String kind : COST_KINDS) {
            cost.put(kind, 0.0);
        }
        stock = new Stock(this, spec);
        workforce = new Workforce(this, spec, workforceRng);
        customers = new Customers(topology, spec, customerRng);
        sla = new SlaLedger(customers.slices);
        sliceUnavailable = new boolean[customers.slices.size()];
        sliceLate = new boolean[customers.slices.size()];
        reroute();
    }

    // ---------------------------------------------------------------- the clock and the loop

    Instant now() {
        return now;
    }

    void schedule(Instant at, Event event) {
        queue.add(new Scheduled(at, seq++, event));
    }

    void advanceTo(Instant until, TwinListener listener) {
        if (until.isBefore(now)) {
            throw new IllegalArgumentException(
                    "the twin cannot go back in time: now is " + now + ", asked for " + until);
        }
        flushAlarms(listener);
        while (true) {
            Scheduled next = queue.peek();
            Instant nextTick = lastTick.plusSeconds(tickSeconds);
            if (next != null && !next.at().isAfter(nextTick) && !next.at().isAfter(until)) {
                queue.poll();
                integrateTo(next.at());
                now = next.at();
                handle(next.event());
                flushAlarms(listener);
                recomputeRates();
            } else if (!nextTick.isAfter(until)) {
                integrateTo(nextTick);
                now = nextTick;
                lastTick = nextTick;
                emitTelemetry(listener);
                if (needsRates()) {
                    recomputeRates();
                }
            } else {
                break;
            }
        }
        integrateTo(until);
        now = until;
    }

    private void flushAlarms(TwinListener listener) {
        for (Alarm a : pendingAlarms) {
            listener.onAlarm(a);
        }
        pendingAlarms.clear();
    }

    private void handle(Event event) {
        if (event instanceof Fail f) {
            fail(f.fault());
        } else if (event instanceof Deliver d) {
            stock.deliver(d.order());
        } else if (event instanceof JobStart j) {
            startJob(j.job());
        } else if (event instanceof JobEnd j) {
            endJob(j.job());
        } else if (event instanceof RestartEnd r) {
            endRestart(r.element());
        } else if (event instanceof SicknessKnown s) {
            workforce.sicknessKnown(s.sickness());
        } else if (event instanceof DelayKnown d) {
            stock.delayKnown(d.delay());
        } else if (event instanceof Wake) {
            blackholes.removeIf(b -> !b.until().isAfter(now));
        }
    }

    // ---------------------------------------------------------------- state changes

    boolean usable(int e) {
        return !(failed[e] || underWork[e] || restarting[e] || drained[e]);
    }

    /** Recomputes where traffic goes after an element left or returned to service. */
    void reroute() {
        boolean[] usable = new boolean[topology.size()];
        for (int i = 0; i < usable.length; i++) {
            usable[i] = usable(i);
        }
        routing = Routing.compute(topology, usable);
        maxPeakUtil = routing.maxPeakUtilisation(capacity);
        sharesCache.clear();
        blackholes.removeIf(b -> !b.until().isAfter(now));
    }

    /**
     * Traffic through an element that leaves service without being drained first is lost until
     * {@code until}: for an unplanned failure the time routing takes to converge, for planned work
     * or a restart the whole of it.
     */
    private void blackhole(int e, int cause, Instant until) {
        if (!usable(e) || !(topology.isCore(e) || topology.isLink(e))) {
            return; // a cell or aggregation router out of service cuts its own cells anyway
        }
        double[] byAgg = new double[topology.aggs.length];
        boolean any = false;
        for (int i = 0; i < topology.aggs.length; i++) {
            Double s = shares(topology.aggs[i]).get(e);
            if (s != null) {
                byAgg[i] = s;
                any = true;
            }
        }
        if (any) {
            blackholes.add(new Blackhole(e, cause, until, byAgg));
            schedule(until, new Wake());
        }
    }

    private Map<Integer, Double> shares(int agg) {
        return sharesCache.computeIfAbsent(agg, routing::shares);
    }

    private void fail(FaultRun f) {
        if (f.repairedAt != null || f.mending) {
            return;
        }
        f.failedAt = now;
        failures.add(
                new RunOutcome.Failure(topology.element(f.element).id(), now, f.mode.symptom()));
        int e = f.element;
        if (!failed[e]) {
            blackhole(e, FAILURE, now.plusSeconds(tickSeconds));
            failed[e] = true;
            pendingAlarms.add(
                    new Alarm(
                            topology.element(e).id(),
                            now,
                            Alarm.Kind.ELEMENT_DOWN,
                            f.mode.symptom()));
            reroute();
        }
    }

    private void repaired(int e, String how) {
        boolean stillDown = false;
        for (FaultRun f : faultsOf(e)) {
            stillDown |= f.downNow();
        }
        if (failed[e] && !stillDown) {
            failed[e] = false;
            if (restarting[e]) {
                upWhenRestarted[e] = true;
            } else {
                pendingAlarms.add(
                        new Alarm(topology.element(e).id(), now, Alarm.Kind.ELEMENT_UP, how));
            }
        }
    }

    List<FaultRun> faultsOf(int e) {
        List<FaultRun> list = faultsOf.get(e);
        return list == null ? List.of() : list;
    }

    boolean hasActiveFault(int e) {
        for (FaultRun f : faultsOf(e)) {
            if (f.activeAt(now)) {
                return true;
            }
        }
        return false;
    }

    private void startJob(Workforce.Job job) {
        if (job.cancelled()) {
            return;
        }
        int e = job.element;
        dispatches++;
        if (!hasActiveFault(e)) {
            falseDispatches.add(
                    new RunOutcome.Visit(topology.element(e).id(), now, job.engineer.id, job.id));
        }
        if (job.part != null && stock.takeFromSite(job.site, job.part)) {
            for (FaultRun f : faultsOf(e)) {
                if (f.activeAt(now) && f.mode.part().orElse(null) == job.part) {
                    f.mending = true;
                    job.mends.add(f);
                }
            }
        }
        blackhole(e, PLANNED_WORK, job.end);
        underWork[e] = true;
        reroute();
    }

    private void endJob(Workforce.Job job) {
        if (job.cancelled()) {
            return;
        }
        int e = job.element;
        underWork[e] = false;
        for (FaultRun f : job.mends) {
            f.mending = false;
            if (f.repairedAt == null) {
                f.repairedAt = now;
            }
        }
        repaired(e, "part replaced");
        reroute();
    }

    /** Restarts an element's software; mends a memory leak. */
    Instant restart(int e) {
        if (restarting[e]) {
            throw new TwinRefusal(topology.element(e).id() + " is restarting already");
        }
        if (underWork[e]) {
            throw new TwinRefusal(
                    topology.element(e).id() + " is under work on site; restart it after the job");
        }
        blackhole(e, RESTART, now.plus(RESTART_DOWNTIME));
        for (FaultRun f : faultsOf(e)) {
            if (f.mode == FailureMode.MEMORY_LEAK && f.activeAt(now)) {
                f.repairedAt = now;
            }
        }
        restarting[e] = true;
        repaired(e, "restarted");
        Instant end = now.plus(RESTART_DOWNTIME);
        restartEnds[e] = end;
        schedule(end, new RestartEnd(e));
        reroute();
        recomputeRates();
        return end;
    }

    private void endRestart(int e) {
        restarting[e] = false;
        if (upWhenRestarted[e]) {
            upWhenRestarted[e] = false;
            pendingAlarms.add(
                    new Alarm(topology.element(e).id(), now, Alarm.Kind.ELEMENT_UP, "restarted"));
        }
        reroute();
    }

    /** Drains an element; answers the traffic moved off it (Gbps now). */
    double drain(int e) {
        if (drained[e]) {
            return 0.0;
        }
        double moved = trafficNow(e);
        drained[e] = true;
        reroute();
        recomputeRates();
        return moved;
    }

    double undrain(int e) {
        if (!drained[e]) {
            return 0.0;
        }
        drained[e] = false;
        reroute();
        recomputeRates();
        return trafficNow(e);
    }

    double trafficNow(int e) {
        return routing.peakLoad[e] * Calendar.loadFactor(now);
    }

    double maxUtilisationNow() {
        return maxPeakUtil * Calendar.loadFactor(now);
    }

    void addCost(String kind, double gbp) {
        cost.merge(kind, gbp, Double::sum);
    }

    // ---------------------------------------------------------------- customer impact

    private boolean needsRates() {
        return !blackholes.isEmpty()
                || anyOut()
                || maxPeakUtil * Calendar.loadFactor(now) > 1.0
                || rate[CONGESTION] > 0;
    }

    private boolean anyOut() {
        for (int i = 0; i < failed.length; i++) {
            if (!usable(i)) {
                return true;
            }
        }
        return false;
    }

    private void integrateTo(Instant t) {
        long seconds = t.getEpochSecond() - integratedTo.getEpochSecond();
        if (seconds > 0) {
            double minutes = seconds / 60.0;
            for (int c = 0; c < impact.length; c++) {
                impact[c] += rate[c] * minutes;
            }
            if (slicesAffected) {
                sla.add(integratedTo, t, sliceUnavailable, sliceLate);
            }
            integratedTo = t;
        }
    }

    void recomputeRates() {
        rate = ratesNow();
    }

    /**
     * Customers out of service or outside their SLA right now, by cause; on the way, which slices
     * are unavailable and which are over their latency budget, for the SLA ledger.
     */
    private double[] ratesNow() {
        double[] r = new double[CAUSES.size()];
        double f = Calendar.loadFactor(now);
        boolean congested = maxPeakUtil * f > 1.0;
        Arrays.fill(sliceUnavailable, false);
        Arrays.fill(sliceLate, false);
        slicesAffected = false;
        if (blackholes.isEmpty() && !congested && !anyOut()) {
            return r;
        }
        int isolationCause = isolationCause();
        int[] aggs = topology.aggs;
        int[] sliceCause = new int[customers.slices.size()];
        boolean[] sliceHit = new boolean[customers.slices.size()];
        double perCell = spec.consumersPerCell();
        double[] lost = new double[CAUSES.size()];
        for (int ai = 0; ai < aggs.length; ai++) {
            int a = aggs[ai];
            Arrays.fill(lost, 0.0);
            int out = -1;
            if (!usable(a)) {
                out = causeOf(a);
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
                    lost[CONGESTION] += congestionShare(a, f);
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
                } else if (!usable(cell)) {
                    r[causeOf(cell)] += perCell;
                } else {
                    for (int c = 0; c < lost.length; c++) {
                        r[c] += perCell * lost[c];
                    }
                }
            }
            markSlices(ai, out >= 0 || blackholed, lost[CONGESTION] > 0);
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
        boolean served = usable(a) && routing.reachable(a);
        for (int s : customers.slicesOfAgg(ai)) {
            double budget = customers.slices.get(s).latencySlaMs();
            boolean late =
                    congested || served && routing.dist[a] * Customers.HOP_LATENCY_MS > budget;
            sliceUnavailable[s] |= unavailable;
            sliceLate[s] |= late && !unavailable;
            slicesAffected |= unavailable || late;
        }
    }

    private double congestionShare(int agg, double f) {
        return congestionShare(topology, shares(agg), routing.peakLoad, capacity, f);
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

    private int causeOf(int e) {
        if (failed[e]) {
            return FAILURE;
        }
        if (restarting[e]) {
            return RESTART;
        }
        return PLANNED_WORK;
    }

    private int isolationCause() {
        boolean work = false;
        boolean restart = false;
        for (int i = 0; i < failed.length; i++) {
            if (failed[i]) {
                return FAILURE;
            }
            work |= underWork[i] || drained[i];
            restart |= restarting[i];
        }
        return work || !restart ? PLANNED_WORK : RESTART;
    }

    // ---------------------------------------------------------------- telemetry

    private void emitTelemetry(TwinListener listener) {
        double f = Calendar.loadFactor(now);
        long at = now.getEpochSecond();
        int n = topology.size();
        boolean bad = badTelemetry.any();
        for (int e = 0; e < n; e++) {
            boolean emit = !(failed[e] || restarting[e] || underWork[e]);
            double traffic = routing.peakLoad[e] * f;
            double load = nominalPeak[e] > 0 ? Math.min(1.5, traffic / nominalPeak[e]) : 0.0;
            double util = topology.isLink(e) ? traffic / capacity[e] : 0.0;
            double heat = heat(regionOf[e], at);
            List<FaultRun> own = faultsOf.get(e);
            double[] lv = NO_FAULT;
            if (own != null) {
                Arrays.fill(levels, 0.0);
                for (FaultRun fault : own) {
                    int m = fault.mode.ordinal();
                    levels[m] = Math.max(levels[m], fault.level(now));
                }
                lv = levels;
            }
            double[] v = telemetry.sample(e, load, traffic, util, heat, lv, emit);
            if (v == null) {
                continue;
            }
            if (!bad) {
                remember(e, at, v);
                listener.onTelemetry(new TelemetrySample(topology.element(e).id(), now, v));
                continue;
            }
            Instant stamped = badTelemetry.atSensor(e, now, v, topology.element(e).id());
            remember(e, stamped.getEpochSecond(), v);
            badTelemetry.deliver(
                    e, new TelemetrySample(topology.element(e).id(), stamped, v), now, listener);
        }
        if (bad) {
            badTelemetry.release(now, listener);
        }
    }

    private double heat(int region, long at) {
        double h = 0.0;
        for (HeatwaveRun w : heatwaves) {
            if (w.region() == region && at >= w.from() && at < w.to()) {
                // the heat builds over the first hours and eases over the last
                double ramp = Math.min(1.0, Math.min(at - w.from(), w.to() - at) / 10_800.0);
                h += w.delta() * ramp;
            }
        }
        return h;
    }

    private void remember(int e, long at, double[] v) {
        if (recent[e] == null) {
            recent[e] = new double[WINDOW * METRICS];
            recentAt[e] = new long[WINDOW];
        }
        int slot = recentCount[e] % WINDOW;
        System.arraycopy(v, 0, recent[e], slot * METRICS, METRICS);
        recentAt[e][slot] = at;
        recentCount[e]++;
    }

    /** The element's last samples, oldest first. */
    List<TelemetrySample> recentSamples(int e, int count) {
        int have = Math.min(recentCount[e], WINDOW);
        int k = Math.max(0, Math.min(count, have));
        List<TelemetrySample> out = new ArrayList<>(k);
        ElementId id = topology.element(e).id();
        for (int i = recentCount[e] - k; i < recentCount[e]; i++) {
            int slot = i % WINDOW;
            double[] v = Arrays.copyOfRange(recent[e], slot * METRICS, (slot + 1) * METRICS);
            out.add(new TelemetrySample(id, Instant.ofEpochSecond(recentAt[e][slot]), v));
        }
        return out;
    }

    /**
     * The element's newest reading as it is, before its own stuck sensor or drifting clock: what a
     * neighbour's interface reads of a link. Empty before the first tick.
     */
    Optional<TelemetrySample> trueReading(int e) {
        Optional<TelemetrySample> t = badTelemetry.truth(e);
        if (t.isPresent()) {
            return t;
        }
        List<TelemetrySample> last = recentSamples(e, 1);
        return last.isEmpty() ? Optional.empty() : Optional.of(last.get(0));
    }

    // ---------------------------------------------------------------- outcome

    RunOutcome outcome() {
        Map<String, Double> byCause = new LinkedHashMap<>();
        double total = 0.0;
        for (int c = 0; c < CAUSES.size(); c++) {
            byCause.put(CAUSES.get(c), impact[c]);
            total += impact[c];
        }
        double ops = cost.values().stream().mapToDouble(Double::doubleValue).sum();
        return new RunOutcome(
                List.copyOf(failures),
                total,
                Map.copyOf(byCause),
                ops,
                Map.copyOf(cost),
                Map.copyOf(credits),
                dispatches,
                List.copyOf(falseDispatches),
                sla.statements(OperatorTwin.EPOCH, now));
    }

    double latentLevel(int e, Instant at) {
        double level = 0.0;
        for (FaultRun f : faultsOf(e)) {
            level = Math.max(level, f.level(at));
        }
        return level;
    }

    ElementKind kind(int e) {
        return topology.kind(e);
    }

    Map<Part, Integer> emptyParts() {
        Map<Part, Integer> m = new EnumMap<>(Part.class);
        for (Part p : Part.values()) {
            m.put(p, 0);
        }
        return m;
    }

    // ---------------------------------------------------------------- events

    sealed interface Event
            permits Fail, Deliver, JobStart, JobEnd, RestartEnd, SicknessKnown, DelayKnown, Wake {}

    record Fail(FaultRun fault) implements Event {}

    record Deliver(Stock.Order order) implements Event {}

    record JobStart(Workforce.Job job) implements Event {}

    record JobEnd(Workforce.Job job) implements Event {}

    record RestartEnd(int element) implements Event {}

    /** An ENGINEER_SICK becomes known (its notice before the window). */
    record SicknessKnown(Workforce.Sickness sickness) implements Event {}

    /** A windowed SUPPLIER_DELAY's window starts: orders due in it learn they will be late. */
    record DelayKnown(Stock.Delay delay) implements Event {}

    /** Nothing changes but a blackhole ends: the impact rate must be recomputed. */
    record Wake() implements Event {}

    /** Events at the same instant run in the order they were scheduled. */
    record Scheduled(Instant at, long seq, Event event) implements Comparable<Scheduled> {
        @Override
        public int compareTo(Scheduled o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    record Blackhole(int element, int cause, Instant until, double[] byAgg) {}

    record HeatwaveRun(int region, long from, long to, double delta) {}
}
