package dev.autonoc.service.history;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.DataQuality;
import dev.autonoc.core.prediction.FailurePredictor;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.prediction.PredictorShare;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.predictor.TribuoFailurePredictor;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The predictor, telling a {@link TelemetryHistory} what it is fed and what it answers: every
 * sample, every alarm's prediction at every tick, and once an hour the probability of each element
 * it scores (the default model's calibrated probability, when the delegate is one; other predictors
 * say nothing of elements they do not alarm on). Changes nothing of what the predictor does.
 */
public final class RecordingPredictor implements FailurePredictor {

    private final FailurePredictor delegate;
    private final TelemetryHistory history;
    // the elements fed since the last hourly scoring. Not locked here: a predictor is fed and asked
    // by one thread at a time (embedded: the simulation's thread; connected: under the network's
    // lock, ConnectedNetwork), and this wrapper is called in the same way
    private final Set<ElementId> fed = new LinkedHashSet<>();
    private long scoredHour = Long.MIN_VALUE;

    public RecordingPredictor(FailurePredictor delegate, TelemetryHistory history) {
        this.delegate = delegate;
        this.history = history;
    }

    @Override
    public String modelVersion() {
        return delegate.modelVersion();
    }

    @Override
    public void observe(TelemetrySample sample) {
        delegate.observe(sample);
        history.record(sample);
        fed.add(sample.element());
    }

    @Override
    public void observe(Alarm alarm) {
        delegate.observe(alarm);
    }

    @Override
    public void maintained(ElementId element, Instant at) {
        delegate.maintained(element, at);
    }

    @Override
    public Optional<DataQuality> dataQuality(ElementId element, Instant now) {
        return delegate.dataQuality(element, now);
    }

    @Override
    public List<DataQuality> abstentions(Instant now) {
        return delegate.abstentions(now);
    }

    @Override
    public Optional<FailurePredictor> over(List<Element> elements) {
        return delegate.over(elements).map(d -> new RecordingPredictor(d, history));
    }

    @Override
    public Map<ElementId, byte[]> states(Collection<ElementId> elements) {
        return delegate.states(elements);
    }

    @Override
    public int restore(Map<ElementId, byte[]> states, Instant since) {
        return delegate.restore(states, since);
    }

    @Override
    public void release(Collection<ElementId> elements) {
        delegate.release(elements);
    }

    @Override
    public void streams(Map<ElementId, Integer> streamOf) {
        delegate.streams(streamOf);
    }

    @Override
    public Optional<PredictorShare> share(Instant now) {
        return delegate.share(now);
    }

    @Override
    public void join(Collection<PredictorShare> others) {
        delegate.join(others);
    }

    @Override
    public List<Prediction> atRisk(Instant now) {
        List<Prediction> answer = delegate.atRisk(now);
        long hour = Math.floorDiv(now.getEpochSecond(), 3600);
        if (hour != scoredHour && delegate instanceof TribuoFailurePredictor scored) {
            // once an hour: the score is read, never computed anew (probability() has no effect)
            for (ElementId e : fed) {
                scored.probability(e).ifPresent(p -> history.score(e, now, p));
            }
            fed.clear();
            scoredHour = hour;
        }
        history.alarmed(answer);
        return answer;
    }
}
