package dev.autonoc.predictor;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.DataQuality;
import dev.autonoc.core.prediction.FailurePredictor;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.prediction.PredictorShare;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.predictor.quality.DataQualityTracker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The failure predictor on Tribuo models, served from their compiled form. {@link #observe} updates
 * the element's features in place; {@link #atRisk} scores the elements that sent something since
 * the last call with the compiled logistic regression ({@link CompiledScorer}: the same
 * probabilities as Tribuo's, to rounding), runs each through its alarm gate (persistence and
 * hysteresis), and returns those alarmed, most at risk first, with the mode, the time to failure
 * and its 80 % interval, and the features that drove it in words (those from the Tribuo models: an
 * alarmed element is rare).
 *
 * <p>An element whose features have not moved enough since its last scoring to bring its score to
 * the threshold is not scored again: its gate would do nothing with it ({@link
 * CompiledScorer#canSkip}). Nor is one, neither alarmed nor waiting out its persistence, whose
 * cheaper upper bound of the log-odds ({@link CompiledScorer#logitUpperBound}) is already below the
 * bar. Its probability is computed when someone asks for it.
 *
 * <p>Not thread-safe: the agent's loop feeds and asks it from one thread.
 */
public final class TribuoFailurePredictor implements FailurePredictor {

    /** How elements are scored each tick. */
    enum Scoring {
        /** Tribuo's own {@code predict} on every element that sent something. */
        REFERENCE,
        /** The compiled scorer on every element that sent something. */
        COMPILED,
        /** The compiled scorer, skipping elements whose features cannot have reached the bar. */
        SKIPPING
    }

    /** Most probable first, then by element: made once, not per tick (three lambdas each). */
    private static final Comparator<Prediction> MOST_AT_RISK_FIRST =
            Comparator.comparingDouble(Prediction::probability)
                    .reversed()
                    .thenComparing(Prediction::element);

    private final ModelBundle bundle;
    private final PredictorSettings settings;
    private final FeatureExtractor features;
    private final Scoring scoring;
    private final CompiledScorer[] compiled = new CompiledScorer[Family.values().length];
    private final Scorer[] reference = new Scorer[Family.values().length];
    private final double thresholdLogit;

    // per element, by the extractor's number
    private final AlarmGate[] gates;
    private final double[] rawScore;
    private final double[] lastLogit;
    private final double[] movementAt;
    private final double[] groupMovementAt;
    private final long[] groupVersionAt;
    private final boolean[] stale;
    private final boolean[] dirtyFlag;
    private final int[] dirty;
    private int dirtyCount;
    private final Prediction[] alarmed;
    private final int[] alarmedList;
    private int alarmedCount;
    private long scored;
    private long skipped;
    private long bounded;
    // the one place samples enter: late, skewed and absurd readings stop here (data-quality.md)
    private final DataQualityTracker quality;
    // the gate's number of each element, by the extractor's number: no hash lookup per sample
    private final int[] gateNumbers;
    // each element's stream's time at the last scoring, by element index (see streams)
    private final long[] elementStreamTimes;
    // the elements as given, and the extractor's number of each
    private final List<ElementId> known = new ArrayList<>();
    private final int[] knownIndex;

    public TribuoFailurePredictor(List<Element> elements, ModelBundle bundle) {
        this(elements, bundle, PredictorSettings.of(bundle));
    }

    public TribuoFailurePredictor(
            List<Element> elements, ModelBundle bundle, PredictorSettings settings) {
        this(elements, bundle, settings, Scoring.SKIPPING);
    }

    /**
     * A predictor that scores every element with Tribuo's own {@code predict}, every tick: the
     * reference the served path is held to (it raises the same alarms; tests compare them). About
     * twenty times slower.
     */
    public static TribuoFailurePredictor withTribuoScoring(
            List<Element> elements, ModelBundle bundle) {
        return new TribuoFailurePredictor(
                elements, bundle, PredictorSettings.of(bundle), Scoring.REFERENCE);
    }

    TribuoFailurePredictor(
            List<Element> elements,
            ModelBundle bundle,
            PredictorSettings settings,
            Scoring scoring) {
        this(elements, bundle, settings, scoring, null);
    }

    /**
     * A predictor over a changed inventory (elements added, removed or described anew) that keeps
     * what this one learnt of every element in both: its feature windows and baselines, its place
     * among its peers, its alarm gate and its alarm, what the data-quality gate knows of it.
     * Elements new to the inventory, or of another family now, start afresh. The same model and
     * settings; the other instances' shares are to be joined again.
     */
    public TribuoFailurePredictor carriedOver(List<Element> elements) {
        return new TribuoFailurePredictor(elements, bundle, settings, scoring, this);
    }

    @Override
    public Optional<FailurePredictor> over(List<Element> elements) {
        return Optional.of(carriedOver(elements));
    }

    private TribuoFailurePredictor(
            List<Element> elements,
            ModelBundle bundle,
            PredictorSettings settings,
            Scoring scoring,
            TribuoFailurePredictor before) {
        Objects.requireNonNull(elements, "elements");
        this.bundle = Objects.requireNonNull(bundle, "bundle");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.scoring = Objects.requireNonNull(scoring, "scoring");
        if (!settings.horizon().equals(bundle.horizon())) {
            throw new IllegalArgumentException(
                    "the model "
                            + bundle.version()
                            + " predicts failure within "
                            + bundle.horizon()
                            + ", not "
                            + settings.horizon()
                            + ": train a model for that horizon");
        }
        this.features =
                before == null
                        ? new FeatureExtractor(elements)
                        : new FeatureExtractor(elements, before.features);
        // the gate's state is per element id: the same tracker goes on
        this.quality = before == null ? new DataQualityTracker() : before.quality;
        for (Element element : elements) {
            Family family = Family.of(element.kind());
            if (bundle.family(family).isEmpty()) {
                throw new IllegalArgumentException(
                        "the model "
                                + bundle.version()
                                + " has no model for "
                                + element.kind()
                                + " elements such as "
                                + element.id());
            }
            int f = family.ordinal();
            if (compiled[f] == null) {
                FamilyModel model = bundle.family(family).orElseThrow();
                compiled[f] = new CompiledScorer(model);
                reference[f] = bundle.scorer(family).orElseThrow();
                if (scoring == Scoring.SKIPPING) {
                    features.track(family, compiled[f].sensitivity(), compiled[f].columns);
                }
            }
            known.add(element.id());
        }
        this.thresholdLogit = CompiledScorer.logitOf(settings.threshold());
        int n = elements.size();
        gates = new AlarmGate[n];
        for (int i = 0; i < n; i++) {
            gates[i] = new AlarmGate(settings.threshold(), settings.persistence());
        }
        gateNumbers = new int[n];
        elementStreamTimes = new long[n];
        Map<PeerGroup, Integer> groups = new IdentityHashMap<>();
        for (int i = 0; i < n; i++) {
            ElementFeatures st = features.state(i);
            gateNumbers[i] = quality.number(st.id);
            quality.group(gateNumbers[i], groups.computeIfAbsent(st.group, g -> groups.size()));
        }
        knownIndex = new int[known.size()];
        for (int k = 0; k < knownIndex.length; k++) {
            knownIndex[k] = features.state(known.get(k)).index;
        }
        rawScore = new double[n];
        lastLogit = new double[n];
        Arrays.fill(rawScore, Double.NaN);
        Arrays.fill(lastLogit, Double.NaN);
        movementAt = new double[n];
        groupMovementAt = new double[n];
        groupVersionAt = new long[n];
        stale = new boolean[n];
        dirtyFlag = new boolean[n];
        dirty = new int[n];
        alarmed = new Prediction[n];
        alarmedList = new int[n];
        if (before != null) {
            carry(before);
        }
    }

    /**
     * Each element's alarm gate, alarm and last score from {@code before}. Its skip anchors are not
     * carried: its next score is worked out in full.
     */
    private void carry(TribuoFailurePredictor before) {
        Arrays.fill(groupVersionAt, -1L);
        for (int e = 0; e < gates.length; e++) {
            ElementFeatures st = features.state(e);
            if (!before.features.knows(st.id)) {
                continue;
            }
            ElementFeatures old = before.features.state(st.id);
            if (old.family != st.family) {
                continue;
            }
            int o = old.index;
            gates[e] = before.gates[o];
            rawScore[e] = before.rawScore[o];
            lastLogit[e] = before.lastLogit[o];
            stale[e] = before.stale[o];
            if (before.alarmed[o] != null) {
                setAlarmed(e, before.alarmed[o]);
            }
            if (before.dirtyFlag[o]) {
                dirtyFlag[e] = true;
                dirty[dirtyCount++] = e;
            }
        }
        skipped = before.skipped;
        bounded = before.bounded;
    }

    @Override
    public String modelVersion() {
        return bundle.version();
    }

    FeatureExtractor features() {
        return features;
    }

    public PredictorSettings settings() {
        return settings;
    }

    @Override
    public void observe(TelemetrySample sample) {
        ElementFeatures known = features.lookup(sample.element());
        if (known == null) {
            return;
        }
        TelemetrySample admitted = quality.admit(gateNumbers[known.index], sample);
        if (admitted == null) {
            return;
        }
        ElementFeatures st = features.take(known, admitted);
        if (st != null && !dirtyFlag[st.index]) {
            dirtyFlag[st.index] = true;
            dirty[dirtyCount++] = st.index;
        }
    }

    /**
     * A down alarm marks the element out of service for its neighbours' features; after a restart
     * or a repair (an up alarm) the element's history no longer describes it: it starts afresh.
     */
    @Override
    public void observe(Alarm alarm) {
        features.observe(alarm);
        quality.observe(alarm);
        if (alarm.kind() == Alarm.Kind.ELEMENT_UP) {
            forget(alarm.element());
        }
    }

    /**
     * A mended element starts afresh: its old baseline describes the worn part, and left in its
     * region's running sums its jump back to health would read as every peer falling.
     */
    @Override
    public void maintained(ElementId element, Instant at) {
        forget(element);
    }

    private void forget(ElementId element) {
        if (!features.knows(element)) {
            return;
        }
        features.reset(element);
        forgetJudgement(element);
    }

    /** What the predictor made of the element's features: its data quality, gate and scores. */
    private void forgetJudgement(ElementId element) {
        quality.reset(element);
        int e = features.state(element).index;
        gates[e] = new AlarmGate(settings.threshold(), settings.persistence());
        setAlarmed(e, null);
        rawScore[e] = Double.NaN;
        lastLogit[e] = Double.NaN;
        stale[e] = false;
        dirtyFlag[e] = false;
    }

    /** The released elements leave the peer sums and their neighbours' topology (see the port). */
    @Override
    public void release(Collection<ElementId> elements) {
        for (ElementId element : elements) {
            if (features.knows(element)) {
                features.release(element); // resets its features, as forget would
                forgetJudgement(element);
                // and the gate forgets its stamps: the network's clock is the watched elements'
                quality.release(element);
            }
        }
    }

    /**
     * Each element's state, of those given that this predictor watches (its windows, snapshots,
     * load model, topology and alarm gate), in {@link ElementState}'s format.
     */
    @Override
    public Map<ElementId, byte[]> states(Collection<ElementId> elements) {
        Map<ElementId, byte[]> out = new java.util.LinkedHashMap<>();
        for (ElementId id : elements) {
            if (features.knows(id)) {
                ElementFeatures st = features.state(id);
                if (st.lastAt != ElementFeatures.NONE) {
                    int e = st.index;
                    out.put(
                            id,
                            ElementState.write(
                                    st,
                                    gates[e],
                                    new ElementState.LastScore(
                                            rawScore[e], lastLogit[e], stale[e])));
                }
            }
        }
        return out;
    }

    /**
     * Takes over the states another instance's predictor of the same model wrote ({@link #states})
     * for elements this one does not watch yet, whose history begins at or before {@code since}:
     * they go on from where it left them, among their peers here. A state for an element watched
     * here already, unknown, of another family or layout, or knowing less than {@code since} on (a
     * replay of the history from {@code since} would rebuild more), is passed over.
     *
     * @return how many elements were taken over
     */
    @Override
    public int restore(Map<ElementId, byte[]> states, Instant since) {
        double[] own = new double[ElementFeatures.OWN_KINDS];
        int taken = 0;
        for (Map.Entry<ElementId, byte[]> entry : states.entrySet()) {
            if (!features.knows(entry.getKey())) {
                continue;
            }
            ElementFeatures st = features.state(entry.getKey());
            int e = st.index;
            long first = ElementState.firstAt(entry.getValue());
            if (st.lastAt != ElementFeatures.NONE
                    || first == ElementFeatures.NONE
                    || first > since.getEpochSecond()) {
                continue;
            }
            ElementState.LastScore last = ElementState.read(entry.getValue(), st, gates[e]);
            if (last == null) {
                continue;
            }
            st.countIn(st.group, 1, own);
            rawScore[e] = last.raw();
            lastLogit[e] = last.logit();
            stale[e] = last.stale();
            // the skip's anchors are not carried: its next score is worked out in full
            groupVersionAt[e] = -1L;
            if (gates[e].alarmed() && !Double.isNaN(last.raw())) {
                // alarmed where it was: listed at once, as it was there, not at its next sample
                Instant sampled = Instant.ofEpochSecond(st.lastAt);
                setAlarmed(e, prediction(st, last.raw(), sampled, sampled));
            }
            taken++;
        }
        return taken;
    }

    @Override
    public Optional<PredictorShare> share(Instant now) {
        Instant dataTime = dataTime(now);
        return Optional.of(features.share(bundle.version(), now, dataTime, streamTimes(dataTime)));
    }

    @Override
    public void join(Collection<PredictorShare> others) {
        features.join(others.stream().filter(s -> s.model().equals(bundle.version())).toList());
    }

    @Override
    public List<Prediction> atRisk(Instant now) {
        Objects.requireNonNull(now, "now");
        Instant dataTime = dataTime(now);
        long[] streamTimes = streamTimes(dataTime);
        features.tick(dataTime, streamTimes);
        for (int k = 0; k < dirtyCount; k++) {
            int e = dirty[k];
            if (dirtyFlag[e]) {
                dirtyFlag[e] = false;
                score(e, now);
            }
        }
        dirtyCount = 0;
        if (alarmedCount == 0) {
            return List.of();
        }
        long nowSeconds = dataTime.getEpochSecond();
        long staleAfter = settings.staleAfter().toSeconds();
        List<Prediction> out = new ArrayList<>(alarmedCount);
        for (int k = 0; k < alarmedCount; k++) {
            int e = alarmedList[k];
            long at = streamTimes == null ? nowSeconds : streamTimes[e];
            if (features.state(e).lastAt + staleAfter >= at) {
                out.add(alarmed[e]);
            }
        }
        out.sort(MOST_AT_RISK_FIRST);
        return out;
    }

    /**
     * The time at which the predictor judges an element silent, fades what its neighbours' outages
     * did, and lets a stale alarm go: where the network's data is (the gate's clock: the lower
     * median of the watched elements' newest stamps, the latest stream's where there are several),
     * never after {@code now}. Embedded, the two are the same. In connected mode {@code now} is the
     * wall clock, which runs ahead of the data while a consumer drains a backlog and between two
     * batches of one tick's samples; judged at it, every element whose sample had not come yet was
     * silent and marked its neighbours, and the soak opened some twenty cases on healthy elements
     * after every start (docs/connected-mode.md, "Event time").
     */
    private Instant dataTime(Instant now) {
        Instant network = quality.networkClock().orElse(now);
        return network.isBefore(now) ? network : now;
    }

    /**
     * Each element's own stream's time, by element index, at most {@code dataTime}; null while
     * every element is in one stream (then it is {@code dataTime} for all). See {@link #streams}.
     */
    private long[] streamTimes(Instant dataTime) {
        if (quality.streamCount() == 1) {
            return null;
        }
        long[] clocks = quality.streamClocks(dataTime.getEpochSecond());
        long[] out = elementStreamTimes;
        for (int e = 0; e < out.length; e++) {
            out[e] = clocks[quality.streamOf(gateNumbers[e])];
        }
        return out;
    }

    /**
     * Each element's samples come in its stream (connected mode: its Kafka partition), in order
     * with its stream's other elements; streams run apart (a consumer drains one partition's
     * backlog while the others are current). Its silence, its clock's skew and an alarm gone stale
     * are judged at its own stream's time from here on: judged at one time for all, an instance
     * whose two partitions ran a few ticks apart took half its elements for silent (and their
     * neighbours for elements beside an outage) or held them out as skewed.
     */
    @Override
    public void streams(Map<ElementId, Integer> streamOf) {
        for (Map.Entry<ElementId, Integer> e : streamOf.entrySet()) {
            if (features.knows(e.getKey())) {
                quality.stream(e.getKey(), e.getValue());
            }
        }
    }

    @Override
    public Optional<DataQuality> dataQuality(ElementId element, Instant now) {
        return features.knows(element)
                ? Optional.of(quality.quality(element, now))
                : Optional.empty();
    }

    /**
     * The elements not alarmed whose data are not fresh: their last score, if any, is not a
     * judgement of health. An alarmed element whose data went bad keeps its alarm: a stuck or
     * missing reading can hide evidence of a fault, not invent it.
     */
    @Override
    public List<DataQuality> abstentions(Instant now) {
        List<DataQuality> out = new ArrayList<>();
        for (int k = 0; k < knownIndex.length; k++) {
            int e = knownIndex[k];
            // most elements are fresh: told so without building their DataQuality
            if (alarmed[e] == null && !quality.freshOrUnseen(gateNumbers[e], now)) {
                DataQuality q = quality.quality(gateNumbers[e], known.get(k), now);
                if (!q.trusted() && q.lastSampleAt().isPresent()) {
                    out.add(q);
                }
            }
        }
        return out;
    }

    /** What the ingest gate did with the samples: admitted, dropped as late, held as skewed. */
    public DataQualityTracker.Counts gateCounts() {
        return quality.counts();
    }

    /**
     * The element's probability of failure within the horizon now (calibrated when the bundle has a
     * calibration); empty while it is warming up or drained of traffic.
     */
    public Optional<Double> probability(ElementId element) {
        return rawScore(element).map(bundle::calibrate);
    }

    /**
     * The failure model's own score now: the scale of {@link PredictorSettings#threshold()}, on
     * which the alarm gate runs. Equal to {@link #probability} when the bundle has no calibration.
     */
    public Optional<Double> rawScore(ElementId element) {
        if (!features.knows(element)) {
            return Optional.empty();
        }
        ElementFeatures st = features.state(element);
        int e = st.index;
        if (stale[e]) {
            // skipped at its last tick: scored now (not a new anchor for the skip, whose bound
            // counts from the end of a tick)
            return Optional.of(CompiledScorer.probability(compiled[st.family.ordinal()].logit(st)));
        }
        double v = rawScore[e];
        return Double.isNaN(v) ? Optional.empty() : Optional.of(v);
    }

    /**
     * Since the start: how many element scorings ran exactly, how many were skipped by the movement
     * bound, and how many were settled below the bar by {@link CompiledScorer#logitUpperBound}.
     */
    long[] scoringCounts() {
        return new long[] {scored, skipped, bounded};
    }

    private void score(int e, Instant now) {
        ElementFeatures st = features.state(e);
        if (!FeatureExtractor.isScorable(st)) {
            rawScore[e] = Double.NaN; // too early, or drained: its alarm state stands, unscored
            lastLogit[e] = Double.NaN;
            stale[e] = false;
            return;
        }
        AlarmGate gate = gates[e];
        if (scoring == Scoring.SKIPPING
                && !Double.isNaN(lastLogit[e])
                && !gate.alarmed()
                && !gate.pending()
                && groupVersionAt[e] == st.group.version
                && CompiledScorer.canSkip(
                        lastLogit[e],
                        (st.movement - movementAt[e]) + (st.group.movement - groupMovementAt[e]),
                        thresholdLogit)) {
            // below the bar and sure to stay there: the gate would only keep waiting for it
            stale[e] = true;
            skipped++;
            return;
        }
        int f = st.family.ordinal();
        if (scoring == Scoring.SKIPPING && !gate.alarmed() && !gate.pending()) {
            double bound = compiled[f].logitUpperBound(st);
            if (CompiledScorer.canSkip(bound, 0.0, thresholdLogit)) {
                // surely below the bar by the cheaper bound: the gate, neither alarmed nor
                // waiting, would do nothing with the exact score; the bound anchors the next
                // skips, and the exact score is worked out if someone asks for it (stale)
                lastLogit[e] = bound;
                movementAt[e] = st.movement;
                groupMovementAt[e] = st.group.movement;
                groupVersionAt[e] = st.group.version;
                stale[e] = true;
                bounded++;
                return;
            }
        }
        scored++;
        double raw;
        if (scoring == Scoring.REFERENCE) {
            double[] vector = new double[FeatureExtractor.featureNames(st.family).size()];
            FeatureExtractor.fill(st, vector);
            raw = reference[f].rawScore(vector);
            rawScore[e] = raw;
            lastLogit[e] = CompiledScorer.logitOf(raw);
            stale[e] = false;
        } else {
            anchor(e, compiled[f].logit(st));
            raw = rawScore[e];
        }
        Instant sampledAt = Instant.ofEpochSecond(st.lastAt);
        if (quality.settling(gateNumbers[e], st.lastAt)) {
            // its windows still span a gap (data-quality.md, Settling): no new alarm on what they
            // say, and one standing stands, as while the element was silent
            if (gate.alarmed()) {
                setAlarmed(e, prediction(st, raw, sampledAt, now));
            } else {
                gate.hold();
            }
            return;
        }
        if (gate.update(sampledAt, raw)) {
            setAlarmed(e, prediction(st, raw, sampledAt, now));
        } else {
            setAlarmed(e, null);
        }
    }

    /** Records a scoring: the log-odds, and where the features' movement stood. */
    private void anchor(int e, double logit) {
        ElementFeatures st = features.state(e);
        lastLogit[e] = logit;
        rawScore[e] = CompiledScorer.probability(logit);
        movementAt[e] = st.movement;
        groupMovementAt[e] = st.group.movement;
        groupVersionAt[e] = st.group.version;
        stale[e] = false;
    }

    /**
     * An alarmed element's whole prediction: its mode, time to failure and interval, and evidence
     * from the Tribuo models; the probability is the calibrated score the gate read.
     */
    private Prediction prediction(ElementFeatures st, double raw, Instant sampledAt, Instant now) {
        double[] vector = new double[FeatureExtractor.featureNames(st.family).size()];
        FeatureExtractor.fill(st, vector);
        Scorer.Diagnosis s = reference[st.family.ordinal()].diagnose(vector);
        Duration sinceSample = Duration.between(sampledAt, now);
        if (sinceSample.isNegative()) {
            sinceSample = Duration.ZERO;
        }
        Duration ttf = s.timeToFailure().minus(sinceSample);
        return new Prediction(
                st.id,
                now,
                bundle.calibrate(raw),
                s.mode(),
                ttf.isNegative() ? Duration.ZERO : ttf,
                Explanations.top(st.family, vector, s.contributions(), settings.evidence()),
                bundle.version(),
                s.window().minus(sinceSample));
    }

    private void setAlarmed(int e, Prediction p) {
        boolean was = alarmed[e] != null;
        alarmed[e] = p;
        if (p != null && !was) {
            alarmedList[alarmedCount++] = e;
        } else if (p == null && was) {
            for (int k = 0; k < alarmedCount; k++) {
                if (alarmedList[k] == e) {
                    alarmedList[k] = alarmedList[--alarmedCount];
                    break;
                }
            }
        }
    }
}
