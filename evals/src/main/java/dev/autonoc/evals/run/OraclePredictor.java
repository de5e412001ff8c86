package dev.autonoc.evals.run;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.DataQuality;
import dev.autonoc.core.prediction.Evidence;
import dev.autonoc.core.prediction.FailurePredictor;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.simulators.FaultTruth;
import dev.autonoc.simulators.GroundTruth;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The oracle baseline's predictor: it reads the twin's ground truth, which no real predictor can,
 * and predicts each fault from its onset until it is mended, with the true mode and the true time
 * to failure. What the playbook planner makes of a perfect prediction bounds what any predictor can
 * gain.
 */
final class OraclePredictor implements FailurePredictor {

    static final String VERSION = "oracle-baseline-1";

    private final GroundTruth truth;

    OraclePredictor(GroundTruth truth) {
        this.truth = Objects.requireNonNull(truth, "truth");
    }

    @Override
    public String modelVersion() {
        return VERSION;
    }

    @Override
    public void observe(TelemetrySample sample) {
        // the oracle needs no telemetry: it knows
    }

    /**
     * Always fresh: the oracle reads the truth, not a stream. Said rather than left empty so that
     * the loop checks the inventory for the oracle's cases as for any predictor's: a case whose
     * element the inventory contradicts stops for a person under the oracle too, and expectations
     * drawn from the oracle's runs ask for no more than the agent's rules allow.
     */
    @Override
    public Optional<DataQuality> dataQuality(ElementId element, Instant now) {
        return Optional.of(DataQuality.fresh(element, now));
    }

    @Override
    public List<Prediction> atRisk(Instant now) {
        return truth.faults().stream()
                .filter(f -> !f.onset().isAfter(now))
                .filter(f -> f.repairedAt().map(mended -> mended.isAfter(now)).orElse(true))
                .sorted(Comparator.comparing(FaultTruth::failsAt))
                .map(f -> predict(f, now))
                .toList();
    }

    private static Prediction predict(FaultTruth f, Instant now) {
        Duration left = Duration.between(now, f.failsAt());
        return new Prediction(
                f.element(),
                now,
                1.0,
                f.mode(),
                left.isNegative() ? Duration.ZERO : left,
                List.of(
                        new Evidence(
                                "ground_truth.fails_at",
                                left.toMinutes(),
                                1.0,
                                "the twin's ground truth: "
                                        + f.mode()
                                        + " since "
                                        + f.onset()
                                        + ", fails at "
                                        + f.failsAt())),
                VERSION);
    }
}
