package dev.autonoc.evals.training;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.predictor.LatentOracle;
import dev.autonoc.predictor.ModelBundle;
import dev.autonoc.predictor.PredictorEvaluation;
import dev.autonoc.predictor.TrainingSet;
import dev.autonoc.predictor.TribuoFailurePredictor;
import dev.autonoc.simulators.FaultTruth;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.TwinListener;
import dev.autonoc.simulators.TwinSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One live run of a bundle's predictor on a twin, as the agent would run it: every sample the
 * stream delivers observed, {@code atRisk} asked every tick, what it says counted against the
 * twin's ground truth (and, beside it, the oracle's alarms). The tick is the twin's clock, not the
 * samples' timestamps, so that a late sample or a drifting clock (bad data) cannot move it.
 */
final class LiveRun {

    // -Dautonoc.training.logFalseAlarms=true prints each false alarm with its evidence
    private static final boolean LOG_FALSE_ALARMS =
            Boolean.getBoolean("autonoc.training.logFalseAlarms");

    private LiveRun() {}

    /**
     * Runs the bundle live on the spec's twin for {@code duration}, counting into {@code acc} (and
     * {@code raw}, the oracles and the time-to-failure residuals when given); returns how often it
     * abstained.
     */
    static Abstentions run(
            ModelBundle bundle,
            TwinSpec spec,
            Duration duration,
            Duration horizon,
            PredictorEvaluation.Accumulator acc,
            PredictorEvaluation.Accumulator raw,
            List<OracleSide> oracles,
            Map<FailureMode, List<Double>> ttfResiduals) {
        OperatorTwin twin = OperatorTwin.create(spec);
        List<Element> elements = twin.elements();
        TribuoFailurePredictor predictor = new TribuoFailurePredictor(elements, bundle);
        TrainingDataGenerator.Labeller labeller = new TrainingDataGenerator.Labeller(twin, horizon);
        LiveScorer scorer =
                new LiveScorer(
                        twin, predictor, labeller, new OutageSlice(elements), acc, raw, oracles);
        scorer.ttfResiduals = ttfResiduals;
        if (LOG_FALSE_ALARMS) {
            scorer.describeFalseAlarm =
                    p -> falseAlarmContext(spec, elements, p.element(), p.at()) + ": " + p;
        }
        twin.advanceTo(OperatorTwin.EPOCH.plus(duration), scorer);
        scorer.endOfTick();
        for (FaultTruth f : labeller.faults().values()) {
            if (f.onset().isBefore(OperatorTwin.EPOCH.plus(duration))) {
                Instant first = scorer.firstAlarm.get(f.element());
                Prediction atFirst = scorer.firstAlarmPrediction.get(f.element());
                acc.fault(
                        f.onset(),
                        f.failsAt(),
                        Optional.ofNullable(first),
                        Optional.ofNullable(atFirst).map(Prediction::timeToFailure),
                        Optional.ofNullable(atFirst).map(Prediction::window));
                for (OracleSide oracle : oracles) {
                    LatentOracle.TimeToFailure estimate =
                            oracle.estimateAtFirstAlarm.get(f.element());
                    oracle.acc.fault(
                            f.onset(),
                            f.failsAt(),
                            Optional.ofNullable(oracle.firstAlarm.get(f.element())),
                            Optional.ofNullable(estimate).map(LatentOracle.TimeToFailure::median),
                            Optional.ofNullable(estimate).map(LatentOracle.TimeToFailure::window));
                }
            }
        }
        return new Abstentions(scorer.elementHours, scorer.abstainedElementHours);
    }

    /**
     * The oracle's side of a live run: its alarm gates, and its first alarm per fault. It scores
     * the rows the predictor scores, at the same ticks, against the same labels.
     */
    static final class OracleSide {
        private final LatentOracle oracle;
        private final LatentOracle.Live live;
        private final PredictorEvaluation.Accumulator acc;
        private final Map<ElementId, Instant> firstAlarm = new HashMap<>();
        private final Map<ElementId, LatentOracle.TimeToFailure> estimateAtFirstAlarm =
                new HashMap<>();
        private final Set<ElementId> alarmedBefore = new HashSet<>();

        OracleSide(
                LatentOracle oracle, LatentOracle.Live live, PredictorEvaluation.Accumulator acc) {
            this.oracle = oracle;
            this.live = live;
            this.acc = acc;
        }

        void tick(
                ElementId id,
                Instant at,
                TrainingSet.Label label,
                boolean scoreRow,
                boolean predictorScored,
                Duration dt,
                boolean nearOutage) {
            double probability = oracle.probability(label);
            boolean alarmed = live.update(id, at, probability);
            if (alarmed) {
                if (label.healthyNow()) {
                    if (!alarmedBefore.contains(id)) {
                        acc.falseAlarm(nearOutage);
                    }
                } else if (!firstAlarm.containsKey(id)) {
                    firstAlarm.put(id, at);
                    oracle.timeToFailure(label).ifPresent(t -> estimateAtFirstAlarm.put(id, t));
                }
                alarmedBefore.add(id);
            } else {
                alarmedBefore.remove(id);
            }
            if (label.healthyNow()) {
                acc.healthyTime(dt, nearOutage);
            }
            if (scoreRow && predictorScored) {
                acc.score(probability, label.failsWithinHorizon());
            }
        }
    }

    /** Feeds the predictor, asks it every tick, and counts what it says against the truth. */
    private static final class LiveScorer implements TwinListener {
        private final OperatorTwin twin;
        private final TribuoFailurePredictor predictor;
        private final TrainingDataGenerator.Labeller labeller;
        private final OutageSlice outages;
        private final PredictorEvaluation.Accumulator acc;
        // the raw scores of the same rows, or null when nobody asks
        private final PredictorEvaluation.Accumulator raw;
        private final Map<ElementId, Instant> firstAlarm = new HashMap<>();
        private final Map<ElementId, Prediction> firstAlarmPrediction = new HashMap<>();
        // the elements heard from this tick, once each (a late copy of a sample is not a second
        // element), in the order heard
        private final Set<ElementId> tick = new LinkedHashSet<>();
        private long elementHours;
        private long abstainedElementHours;
        private Set<ElementId> alarmedBefore = Set.of();
        private Instant current;
        private Instant previous;
        private Instant nextScoreRow = OperatorTwin.EPOCH;

        private final List<OracleSide> oracles;
        // set when false alarms are logged
        private java.util.function.Function<Prediction, String> describeFalseAlarm;
        // set when the time-to-failure estimates after each first alarm are collected
        private Map<FailureMode, List<Double>> ttfResiduals;

        LiveScorer(
                OperatorTwin twin,
                TribuoFailurePredictor predictor,
                TrainingDataGenerator.Labeller labeller,
                OutageSlice outages,
                PredictorEvaluation.Accumulator acc,
                PredictorEvaluation.Accumulator raw,
                List<OracleSide> oracles) {
            this.twin = twin;
            this.predictor = predictor;
            this.labeller = labeller;
            this.outages = outages;
            this.acc = acc;
            this.raw = raw;
            this.oracles = oracles;
        }

        @Override
        public void onTelemetry(TelemetrySample sample) {
            // the twin's clock, not the sample's stamp: on a clean stream they agree; a late sample
            // or a clock running ahead must not move the tick
            Instant now = twin.now();
            if (current != null && !now.equals(current)) {
                endOfTick();
            }
            current = now;
            predictor.observe(sample);
            tick.add(sample.element());
        }

        @Override
        public void onAlarm(Alarm alarm) {
            predictor.observe(alarm);
            outages.observe(alarm);
        }

        /**
         * An alarmed faulty element's estimate, on the hour, within the calibration window after
         * its first alarm.
         */
        private void collectTtfResidual(Prediction p) {
            if (ttfResiduals == null) {
                return;
            }
            Instant first = firstAlarm.get(p.element());
            Duration since = Duration.between(first, current);
            FaultTruth fault = labeller.fault(p.element());
            if (since.compareTo(ModelTraining.TTF_CALIBRATION_WINDOW) >= 0
                    || since.toMinutes() % 60 != 0
                    || fault == null) {
                return;
            }
            long truth = Duration.between(current, fault.failsAt()).toMinutes();
            long estimate = p.timeToFailure().toMinutes();
            if (truth > 0 && estimate > 0) {
                ttfResiduals
                        .computeIfAbsent(p.mode(), m -> new ArrayList<>())
                        .add(Math.log((double) estimate / truth));
            }
        }

        void endOfTick() {
            if (current == null) {
                return;
            }
            List<Prediction> atRisk = predictor.atRisk(current);
            Set<ElementId> alarmed = new HashSet<>();
            for (Prediction p : atRisk) {
                alarmed.add(p.element());
                TrainingSet.Label label = labeller.label(p.element(), current);
                if (label.healthyNow()) {
                    if (!alarmedBefore.contains(p.element())) {
                        boolean near = outages.nearOutage(p.element(), current);
                        acc.falseAlarm(near);
                        if (describeFalseAlarm != null) {
                            System.err.println(
                                    "false alarm"
                                            + (near ? " (beside an outage)" : "")
                                            + ": "
                                            + describeFalseAlarm.apply(p));
                        }
                    }
                } else {
                    if (!firstAlarm.containsKey(p.element())) {
                        firstAlarm.put(p.element(), current);
                        firstAlarmPrediction.put(p.element(), p);
                    }
                    collectTtfResidual(p);
                }
            }
            alarmedBefore = alarmed;
            Duration dt = previous == null ? Duration.ZERO : Duration.between(previous, current);
            boolean scoreRow = !current.isBefore(nextScoreRow);
            for (ElementId id : tick) {
                TrainingSet.Label label = labeller.label(id, current);
                boolean near = label.healthyNow() && outages.nearOutage(id, current);
                if (label.healthyNow()) {
                    acc.healthyTime(dt, near);
                }
                Optional<Double> p = predictor.probability(id);
                if (scoreRow) {
                    p.ifPresent(v -> acc.score(v, label.failsWithinHorizon()));
                    if (raw != null) {
                        predictor
                                .rawScore(id)
                                .ifPresent(v -> raw.score(v, label.failsWithinHorizon()));
                    }
                }
                for (OracleSide oracle : oracles) {
                    oracle.tick(id, current, label, scoreRow, p.isPresent(), dt, near);
                }
            }
            if (scoreRow) {
                nextScoreRow = current.plus(Duration.ofHours(1));
                elementHours += twin.elements().size();
                abstainedElementHours += predictor.abstentions(current).size();
            }
            tick.clear();
            previous = current;
        }
    }

    /** The run's seed, and whether a heatwave covered the element's region at the time. */
    static String falseAlarmContext(
            TwinSpec spec, List<Element> elements, ElementId element, Instant at) {
        String region =
                elements.stream()
                        .filter(e -> e.id().equals(element))
                        .map(Element::region)
                        .findFirst()
                        .orElse("?");
        List<String> heatwaves = new ArrayList<>();
        for (dev.autonoc.simulators.Disturbance d : spec.disturbances()) {
            if (d instanceof dev.autonoc.simulators.Disturbance.Heatwave h) {
                Instant from = OperatorTwin.EPOCH.plus(h.from());
                Instant to = OperatorTwin.EPOCH.plus(h.to());
                heatwaves.add(
                        h.region()
                                + " "
                                + h.from().toHours()
                                + "-"
                                + h.to().toHours()
                                + " h"
                                + (h.region().equals(region)
                                                && !at.isBefore(from.minus(Duration.ofHours(24)))
                                                && !at.isAfter(to.plus(Duration.ofHours(24)))
                                        ? " (its region, within a day of the alarm)"
                                        : ""));
            }
        }
        return "seed "
                + spec.seed()
                + ", "
                + element
                + " in "
                + region
                + " at hour "
                + Duration.between(OperatorTwin.EPOCH, at).toHours()
                + ", heatwaves "
                + (heatwaves.isEmpty() ? "none" : heatwaves);
    }
}
