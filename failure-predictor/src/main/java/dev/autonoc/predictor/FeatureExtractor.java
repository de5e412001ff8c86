package dev.autonoc.predictor;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.core.telemetry.TelemetrySample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Features over sliding windows of each element's telemetry, kept incrementally: every sample
 * updates a handful of EWMAs, running variances, a decayed spike count and a small ring of hourly
 * snapshots per metric, and the region's running sums for the peer features. Nothing re-scans
 * history, so {@link #observe} costs the same on day 1 and day 30.
 *
 * <p>Not thread-safe: one writer, as the predictor is fed by one telemetry stream.
 */
public final class FeatureExtractor {

    /** Time constants of the windows. */
    static final Duration TAU_1H = Duration.ofHours(1);

    static final Duration TAU_6H = Duration.ofHours(6);
    static final Duration TAU_24H = Duration.ofHours(24);
    static final Duration TAU_BASELINE = Duration.ofDays(7);

    /** An element's features mean little before it has been watched this long. */
    static final Duration WARM_UP = Duration.ofHours(6);

    private static final double SPIKE_SIGMAS = 4.0;
    private static final double DRAINED_SHARE = 0.1;
    private static final int SNAPSHOT_HOURS = 26;

    private static final Map<Family, List<String>> NAMES = new EnumMap<>(Family.class);

    static {
        for (Family family : Family.values()) {
            List<String> names = new ArrayList<>();
            for (Metric metric : family.metrics()) {
                for (FeatureKind kind : FeatureKind.values()) {
                    names.add(name(metric, kind));
                }
            }
            NAMES.put(family, List.copyOf(names));
        }
    }

    private final Map<ElementId, ElementState> states = new HashMap<>();
    private final Map<String, PeerGroup> groups = new HashMap<>();

    public FeatureExtractor(List<Element> elements) {
        Objects.requireNonNull(elements, "elements");
        for (Element element : elements) {
            Family family = Family.of(element.kind());
            PeerGroup group =
                    groups.computeIfAbsent(
                            element.region() + "/" + family, k -> new PeerGroup(family));
            group.members++;
            states.put(element.id(), new ElementState(element, family, group));
        }
    }

    /** The feature names of a family, in the order of {@link #features}. */
    public static List<String> featureNames(Family family) {
        return NAMES.get(family);
    }

    static String name(Metric metric, FeatureKind kind) {
        return metric.key() + "." + kind.suffix();
    }

    static int index(Family family, Metric metric, FeatureKind kind) {
        return family.metrics().indexOf(metric) * FeatureKind.COUNT + kind.ordinal();
    }

    /** Takes one sample; samples of unknown elements are ignored (the inventory may lag). */
    public void observe(TelemetrySample sample) {
        ElementState state = states.get(sample.element());
        if (state != null) {
            state.observe(sample);
        }
    }

    /**
     * Forgets what was learnt of an element (after a repair or a restart its old baseline no longer
     * describes it); it warms up again from its next sample.
     */
    public void reset(ElementId element) {
        ElementState state = states.get(element);
        if (state != null) {
            state.reset();
        }
    }

    public boolean knows(ElementId element) {
        return states.containsKey(element);
    }

    public Family family(ElementId element) {
        return state(element).family;
    }

    public Element element(ElementId element) {
        return state(element).element;
    }

    /** Whether the element has been watched long enough for its features to mean something. */
    public boolean isWarm(ElementId element) {
        ElementState state = state(element);
        return state.first != null && !state.last.isBefore(state.first.plus(WARM_UP));
    }

    /**
     * Whether the element carries (almost) no traffic now against its own week: its traffic was
     * moved off for work, or it sits behind a failed neighbour. Its sensors then read a machine at
     * idle, not its health, and the predictor leaves its score where it was.
     */
    public boolean isDrained(ElementId element) {
        ElementState state = state(element);
        MetricState traffic = state.metric(Metric.TRAFFIC_GBPS);
        if (traffic == null || traffic.n == 0) {
            return false;
        }
        return traffic.ewma1h < DRAINED_SHARE * Math.abs(traffic.baseline);
    }

    /** Whether a row or a score of the element means something now: warm and carrying traffic. */
    public boolean isScorable(ElementId element) {
        return isWarm(element) && !isDrained(element);
    }

    /** When the element's last sample was taken. */
    public Optional<Instant> lastUpdate(ElementId element) {
        return Optional.ofNullable(state(element).last);
    }

    /** The element's features now, in the order of {@link #featureNames}; 0 where unknown. */
    public double[] features(ElementId element) {
        ElementState state = state(element);
        double[] out = new double[NAMES.get(state.family).size()];
        state.fill(out);
        return out;
    }

    /** The element's own long baseline of a metric, in its transformed unit, for explanations. */
    double baseline(ElementId element, Metric metric) {
        MetricState m = state(element).metric(metric);
        return m == null ? Double.NaN : m.baseline;
    }

    public List<ElementId> elements() {
        List<ElementId> ids = new ArrayList<>(states.keySet());
        Collections.sort(ids);
        return ids;
    }

    private ElementState state(ElementId element) {
        ElementState state = states.get(element);
        if (state == null) {
            throw new IllegalArgumentException("unknown element " + element);
        }
        return state;
    }

    /** The running sums of the region's elements of one family, for the peer features. */
    private static final class PeerGroup {
        final int metrics;
        int members;
        final double[] sum6h;
        final double[] sum24h;
        final double[] sumSlope6h;
        final double[] sumSlope24h;
        final double[] sumStd;
        final int[] count;

        PeerGroup(Family family) {
            metrics = family.metrics().size();
            sum6h = new double[metrics];
            sum24h = new double[metrics];
            sumSlope6h = new double[metrics];
            sumSlope24h = new double[metrics];
            sumStd = new double[metrics];
            count = new int[metrics];
        }

        void add(int i, MetricState m, double sign) {
            sum6h[i] += sign * m.devOwn6h();
            sum24h[i] += sign * m.devOwn24h();
            sumSlope6h[i] += sign * m.slope(true);
            sumSlope24h[i] += sign * m.slope(false);
            sumStd[i] += sign * m.std();
        }
    }

    private static final class ElementState {
        final Element element;
        final Family family;
        final PeerGroup group;
        final MetricState[] metrics;
        Instant first;
        Instant last;

        ElementState(Element element, Family family, PeerGroup group) {
            this.element = element;
            this.family = family;
            this.group = group;
            metrics = new MetricState[family.metrics().size()];
            fresh();
        }

        private void fresh() {
            List<Metric> list = family.metrics();
            for (int i = 0; i < metrics.length; i++) {
                metrics[i] = new MetricState(MetricScale.of(list.get(i)));
            }
        }

        void reset() {
            for (int i = 0; i < metrics.length; i++) {
                MetricState m = metrics[i];
                if (m.n > 0) {
                    group.add(i, m, -1);
                    group.count[i]--;
                }
            }
            fresh();
            first = null;
            // keep last: a sample older than the reset must still not count
        }

        MetricState metric(Metric metric) {
            int i = family.metrics().indexOf(metric);
            return i < 0 ? null : metrics[i];
        }

        void observe(TelemetrySample sample) {
            if (last != null && !sample.at().isAfter(last)) {
                return; // a late or repeated sample would count twice
            }
            double dtSeconds = first == null ? 0 : Duration.between(last, sample.at()).toSeconds();
            if (first == null) {
                first = sample.at();
            }
            last = sample.at();
            long hour = Math.floorDiv(sample.at().getEpochSecond(), 3600);
            List<Metric> list = family.metrics();
            double traffic = sample.value(Metric.TRAFFIC_GBPS);
            boolean hasTraffic = Double.isFinite(traffic);
            for (int i = 0; i < metrics.length; i++) {
                double raw = sample.value(list.get(i));
                if (Double.isNaN(raw) || Double.isInfinite(raw)) {
                    continue;
                }
                MetricState m = metrics[i];
                double y = m.scale.transform(raw);
                if (hasTraffic && list.get(i) != Metric.TRAFFIC_GBPS && family == Family.NODE) {
                    y = m.load.adjust(traffic, y, dtSeconds);
                }
                if (m.n > 0) {
                    group.add(i, m, -1);
                } else {
                    group.count[i]++;
                }
                m.update(y, dtSeconds, hour);
                group.add(i, m, +1);
            }
        }

        void fill(double[] out) {
            for (int i = 0; i < metrics.length; i++) {
                MetricState m = metrics[i];
                int base = i * FeatureKind.COUNT;
                if (m.n == 0) {
                    continue;
                }
                double d6 = m.devOwn6h();
                double d24 = m.devOwn24h();
                out[base + FeatureKind.LEVEL_1H.ordinal()] = m.ewma1h;
                out[base + FeatureKind.LEVEL_24H.ordinal()] = m.ewma24h;
                out[base + FeatureKind.DEV_OWN_6H.ordinal()] = d6;
                out[base + FeatureKind.DEV_OWN_24H.ordinal()] = d24;
                double s6 = m.slope(true);
                double s24 = m.slope(false);
                double std = m.std();
                out[base + FeatureKind.STD_1H.ordinal()] = std;
                int others = group.count[i] - 1;
                out[base + FeatureKind.SLOPE_6H.ordinal()] = s6;
                out[base + FeatureKind.SLOPE_24H.ordinal()] = s24;
                if (others > 0) {
                    // a trend the whole region shares (weather, the daily load) is not the
                    // element's own
                    out[base + FeatureKind.SLOPE_6H.ordinal()] =
                            s6 - (group.sumSlope6h[i] - s6) / others;
                    out[base + FeatureKind.SLOPE_24H.ordinal()] =
                            s24 - (group.sumSlope24h[i] - s24) / others;
                    // a region-wide step (a heatwave's start) shakes every element at once
                    out[base + FeatureKind.STD_1H.ordinal()] =
                            std - (group.sumStd[i] - std) / others;
                    out[base + FeatureKind.PEER_DEV_6H.ordinal()] =
                            d6 - (group.sum6h[i] - d6) / others;
                    out[base + FeatureKind.PEER_DEV_24H.ordinal()] =
                            d24 - (group.sum24h[i] - d24) / others;
                }
                out[base + FeatureKind.SPIKES_24H.ordinal()] = m.spikes;
            }
        }
    }

    /**
     * How much of a node metric the element's own traffic explains. Temperature, fan speed, ripple,
     * CPU and memory all follow load: through the daily cycle, and when a neighbour fails and its
     * traffic moves here. The daily cycle swings the load every day, so an exponentially weighted
     * regression of the metric on traffic over two days learns each element's slope; the features
     * then read the metric less what the traffic explains, and a reroute is not mistaken for wear.
     */
    static final class LoadModel {
        static final Duration TAU = Duration.ofDays(2);
        long n;
        double mx;
        // the reference load is the element's week, not the two days the slope is learnt on: a
        // lasting reroute would otherwise fade out of the correction within a day or two and
        // come back as a rise in every load-bound metric
        double reference;
        double my;
        double cxy;
        double vx;

        double adjust(double x, double y, double dtSeconds) {
            n++;
            if (n == 1) {
                mx = x;
                my = y;
                reference = x;
                return y;
            }
            double a = Math.max(1 - Math.exp(-dtSeconds / TAU.toSeconds()), 1.0 / n);
            reference +=
                    Math.max(1 - Math.exp(-dtSeconds / TAU_BASELINE.toSeconds()), 1.0 / n)
                            * (x - reference);
            double dx = x - mx;
            double dy = y - my;
            mx += a * dx;
            my += a * dy;
            cxy = (1 - a) * (cxy + a * dx * dy);
            vx = (1 - a) * (vx + a * dx * dx);
            if (vx <= 1e-12) {
                return y;
            }
            // a few hours of one load level say little of the slope: trust it in over a day
            double trust = Math.min(1.0, (n - 1) / 288.0);
            double beta = trust * cxy / vx;
            return y - beta * (x - reference);
        }
    }

    /** The running state of one metric of one element. */
    static final class MetricState {
        final MetricScale scale;
        final LoadModel load = new LoadModel();
        long n;
        double ewma1h;
        double ewma6h;
        double ewma24h;
        double baseline;
        double var1h;
        double spikes;
        // hourly snapshots of the 1 h and 6 h means, for the slopes
        final long[] snapHour = new long[SNAPSHOT_HOURS];
        final double[] snap1h = new double[SNAPSHOT_HOURS];
        final double[] snap6h = new double[SNAPSHOT_HOURS];
        long lastHour = Long.MIN_VALUE;
        long firstHour = Long.MIN_VALUE;

        MetricState(MetricScale scale) {
            this.scale = scale;
        }

        void update(double x, double dtSeconds, long hour) {
            n++;
            if (n == 1) {
                ewma1h = ewma6h = ewma24h = baseline = x;
                var1h = 0;
            } else {
                // a spike is judged against the state before this sample
                double sd = Math.sqrt(var1h);
                double floor = 1e-3 * Math.abs(ewma1h) + 1e-9;
                boolean spike = n > 12 && Math.abs(x - ewma1h) > SPIKE_SIGMAS * Math.max(sd, floor);
                spikes = spikes * Math.exp(-dtSeconds / TAU_24H.toSeconds()) + (spike ? 1 : 0);
                double a1 = alpha(dtSeconds, TAU_1H);
                double d = x - ewma1h;
                ewma1h += a1 * d;
                var1h = (1 - a1) * (var1h + a1 * d * d);
                ewma6h += alpha(dtSeconds, TAU_6H) * (x - ewma6h);
                ewma24h += alpha(dtSeconds, TAU_24H) * (x - ewma24h);
                baseline += alpha(dtSeconds, TAU_BASELINE) * (x - baseline);
            }
            if (n == 1) {
                firstHour = hour;
            }
            // the first hour's means stand on a few samples: a slope from them would be noise
            if (hour != lastHour && hour > firstHour) {
                int slot = (int) Math.floorMod(hour, (long) SNAPSHOT_HOURS);
                snapHour[slot] = hour;
                snap1h[slot] = ewma1h;
                snap6h[slot] = ewma6h;
                lastHour = hour;
            }
        }

        /**
         * An EWMA's weight for a new sample after {@code dt}; during warm-up it is at least 1/n so
         * that the average is the plain mean of what was seen, not biased to the first sample.
         */
        private double alpha(double dtSeconds, Duration tau) {
            double a = 1 - Math.exp(-dtSeconds / tau.toSeconds());
            return Math.max(a, 1.0 / n);
        }

        /**
         * Per hour over 6 h (of the 1 h mean) or per day over 24 h (of the 6 h mean), in percent of
         * the baseline for relative metrics.
         */
        double slope(boolean short6h) {
            int back = short6h ? 6 : 24;
            long target = lastHour - back;
            int slot = (int) Math.floorMod(target, (long) SNAPSHOT_HOURS);
            if (lastHour == Long.MIN_VALUE || snapHour[slot] != target || n < 2) {
                return 0;
            }
            double change = short6h ? (ewma1h - snap1h[slot]) / back : ewma6h - snap6h[slot];
            return scale.relative() ? 100.0 * change / Math.max(Math.abs(baseline), 1e-9) : change;
        }

        /** Jitter: in percent of the baseline for relative metrics, else in the unit. */
        double std() {
            double sd = Math.sqrt(var1h);
            return scale.relative() ? 100.0 * sd / Math.max(Math.abs(baseline), 1e-9) : sd;
        }

        double devOwn6h() {
            return deviation(ewma6h);
        }

        double devOwn24h() {
            return deviation(ewma24h);
        }

        private double deviation(double level) {
            if (n == 0) {
                return 0;
            }
            if (scale.relative()) {
                return 100.0 * (level - baseline) / Math.max(Math.abs(baseline), 1e-9);
            }
            return level - baseline;
        }
    }
}
