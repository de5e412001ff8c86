package dev.autonoc.predictor.quality;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.DataQuality;
import dev.autonoc.core.prediction.DataQuality.State;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.core.telemetry.TelemetrySample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The gate where samples enter the predictor (docs/data-quality.md). Per element it keeps what the
 * stream has shown of the data's quality, and it decides what the features may take in:
 *
 * <ul>
 *   <li>a sample older than the element's newest, or a repeat of it, is counted and dropped (late
 *       and duplicated samples must not count twice, nor move the windows back);
 *   <li>a sample stamped ahead of the rest of the network by more than two intervals is held out (a
 *       drifting clock would push the element's windows into the future, and every honest sample
 *       after it would then look late); the element is {@link State#SKEWED};
 *   <li>a reading no sensor of its kind can show (a fan at -3,000 rpm, 900 °C) is dropped from the
 *       sample (the features skip a missing metric);
 *   <li>an absurd value (ten times the median of the metric's last five raw readings or of its
 *       usual size, or of the opposite sign and three times that) is replaced by the median: a
 *       spike must not read as wear, and five raw readings let a real level shift through after
 *       three samples;
 *   <li>a metric that repeats its exact value for {@value #STUCK_AFTER} samples is {@link
 *       State#STUCK}, unless the value is a whole number (counts and readings at their bounds, 0 or
 *       100 %, repeat honestly);
 *   <li>an element that has sent nothing for three of its intervals is {@link State#GAPPY};
 *   <li>samples stamped after an ELEMENT_DOWN alarm and before the ELEMENT_UP make it {@link
 *       State#CONTRADICTED}: the network says it is down, the element says it runs.
 * </ul>
 *
 * <p>Constant time per sample. Not thread-safe: one writer, like the predictor it guards.
 */
public final class DataQualityTracker {

    /** Exact repeats of one metric before its sensor is taken for stuck (30 min at PT5M). */
    static final int STUCK_AFTER = 6;

    private static final int WINDOW = 5;

    private static final Metric[] ALL_METRICS = Metric.values();
    private static final int METRICS = ALL_METRICS.length;
    // a Track's values per metric: the ring from 0, then these
    private static final int PREVIOUS = WINDOW;
    private static final int USUAL = WINDOW + 1;
    private static final int STRIDE = WINDOW + 2;
    // tracks per slab: 256 tracks' values are 140 KB
    private static final int SLAB_TRACKS = 256;
    // a Track's counts per metric
    private static final int FILLED = 0;
    private static final int REPEATS = 1;

    /**
     * What a sensor of each metric can read at all, by {@link Metric} ordinal: temperature -40 to
     * 150 °C, fan 0 to 30,000 rpm, PSU ripple 0 to 250 mV (a failing supply shows about 160),
     * memory and CPU 0 to 100 %, traffic from 0 up, CRC errors 0 to 10,000 a sample, receive power
     * -40 to +10 dBm, bit error rate 0 to 1, utilisation 0 to 5 (a link can be driven past its
     * capacity, not twentyfold).
     */
    private static final double[] LOW = new double[Metric.values().length];

    private static final double[] HIGH = new double[Metric.values().length];

    static {
        range(Metric.TEMPERATURE_C, -40, 150);
        range(Metric.FAN_RPM, 0, 30_000);
        range(Metric.PSU_VOLTAGE_RIPPLE_MV, 0, 250);
        range(Metric.MEMORY_UTIL_PCT, 0, 100);
        range(Metric.CPU_UTIL_PCT, 0, 100);
        range(Metric.TRAFFIC_GBPS, 0, Double.MAX_VALUE);
        range(Metric.CRC_ERRORS, 0, 10_000);
        range(Metric.OPTICAL_RX_DBM, -40, 10);
        range(Metric.PRE_FEC_BER, 0, 1);
        range(Metric.UTILIZATION, 0, 5);
    }

    private static void range(Metric m, double low, double high) {
        LOW[m.ordinal()] = low;
        HIGH[m.ordinal()] = high;
    }

    private static final double USUAL_SAMPLES = 288;
    private static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

    private final Map<ElementId, Track> tracks = new HashMap<>();
    // every element's newest stamp seen (taken in or held out), as a multiset: the network's clock
    // is their median. Not the newest stamp of all: a clock running ahead would drag that along
    // with it and never look ahead of it; and held-out stamps count, so that after a gap of the
    // whole network the first elements back move the clock for the rest
    private final NetworkClock clock = new NetworkClock();
    // the newest stamp not held out as skewed (the clock plus two intervals), for the clock and the
    // interval it was worked out from: they change once a tick at most, samples come thousands a
    // tick
    private Instant skewLimit;
    private Instant skewLimitClock;
    private Duration skewLimitInterval;
    // the stream's tick, learnt as the step an element's own samples most often move by; until it
    // is learnt no clock is called skewed. Not the smallest step of the fleet's newest timestamp:
    // one clock drifting by seconds an hour makes that step seconds long, and then every element
    // looks silent (found by `model evaluate`'s CLOCK_SKEW variant)
    private Duration interval;
    // three intervals: the silence after which an element is gappy
    private Duration gapAfter = DEFAULT_INTERVAL.multipliedBy(3);
    private long intervalSeconds;
    // how often each step was seen, but the interval's own, which is in intervalCount (the step
    // of nearly every sample: counted without a boxed map update)
    private final Map<Long, Integer> stepCounts = new HashMap<>();
    private int intervalCount;
    // the slab new tracks take their arrays from, and how many tracks it holds so far
    private double[] slabValues;
    private int[] slabCounts;
    private int slabUsed = SLAB_TRACKS;
    // the median's working copy: the tracker has one writer, and a sample would otherwise allocate
    private final double[] window = new double[WINDOW];
    private final Counts counts = new Counts();

    /** What the gate did, in all, since it was made: for evaluation reports. */
    public static final class Counts {
        long admitted;
        long late;
        long skewed;
        long clamped;

        public long admitted() {
            return admitted;
        }

        public long late() {
            return late;
        }

        public long skewed() {
            return skewed;
        }

        public long clamped() {
            return clamped;
        }
    }

    /** What the tracker keeps of one element; opaque to callers (see {@link #track}). */
    public static final class Track {
        Instant newest;
        Instant seen;
        Instant downSince;
        boolean skewed;
        String skewReason = "";
        Instant contradictedAt;
        // per metric, side by side (STRIDE doubles from m * STRIDE): its last WINDOW raw readings
        // (a ring), the previous reading, and its usual size (a slow mean of |x|: a drained
        // element's traffic at 0 must not make its return to normal look absurd). One array
        // rather than one per field and metric: a sample then reads a few neighbouring cache
        // lines per element, not a dozen scattered ones (the gate was a quarter of a national
        // run's CPU, most of it waiting on memory)
        // The arrays are the tracker's slab, shared with the tracks made before and after this one
        // (from vo and co): tracks made in the network's order then lie in memory in the order
        // its samples come, and a tick's reads run through memory in order.
        final double[] values;
        final int vo;
        // per metric: readings in the ring so far (FILLED), exact repeats in a row (REPEATS)
        final int[] counts;
        final int co;

        private Track(double[] values, int vo, int[] counts, int co) {
            this.values = values;
            this.vo = vo;
            this.counts = counts;
            this.co = co;
            forget();
        }

        void forget() {
            Arrays.fill(counts, co, co + METRICS * 2, 0);
            for (int m = 0; m < METRICS; m++) {
                values[vo + m * STRIDE + PREVIOUS] = Double.NaN;
                values[vo + m * STRIDE + USUAL] = 0.0;
            }
        }
    }

    /**
     * The sample as the features may take it in (spikes replaced by the median), or empty when it
     * must not be taken in at all (late, a repeat, or stamped by a clock running ahead).
     */
    public Optional<TelemetrySample> admit(TelemetrySample sample) {
        Objects.requireNonNull(sample, "sample");
        return Optional.ofNullable(admit(track(sample.element()), sample));
    }

    /**
     * The element's track, to hand to {@link #admit(Track, TelemetrySample)}: a caller that numbers
     * its elements keeps these and saves a hash lookup per sample.
     */
    public Track track(ElementId element) {
        return tracks.computeIfAbsent(Objects.requireNonNull(element, "element"), k -> newTrack());
    }

    /**
     * As {@link #admit(TelemetrySample)}, on the sample's element's {@link #track}: the sample as
     * the features may take it in, or null when it must not be taken in at all.
     */
    public TelemetrySample admit(Track t, TelemetrySample sample) {
        Instant at = sample.at();
        if (t.newest != null && !at.isAfter(t.newest)) {
            counts.late++;
            return null;
        }
        see(t, at);
        if (interval != null && at.isAfter(skewLimit())) {
            counts.skewed++;
            t.skewed = true;
            t.skewReason =
                    "its samples are stamped "
                            + Duration.between(clock.now(), at).toMinutes()
                            + " min ahead of the rest of the network";
            return null;
        }
        t.skewed = false;
        if (t.newest != null) {
            learnStep(secondsBetween(t.newest, at));
        }
        if (t.downSince != null && at.isAfter(t.downSince)) {
            t.contradictedAt = at;
        }
        t.newest = at;
        counts.admitted++;
        double[] in = sample.values();
        // copied only when a value is replaced: most samples pass as they came
        double[] v = null;
        for (int m = 0; m < in.length; m++) {
            double x = in[m];
            if (Double.isNaN(x)) {
                continue;
            }
            double[] tv = t.values;
            int o = t.vo + m * STRIDE;
            int c = t.co + m * 2;
            t.counts[c + REPEATS] = x == tv[o + PREVIOUS] ? t.counts[c + REPEATS] + 1 : 0;
            tv[o + PREVIOUS] = x;
            if (x < LOW[m] || x > HIGH[m]) {
                // no sensor of its kind reads this: dropped for this sample, even before the
                // median below has readings to go on (a spike in an element's first samples
                // would otherwise settle in its week-long baseline)
                v = v == null ? in.clone() : v;
                v[m] = Double.NaN;
                counts.clamped++;
                continue;
            }
            int filled = t.counts[c + FILLED];
            int n = Math.min(filled, WINDOW);
            double taken = x;
            // the median is needed only for a reading more than three times the metric's usual
            // size (plus one) from zero: below that no median can make it absurd (mayBeAbsurd).
            // Sorting five noisy readings mispredicts a branch or so per comparison, and it was a
            // quarter of a national run's CPU when done for every reading
            if (n >= 3 && mayBeAbsurd(x, tv[o + USUAL])) {
                double med = median(tv, o, n, window);
                if (absurd(x, med, tv[o + USUAL])) {
                    v = v == null ? in.clone() : v;
                    v[m] = med;
                    taken = med;
                    counts.clamped++;
                }
            }
            tv[o + filled % WINDOW] = x;
            t.counts[c + FILLED] = ++filled;
            double a = Math.abs(taken);
            tv[o + USUAL] = filled == 1 ? a : tv[o + USUAL] + (a - tv[o + USUAL]) / USUAL_SAMPLES;
        }
        return v == null ? sample : new TelemetrySample(sample.element(), at, v);
    }

    /** Moves the element's newest stamp seen to {@code at} (newer than its newest taken in). */
    private void see(Track t, Instant at) {
        if (t.seen == null) {
            clock.add(at);
        } else if (at.isAfter(t.seen)) {
            clock.move(t.seen, at);
        } else {
            return;
        }
        t.seen = at;
    }

    /**
     * The newest stamp that is not ahead of the network: its clock plus two intervals. Worked out
     * again only when the clock or the interval moved (plus twice rather than multipliedBy(2),
     * which goes through BigDecimal).
     */
    private Instant skewLimit() {
        Instant now = clock.now();
        if (now != skewLimitClock || interval != skewLimitInterval) {
            skewLimitClock = now;
            skewLimitInterval = interval;
            skewLimit = now.plus(interval).plus(interval);
        }
        return skewLimit;
    }

    /**
     * {@code Duration.between(from, to).toSeconds()} without the Duration: whole seconds, floored.
     */
    static long secondsBetween(Instant from, Instant to) {
        long s = to.getEpochSecond() - from.getEpochSecond();
        return to.getNano() < from.getNano() ? s - 1 : s;
    }

    /**
     * Counts one element's step between two samples taken in; the interval is the most frequent
     * step (a gap's long step, or a drifting clock's odd one, is rare beside the tick).
     */
    private void learnStep(long seconds) {
        if (seconds <= 0) {
            return;
        }
        if (interval != null && seconds == intervalSeconds) {
            intervalCount++;
            return;
        }
        int n = stepCounts.merge(seconds, 1, Integer::sum);
        if (interval == null || n > intervalCount) {
            // the step overtakes the interval: the old interval's count goes back to the map
            if (interval != null) {
                stepCounts.put(intervalSeconds, intervalCount);
            }
            stepCounts.remove(seconds);
            interval = Duration.ofSeconds(seconds);
            intervalSeconds = seconds;
            intervalCount = n;
            gapAfter = interval.multipliedBy(3);
        }
    }

    /** A track whose arrays come from the slab, after the last track made. */
    private Track newTrack() {
        if (slabUsed == SLAB_TRACKS) {
            slabValues = new double[SLAB_TRACKS * METRICS * STRIDE];
            slabCounts = new int[SLAB_TRACKS * METRICS * 2];
            slabUsed = 0;
        }
        Track t =
                new Track(
                        slabValues,
                        slabUsed * METRICS * STRIDE,
                        slabCounts,
                        slabUsed * METRICS * 2);
        slabUsed++;
        return t;
    }

    /** An ELEMENT_DOWN opens the window in which samples contradict it; ELEMENT_UP closes it. */
    public void observe(Alarm alarm) {
        Track t = tracks.computeIfAbsent(alarm.element(), k -> newTrack());
        if (alarm.kind() == Alarm.Kind.ELEMENT_DOWN) {
            t.downSince = alarm.at();
        } else if (alarm.kind() == Alarm.Kind.ELEMENT_UP) {
            t.downSince = null;
            t.contradictedAt = null;
        }
    }

    /** After work on the element its sensors may be new: their history no longer applies. */
    public void reset(ElementId element) {
        Track t = tracks.get(element);
        if (t != null) {
            t.forget();
        }
    }

    /** The element's data quality at {@code now}, the worst state that applies. */
    public DataQuality quality(ElementId element, Instant now) {
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(now, "now");
        Track t = tracks.get(element);
        if (t == null || t.newest == null) {
            return new DataQuality(element, State.GAPPY, Optional.empty(), "no sample yet");
        }
        Optional<Instant> last = Optional.of(t.newest);
        if (t.contradictedAt != null) {
            return new DataQuality(
                    element,
                    State.CONTRADICTED,
                    last,
                    "samples stamped up to "
                            + t.contradictedAt
                            + " arrive although the element was reported down at "
                            + t.downSince);
        }
        if (t.skewed) {
            return new DataQuality(element, State.SKEWED, last, t.skewReason);
        }
        List<String> stuck = new ArrayList<>();
        for (Metric m : ALL_METRICS) {
            int i = m.ordinal();
            double x = t.values[t.vo + i * STRIDE + PREVIOUS];
            int repeats = t.counts[t.co + i * 2 + REPEATS];
            if (repeats + 1 >= STUCK_AFTER && x != Math.rint(x) && !Double.isNaN(x)) {
                stuck.add(m.key() + " has read " + x + " for " + (repeats + 1) + " samples");
            }
        }
        if (!stuck.isEmpty()) {
            return new DataQuality(element, State.STUCK, last, String.join("; ", stuck));
        }
        Duration silent = Duration.between(t.newest, now);
        if (t.downSince == null && silent.compareTo(gapAfter) > 0) {
            return new DataQuality(
                    element,
                    State.GAPPY,
                    last,
                    "nothing since " + t.newest + " (" + silent.toMinutes() + " min)");
        }
        return DataQuality.fresh(element, t.newest);
    }

    public Counts counts() {
        return counts;
    }

    /**
     * False when {@link #absurd} is false whatever the median: its size is at least {@code usual +
     * 1}, and a reading within three sizes of zero is absurd on neither count (floating-point
     * addition and multiplication by a positive constant keep the order, so this holds to the bit).
     */
    static boolean mayBeAbsurd(double x, double usual) {
        return Math.abs(x) > 3 * (usual + 1.0);
    }

    static boolean absurd(double x, double median, double usual) {
        double size = Math.max(Math.abs(median), usual) + 1.0;
        return Math.abs(x) > 10 * size || (x * median < 0 && Math.abs(x) > 3 * size);
    }

    /**
     * The median of the {@code n} (at most {@link #WINDOW}) values of {@code ring} from {@code
     * offset}, sorted in {@code work}. An insertion sort in {@link Double#compare}'s order, as
     * {@link Arrays#sort} orders doubles (-0.0 before 0.0), so the median is the same to the bit:
     * for five values it is a few comparisons, where {@code Arrays.sort} and the copy it needs were
     * a quarter of a national run's CPU.
     */
    static double median(double[] ring, int offset, int n, double[] work) {
        for (int i = 0; i < n; i++) {
            double x = ring[offset + i];
            int j = i - 1;
            while (j >= 0 && Double.compare(work[j], x) > 0) {
                work[j + 1] = work[j];
                j--;
            }
            work[j + 1] = x;
        }
        return n % 2 == 1 ? work[n / 2] : (work[n / 2 - 1] + work[n / 2]) / 2;
    }
}
