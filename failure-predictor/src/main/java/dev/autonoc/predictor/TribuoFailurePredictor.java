package dev.autonoc.predictor;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.DataQuality;
import dev.autonoc.core.prediction.FailurePredictor;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.predictor.quality.DataQualityTracker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The failure predictor on Tribuo models. {@link #observe} updates the element's features in
 * constant time; {@link #atRisk} rescores only the elements that sent something since the last
 * call, runs each through its alarm gate (persistence and hysteresis), and returns those alarmed,
 * most at risk first, with the mode, a time-to-failure estimate on the early side, and the features
 * that drove it in words.
 *
 * <p>Not thread-safe: the agent's loop feeds and asks it from one thread.
 */
public final class TribuoFailurePredictor implements FailurePredictor {

    private final ModelBundle bundle;
    private final PredictorSettings settings;
    private final FeatureExtractor features;
    private final Map<Family, Scorer> scorers = new HashMap<>();
    private final Set<ElementId> dirty = new LinkedHashSet<>();
    private final Map<ElementId, AlarmGate> gates = new HashMap<>();
    // the failure model's raw score per element: what the gate and the threshold read
    private final Map<ElementId, Double> scores = new HashMap<>();
    private final Map<ElementId, Prediction> alarmed = new HashMap<>();
    // the one place samples enter: late, skewed and absurd readings stop here (data-quality.md)
    private final DataQualityTracker quality = new DataQualityTracker();
    private final List<ElementId> known = new ArrayList<>();

    public TribuoFailurePredictor(List<Element> elements, ModelBundle bundle) {
        this(elements, bundle, PredictorSettings.of(bundle));
    }

    public TribuoFailurePredictor(
            List<Element> elements, ModelBundle bundle, PredictorSettings settings) {
        Objects.requireNonNull(elements, "elements");
        this.bundle = Objects.requireNonNull(bundle, "bundle");
        this.settings = Objects.requireNonNull(settings, "settings");
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
        this.features = new FeatureExtractor(elements);
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
            scorers.computeIfAbsent(family, f -> bundle.scorer(f).orElseThrow());
            known.add(element.id());
        }
    }

    @Override
    public String modelVersion() {
        return bundle.version();
    }

    public PredictorSettings settings() {
        return settings;
    }

    @Override
    public void observe(TelemetrySample sample) {
        if (features.knows(sample.element())) {
            quality.admit(sample)
                    .ifPresent(
                            s -> {
                                features.observe(s);
                                dirty.add(s.element());
                            });
        }
    }

    /** After a restart or a repair the element's history no longer describes it: start afresh. */
    @Override
    public void observe(Alarm alarm) {
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
        if (features.knows(element)) {
            features.reset(element);
            quality.reset(element);
            gates.remove(element);
            alarmed.remove(element);
            scores.remove(element);
            dirty.remove(element);
        }
    }

    @Override
    public List<Prediction> atRisk(Instant now) {
        Objects.requireNonNull(now, "now");
        for (ElementId id : dirty) {
            score(id, now);
        }
        dirty.clear();
        List<Prediction> out = new ArrayList<>();
        for (Prediction p : alarmed.values()) {
            Optional<Instant> last = features.lastUpdate(p.element());
            if (last.isPresent() && !last.get().plus(settings.staleAfter()).isBefore(now)) {
                out.add(p);
            }
        }
        out.sort(
                Comparator.comparingDouble(Prediction::probability)
                        .reversed()
                        .thenComparing(Prediction::element));
        return out;
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
        for (ElementId id : known) {
            if (!alarmed.containsKey(id)) {
                DataQuality q = quality.quality(id, now);
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
     * The element's probability of failure within the horizon at its last scoring (calibrated when
     * the bundle has a calibration); empty while it is warming up or drained of traffic.
     */
    public Optional<Double> probability(ElementId element) {
        return rawScore(element).map(bundle::calibrate);
    }

    /**
     * The failure model's own score at the element's last scoring: the scale of {@link
     * PredictorSettings#threshold()}, on which the alarm gate runs. Equal to {@link #probability}
     * when the bundle has no calibration.
     */
    public Optional<Double> rawScore(ElementId element) {
        return Optional.ofNullable(scores.get(element));
    }

    private void score(ElementId id, Instant now) {
        if (!features.isScorable(id)) {
            scores.remove(id); // too early, or drained: its alarm state stands, unscored
            return;
        }
        Family family = features.family(id);
        double[] raw = features.features(id);
        Scorer scorer = scorers.get(family);
        // every tick needs the score; the mode, the time to failure and the evidence only an
        // alarmed element's prediction reads. The gate runs on the raw score, where the threshold,
        // persistence and release were tuned; calibration is strictly increasing, so the alarms
        // are the same as on the calibrated probability at the calibrated threshold
        double score = scorer.rawScore(raw);
        scores.put(id, score);
        Instant sampledAt = features.lastUpdate(id).orElse(now);
        AlarmGate gate =
                gates.computeIfAbsent(
                        id, k -> new AlarmGate(settings.threshold(), settings.persistence()));
        if (gate.update(sampledAt, score)) {
            Scorer.Score s = scorer.score(raw);
            Duration sinceSample = Duration.between(sampledAt, now);
            Duration ttf =
                    s.timeToFailure().minus(sinceSample.isNegative() ? Duration.ZERO : sinceSample);
            alarmed.put(
                    id,
                    new Prediction(
                            id,
                            now,
                            s.probability(),
                            s.mode(),
                            ttf.isNegative() ? Duration.ZERO : ttf,
                            Explanations.top(family, raw, s.contributions(), settings.evidence()),
                            bundle.version()));
        } else {
            alarmed.remove(id);
        }
    }
}
