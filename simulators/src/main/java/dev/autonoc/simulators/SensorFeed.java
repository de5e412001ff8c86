package dev.autonoc.simulators;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.core.telemetry.TelemetrySample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The elements' sensors on each telemetry tick: what each reads given its load, the weather and the
 * latent level of its faults ({@link TelemetryModel}), passed through the bad-telemetry faults on
 * the way out; and each element's last {@link #WINDOW} samples, as its sensors stamped them, for
 * the inventory's telemetry reads.
 */
final class SensorFeed {

    /** Samples kept per element: a day at the default five-minute tick. */
    static final int WINDOW = 288;

    private static final int METRICS = Metric.values().length;
    private static final double[] NO_FAULT = new double[FailureMode.values().length];

    private final World world;
    private final Topology topology;
    private final TelemetryModel telemetry;
    private final BadTelemetry badTelemetry;

    /** Each element's peak load with everything in service, to scale its own sensors. */
    private final double[] nominalPeak;

    private final double[] levels = new double[FailureMode.values().length];
    private final List<HeatwaveRun> heatwaves = new ArrayList<>();
    private final int[] regionOf;
    private final double[] scratch = new double[METRICS];
    private final double[] heatOfRegion = new double[Topology.REGIONS.size()];

    // the last WINDOW samples of every element, slot by slot of the ring: ring[k] holds every
    // element's k-th sample side by side (METRICS values from e * METRICS), ringAt[k] their stamps.
    // A tick writes all elements at (nearly always) the same slot, so its writes run through one
    // array in order; kept per element instead, each sample's write landed in a different array
    // of 23 KB and missed the cache (an eighth of a national run's CPU)
    private final double[][] ring = new double[WINDOW][];
    private final long[][] ringAt = new long[WINDOW][];
    private final int[] recentCount;

    SensorFeed(
            World world,
            SplittableRandom baselines,
            SplittableRandom noise,
            SplittableRandom weatherRng) {
        this.world = world;
        this.topology = world.topology;
        int n = topology.size();
        boolean[] all = new boolean[n];
        Arrays.fill(all, true);
        nominalPeak = Routing.compute(topology, all).peakLoad.clone();
        telemetry = new TelemetryModel(topology, baselines, noise);
        badTelemetry = new BadTelemetry(world.spec, topology);
        recentCount = new int[n];
        regionOf = new int[n];
        for (int i = 0; i < n; i++) {
            regionOf[i] = Topology.REGIONS.indexOf(topology.element(i).region());
        }
        Instant start = world.spec.start();
        for (Disturbance d : world.spec.disturbances()) {
            if (d instanceof Disturbance.Heatwave h) {
                double delta = 6.0 + 6.0 * weatherRng.nextDouble();
                heatwaves.add(
                        new HeatwaveRun(
                                Topology.REGIONS.indexOf(h.region()),
                                start.plus(h.from()).getEpochSecond(),
                                start.plus(h.to()).getEpochSecond(),
                                delta));
            }
        }
    }

    /** One tick's samples (and alarms from bad telemetry) at {@code now}, to {@code listener}. */
    void emit(Instant now, TwinListener listener) {
        ElementStates states = world.states;
        Routing routing = world.routing;
        double[] capacity = world.capacity;
        double f = Calendar.loadFactor(now);
        long at = now.getEpochSecond();
        int n = topology.size();
        boolean bad = badTelemetry.any();
        boolean wanted = listener.wantsTelemetry();
        // the weather is a region's, the same for each of its elements: worked out once a tick
        for (int r = 0; r < heatOfRegion.length; r++) {
            heatOfRegion[r] = heat(r, at);
        }
        for (int e = 0; e < n; e++) {
            boolean emit = states.reporting(e);
            double traffic = routing.peakLoad[e] * f;
            double load = nominalPeak[e] > 0 ? Math.min(1.5, traffic / nominalPeak[e]) : 0.0;
            double util = topology.isLink(e) ? traffic / capacity[e] : 0.0;
            int region = regionOf[e];
            double heat = region >= 0 ? heatOfRegion[region] : 0.0; // as heat(-1, at)
            List<FaultRun> own = world.faultsOf(e);
            double[] lv = NO_FAULT;
            if (!own.isEmpty()) {
                Arrays.fill(levels, 0.0);
                for (FaultRun fault : own) {
                    int m = fault.mode.ordinal();
                    levels[m] = Math.max(levels[m], fault.level(now));
                }
                lv = levels;
            }
            // a listener that reads no telemetry gets no sample: the readings go to the memory
            // of the last day only, through one scratch array
            double[] v = wanted || bad ? new double[METRICS] : scratch;
            if (!telemetry.sample(e, load, traffic, util, heat, lv, emit, v)) {
                continue;
            }
            if (!bad) {
                remember(e, at, v);
                if (wanted) {
                    listener.onTelemetry(new TelemetrySample(topology.element(e).id(), now, v));
                }
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
        int slot = recentCount[e] % WINDOW;
        double[] values = ring[slot];
        if (values == null) {
            values = ring[slot] = new double[topology.size() * METRICS];
            ringAt[slot] = new long[topology.size()];
        }
        System.arraycopy(v, 0, values, e * METRICS, METRICS);
        ringAt[slot][e] = at;
        recentCount[e]++;
    }

    /** The element's newest reading before its own bad data: see {@link World#trueReading}. */
    Optional<TelemetrySample> trueReading(int e) {
        Optional<TelemetrySample> t = badTelemetry.truth(e);
        if (t.isPresent()) {
            return t;
        }
        List<TelemetrySample> last = recentSamples(e, 1);
        return last.isEmpty() ? Optional.empty() : Optional.of(last.get(0));
    }

    /** The element's last samples, oldest first. */
    List<TelemetrySample> recentSamples(int e, int count) {
        int have = Math.min(recentCount[e], WINDOW);
        int k = Math.max(0, Math.min(count, have));
        List<TelemetrySample> out = new ArrayList<>(k);
        ElementId id = topology.element(e).id();
        for (int i = recentCount[e] - k; i < recentCount[e]; i++) {
            int slot = i % WINDOW;
            double[] v = Arrays.copyOfRange(ring[slot], e * METRICS, (e + 1) * METRICS);
            out.add(new TelemetrySample(id, Instant.ofEpochSecond(ringAt[slot][e]), v));
        }
        return out;
    }

    record HeatwaveRun(int region, long from, long to, double delta) {}
}
