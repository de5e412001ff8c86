package dev.autonoc.service.simulation;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.FailurePredictor;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;
import java.time.Instant;
import java.util.List;

/**
 * The predictor the loop uses, remembering its last answer: the API shows the elements at risk
 * exactly as the loop last saw them, without asking the predictor (which belongs to the driver
 * thread) from a request thread.
 */
final class LatestPredictions implements FailurePredictor {

    private final FailurePredictor delegate;
    private volatile List<Prediction> latest = List.of();

    LatestPredictions(FailurePredictor delegate) {
        this.delegate = delegate;
    }

    @Override
    public String modelVersion() {
        return delegate.modelVersion();
    }

    @Override
    public void observe(TelemetrySample sample) {
        delegate.observe(sample);
    }

    @Override
    public void observe(Alarm alarm) {
        delegate.observe(alarm);
    }

    /** The loop's word that an element was worked on: the predictor must hear it. */
    @Override
    public void maintained(ElementId element, Instant at) {
        delegate.maintained(element, at);
    }

    @Override
    public java.util.Optional<dev.autonoc.core.prediction.DataQuality> dataQuality(
            ElementId element, Instant now) {
        return delegate.dataQuality(element, now);
    }

    @Override
    public List<dev.autonoc.core.prediction.DataQuality> abstentions(Instant now) {
        return delegate.abstentions(now);
    }

    @Override
    public List<Prediction> atRisk(Instant now) {
        List<Prediction> answer = List.copyOf(delegate.atRisk(now));
        latest = answer;
        return answer;
    }

    List<Prediction> latest() {
        return latest;
    }
}
