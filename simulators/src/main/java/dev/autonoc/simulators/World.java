package dev.autonoc.simulators;

import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.Part;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The state of the simulated operator and the discrete-event loop that moves it: a priority queue
 * of timed events (failures, deliveries, job starts and ends, restarts, the end of a convergence)
 * interleaved with telemetry ticks on the simulated clock, and the state changes the events make.
 * Its parts: which elements are out and why ({@link ElementStates}), the customer impact integrated
 * between consecutive events and ticks ({@link ImpactMeter}), the sensors and their recent samples
 * ({@link SensorFeed}), what the run cost and did ({@link OutcomeTally}); stock and workforce are
 * {@link Stock} and {@link Workforce}. Single-threaded; the twin serialises access.
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
    static final int WINDOW = SensorFeed.WINDOW;

    final TwinSpec spec;
    final Topology topology;
    final double[] capacity;

    private final long tickSeconds;
    private Instant now;
    private Instant lastTick;
    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>();
    private long seq;

    /** Which elements are out of service and why; the adapters read them. */
    final ElementStates states;

    Routing routing;
    private double maxPeakUtil;
    private final Map<Integer, Map<Integer, Double>> sharesCache = new HashMap<>();

    final List<FaultRun> faults;
    private final List<List<FaultRun>> faultsOf;

    final Stock stock;
    final Workforce workforce;
    final Customers customers;
    final SlaLedger sla;
    final OutcomeTally tally;
    private final ImpactMeter impact;
    private final SensorFeed sensors;
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
        this.now = spec.start();
        this.lastTick = spec.start();
        int n = topology.size();
        this.capacity = Routing.planCapacities(topology);
        states = new ElementStates(n);
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
        tally = new OutcomeTally(topology);
        stock = new Stock(this, spec);
        workforce = new Workforce(this, spec, workforceRng);
        customers = new Customers(topology, spec, customerRng);
        sla = new SlaLedger(customers.slices);
        sensors = new SensorFeed(this, baselines, noise, weatherRng);
        impact = new ImpactMeter(this, spec.start());
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
                impact.integrateTo(next.at());
                now = next.at();
                handle(next.event());
                flushAlarms(listener);
                recomputeRates();
            } else if (!nextTick.isAfter(until)) {
                impact.integrateTo(nextTick);
                now = nextTick;
                lastTick = nextTick;
                sensors.emit(now, listener);
                if (impact.needsRates(Calendar.loadFactor(now))) {
                    recomputeRates();
                }
            } else {
                break;
            }
        }
        impact.integrateTo(until);
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
            impact.endBlackholes(now);
        }
    }

    // ---------------------------------------------------------------- state changes

    boolean usable(int e) {
        return states.usable(e);
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
        impact.endBlackholes(now);
    }

    /** Traffic through {@code e}, leaving service now undrained, is lost until {@code until}. */
    private void blackhole(int e, int cause, Instant until) {
        if (impact.blackhole(e, cause, until)) {
            schedule(until, new Wake());
        }
    }

    /** Each element's share of the site {@code agg}'s traffic, under the current routing. */
    Map<Integer, Double> shares(int agg) {
        return sharesCache.computeIfAbsent(agg, routing::shares);
    }

    private void fail(FaultRun f) {
        if (f.repairedAt != null || f.mending) {
            return;
        }
        f.failedAt = now;
        tally.failed(f, now);
        int e = f.element;
        if (!states.isFailed(e)) {
            blackhole(e, FAILURE, now.plusSeconds(tickSeconds));
            states.setFailed(e, true);
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
        if (states.isFailed(e) && !stillDown) {
            states.setFailed(e, false);
            if (states.isRestarting(e)) {
                states.upWhenRestarted(e);
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
        tally.dispatched(job, hasActiveFault(e), now);
        if (job.part != null && stock.takeFromSite(job.site, job.part)) {
            for (FaultRun f : faultsOf(e)) {
                if (f.activeAt(now) && f.mode.part().orElse(null) == job.part) {
                    f.mending = true;
                    job.mends.add(f);
                }
            }
        }
        blackhole(e, PLANNED_WORK, job.end);
        states.setUnderWork(e, true);
        reroute();
    }

    private void endJob(Workforce.Job job) {
        if (job.cancelled()) {
            return;
        }
        int e = job.element;
        states.setUnderWork(e, false);
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
        if (states.isRestarting(e)) {
            throw new TwinRefusal(topology.element(e).id() + " is restarting already");
        }
        if (states.isUnderWork(e)) {
            throw new TwinRefusal(
                    topology.element(e).id() + " is under work on site; restart it after the job");
        }
        blackhole(e, RESTART, now.plus(RESTART_DOWNTIME));
        for (FaultRun f : faultsOf(e)) {
            if (f.mode == FailureMode.MEMORY_LEAK && f.activeAt(now)) {
                f.repairedAt = now;
            }
        }
        Instant end = now.plus(RESTART_DOWNTIME);
        states.startRestart(e, end);
        repaired(e, "restarted");
        schedule(end, new RestartEnd(e));
        reroute();
        recomputeRates();
        return end;
    }

    private void endRestart(int e) {
        if (states.endRestart(e)) {
            pendingAlarms.add(
                    new Alarm(topology.element(e).id(), now, Alarm.Kind.ELEMENT_UP, "restarted"));
        }
        reroute();
    }

    /** Drains an element; answers the traffic moved off it (Gbps now). */
    double drain(int e) {
        if (states.isDrained(e)) {
            return 0.0;
        }
        double moved = trafficNow(e);
        states.setDrained(e, true);
        reroute();
        recomputeRates();
        return moved;
    }

    double undrain(int e) {
        if (!states.isDrained(e)) {
            return 0.0;
        }
        states.setDrained(e, false);
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
        tally.addCost(kind, gbp);
    }

    /** The highest utilisation of any link at the evening peak, under the current routing. */
    double maxPeakUtil() {
        return maxPeakUtil;
    }

    void recomputeRates() {
        impact.recomputeRates(now);
    }

    // ---------------------------------------------------------------- reads

    /** The element's last samples, oldest first. */
    List<TelemetrySample> recentSamples(int e, int count) {
        return sensors.recentSamples(e, count);
    }

    /**
     * The element's newest reading as it is, before its own stuck sensor or drifting clock: what a
     * neighbour's interface reads of a link. Empty before the first tick.
     */
    Optional<TelemetrySample> trueReading(int e) {
        return sensors.trueReading(e);
    }

    /** The run's outcome so far. */
    RunOutcome outcome() {
        double[] byCause = new double[CAUSES.size()];
        for (int c = 0; c < byCause.length; c++) {
            byCause[c] = impact.impact(c);
        }
        return tally.outcome(byCause, sla.statements(spec.start(), now));
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
}
