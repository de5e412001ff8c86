package dev.autonoc.predictor;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.PredictorShare;
import dev.autonoc.core.telemetry.Alarm;
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
 * Features over sliding windows of each element's telemetry, kept incrementally and in place: every
 * sample updates a handful of EWMAs, the jitter, a decayed spike count and a small ring of hourly
 * snapshots per metric (in {@link ElementFeatures}), and the running sums of the element's region
 * and family for the peer features ({@link PeerGroup}). Nothing re-scans history, nothing is
 * allocated per sample, so {@link #observe} costs the same on day 1 and day 30.
 *
 * <p>It also follows what the network's topology does, from what a connected service receives: down
 * and up alarms, an element falling silent (taken down for work, restarting) and an element whose
 * traffic was moved off. {@link #tick} marks, once per tick, the elements within two hops of one
 * out of service: those take its traffic, and run hotter for it.
 *
 * <p>Not thread-safe: one writer, as the predictor is fed by one telemetry stream.
 */
public final class FeatureExtractor {

    /** Time constants of the windows. */
    static final Duration TAU_1H = Duration.ofHours(1);

    static final Duration TAU_6H = Duration.ofHours(6);
    static final Duration TAU_24H = Duration.ofHours(24);
    static final Duration TAU_BASELINE = Duration.ofDays(7);

    /** The long-term level, after its first day: slow enough that a fault does not move it. */
    static final Duration TAU_LONG = Duration.ofDays(30);

    /** The load model's slope is learnt over about two days (the daily cycle sweeps the load). */
    static final Duration TAU_LOAD_SLOPE = Duration.ofDays(2);

    /** The load (CPU use) is smoothed over about half an hour before it explains other metrics. */
    static final Duration TAU_LOAD = Duration.ofMinutes(30);

    /** How fast {@code topology.neighbour_out} fades after the neighbour is back. */
    static final Duration TAU_NEIGHBOUR = Duration.ofHours(12);

    /** An element's features mean little before it has been watched this long. */
    static final Duration WARM_UP = Duration.ofHours(6);

    static final double DRAINED_SHARE = 0.1;

    /** The features that are not a metric's: what the topology did around the element. */
    static final List<String> CONTEXT = List.of("topology.neighbour_out");

    static final int NEIGHBOUR_OUT = 0;

    private static final Map<Family, List<String>> NAMES = new EnumMap<>(Family.class);

    static {
        for (Family family : Family.values()) {
            List<String> names = new ArrayList<>();
            for (Metric metric : family.metrics()) {
                for (FeatureKind kind : FeatureKind.values()) {
                    names.add(name(metric, kind));
                }
            }
            names.addAll(CONTEXT);
            NAMES.put(family, List.copyOf(names));
        }
    }

    private final ElementFeatures[] states;
    private final Map<ElementId, ElementFeatures> byId = new HashMap<>();
    private final NetworkGraph graph;
    private final List<PeerGroup> groups = new ArrayList<>();
    private final Map<String, PeerGroup> groupsByName = new HashMap<>();
    // the other instances' latest shares, taken in at the next tick; null once taken
    private List<PredictorShare> joining;
    // per element, whether another instance said it is out of service at its last share
    private final boolean[] outElsewhere;
    private final double[] scratch = new double[ElementFeatures.OWN_KINDS];
    private SmoothingWeights alphas = new SmoothingWeights(300);
    // samples come element after element in a fixed order: the next is most likely the one after
    private int cursor = -1;
    // per element, the tick at which an element within two hops was last seen out of service
    private final long[] nearStamp;
    private long ticks;
    private long lastTickAt = ElementFeatures.NONE;
    // what is out of service may have changed since the last tick though the time did not
    private boolean outMoved;
    private final double[] contextCoef = new double[Family.values().length];

    public FeatureExtractor(List<Element> elements) {
        this(elements, NetworkGraph.of(elements));
    }

    public FeatureExtractor(List<Element> elements, NetworkGraph graph) {
        Objects.requireNonNull(elements, "elements");
        this.graph = Objects.requireNonNull(graph, "graph");
        if (graph.size() != elements.size()) {
            throw new IllegalArgumentException(
                    "the graph has "
                            + graph.size()
                            + " elements, the inventory "
                            + elements.size()
                            + ": build the graph from the same inventory");
        }
        states = new ElementFeatures[elements.size()];
        Map<String, PeerGroup> byKey = groupsByName;
        // every element's state in shared arrays, in the inventory's order (FeatureSlab)
        FeatureSlab slab =
                new FeatureSlab(elements.stream().map(e -> Family.of(e.kind())).toList());
        for (int i = 0; i < elements.size(); i++) {
            Element element = elements.get(i);
            if (!graph.element(i).id().equals(element.id())) {
                throw new IllegalArgumentException(
                        "the graph numbers the inventory differently at " + element.id());
            }
            Family family = Family.of(element.kind());
            PeerGroup group =
                    byKey.computeIfAbsent(
                            element.region() + "/" + family,
                            k -> {
                                PeerGroup g = new PeerGroup(k, family);
                                groups.add(g);
                                return g;
                            });
            group.members++;
            states[i] = new ElementFeatures(i, element, family, group, slab);
            byId.put(element.id(), states[i]);
        }
        nearStamp = new long[elements.size()];
        java.util.Arrays.fill(nearStamp, -1L);
        outElsewhere = new boolean[elements.size()];
    }

    /**
     * An extractor over a changed inventory that keeps what {@code before} learnt: every element in
     * both, of the same family, carries its state over ({@link ElementFeatures#carry}); each peer
     * group starts from the same group's sums, less the members that left it (removed, or moved to
     * another region or family) and plus those that joined it from another; elements new to the
     * inventory start afresh, as every element did before. The other instances' shares are not
     * carried: join them again.
     */
    FeatureExtractor(List<Element> elements, FeatureExtractor before) {
        this(elements);
        for (PeerGroup group : groups) {
            PeerGroup was = before.groupsByName.get(group.name);
            if (was != null && was.family == group.family) {
                group.carry(was);
            }
        }
        double[] own = new double[ElementFeatures.OWN_KINDS];
        // what left each old group: members gone, or in another group now
        for (ElementFeatures old : before.states) {
            ElementFeatures now = byId.get(old.id);
            boolean stays =
                    now != null
                            && now.family == old.family
                            && now.group.name.equals(old.group.name);
            if (stays || groupsByName.get(old.group.name) == null) {
                continue;
            }
            PeerGroup left = groupsByName.get(old.group.name);
            if (left.family != old.family) {
                continue;
            }
            old.countIn(left, -1, own);
        }
        for (ElementFeatures st : states) {
            ElementFeatures old = before.byId.get(st.id);
            if (old == null || old.family != st.family) {
                continue;
            }
            carry(old, st);
            if (!old.group.name.equals(st.group.name)) {
                // joined this group from another: its own values come with it
                st.countIn(st.group, 1, own);
            }
        }
        alphas = before.alphas;
        lastTickAt = before.lastTickAt;
    }

    /**
     * Takes over everything {@code before} learnt of the same element, of the same family, in this
     * extractor's slab (an inventory change rebuilt the predictor): its windows, snapshots, load
     * model and what the topology did around it. Its peer sums are the extractor's to move.
     */
    private static void carry(ElementFeatures before, ElementFeatures to) {
        int n = to.metricCount;
        System.arraycopy(before.s, before.so, to.s, to.so, n * ElementFeatures.FIELDS);
        System.arraycopy(before.h, before.ho, to.h, to.ho, n * ElementFeatures.H_FIELDS);
        for (int row = 0; row < ElementFeatures.SNAPSHOT_HOURS; row++) {
            int from = row * before.snapRow + before.sno;
            int at = row * to.snapRow + to.sno;
            System.arraycopy(before.snapHour, from, to.snapHour, at, n);
            System.arraycopy(before.snap1, from, to.snap1, at, n);
            System.arraycopy(before.snap6, from, to.snap6, at, n);
        }
        to.firstAt = before.firstAt;
        to.lastAt = before.lastAt;
        to.lastDt = before.lastDt;
        to.load = before.load;
        to.loadSamples = before.loadSamples;
        to.loadModelSamples = before.loadModelSamples;
        to.loadMean = before.loadMean;
        to.loadVariance = before.loadVariance;
        to.loadReference = before.loadReference;
        to.down = before.down;
        to.drainedNow = before.drainedNow;
        to.neighbourOut = before.neighbourOut;
        to.nearOutAt = before.nearOutAt;
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

    /** Where a context feature ({@link #NEIGHBOUR_OUT}) sits in a family's vector. */
    static int contextIndex(Family family, int context) {
        return family.metrics().size() * FeatureKind.COUNT + context;
    }

    /** Takes one sample; samples of unknown elements are ignored (the inventory may lag). */
    public void observe(TelemetrySample sample) {
        take(sample);
    }

    /** Takes one sample; the element's state if it was taken, else null. */
    ElementFeatures take(TelemetrySample sample) {
        ElementFeatures st = lookup(sample.element());
        return st == null ? null : take(st, sample);
    }

    /** Takes one sample of the element whose state is {@code st}; {@code st} if it was taken. */
    ElementFeatures take(ElementFeatures st, TelemetrySample sample) {
        long at = sample.at().getEpochSecond();
        if (st.lastAt != ElementFeatures.NONE && at <= st.lastAt) {
            return null; // a late or repeated sample would count twice
        }
        long dt = st.lastAt == ElementFeatures.NONE ? alphas.dt : at - st.lastAt;
        if (dt != alphas.dt) {
            alphas = new SmoothingWeights(dt);
        }
        st.observe(sample.values(), at, alphas, scratch);
        return st;
    }

    /**
     * The element's state, looked for first where the last sample's order says it should be: a
     * network sends its samples in the same order every tick, with the same id objects as its
     * inventory, so that is a comparison of references rather than a hash lookup.
     */
    ElementFeatures lookup(ElementId id) {
        int next = cursor + 1;
        if (next == states.length) {
            next = 0; // the next tick starts again from the first
        }
        if (next < states.length && states[next].id == id) {
            cursor = next;
            return states[next];
        }
        ElementFeatures st = byId.get(id);
        if (st != null) {
            cursor = st.index;
        }
        return st;
    }

    /**
     * Takes an alarm: a down alarm puts the element out of service until its up alarm, for the
     * elements around it ({@code topology.neighbour_out}).
     */
    public void observe(Alarm alarm) {
        ElementFeatures st = byId.get(alarm.element());
        if (st != null) {
            st.down = alarm.kind() == Alarm.Kind.ELEMENT_DOWN;
            outMoved = true;
        }
    }

    /**
     * Ends a tick: every element out of service now (down, silent, or carrying no traffic) marks
     * the elements within two hops of it, whose {@code topology.neighbour_out} is 1 while it lasts
     * and fades with a 12 h time constant after. Call after each tick's samples, or after each part
     * of them: the other instances' shares and the peer sums' movement are taken in at every call,
     * the elements out of service worked out again when {@code now} moved on or what is out changed
     * (a down or up alarm, a share, an element let go). {@code now} is the data's time (an element
     * is silent when the network's samples have moved on without it), and never runs back: an
     * earlier one counts as the last.
     */
    public void tick(Instant now) {
        tick(now, null);
    }

    /**
     * As {@link #tick(Instant)}, each element judged silent or not at its own stream's time, in
     * epoch seconds by element index ({@code null}: all at {@code now}): where the samples come in
     * several streams that run apart, an element is silent when its own stream's samples have moved
     * on without it.
     */
    void tick(Instant now, long[] streamTimes) {
        if (joining != null) {
            takeIn(joining);
            joining = null;
            outMoved = true;
        }
        for (PeerGroup group : groups) {
            group.tick();
        }
        long t = Math.max(now.getEpochSecond(), lastTickAt);
        if (t == lastTickAt && !outMoved) {
            return;
        }
        lastTickAt = t;
        outMoved = false;
        long stamp = ++ticks;
        for (ElementFeatures st : states) {
            long at = streamTimes == null ? t : streamTimes[st.index];
            if (outOfService(st, at) || outElsewhere[st.index]) {
                for (int k : graph.withinTwoHopsShared(st.index)) {
                    nearStamp[k] = stamp;
                }
            }
        }
        double tau = TAU_NEIGHBOUR.toSeconds();
        for (ElementFeatures st : states) {
            double before = st.neighbourOut;
            if (nearStamp[st.index] == stamp) {
                st.nearOutAt = t;
                st.neighbourOut = 1.0;
            } else if (st.nearOutAt != ElementFeatures.NONE) {
                double v = Math.exp(-(t - st.nearOutAt) / tau);
                if (v < 1e-4) {
                    v = 0.0;
                    st.nearOutAt = ElementFeatures.NONE;
                }
                st.neighbourOut = v;
            }
            if (st.neighbourOut != before && st.ownCoef != null) {
                st.movement += st.contextCoef * Math.abs(st.neighbourOut - before);
            }
        }
    }

    /**
     * This extractor's part for the other instances over the same network: its peer groups' own
     * sums and counts, and the elements it watches that are out of service at {@code dataTime}
     * (where its data is: see {@link #tick}); the share is dated {@code now}.
     */
    PredictorShare share(String model, Instant now, Instant dataTime, long[] streamTimes) {
        long t = dataTime.getEpochSecond();
        List<PredictorShare.Peers> peers = new ArrayList<>(groups.size());
        for (PeerGroup group : groups) {
            peers.add(group.share());
        }
        List<ElementId> out = new ArrayList<>();
        for (ElementFeatures st : states) {
            if (outOfService(st, streamTimes == null ? t : streamTimes[st.index])) {
                out.add(st.id);
            }
        }
        return new PredictorShare(model, now, peers, out);
    }

    /**
     * The other instances' latest shares (see {@link
     * dev.autonoc.core.prediction.FailurePredictor#join}), taken in at the next {@link #tick}
     * before the groups count their movement, so that the skip's bound covers what they move.
     */
    void join(List<PredictorShare> others) {
        joining = List.copyOf(others);
    }

    private void takeIn(List<PredictorShare> others) {
        Map<String, int[]> members = new HashMap<>();
        Map<String, double[]> sums = new HashMap<>();
        java.util.Arrays.fill(outElsewhere, false);
        for (PredictorShare share : others) {
            for (PredictorShare.Peers p : share.peers()) {
                PeerGroup group = groupsByName.get(p.group());
                int[] m = p.members();
                double[] v = p.sums();
                if (group == null
                        || m.length != group.count.length
                        || v.length != group.sum.length) {
                    continue; // a group of another inventory or layout: not this network's peers
                }
                int[] mt = members.computeIfAbsent(p.group(), k -> new int[m.length]);
                double[] vt = sums.computeIfAbsent(p.group(), k -> new double[v.length]);
                for (int i = 0; i < m.length; i++) {
                    mt[i] += m[i];
                }
                for (int j = 0; j < v.length; j++) {
                    vt[j] += v[j];
                }
            }
            for (ElementId id : share.outOfService()) {
                ElementFeatures st = byId.get(id);
                if (st != null) {
                    outElsewhere[st.index] = true;
                }
            }
        }
        for (PeerGroup group : groups) {
            int[] m = members.get(group.name);
            double[] v = sums.get(group.name);
            group.join(
                    m == null ? new int[group.count.length] : m,
                    v == null ? new double[group.sum.length] : v);
        }
    }

    /**
     * The element is no longer watched here (its samples go to another instance): it leaves the
     * peer sums, and is neither silent nor out of service to its neighbours until a sample of it
     * comes again, which starts it afresh.
     */
    public void release(ElementId element) {
        ElementFeatures st = byId.get(element);
        if (st != null) {
            st.reset(scratch);
            st.lastAt = ElementFeatures.NONE;
            st.down = false;
            outMoved = true;
        }
    }

    /**
     * Down by alarm, silent for more than two of its sample spacings (under work, restarting), or
     * drained of traffic.
     */
    private static boolean outOfService(ElementFeatures st, long now) {
        if (st.down) {
            return true;
        }
        if (st.lastAt == ElementFeatures.NONE) {
            return false;
        }
        return now - st.lastAt > 2 * st.lastDt || st.drainedNow;
    }

    /**
     * Forgets what was learnt of an element (after a repair or a restart its old baseline no longer
     * describes it); it warms up again from its next sample.
     */
    public void reset(ElementId element) {
        ElementFeatures st = byId.get(element);
        if (st != null) {
            st.reset(scratch);
        }
    }

    public boolean knows(ElementId element) {
        return byId.containsKey(element);
    }

    public Family family(ElementId element) {
        return state(element).family;
    }

    public Element element(ElementId element) {
        return state(element).element;
    }

    /** Whether the element has been watched long enough for its features to mean something. */
    public boolean isWarm(ElementId element) {
        return isWarm(state(element));
    }

    static boolean isWarm(ElementFeatures st) {
        return st.firstAt != ElementFeatures.NONE && st.lastAt - st.firstAt >= WARM_UP.toSeconds();
    }

    /**
     * Whether the element carries (almost) no traffic now against its own week: its traffic was
     * moved off for work, or it sits behind a failed neighbour. Its sensors then read a machine at
     * idle, not its health, and the predictor leaves its score where it was.
     */
    public boolean isDrained(ElementId element) {
        return state(element).drained(DRAINED_SHARE);
    }

    /** Whether a row or a score of the element means something now: warm and carrying traffic. */
    public boolean isScorable(ElementId element) {
        return isScorable(state(element));
    }

    static boolean isScorable(ElementFeatures st) {
        return isWarm(st) && !st.drainedNow;
    }

    /** When the element's last sample was taken. */
    public Optional<Instant> lastUpdate(ElementId element) {
        ElementFeatures st = state(element);
        return st.lastAt == ElementFeatures.NONE
                ? Optional.empty()
                : Optional.of(Instant.ofEpochSecond(st.lastAt));
    }

    /** The element's features now, in the order of {@link #featureNames}; 0 where unknown. */
    public double[] features(ElementId element) {
        ElementFeatures st = state(element);
        double[] out = new double[NAMES.get(st.family).size()];
        fill(st, out);
        return out;
    }

    /** The element's features into {@code out}, in the order of {@link #featureNames}. */
    static void fill(ElementFeatures st, double[] out) {
        for (int i = 0; i < st.metricCount; i++) {
            st.features(i, out, i * FeatureKind.COUNT);
        }
        out[st.metricCount * FeatureKind.COUNT + NEIGHBOUR_OUT] = st.neighbourOut;
    }

    /** One feature of the element's vector ({@link #featureNames} order), without the vector. */
    static double feature(ElementFeatures st, int column) {
        int metrics = st.metricCount * FeatureKind.COUNT;
        if (column >= metrics) {
            return st.neighbourOut;
        }
        return st.feature(column / FeatureKind.COUNT, column % FeatureKind.COUNT);
    }

    /** The element's own long baseline of a metric, in its transformed unit, for explanations. */
    double baseline(ElementId element, Metric metric) {
        ElementFeatures st = state(element);
        int i = st.family.metrics().indexOf(metric);
        return i < 0 || st.samples(i) == 0
                ? Double.NaN
                : st.s[st.so + i * ElementFeatures.FIELDS + ElementFeatures.BASE];
    }

    public List<ElementId> elements() {
        List<ElementId> ids = new ArrayList<>(byId.keySet());
        Collections.sort(ids);
        return ids;
    }

    int size() {
        return states.length;
    }

    ElementFeatures state(int index) {
        return states[index];
    }

    ElementFeatures state(ElementId element) {
        ElementFeatures st = byId.get(element);
        if (st == null) {
            throw new IllegalArgumentException("unknown element " + element);
        }
        return st;
    }

    NetworkGraph graph() {
        return graph;
    }

    /**
     * Follows how far each element's failure score can have moved since the end of any tick: from
     * now on, every update adds to the element's {@link ElementFeatures#movement} the change of
     * each of its own features times that feature's weight in the score's log-odds per unit ({@code
     * |w| / σ}), and every tick adds to its group's the net move of the others' means times the
     * same weights. The score is a logistic regression on standardised, clipped features, so its
     * log-odds cannot move by more than the two together: see {@link CompiledScorer#canSkip}.
     *
     * @param sensitivity per feature of the family's vector, {@code |w| / σ} (0 where unread)
     */
    void track(Family family, double[] sensitivity) {
        track(family, sensitivity, null);
    }

    /**
     * As {@link #track(Family, double[])}, for an extractor whose features only the family's models
     * read, each reading only the columns {@code read} of the vector: a metric none of whose
     * features is read is no longer updated at all (but the traffic, which tells a drained
     * element), and one read only through its 1 h level and 6 h deviation from baseline keeps only
     * the three means those need ({@link ElementFeatures#LEAN}). What a model reads comes out the
     * same to the bit; the features no model reads are left stale.
     *
     * @param read the columns any of the family's models reads, or null to update every feature
     */
    void track(Family family, double[] sensitivity, int[] read) {
        int metrics = family.metrics().size();
        if (sensitivity.length != NAMES.get(family).size()) {
            throw new IllegalArgumentException(
                    "a sensitivity per feature of " + family + " is needed");
        }
        double[] own = new double[metrics * ElementFeatures.OWN_KINDS];
        double[] grp = new double[metrics * PeerGroup.KINDS];
        for (int i = 0; i < metrics; i++) {
            int b = i * FeatureKind.COUNT;
            int o = i * ElementFeatures.OWN_KINDS;
            int g = i * PeerGroup.KINDS;
            double peer6 = sensitivity[b + FeatureKind.PEER_DEV_6H.ordinal()];
            double peer24 = sensitivity[b + FeatureKind.PEER_DEV_24H.ordinal()];
            double slope6 = sensitivity[b + FeatureKind.SLOPE_6H.ordinal()];
            double slope24 = sensitivity[b + FeatureKind.SLOPE_24H.ordinal()];
            double jitter = sensitivity[b + FeatureKind.JITTER_1H.ordinal()];
            // the features that are the element's own value alone; the peer-relative ones (both
            // peer deviations, the slopes, the jitter) are weighed by the group's coefficients
            own[o + ElementFeatures.OWN_LEVEL_1H] = sensitivity[b + FeatureKind.LEVEL_1H.ordinal()];
            own[o + ElementFeatures.OWN_LEVEL_24H] =
                    sensitivity[b + FeatureKind.LEVEL_24H.ordinal()];
            own[o + ElementFeatures.OWN_DEV_6H] = sensitivity[b + FeatureKind.DEV_OWN_6H.ordinal()];
            own[o + ElementFeatures.OWN_DEV_24H] =
                    sensitivity[b + FeatureKind.DEV_OWN_24H.ordinal()];
            own[o + ElementFeatures.OWN_SPIKES] = sensitivity[b + FeatureKind.SPIKES_24H.ordinal()];
            own[o + ElementFeatures.OWN_DEV_LONG] =
                    sensitivity[b + FeatureKind.DEV_OWN_LONG.ordinal()];
            grp[g + PeerGroup.DEV_6H] = peer6;
            grp[g + PeerGroup.DEV_24H] = peer24;
            grp[g + PeerGroup.SLOPE_6H] = slope6;
            grp[g + PeerGroup.SLOPE_24H] = slope24;
            grp[g + PeerGroup.JITTER] = jitter;
            grp[g + PeerGroup.DEV_LONG] = sensitivity[b + FeatureKind.PEER_DEV_LONG.ordinal()];
        }
        contextCoef[family.ordinal()] = sensitivity[contextIndex(family, NEIGHBOUR_OUT)];
        byte[] plan = read == null ? null : plan(family, read);
        for (ElementFeatures st : states) {
            if (st.family == family) {
                st.ownCoef = own;
                st.contextCoef = contextCoef[family.ordinal()];
                st.plan = plan;
            }
        }
        for (PeerGroup group : groups) {
            if (group.family == family) {
                group.weigh(own, grp);
            }
        }
    }

    /**
     * Per metric of the family, how its update can be cut given the columns its models read: {@link
     * ElementFeatures#SKIP} when none of its features is read (but the traffic's: {@link
     * #isDrained} reads its 1 h mean and baseline), {@link ElementFeatures#LEAN} when only its 1 h
     * level and 6 h own deviation are (or, for the traffic, nothing), else {@link
     * ElementFeatures#FULL}.
     */
    static byte[] plan(Family family, int[] read) {
        List<Metric> metrics = family.metrics();
        boolean[] isRead = new boolean[metrics.size() * FeatureKind.COUNT];
        for (int column : read) {
            if (column < isRead.length) {
                isRead[column] = true;
            }
        }
        byte[] plan = new byte[metrics.size()];
        for (int i = 0; i < metrics.size(); i++) {
            boolean any = false;
            boolean beyondLean = false;
            for (FeatureKind kind : FeatureKind.values()) {
                if (isRead[i * FeatureKind.COUNT + kind.ordinal()]) {
                    any = true;
                    beyondLean |= kind != FeatureKind.LEVEL_1H && kind != FeatureKind.DEV_OWN_6H;
                }
            }
            boolean traffic = metrics.get(i) == Metric.TRAFFIC_GBPS;
            plan[i] =
                    beyondLean
                            ? ElementFeatures.FULL
                            : any || traffic ? ElementFeatures.LEAN : ElementFeatures.SKIP;
        }
        return plan;
    }
}
