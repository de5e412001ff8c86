package dev.autonoc.service.connected;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.FailurePredictor;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.prediction.PredictorShare;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.core.telemetry.TelemetrySample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The network as the telemetry topic describes it: the inventory (elements added, changed and
 * removed by the topic's element messages, from a starting inventory), and the failure predictor
 * fed with every sample and alarm, in order. After each batch it lets the loop act ({@code
 * afterBatch}: the loop's tick at the wall clock's now, which writes any case it opens to the
 * database) before the batch counts as taken.
 *
 * <p>The topic is read at least once: after a restart, what was read but not committed comes again.
 * A sample or alarm no later than the last one taken for its element is skipped, so a replay has no
 * second effect; an element message that changes nothing is skipped too.
 *
 * <p>A change of the inventory rebuilds the predictor over the new one (its peer groups and its
 * neighbours follow the inventory), carrying over what it learnt of every element in both ({@link
 * FailurePredictor#over}): their windows, baselines and alarms go on; an element new to the
 * inventory starts afresh. The rebuild happens once per batch, before the batch's next sample.
 *
 * <p>Thread-safe: every method takes the object's lock, so the consumer's threads and the loop's
 * own ticks never meet inside the predictor.
 */
final class ConnectedNetwork implements IngestSink {

    private final Function<List<Element>, FailurePredictor> predictors;
    private final Clock clock;
    private final Duration futureTolerance;
    private Consumer<Instant> afterBatch;
    // told the inventory after each change (the loop's element table)
    private Consumer<List<Element>> inventoryListener = elements -> {};
    private final Map<ElementId, Element> inventory = new LinkedHashMap<>();
    private final Map<ElementId, Instant> lastSample = new HashMap<>();
    private final Map<ElementId, Instant> lastAlarm = new HashMap<>();
    // each element's partition, as the consumer told it: the predictor's streams
    private final Map<ElementId, Integer> partitionOf = new HashMap<>();
    private final FailurePredictor facade = new Facade();
    private FailurePredictor current;
    // the other instances' latest shares, joined again by a predictor rebuilt over a new inventory
    private List<PredictorShare> joined = List.of();
    private volatile List<Prediction> latest = List.of();
    private boolean inventoryChanged;
    // the latest instant the loop asked the predictor at: a replay never scores before it
    private Instant scoredAt;
    // who takes the samples and alarms: the loop (which keeps which elements are down, and hands
    // both to the predictor), or the predictor alone
    private TelemetryObserver observer = new TelemetryObserver(facade::observe, facade::observe);

    /**
     * @param elements the inventory at start (the TMF639 inventory, or empty: the topic's element
     *     messages then build it)
     * @param predictors builds the predictor over an inventory
     * @param clock the wall clock: a message dated more than {@code futureTolerance} after it is
     *     refused, and the loop acts at its now
     * @param afterBatch the loop's tick, run after each batch with the clock's now
     */
    ConnectedNetwork(
            List<Element> elements,
            Function<List<Element>, FailurePredictor> predictors,
            Clock clock,
            Duration futureTolerance,
            Consumer<Instant> afterBatch) {
        this.predictors = Objects.requireNonNull(predictors, "predictors");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.futureTolerance = Objects.requireNonNull(futureTolerance, "futureTolerance");
        this.afterBatch = Objects.requireNonNull(afterBatch, "afterBatch");
        elements.forEach(e -> inventory.put(e.id(), e));
        this.current = predictors.apply(List.copyOf(inventory.values()));
    }

    /** The predictor the loop reads: always the one over the current inventory. */
    FailurePredictor predictor() {
        return facade;
    }

    /**
     * Samples and alarms go to {@code observer} from here on (the loop, built over {@link
     * #predictor()}), rather than to the predictor alone, and {@code afterBatch} (the loop's tick)
     * runs after each batch and at each {@link #tick}.
     */
    synchronized void attach(TelemetryObserver observer, Consumer<Instant> afterBatch) {
        attach(observer, afterBatch, elements -> {});
    }

    /**
     * As {@link #attach(TelemetryObserver, Consumer)}, and {@code inventoryListener} (the loop's
     * element table) is told the whole inventory after each change, before the batch's next message
     * and the loop's tick: an element the topic adds gets cases like the others.
     */
    synchronized void attach(
            TelemetryObserver observer,
            Consumer<Instant> afterBatch,
            Consumer<List<Element>> inventoryListener) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.afterBatch = Objects.requireNonNull(afterBatch, "afterBatch");
        this.inventoryListener = Objects.requireNonNull(inventoryListener, "inventoryListener");
    }

    /** The loop's tick at {@code now} with no new telemetry: approvals expire, due steps run. */
    synchronized void tick(Instant now) {
        rebuildIfChanged();
        afterBatch.accept(now);
    }

    /**
     * The elements' telemetry goes to another instance now (their partitions were revoked): the
     * predictor lets them go (they leave its peer groups and are not silent to their neighbours),
     * and what was taken of them is forgotten, so that a warm-up reads their history again if they
     * come back.
     */
    synchronized void release(Collection<ElementId> elements) {
        current.release(elements);
        for (ElementId element : elements) {
            lastSample.remove(element);
            lastAlarm.remove(element);
        }
    }

    /** The predictor's state of those of the elements it watches (for a handover). */
    synchronized Map<ElementId, byte[]> states(Collection<ElementId> elements) {
        return current.states(elements);
    }

    /**
     * Takes over the states another instance's predictor left of elements this one does not watch
     * yet, those whose history begins at or before {@code since}; how many were taken.
     */
    synchronized int restore(Map<ElementId, byte[]> states, Instant since) {
        return current.restore(states, since);
    }

    /** This instance's share for the other instances over the network, at the clock's now. */
    synchronized Optional<PredictorShare> share() {
        return current.share(clock.instant());
    }

    /** The other instances' latest shares, in place of those joined before. */
    synchronized void join(List<PredictorShare> others) {
        joined = List.copyOf(others);
        current.join(joined);
    }

    /** What the predictor answered when last asked (by the loop's tick), most at risk first. */
    List<Prediction> latest() {
        return latest;
    }

    /** Who takes the samples and alarms taken from the topic. */
    record TelemetryObserver(Consumer<TelemetrySample> samples, Consumer<Alarm> alarms) {}

    /** When the last sample taken for {@code element} was taken at; empty if none. */
    synchronized Optional<Instant> lastSampleAt(ElementId element) {
        return Optional.ofNullable(lastSample.get(element));
    }

    synchronized List<Element> elements() {
        return List.copyOf(inventory.values());
    }

    @Override
    public Applied apply(List<TelemetryMessage> batch) {
        return apply(batch, Map.of());
    }

    /**
     * As {@link #apply(List)}, the predictor told first the partition of the elements in {@code
     * partitions} (those the consumer had not told before): it judges an element's silence and
     * clock against its own partition's, since partitions are read apart (docs/connected-mode.md,
     * "Event time").
     */
    @Override
    public synchronized Applied apply(
            List<TelemetryMessage> batch, Map<ElementId, Integer> partitions) {
        tellPartitions(partitions);
        Instant now = clock.instant();
        List<Refused> refused = new ArrayList<>();
        int duplicates = 0;
        for (int i = 0; i < batch.size(); i++) {
            TelemetryMessage m = batch.get(i);
            if (m.at().isAfter(now.plus(futureTolerance))) {
                refused.add(
                        new Refused(
                                i,
                                new Rejection(
                                        Rejection.FUTURE,
                                        "dated "
                                                + m.at()
                                                + ", more than "
                                                + futureTolerance
                                                + " after this instance's clock ("
                                                + now
                                                + "); check the producer's clock")));
                continue;
            }
            Outcome o = take(m);
            if (o.refusal != null) {
                refused.add(new Refused(i, o.refusal));
            } else if (o.duplicate) {
                duplicates++;
            }
        }
        rebuildIfChanged();
        afterBatch.accept(now);
        return new Applied(refused, duplicates);
    }

    private record Outcome(Rejection refusal, boolean duplicate) {
        static final Outcome TAKEN = new Outcome(null, false);
        static final Outcome DUPLICATE = new Outcome(null, true);
    }

    private Outcome take(TelemetryMessage m) {
        if (m instanceof TelemetryMessage.ElementUpserted u) {
            if (u.described().equals(inventory.get(u.element()))) {
                return Outcome.DUPLICATE;
            }
            inventory.put(u.element(), u.described());
            inventoryChanged = true;
            return Outcome.TAKEN;
        }
        if (m instanceof TelemetryMessage.ElementRemoved) {
            if (inventory.remove(m.element()) == null) {
                return Outcome.DUPLICATE;
            }
            lastSample.remove(m.element());
            lastAlarm.remove(m.element());
            inventoryChanged = true;
            return Outcome.TAKEN;
        }
        Element element = inventory.get(m.element());
        if (element == null) {
            return new Outcome(
                    new Rejection(
                            Rejection.UNKNOWN_ELEMENT,
                            "no element '"
                                    + m.element()
                                    + "' in the inventory; publish an element message for it"
                                    + " first (same topic, same key)"),
                    false);
        }
        if (m instanceof TelemetryMessage.Sample s) {
            return sample(element, s.sample());
        }
        Alarm alarm = ((TelemetryMessage.AlarmRaised) m).alarm();
        if (seen(lastAlarm, alarm.element(), alarm.at())) {
            return Outcome.DUPLICATE;
        }
        rebuildIfChanged();
        observer.alarms().accept(alarm);
        return Outcome.TAKEN;
    }

    private Outcome sample(Element element, TelemetrySample sample) {
        for (Metric metric : Metric.values()) {
            if (sample.has(metric) && !metric.isReportedBy(element.kind())) {
                return new Outcome(
                        new Rejection(
                                Rejection.METRIC_NOT_REPORTED,
                                element.id()
                                        + " is a "
                                        + element.kind()
                                        + ", which does not report '"
                                        + metric.key()
                                        + "'; it reports "
                                        + Metric.reportedBy(element.kind()).stream()
                                                .map(Metric::key)
                                                .toList()),
                        false);
            }
        }
        if (seen(lastSample, element.id(), sample.at())) {
            return Outcome.DUPLICATE;
        }
        rebuildIfChanged();
        observer.samples().accept(sample);
        return Outcome.TAKEN;
    }

    /** True if {@code at} is no later than the last taken for the element; else records it. */
    private static boolean seen(Map<ElementId, Instant> last, ElementId element, Instant at) {
        Instant before = last.get(element);
        if (before != null && !at.isAfter(before)) {
            return true;
        }
        last.put(element, at);
        return false;
    }

    private void tellPartitions(Map<ElementId, Integer> partitions) {
        if (!partitions.isEmpty()) {
            partitionOf.putAll(partitions);
            current.streams(partitions);
        }
    }

    private void rebuildIfChanged() {
        if (inventoryChanged) {
            List<Element> now = List.copyOf(inventory.values());
            // what was learnt of the elements in both goes on; only a predictor that cannot
            // carry it over is built afresh
            current = current.over(now).orElseGet(() -> predictors.apply(now));
            current.streams(partitionOf);
            current.join(joined);
            inventoryChanged = false;
            inventoryListener.accept(now);
        }
    }

    /**
     * Takes recorded telemetry into the predictor's state only (docs/connected-mode.md, "Warm-up"):
     * the history of partitions this instance was just assigned, read again from the topic up to
     * their committed offsets, so that their elements' feature windows and alarm gates are where
     * the previous owner left them. Element messages change the inventory as {@link #apply} does;
     * samples go to the predictor, which is asked for its risks as the samples' time advances (its
     * alarm gates count persistence from there); alarms go to the observer (the loop keeps which
     * elements are down). Nothing else happens: no tick, so no case, act or ledger event.
     *
     * <p>What was taken already (a sample or alarm no later than the element's last) is skipped, as
     * are samples and alarms dated before {@code from}, those of unknown elements, and an element's
     * samples up to the end of work that mended it ({@code mendedAt}: its history before the repair
     * describes the worn part, and the live loop had told the predictor so).
     *
     * @return how many messages were taken into the state
     */
    synchronized int replay(
            List<TelemetryMessage> history, Instant from, Map<ElementId, Instant> mendedAt) {
        return replay(history, Map.of(), from, mendedAt);
    }

    /** As {@link #replay(List, Instant, Map)}, told first each element's partition. */
    synchronized int replay(
            List<TelemetryMessage> history,
            Map<ElementId, Integer> partitions,
            Instant from,
            Map<ElementId, Instant> mendedAt) {
        tellPartitions(partitions);
        Instant now = clock.instant();
        int taken = 0;
        Instant pending = null;
        for (TelemetryMessage m : history) {
            if (m.at().isAfter(now.plus(futureTolerance))) {
                continue;
            }
            if (m instanceof TelemetryMessage.ElementUpserted
                    || m instanceof TelemetryMessage.ElementRemoved) {
                if (!take(m).duplicate) {
                    taken++;
                }
                continue;
            }
            Element element = inventory.get(m.element());
            if (element == null || m.at().isBefore(from)) {
                continue;
            }
            if (m instanceof TelemetryMessage.Sample s) {
                Instant mended = mendedAt.get(element.id());
                if ((mended != null && !s.at().isAfter(mended))
                        || !reports(element, s.sample())
                        || seen(lastSample, element.id(), s.at())) {
                    continue;
                }
                if (pending != null && s.at().isAfter(pending)) {
                    scoreReplayed(pending);
                }
                rebuildIfChanged();
                current.observe(s.sample());
                pending = pending == null || s.at().isAfter(pending) ? s.at() : pending;
                taken++;
            } else {
                Alarm alarm = ((TelemetryMessage.AlarmRaised) m).alarm();
                if (seen(lastAlarm, alarm.element(), alarm.at())) {
                    continue;
                }
                rebuildIfChanged();
                observer.alarms().accept(alarm);
                taken++;
            }
        }
        rebuildIfChanged();
        if (pending != null) {
            scoreReplayed(pending);
        }
        return taken;
    }

    /**
     * The predictor's risks at {@code at}, answered to no one: its alarm gates take the scores
     * (persistence counts from the samples' own times). Never before the loop's last question, so
     * that time never runs backwards for the features of the elements this instance already had.
     */
    private void scoreReplayed(Instant at) {
        current.atRisk(scoredAt != null && scoredAt.isAfter(at) ? scoredAt : at);
    }

    private static boolean reports(Element element, TelemetrySample sample) {
        for (Metric metric : Metric.values()) {
            if (sample.has(metric) && !metric.isReportedBy(element.kind())) {
                return false;
            }
        }
        return true;
    }

    /** Delegates to the predictor of the moment, under the network's lock. */
    private final class Facade implements FailurePredictor {
        @Override
        public String modelVersion() {
            synchronized (ConnectedNetwork.this) {
                return current.modelVersion();
            }
        }

        @Override
        public void observe(TelemetrySample sample) {
            synchronized (ConnectedNetwork.this) {
                current.observe(sample);
            }
        }

        @Override
        public void observe(Alarm alarm) {
            synchronized (ConnectedNetwork.this) {
                current.observe(alarm);
            }
        }

        @Override
        public void maintained(ElementId element, Instant at) {
            synchronized (ConnectedNetwork.this) {
                current.maintained(element, at);
            }
        }

        @Override
        public List<Prediction> atRisk(Instant now) {
            synchronized (ConnectedNetwork.this) {
                scoredAt = now;
                List<Prediction> answer = List.copyOf(current.atRisk(now));
                latest = answer;
                return answer;
            }
        }
    }
}
