package dev.autonoc.predictor;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.telemetry.Metric;
import java.util.Arrays;
import java.util.List;

/**
 * The running state of one element, kept in primitive arrays and updated in place: per metric, the
 * exponentially weighted means over 1 h, 6 h and 24 h, the 7-day baseline and the long-term level
 * (its first day's mean, then 30 days), the jitter, a decayed spike count, the hourly snapshots the
 * slopes read, the scale of a relative metric and the load model; per element, the smoothed load,
 * the topology's state and the movement bound.
 *
 * <p>Every feature is linear in this state between two hourly snapshots (the scale of a relative
 * metric is fixed from one snapshot to the next), so each update knows exactly how far each of the
 * element's own features moved, and adds to {@link #movement} a bound on how far that can have
 * moved the failure model's score ({@link FeatureExtractor#track}); what the others' moves do to
 * its peer features, its {@link PeerGroup} counts once per tick.
 *
 * <p>Longer than 500 lines on purpose: the field layout, the in-place updates (the full one and the
 * lean one that keeps only what the served models read) and the movement coefficients they feed are
 * one invariant (each update must add exactly what it moved to the bound {@code SkipBoundTest}
 * proves); split across files, a new field could be updated without its coefficient.
 */
final class ElementFeatures {

    // per-metric fields in s
    static final int E1 = 0;
    static final int E6 = 1;
    static final int E24 = 2;
    static final int BASE = 3;
    static final int JIT = 4;
    static final int SPK = 5;
    static final int SCALE = 6;
    static final int LM_MY = 7;
    static final int LM_CXY = 8;
    // the snapshots the slopes read now: the 1 h mean 6 h ago, the 6 h mean 24 h ago
    static final int SNAP1_6H_AGO = 9;
    static final int SNAP6_24H_AGO = 10;
    // the long-term level: the mean of the first day, then a 30-day EWMA
    static final int LONG = 11;
    static final int FIELDS = 12;

    // per-metric longs in h: samples taken, the hour of the last snapshot and of the first sample,
    // and whether the 6 h and 24 h slopes have their snapshot (1) or not (0)
    static final int N = 0;
    static final int LAST_HOUR = 1;
    static final int FIRST_HOUR = 2;
    static final int SLOPE6_READY = 3;
    static final int SLOPE24_READY = 4;
    static final int H_FIELDS = 5;

    /** Own values per metric, as the movement coefficients are laid out. */
    static final int OWN_LEVEL_1H = 0;

    static final int OWN_LEVEL_24H = 1;
    static final int OWN_DEV_6H = 2;
    static final int OWN_DEV_24H = 3;
    static final int OWN_SLOPE_6H = 4;
    static final int OWN_SLOPE_24H = 5;
    static final int OWN_JITTER = 6;
    static final int OWN_SPIKES = 7;
    static final int OWN_DEV_LONG = 8;
    static final int OWN_KINDS = 9;

    /** A metric's update in full: every feature of it is kept. */
    static final byte FULL = 0;

    /**
     * Only the 1 h and 6 h means and the baseline (and the scale, and the snapshots): the 1 h level
     * and the 6 h deviation from baseline (and whether the element is drained, for the traffic)
     * come out as in full; the metric's other features are left stale and its peer sums are not
     * kept. For a served extractor whose models read nothing else of it.
     */
    static final byte LEAN = 1;

    /** Not updated at all: no model reads any feature of the metric. */
    static final byte SKIP = 2;

    static final int SNAPSHOT_HOURS = 26;
    static final long NONE = Long.MIN_VALUE;

    /** A sample further than this many jitters from the 1 h mean is a spike. */
    private static final double SPIKE_JITTERS = 5.0;

    /** The load model trusts its slope fully after a day of 5-minute samples. */
    private static final double LOAD_TRUST_SAMPLES = 288.0;

    final int index;
    final Element element;
    final ElementId id;
    final Family family;
    final PeerGroup group;
    final int metricCount;
    // the family's, shared by its elements (read every sample: one copy stays in cache)
    final MetricScale[] scales;
    final int[] ordinals;
    final boolean[] relative;
    // the slot of cpu_util_pct (the load the element's sensors follow) and of traffic_gbps, or -1
    final int cpu;
    final int traffic;

    // what every sample reads and writes: the FIELDS doubles of each metric in s, and its counts
    // and hours in h (H_FIELDS longs from i * H_FIELDS). Two arrays made one after the other, not
    // one per field: a sample's update then reads a few neighbouring cache lines per element,
    // where nine small arrays cost a cache miss each (2,430 elements' state does not stay in cache)
    final double[] s;
    final long[] h;
    // where this element's state starts in s and h: the extractor's arrays hold every element's
    // state one after the other in the order the network sends its samples, so a tick's updates
    // run through memory in order and the hardware prefetches the next element's state; arrays
    // of their own per element lay 2,430 small states wherever the heap put them
    final int so;
    final int ho;
    // where this element's metrics start in each hour's row of snapHour, snap1 and snap6 (shared
    // likewise, apart from the hot state: they are read once an hour), and the length of a row
    // (FeatureSlab: hour first)
    final int sno;
    final int snapRow;
    // the hourly snapshots, read once an hour: apart, so as not to spread the hot state
    final long[] snapHour;
    final double[] snap1;
    final double[] snap6;

    long firstAt = NONE;
    long lastAt = NONE;
    long lastDt = 300;
    double load;
    long loadSamples;
    // the load model's regressor, shared by every metric it explains: its mean and variance over
    // about two days, and the reference load the correction is taken against
    long loadModelSamples;
    double loadMean;
    double loadVariance;
    double loadReference;

    /** A down alarm has come and no up alarm since. */
    boolean down;

    /**
     * {@link #drained}'s answer at {@link FeatureExtractor#DRAINED_SHARE}, kept as the traffic
     * moves: the tick asks it of every element, and its state is in cache only while a sample is
     * taken in.
     */
    boolean drainedNow;

    /** 1 while an element within two hops is out of service, decaying after. */
    double neighbourOut;

    long nearOutAt = NONE;

    /** The movement bound so far (grows only; the predictor reads differences). */
    double movement;

    // movement coefficients of the family's model, or null while untracked
    double[] ownCoef;
    // per metric, how its update is cut (FULL, LEAN, SKIP), or null: every metric in full
    // (FeatureExtractor#plan; the family's, shared by its elements)
    byte[] plan;
    double contextCoef;

    /**
     * An element whose state lives in {@code slab}, after the elements made before it: the
     * extractor lays every element's state out one after the other in the network's order, the
     * order samples come in.
     */
    ElementFeatures(int index, Element element, Family family, PeerGroup group, FeatureSlab slab) {
        this.index = index;
        this.element = element;
        this.id = element.id();
        this.family = family;
        this.group = group;
        List<Metric> metrics = family.metrics();
        metricCount = metrics.size();
        scales = family.scales();
        ordinals = family.ordinals();
        relative = family.relative();
        cpu = family == Family.NODE ? metrics.indexOf(Metric.CPU_UTIL_PCT) : -1;
        traffic = metrics.indexOf(Metric.TRAFFIC_GBPS);
        s = slab.s;
        so = slab.nextS;
        h = slab.h;
        ho = slab.nextH;
        snapHour = slab.snapHour;
        snap1 = slab.snap1;
        snap6 = slab.snap6;
        sno = slab.nextSnap;
        snapRow = slab.metrics;
        slab.nextS += metricCount * FIELDS;
        slab.nextH += metricCount * H_FIELDS;
        slab.nextSnap += metricCount;
        fresh();
    }

    /**
     * Adds ({@code sign} +1) the element, and its own values of every metric that has had a sample,
     * to {@code g}'s counts and sums, or takes them out (-1).
     */
    void countIn(PeerGroup g, int sign, double[] scratch) {
        for (int i = 0; i < metricCount; i++) {
            if (inGroup(i)) {
                own(i, scratch);
                g.add(i, scratch, sign);
                g.countChanged(i, sign);
            }
        }
    }

    /** Whether metric {@code i} has had a sample, so its own values are in the peer sums. */
    boolean inGroup(int i) {
        return h[ho + i * H_FIELDS + N] > 0;
    }

    private void fresh() {
        Arrays.fill(s, so, so + metricCount * FIELDS, 0.0);
        for (int row = 0; row < SNAPSHOT_HOURS; row++) {
            int from = row * snapRow + sno;
            Arrays.fill(snapHour, from, from + metricCount, NONE);
        }
        for (int i = 0; i < metricCount; i++) {
            int q = ho + i * H_FIELDS;
            h[q + N] = 0L;
            h[q + LAST_HOUR] = NONE;
            h[q + FIRST_HOUR] = NONE;
            h[q + SLOPE6_READY] = 0L;
            h[q + SLOPE24_READY] = 0L;
        }
        load = 0.0;
        loadSamples = 0;
        loadModelSamples = 0;
        loadMean = 0.0;
        loadVariance = 0.0;
        loadReference = 0.0;
        drainedNow = false;
    }

    /** Forgets the element's history; its values leave the peer sums. */
    void reset(double[] scratch) {
        countIn(group, -1, scratch);
        fresh();
        firstAt = NONE;
        // keep lastAt: a sample older than the reset must still not count
    }

    /**
     * Takes one sample (values indexed by metric ordinal), whose time is {@code at} seconds, into
     * every metric's state. The caller has checked it is newer than the last.
     */
    void observe(double[] values, long at, SmoothingWeights a, double[] scratch) {
        long dt = lastAt == NONE ? 0 : at - lastAt;
        if (firstAt == NONE) {
            firstAt = at;
        }
        if (lastAt != NONE && dt > 0) {
            lastDt = dt;
        }
        lastAt = at;
        long hour = Math.floorDiv(at, 3600L);
        double x = Double.NaN;
        if (cpu >= 0) {
            double c = values[ordinals[cpu]];
            if (Double.isFinite(c)) {
                loadSamples++;
                load =
                        loadSamples == 1
                                ? c
                                : load + Math.max(a.load, 1.0 / loadSamples) * (c - load);
                x = load;
            }
        }
        // the load model's shared part: the regressor's mean and variance
        double w = 0.0;
        double dx = 0.0;
        double slopePerCovariance = 0.0;
        boolean adjust = !Double.isNaN(x);
        boolean first = false;
        if (adjust) {
            long k = ++loadModelSamples;
            if (k == 1) {
                loadMean = x;
                loadReference = x;
                loadVariance = 0.0;
                first = true;
            } else {
                w = Math.max(a.loadSlope, 1.0 / k);
                // the reference load is the element's week, not the two days the slope is learnt
                // on: a lasting reroute would otherwise fade out of the correction within a day or
                // two. While a neighbour is out of service it holds still: the load that neighbour
                // pushed here is exactly what the correction takes out, and a reference chasing it
                // would let it back in
                if (neighbourOut == 0.0) {
                    loadReference += Math.max(a.baseline, 1.0 / k) * (x - loadReference);
                }
                dx = x - loadMean;
                loadMean += w * dx;
                loadVariance = (1 - w) * (loadVariance + w * dx * dx);
                // a few hours of one load level say little of the slope: trust it in over a day
                slopePerCovariance =
                        loadVariance > 1e-12
                                ? Math.min(1.0, (k - 1) / LOAD_TRUST_SAMPLES) / loadVariance
                                : 0.0;
            }
        }
        byte[] cut = plan;
        for (int i = 0; i < metricCount; i++) {
            byte how = cut == null ? FULL : cut[i];
            if (how == SKIP) {
                continue;
            }
            double raw = values[ordinals[i]];
            if (Double.isNaN(raw) || Double.isInfinite(raw)) {
                continue;
            }
            double y = scales[i].transform(raw);
            if (adjust && i != cpu && i != traffic) {
                y = adjustForLoad(i, x, y, w, dx, slopePerCovariance, first);
            }
            if (how == FULL) {
                update(i, y, hour, a, scratch);
            } else {
                updateLean(i, y, hour, a, scratch);
            }
        }
        if (traffic >= 0) {
            drainedNow = drained(FeatureExtractor.DRAINED_SHARE);
        }
    }

    /**
     * How much of a node metric the element's own load explains. Temperature, fan speed, ripple and
     * memory follow load: through the daily cycle, and when a neighbour fails and its traffic moves
     * here. The load is the element's own CPU use (smoothed over about half an hour): it follows
     * the traffic the box really forwards, up to where it saturates, which the traffic in Gbps does
     * not show (a router taking twice its peak forwards no more than its hardware allows). An
     * exponentially weighted regression of the metric on that load over two days learns each
     * element's slope; the features then read the metric less what the load explains.
     */
    private double adjustForLoad(
            int i,
            double x,
            double y,
            double w,
            double dx,
            double slopePerCovariance,
            boolean first) {
        int o = so + i * FIELDS;
        if (first) {
            s[o + LM_MY] = y;
            s[o + LM_CXY] = 0.0;
            return y;
        }
        double dy = y - s[o + LM_MY];
        s[o + LM_MY] += w * dy;
        double cxy = (1 - w) * (s[o + LM_CXY] + w * dx * dy);
        s[o + LM_CXY] = cxy;
        return y - cxy * slopePerCovariance * (x - loadReference);
    }

    /**
     * An average's weight for the {@code k}-th sample: while warming up (1/k above the baseline's
     * weight, the smallest) at least 1/k, so that each average is the plain mean of what was seen.
     */
    private static double weight(double alpha, long k, SmoothingWeights a) {
        return k * a.baseline < 1.0 ? Math.max(alpha, 1.0 / k) : alpha;
    }

    /** A metric's first sample: every level starts at it, the rest at 0. */
    private void first(int i, double y, long hour) {
        int o = so + i * FIELDS;
        s[o + E1] = y;
        s[o + E6] = y;
        s[o + E24] = y;
        s[o + BASE] = y;
        s[o + LONG] = y;
        s[o + JIT] = 0.0;
        s[o + SPK] = 0.0;
        s[o + SCALE] = scaleOf(i, y);
        h[ho + i * H_FIELDS + FIRST_HOUR] = hour;
        // its own values are all 0 but the levels, which the peer sums do not hold
        group.countChanged(i, +1);
    }

    private void update(int i, double y, long hour, SmoothingWeights a, double[] scratch) {
        int o = so + i * FIELDS;
        int q = ho + i * H_FIELDS;
        long k = ++h[q + N];
        if (k == 1) {
            first(i, y, hour);
            return;
        }
        double e1 = s[o + E1];
        double jit = s[o + JIT];
        double d = y - e1;
        double ad = Math.abs(d);
        // a spike is judged against the state before this sample
        boolean spike = k > 12 && ad > SPIKE_JITTERS * Math.max(jit, 1e-3 * Math.abs(e1) + 1e-9);
        double a1 = weight(a.h1, k, a);
        double a6 = weight(a.h6, k, a);
        double a24 = weight(a.h24, k, a);
        double ab = weight(a.baseline, k, a);
        double de1 = a1 * d;
        double dj = a1 * (ad - jit);
        double de6 = a6 * (y - s[o + E6]);
        double de24 = a24 * (y - s[o + E24]);
        double db = ab * (y - s[o + BASE]);
        // the long-term level is the plain mean over the element's first day, then slow
        double dl = (k * a.dayShare < 1.0 ? 1.0 / k : a.longTerm) * (y - s[o + LONG]);
        double dsp = s[o + SPK] * (a.spikeDecay - 1.0) + (spike ? 1.0 : 0.0);
        s[o + E1] = e1 + de1;
        s[o + JIT] = jit + dj;
        s[o + E6] += de6;
        s[o + E24] += de24;
        s[o + BASE] += db;
        s[o + LONG] += dl;
        s[o + SPK] += dsp;

        double sc = s[o + SCALE];
        double dDev6 = sc * (de6 - db);
        double dDev24 = sc * (de24 - db);
        double dLong = sc * (de6 - dl);
        double dS6 = h[q + SLOPE6_READY] != 0 ? sc * de1 / 6.0 : 0.0;
        double dS24 = h[q + SLOPE24_READY] != 0 ? sc * de6 : 0.0;
        double dJ = sc * dj;
        int g = i * PeerGroup.KINDS;
        double[] sum = group.sum;
        sum[g + PeerGroup.DEV_6H] += dDev6;
        sum[g + PeerGroup.DEV_24H] += dDev24;
        sum[g + PeerGroup.SLOPE_6H] += dS6;
        sum[g + PeerGroup.SLOPE_24H] += dS24;
        sum[g + PeerGroup.JITTER] += dJ;
        sum[g + PeerGroup.DEV_LONG] += dLong;
        double[] r = group.reach;
        if (r != null) {
            // the own and peer movement of each change in one weight (PeerGroup.reweigh), summed
            // pairwise: the additions do not wait on each other
            int c = i * PeerGroup.REACH;
            movement +=
                    ((r[c + PeerGroup.R_LEVEL_1H] * Math.abs(de1)
                                            + r[c + PeerGroup.R_LEVEL_24H] * Math.abs(de24))
                                    + (r[c + PeerGroup.R_DEV_6H] * Math.abs(dDev6)
                                            + r[c + PeerGroup.R_DEV_24H] * Math.abs(dDev24)))
                            + ((r[c + PeerGroup.R_SPIKES] * Math.abs(dsp)
                                            + r[c + PeerGroup.R_DEV_LONG] * Math.abs(dLong))
                                    + (r[c + PeerGroup.R_SLOPE_6H] * Math.abs(dS6)
                                            + r[c + PeerGroup.R_SLOPE_24H] * Math.abs(dS24)))
                            + r[c + PeerGroup.R_JITTER] * Math.abs(dJ);
        }
        // the first hour's means stand on a few samples: a slope from them would be noise
        if (hour != h[q + LAST_HOUR] && hour > h[q + FIRST_HOUR]) {
            snapshot(i, hour, scratch);
        }
    }

    /**
     * {@link #update} cut to the 1 h and 6 h means and the baseline ({@link #LEAN}): the same
     * expressions for those, so the same bits; the jitter, the spikes, the 24 h mean, the long-term
     * level and the peer sums are not kept. The movement counts the two features left (the others'
     * weights are 0: their terms added nothing).
     */
    private void updateLean(int i, double y, long hour, SmoothingWeights a, double[] scratch) {
        int o = so + i * FIELDS;
        int q = ho + i * H_FIELDS;
        long k = ++h[q + N];
        if (k == 1) {
            first(i, y, hour);
            return;
        }
        double a1 = weight(a.h1, k, a);
        double a6 = weight(a.h6, k, a);
        double ab = weight(a.baseline, k, a);
        double e1 = s[o + E1];
        double de1 = a1 * (y - e1);
        double de6 = a6 * (y - s[o + E6]);
        double db = ab * (y - s[o + BASE]);
        s[o + E1] = e1 + de1;
        s[o + E6] += de6;
        s[o + BASE] += db;
        double[] r = group.reach;
        if (r != null) {
            int c = i * PeerGroup.REACH;
            double dDev6 = s[o + SCALE] * (de6 - db);
            movement +=
                    r[c + PeerGroup.R_LEVEL_1H] * Math.abs(de1)
                            + r[c + PeerGroup.R_DEV_6H] * Math.abs(dDev6);
        }
        if (hour != h[q + LAST_HOUR] && hour > h[q + FIRST_HOUR]) {
            snapshot(i, hour, scratch);
        }
    }

    /**
     * The hourly snapshot the slopes read, and the scale of a relative metric fixed for the hour to
     * come. Both change the element's own values at once: the change is added to the peer sums and
     * to the movement like any other.
     */
    private void snapshot(int i, long hour, double[] scratch) {
        int o = so + i * FIELDS;
        own(i, scratch);
        double[] before = scratch;
        double b0 = before[OWN_DEV_6H];
        double b1 = before[OWN_DEV_24H];
        double b2 = before[OWN_SLOPE_6H];
        double b3 = before[OWN_SLOPE_24H];
        double b4 = before[OWN_JITTER];
        double b5 = before[OWN_DEV_LONG];
        int slot = snapshotSlot(i, hour);
        snapHour[slot] = hour;
        snap1[slot] = s[o + E1];
        snap6[slot] = s[o + E6];
        int q = ho + i * H_FIELDS;
        h[q + LAST_HOUR] = hour;
        int at6 = snapshotAt(i, hour - 6);
        int at24 = snapshotAt(i, hour - 24);
        h[q + SLOPE6_READY] = at6 >= 0 ? 1L : 0L;
        h[q + SLOPE24_READY] = at24 >= 0 ? 1L : 0L;
        s[o + SNAP1_6H_AGO] = at6 >= 0 ? snap1[at6] : 0.0;
        s[o + SNAP6_24H_AGO] = at24 >= 0 ? snap6[at24] : 0.0;
        s[o + SCALE] = scaleOf(i, s[o + BASE]);
        own(i, scratch);
        double dDev6 = scratch[OWN_DEV_6H] - b0;
        double dDev24 = scratch[OWN_DEV_24H] - b1;
        double dS6 = scratch[OWN_SLOPE_6H] - b2;
        double dS24 = scratch[OWN_SLOPE_24H] - b3;
        double dJ = scratch[OWN_JITTER] - b4;
        double dLong = scratch[OWN_DEV_LONG] - b5;
        int g = i * PeerGroup.KINDS;
        double[] sum = group.sum;
        sum[g + PeerGroup.DEV_6H] += dDev6;
        sum[g + PeerGroup.DEV_24H] += dDev24;
        sum[g + PeerGroup.SLOPE_6H] += dS6;
        sum[g + PeerGroup.SLOPE_24H] += dS24;
        sum[g + PeerGroup.JITTER] += dJ;
        sum[g + PeerGroup.DEV_LONG] += dLong;
        if (ownCoef != null) {
            int c = i * OWN_KINDS;
            movement +=
                    ownCoef[c + OWN_DEV_6H] * Math.abs(dDev6)
                            + ownCoef[c + OWN_DEV_24H] * Math.abs(dDev24)
                            + ownCoef[c + OWN_DEV_LONG] * Math.abs(dLong)
                            + group.movement(i, dDev6, dDev24, dS6, dS24, dJ, dLong);
        }
    }

    /** The slot of metric {@code i}'s snapshot of {@code hour}, or -1 if it has none. */
    private int snapshotAt(int i, long hour) {
        int slot = snapshotSlot(i, hour);
        return snapHour[slot] == hour ? slot : -1;
    }

    /** Where metric {@code i}'s snapshot of {@code hour} goes: its place in the hour's row. */
    private int snapshotSlot(int i, long hour) {
        return (int) Math.floorMod(hour, (long) SNAPSHOT_HOURS) * snapRow + sno + i;
    }

    /** Deviations of relative metrics are read in percent of the baseline at the last snapshot. */
    private double scaleOf(int i, double baseline) {
        return relative[i] ? 100.0 / Math.max(Math.abs(baseline), 1e-9) : 1.0;
    }

    /** Metric {@code i}'s own values, laid out as {@link #OWN_LEVEL_1H} and the rest. */
    void own(int i, double[] out) {
        if (h[ho + i * H_FIELDS + N] == 0) {
            Arrays.fill(out, 0, OWN_KINDS, 0.0);
            return;
        }
        int o = so + i * FIELDS;
        double sc = s[o + SCALE];
        out[OWN_LEVEL_1H] = s[o + E1];
        out[OWN_LEVEL_24H] = s[o + E24];
        out[OWN_DEV_6H] = sc * (s[o + E6] - s[o + BASE]);
        out[OWN_DEV_24H] = sc * (s[o + E24] - s[o + BASE]);
        out[OWN_SLOPE_6H] = ownSlope6(i);
        out[OWN_SLOPE_24H] = ownSlope24(i);
        out[OWN_JITTER] = sc * s[o + JIT];
        out[OWN_SPIKES] = s[o + SPK];
        out[OWN_DEV_LONG] = sc * (s[o + E6] - s[o + LONG]);
    }

    /** Change of the 1 h mean over the last 6 h, per hour. */
    double ownSlope6(int i) {
        if (h[ho + i * H_FIELDS + SLOPE6_READY] == 0) {
            return 0.0;
        }
        int o = so + i * FIELDS;
        return s[o + SCALE] * (s[o + E1] - s[o + SNAP1_6H_AGO]) / 6.0;
    }

    /** Change of the 6 h mean over the last 24 h, per day. */
    double ownSlope24(int i) {
        if (h[ho + i * H_FIELDS + SLOPE24_READY] == 0) {
            return 0.0;
        }
        int o = so + i * FIELDS;
        return s[o + SCALE] * (s[o + E6] - s[o + SNAP6_24H_AGO]);
    }

    /**
     * One feature of the extractor's vector, without building the vector: {@code kind} a {@link
     * FeatureKind} ordinal of metric {@code i}.
     */
    double feature(int i, int kind) {
        if (h[ho + i * H_FIELDS + N] == 0) {
            return 0.0;
        }
        int o = so + i * FIELDS;
        double sc = s[o + SCALE];
        return switch (kind) {
            case 0 -> s[o + E1]; // LEVEL_1H
            case 1 -> s[o + E24]; // LEVEL_24H
            case 2 -> sc * (s[o + E6] - s[o + BASE]); // DEV_OWN_6H
            case 3 -> sc * (s[o + E24] - s[o + BASE]); // DEV_OWN_24H
            case 4 -> group.relative(i, PeerGroup.SLOPE_6H, ownSlope6(i), false);
            case 5 -> group.relative(i, PeerGroup.SLOPE_24H, ownSlope24(i), false);
            case 6 -> group.relative(i, PeerGroup.JITTER, sc * s[o + JIT], false);
            case 7 -> group.relative(i, PeerGroup.DEV_6H, sc * (s[o + E6] - s[o + BASE]), true);
            case 8 -> group.relative(i, PeerGroup.DEV_24H, sc * (s[o + E24] - s[o + BASE]), true);
            case 9 -> s[o + SPK]; // SPIKES_24H
            case 10 -> sc * (s[o + E6] - s[o + LONG]); // DEV_OWN_LONG
            case 11 -> group.relative(i, PeerGroup.DEV_LONG, sc * (s[o + E6] - s[o + LONG]), true);
            default -> throw new IllegalArgumentException("no feature kind " + kind);
        };
    }

    /** Samples of metric {@code i} taken since the element started afresh. */
    long samples(int i) {
        return h[ho + i * H_FIELDS + N];
    }

    /**
     * All of metric {@code i}'s features, in {@link FeatureKind} order, into {@code out} from
     * {@code at}: the values {@link #feature} gives one by one (the same expressions, so the same
     * bits), each shared part worked out once and no switch per feature.
     */
    void features(int i, double[] out, int at) {
        if (h[ho + i * H_FIELDS + N] == 0) {
            Arrays.fill(out, at, at + FeatureKind.COUNT, 0.0);
            return;
        }
        int o = so + i * FIELDS;
        double sc = s[o + SCALE];
        double e6 = s[o + E6];
        double e24 = s[o + E24];
        double base = s[o + BASE];
        double dev6 = sc * (e6 - base);
        double dev24 = sc * (e24 - base);
        double devLong = sc * (e6 - s[o + LONG]);
        double slope6 = ownSlope6(i);
        double slope24 = ownSlope24(i);
        double jitter = sc * s[o + JIT];
        out[at] = s[o + E1]; // LEVEL_1H
        out[at + 1] = e24; // LEVEL_24H
        out[at + 2] = dev6; // DEV_OWN_6H
        out[at + 3] = dev24; // DEV_OWN_24H
        out[at + 9] = s[o + SPK]; // SPIKES_24H
        out[at + 10] = devLong; // DEV_OWN_LONG
        // as PeerGroup.relative: the own value less the others' mean, or alone the own value (the
        // slopes and the jitter) or 0 (the peer deviations)
        int others = group.count[i] - 1;
        if (others <= 0) {
            out[at + 4] = slope6;
            out[at + 5] = slope24;
            out[at + 6] = jitter;
            out[at + 7] = 0.0;
            out[at + 8] = 0.0;
            out[at + 11] = 0.0;
            return;
        }
        double inv = group.invOthers[i];
        double[] sum = group.sum;
        int g = i * PeerGroup.KINDS;
        out[at + 4] = slope6 - (sum[g + PeerGroup.SLOPE_6H] - slope6) * inv; // SLOPE_6H
        out[at + 5] = slope24 - (sum[g + PeerGroup.SLOPE_24H] - slope24) * inv; // SLOPE_24H
        out[at + 6] = jitter - (sum[g + PeerGroup.JITTER] - jitter) * inv; // JITTER_1H
        out[at + 7] = dev6 - (sum[g + PeerGroup.DEV_6H] - dev6) * inv; // PEER_DEV_6H
        out[at + 8] = dev24 - (sum[g + PeerGroup.DEV_24H] - dev24) * inv; // PEER_DEV_24H
        out[at + 11] = devLong - (sum[g + PeerGroup.DEV_LONG] - devLong) * inv; // PEER_DEV_LONG
    }

    /** Whether the element carries (almost) no traffic now against its own week. */
    boolean drained(double share) {
        if (traffic < 0 || h[ho + traffic * H_FIELDS + N] == 0) {
            return false;
        }
        int o = so + traffic * FIELDS;
        return s[o + E1] < share * Math.abs(s[o + BASE]);
    }
}
