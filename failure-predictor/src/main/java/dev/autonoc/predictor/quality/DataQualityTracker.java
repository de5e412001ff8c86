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
 *   <li>a sample stamped ahead of the rest of the network by more than two intervals is taken in at
 *       the network's pace instead, one interval after the element's last (a drifting clock would
 *       push the element's windows into the future, and every honest sample after it would then
 *       look late; its readings are sound); the element is {@link State#SKEWED};
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
 *   <li>an element back from a gap of an hour or more, or whose peer group is, is {@link
 *       State#SETTLING} while the windows the model reads still span the gap ({@link Settling});
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
    // an element's values per metric: the ring from 0, then these
    private static final int PREVIOUS = WINDOW;
    private static final int USUAL = WINDOW + 1;
    private static final int STRIDE = WINDOW + 2;
    // an element's counts per metric
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

    // each element's number: its state lies in the arrays below at that index
    private final Map<ElementId, Integer> numbers = new HashMap<>();
    private int tracked;
    // per element, by its number: arrays rather than an object per element, so that a tick's
    // samples, which come in the order the elements were numbered, read each array in order (the
    // hardware fetches the next element's part ahead); objects per element were read first at
    // each sample, wherever the heap had put them, and that first read was a sixth of a national
    // run's CPU (docs/benchmarks.md, "The fifth speed pass")
    // the newest stamp taken in, and the newest seen (taken in or held out as skewed)
    private Instant[] newest = new Instant[16];
    private Instant[] seen = new Instant[16];
    private Instant[] downSince = new Instant[16];
    private Instant[] contradictedAt = new Instant[16];
    private boolean[] skewed = new boolean[16];
    private String[] skewReason = new String[16];
    // per element and metric, side by side (STRIDE doubles from (n * METRICS + m) * STRIDE): its
    // last WINDOW raw readings (a ring), the previous reading, and its usual size (a slow mean of
    // |x|: a drained element's traffic at 0 must not make its return to normal look absurd)
    private double[] values = new double[16 * METRICS * STRIDE];
    // per element and metric (two ints from (n * METRICS + m) * 2): readings in the ring so far
    // (FILLED), exact repeats in a row (REPEATS)
    private int[] metricCounts = new int[16 * METRICS * 2];
    // every element's newest stamp seen (taken in or held out), as a multiset per stream the
    // samples come in: each stream's clock is their median. Not the newest stamp of all: a clock
    // running ahead would drag that along with it and never look ahead of it; and held-out stamps
    // count, so that after a gap of the whole stream the first elements back move the clock for
    // the rest
    private final StreamClocks clocks = new StreamClocks();
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
    // the median's working copy: the tracker has one writer, and a sample would otherwise allocate
    private final double[] window = new double[WINDOW];
    private final Counts counts = new Counts();
    // which elements are back from a gap and settling (their own class: the when and why)
    private final Settling settling = new Settling();

    /** What the gate did, in all, since it was made: for evaluation reports. */
    public static final class Counts {
        long admitted;
        long late;
        long skewed;
        long clamped;
        long stuck;

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

        /** Readings of a stuck sensor held out of the features. */
        public long stuck() {
            return stuck;
        }
    }

    /**
     * The sample as the features may take it in (spikes replaced by the median, a stuck reading
     * left out, a clock running ahead re-stamped at the network's pace), or empty when it must not
     * be taken in at all (late, or a repeat).
     */
    public Optional<TelemetrySample> admit(TelemetrySample sample) {
        Objects.requireNonNull(sample, "sample");
        return Optional.ofNullable(admit(number(sample.element()), sample));
    }

    /**
     * The element's number, to hand to {@link #admit(int, TelemetrySample)}: a caller that numbers
     * its elements keeps these and saves a hash lookup per sample. Elements numbered in the order
     * their samples come are read in memory order.
     */
    public int number(ElementId element) {
        Integer n = numbers.get(Objects.requireNonNull(element, "element"));
        return n != null ? n : newTrack(element);
    }

    /**
     * As {@link #admit(TelemetrySample)}, for the element numbered {@code n} ({@link #number}): the
     * sample as the features may take it in, or null when it must not be taken in at all.
     */
    public TelemetrySample admit(int n, TelemetrySample sample) {
        Instant at = sample.at();
        Instant last = newest[n];
        if (last != null && !at.isAfter(last)) {
            counts.late++;
            return null;
        }
        see(n, at);
        boolean restamped = false;
        if (interval != null && clocks.ahead(n, at, interval)) {
            Instant clock = clocks.now(n);
            counts.skewed++;
            skewed[n] = true;
            skewReason[n] =
                    "its samples are stamped "
                            + Duration.between(clock, at).toMinutes()
                            + " min ahead of the rest of the network";
            // the readings are the element's own and sound, only their stamp is wrong: taken in at
            // the network's pace (one interval after its last, or at the network's clock after a
            // silence), so that its windows go on and are whole when the clock is set right. Held
            // out, a day's drift left a day's hole in them, and the settling after it hid a fault
            // that had begun meanwhile until hours before the failure
            Instant next = last == null ? clock : last.plus(interval);
            at = next.isBefore(clock) ? clock : next;
            if (last != null && !at.isAfter(last) || at.isAfter(clocks.skewLimit(n))) {
                return null;
            }
            sample = new TelemetrySample(sample.element(), at, sample.values());
            restamped = true;
        } else {
            skewed[n] = false;
        }
        if (last != null) {
            long step = secondsBetween(last, at);
            if (!restamped) {
                learnStep(step); // a step the tracker made up teaches it nothing
            }
            settling.taken(n, at.getEpochSecond(), step);
        }
        Instant down = downSince[n];
        if (down != null && at.isAfter(down)) {
            contradictedAt[n] = at;
        }
        newest[n] = at;
        counts.admitted++;
        double[] in = sample.values();
        double[] tv = values;
        int[] tc = metricCounts;
        int vo = n * METRICS * STRIDE;
        int co = n * METRICS * 2;
        // copied only when a value is replaced: most samples pass as they came
        double[] v = null;
        for (int m = 0; m < in.length; m++) {
            double x = in[m];
            if (Double.isNaN(x)) {
                continue;
            }
            int o = vo + m * STRIDE;
            int c = co + m * 2;
            int repeats = x == tv[o + PREVIOUS] ? tc[c + REPEATS] + 1 : 0;
            tc[c + REPEATS] = repeats;
            tv[o + PREVIOUS] = x;
            if (isStuck(x, repeats)) {
                // a frozen reading is not taken in (the features skip it as a missing metric): a
                // day of it teaches the load model that the metric does not follow load and moves
                // the day's means to the frozen level, so that when the sensor comes back its
                // daily swing and the level it left read as a slope (seen: a PSU alarm on a
                // healthy radio 19 h after its ripple sensor came back). Held out, the means wait
                // at the level before the freeze, and a real change meanwhile shows on the return
                v = v == null ? in.clone() : v;
                v[m] = Double.NaN;
                counts.stuck++;
                continue;
            }
            if (x < LOW[m] || x > HIGH[m]) {
                // no sensor of its kind reads this: dropped for this sample, even before the
                // median below has readings to go on (a spike in an element's first samples
                // would otherwise settle in its week-long baseline)
                v = v == null ? in.clone() : v;
                v[m] = Double.NaN;
                counts.clamped++;
                continue;
            }
            int filled = tc[c + FILLED];
            int k = Math.min(filled, WINDOW);
            double taken = x;
            // the median is needed only for a reading more than three times the metric's usual
            // size (plus one) from zero: below that no median can make it absurd (mayBeAbsurd).
            // Sorting five noisy readings mispredicts a branch or so per comparison, and it was a
            // quarter of a national run's CPU when done for every reading
            if (k >= 3 && mayBeAbsurd(x, tv[o + USUAL])) {
                double med = median(tv, o, k, window);
                if (absurd(x, med, tv[o + USUAL])) {
                    v = v == null ? in.clone() : v;
                    v[m] = med;
                    taken = med;
                    counts.clamped++;
                }
            }
            tv[o + filled % WINDOW] = x;
            tc[c + FILLED] = ++filled;
            double a = Math.abs(taken);
            tv[o + USUAL] = filled == 1 ? a : tv[o + USUAL] + (a - tv[o + USUAL]) / USUAL_SAMPLES;
        }
        return v == null ? sample : new TelemetrySample(sample.element(), at, v);
    }

    /** Moves the element's newest stamp seen to {@code at} (newer than its newest taken in). */
    private void see(int n, Instant at) {
        Instant was = seen[n];
        if (was != null && !at.isAfter(was)) {
            return;
        }
        clocks.see(n, was, at);
        seen[n] = at;
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

    /** Numbers a new element, after the last one: its state starts where the last one's ends. */
    private int newTrack(ElementId element) {
        int n = tracked++;
        if (n == newest.length) {
            int grown = n * 2;
            newest = Arrays.copyOf(newest, grown);
            seen = Arrays.copyOf(seen, grown);
            downSince = Arrays.copyOf(downSince, grown);
            contradictedAt = Arrays.copyOf(contradictedAt, grown);
            skewed = Arrays.copyOf(skewed, grown);
            clocks.grow(grown);
            skewReason = Arrays.copyOf(skewReason, grown);
            values = Arrays.copyOf(values, grown * METRICS * STRIDE);
            metricCounts = Arrays.copyOf(metricCounts, grown * METRICS * 2);
        }
        skewReason[n] = "";
        forget(n);
        numbers.put(element, n);
        return n;
    }

    /** Forgets the element's readings (not its stamps: a late sample must still not count). */
    private void forget(int n) {
        settling.forget(n);
        Arrays.fill(metricCounts, n * METRICS * 2, (n + 1) * METRICS * 2, 0);
        for (int m = 0; m < METRICS; m++) {
            int o = (n * METRICS + m) * STRIDE;
            values[o + PREVIOUS] = Double.NaN;
            values[o + USUAL] = 0.0;
        }
    }

    /** An ELEMENT_DOWN opens the window in which samples contradict it; ELEMENT_UP closes it. */
    public void observe(Alarm alarm) {
        int n = number(alarm.element());
        if (alarm.kind() == Alarm.Kind.ELEMENT_DOWN) {
            downSince[n] = alarm.at();
        } else if (alarm.kind() == Alarm.Kind.ELEMENT_UP) {
            downSince[n] = null;
            contradictedAt[n] = null;
        }
    }

    /**
     * The element's samples go elsewhere now (connected mode: its partition went to another
     * instance): everything kept of it is forgotten, its stamps too, and its newest stamp leaves
     * the network's clock. Kept, a clock left where most of the watched elements were last seen
     * when this instance let them go would stand still there, and every sample of the elements
     * still watched would look ahead of it: held out as skewed, then dropped. If its samples come
     * back here, the element starts afresh, its replayed history taken in rather than taken for
     * late.
     */
    public void release(ElementId element) {
        Integer n = numbers.get(Objects.requireNonNull(element, "element"));
        if (n == null) {
            return;
        }
        if (seen[n] != null) {
            clocks.drop(n, seen[n]);
        }
        seen[n] = null;
        newest[n] = null;
        downSince[n] = null;
        contradictedAt[n] = null;
        skewed[n] = false;
        skewReason[n] = "";
        forget(n);
    }

    /**
     * Where the network's data is: its stream's clock (the lower median of the newest stamps of the
     * elements watched), or, told of several streams, the latest of theirs; empty before any
     * sample.
     */
    public Optional<Instant> networkClock() {
        return Optional.ofNullable(clocks.latest());
    }

    /**
     * The element's samples come in stream {@code stream} (0 or more; connected mode: the Kafka
     * partition of its key), in order with the other elements of that stream; streams may run hours
     * apart (a consumer drains one partition's backlog while the others are current). Its clock's
     * skew is judged against its stream's clock from here on, not against where the other streams
     * are: judged against the network's, half an instance's elements were held out as skewed
     * whenever its two partitions ran a few ticks apart. Every element is in stream 0 until told
     * otherwise; telling it again moves its newest stamp between the streams' clocks.
     */
    public void stream(ElementId element, int stream) {
        if (stream < 0) {
            throw new IllegalArgumentException("a stream is numbered from 0, got " + stream);
        }
        int n = number(element);
        clocks.place(n, stream, seen[n]);
    }

    /** How many streams the elements have been told to be in: at least 1. */
    public int streamCount() {
        return clocks.count();
    }

    /** The stream of the element numbered {@code n} ({@link #number}). */
    public int streamOf(int n) {
        return clocks.streamOf(n);
    }

    /**
     * Each stream's clock (the lower median of its elements' newest stamps) in epoch seconds, by
     * stream number, at most {@code cap}; {@code cap} for a stream with no stamp yet.
     */
    public long[] streamClocks(long cap) {
        return clocks.clocks(cap);
    }

    /** After work on the element its sensors may be new: their history no longer applies. */
    public void reset(ElementId element) {
        Integer n = numbers.get(element);
        if (n != null) {
            forget(n);
        }
    }

    /** The element's data quality at {@code now}, the worst state that applies. */
    public DataQuality quality(ElementId element, Instant now) {
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(now, "now");
        Integer n = numbers.get(element);
        return n == null
                ? new DataQuality(element, State.GAPPY, Optional.empty(), "no sample yet")
                : quality(n, element, now);
    }

    /**
     * The data quality of the element numbered {@code n} ({@link #number}), whose id is {@code
     * element}, at {@code now}: as {@link #quality(ElementId, Instant)}.
     */
    public DataQuality quality(int n, ElementId element, Instant now) {
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(now, "now");
        Instant last = newest[n];
        if (last == null) {
            return new DataQuality(element, State.GAPPY, Optional.empty(), "no sample yet");
        }
        Optional<Instant> lastAt = Optional.of(last);
        if (contradictedAt[n] != null) {
            return new DataQuality(
                    element,
                    State.CONTRADICTED,
                    lastAt,
                    "samples stamped up to "
                            + contradictedAt[n]
                            + " arrive although the element was reported down at "
                            + downSince[n]);
        }
        if (skewed[n]) {
            return new DataQuality(element, State.SKEWED, lastAt, skewReason[n]);
        }
        List<String> stuck = new ArrayList<>();
        for (Metric m : ALL_METRICS) {
            int i = m.ordinal();
            double x = values[(n * METRICS + i) * STRIDE + PREVIOUS];
            int repeats = metricCounts[(n * METRICS + i) * 2 + REPEATS];
            if (isStuck(x, repeats)) {
                stuck.add(m.key() + " has read " + x + " for " + (repeats + 1) + " samples");
            }
        }
        if (!stuck.isEmpty()) {
            return new DataQuality(element, State.STUCK, lastAt, String.join("; ", stuck));
        }
        Duration silent = Duration.between(last, now);
        if (downSince[n] == null && silent.compareTo(gapAfter) > 0) {
            return new DataQuality(
                    element,
                    State.GAPPY,
                    lastAt,
                    "nothing since " + last + " (" + silent.toMinutes() + " min)");
        }
        long from = settling.settlingFrom(n, now.getEpochSecond());
        if (from != Settling.NEVER) {
            return new DataQuality(element, State.SETTLING, lastAt, settlingReason(n, from, now));
        }
        return DataQuality.fresh(element, last);
    }

    /**
     * Whether {@link #quality(int, ElementId, Instant)} would be fresh or "no sample yet": the same
     * tests in the same order, without building the answer (a caller asking of every element every
     * hour wants the few that are neither).
     */
    public boolean freshOrUnseen(int n, Instant now) {
        Instant last = newest[n];
        if (last == null) {
            return true;
        }
        if (contradictedAt[n] != null || skewed[n]) {
            return false;
        }
        int vo = n * METRICS * STRIDE;
        int co = n * METRICS * 2;
        for (int i = 0; i < METRICS; i++) {
            if (isStuck(values[vo + i * STRIDE + PREVIOUS], metricCounts[co + i * 2 + REPEATS])) {
                return false;
            }
        }
        return (downSince[n] != null || Duration.between(last, now).compareTo(gapAfter) <= 0)
                && !settling.settling(n, now.getEpochSecond());
    }

    /**
     * Whether the windows of the element numbered {@code n} still span a gap at {@code at} (epoch
     * seconds): it must raise no new alarm (docs/data-quality.md).
     */
    public boolean settling(int n, long at) {
        return settling.settling(n, at);
    }

    /**
     * Puts the element numbered {@code n} ({@link #number}) in peer group {@code group} (numbered
     * from 0): when a quarter of a group comes back from a gap together, its members' peer features
     * settle with them.
     */
    public void group(int n, int group) {
        settling.group(n, group);
    }

    private String settlingReason(int n, long from, Instant now) {
        Instant back = Instant.ofEpochSecond(from);
        String until = Instant.ofEpochSecond(Settling.until(from, now.getEpochSecond())).toString();
        String which =
                now.getEpochSecond() - from < Settling.REFILL_SECONDS
                        ? "its 1 h and 6 h windows, jitter and spikes span it"
                        : "its 24 h slopes read the hours just after it";
        return settling.backAt(n) == from
                ? "back at "
                        + back
                        + " from a gap of "
                        + settling.silence(n) / 60
                        + " min; "
                        + which
                        + " until "
                        + until
                : "its peer group came back at "
                        + back
                        + " from a gap; their windows, and so its peer features, span it until "
                        + until;
    }

    private static boolean isStuck(double x, int repeats) {
        return repeats + 1 >= STUCK_AFTER && x != Math.rint(x) && !Double.isNaN(x);
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
