package dev.autonoc.core.prediction;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Watches the network and says which elements are at risk. Implementations keep their own state per
 * element (feature windows), updated incrementally as samples arrive.
 */
public interface FailurePredictor {

    /**
     * The version of the model behind the predictions, named in every prediction and audit event.
     */
    String modelVersion();

    /** Takes one sample into the element's state; cheap, called once per element per tick. */
    void observe(TelemetrySample sample);

    /** Takes an alarm; predictors that read only telemetry ignore it. */
    default void observe(Alarm alarm) {}

    /**
     * Tells the predictor that the element was worked on (a part replaced, a restart): its own
     * history no longer describes it, and its jump back to health must not read as a change in its
     * peers. Called by the loop when a case's work is done.
     */
    default void maintained(ElementId element, Instant at) {}

    /**
     * The elements at risk now: those whose probability of failure within the horizon is at or
     * above the predictor's operating threshold, most at risk first.
     */
    List<Prediction> atRisk(Instant now);

    /**
     * How far the element's data can be trusted at {@code now}; empty when this predictor does not
     * judge its inputs (the baselines).
     */
    default Optional<DataQuality> dataQuality(ElementId element, Instant now) {
        return Optional.empty();
    }

    /**
     * The elements this predictor cannot judge now because their data are not good enough, with the
     * reason: an abstention, never to be read as health. Empty by default.
     */
    default List<DataQuality> abstentions(Instant now) {
        return List.of();
    }

    /**
     * A predictor over a changed inventory (elements added, removed or described anew) that keeps
     * what this one learnt of the elements in both; empty when this predictor cannot, and the
     * caller builds a fresh one.
     */
    default Optional<FailurePredictor> over(List<Element> elements) {
        return Optional.empty();
    }

    /**
     * The elements are no longer this instance's to watch (their telemetry went to another instance
     * of the same network): they leave every statistic over several elements, and are neither
     * silent nor out of service to their neighbours. Samples of them that come again start them
     * afresh. Nothing to do for a predictor that reads each element alone.
     */
    default void release(Collection<ElementId> elements) {}

    /**
     * Which stream each of the elements' samples comes in (numbered from 0; connected mode: the
     * Kafka partition of its key). One stream's samples come in order; streams may run hours apart
     * (a consumer drains one partition's backlog while the others are current), so what depends on
     * where the data is (an element silent while the others report, a clock running ahead) is
     * judged within the element's own stream. Elements never named are in stream 0. Nothing to do
     * for a predictor that judges each element by its own samples alone.
     */
    default void streams(Map<ElementId, Integer> streamOf) {}

    /**
     * The state this predictor holds of the elements given that it watches, one opaque value per
     * element in the predictor's own format: what another instance's predictor of the same model
     * takes over with {@link #restore} when the elements move to it. Empty for a predictor that
     * keeps no state per element.
     */
    default Map<ElementId, byte[]> states(Collection<ElementId> elements) {
        return Map.of();
    }

    /**
     * Takes over states {@link #states} wrote, for elements this predictor does not watch yet whose
     * history in the state begins at or before {@code since} (a state that knows less is passed
     * over: reading the history from {@code since} again rebuilds more).
     *
     * @return how many elements were taken over
     */
    default int restore(Map<ElementId, byte[]> states, Instant since) {
        return 0;
    }

    /**
     * What this predictor's own samples say that other instances' predictors over the same network
     * need (see {@link PredictorShare}); empty for a predictor that judges each element alone.
     */
    default Optional<PredictorShare> share(Instant now) {
        return Optional.empty();
    }

    /**
     * The latest shares of the other instances over the same network, in place of those joined
     * before (an instance not among them no longer counts); shares of another model are ignored.
     * Taken in at the next {@link #atRisk}, before it scores.
     */
    default void join(Collection<PredictorShare> others) {}
}
