package dev.autonoc.evals.run;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.DataQuality;
import dev.autonoc.core.prediction.FailurePredictor;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.evals.report.DataQualityCounts;
import dev.autonoc.simulators.FaultTruth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A predictor that passes everything to the run's own and counts, for the run's metrics, what its
 * data quality did ({@link DataQualityCounts}): each hour, the elements it would not judge; each
 * time the loop asks, whether each faulted element was alarmed and whether its data were gappy. It
 * changes nothing the loop sees: the inner predictor's reads have no side effects.
 */
final class DataQualityWatch implements FailurePredictor {

    /** The window before a failure in which an alarm would have been in time: the horizon. */
    static final Duration ALARM_WINDOW = Duration.ofHours(48);

    private static final Duration CHECK_EVERY = Duration.ofHours(1);

    private final FailurePredictor inner;
    // per faulted element: the times the loop asked and it was alarmed, and those it was gappy
    private final Map<ElementId, List<Instant>> alarmedAt = new HashMap<>();
    private final Map<ElementId, List<Instant>> gappyAt = new HashMap<>();
    private Set<ElementId> abstainingLastHour = Set.of();
    private Instant nextCheck;
    private int abstentions;
    private long abstainedElementHours;

    DataQualityWatch(FailurePredictor inner, List<FaultTruth> faults) {
        this.inner = Objects.requireNonNull(inner, "inner");
        for (FaultTruth f : faults) {
            alarmedAt.put(f.element(), new ArrayList<>());
            gappyAt.put(f.element(), new ArrayList<>());
        }
    }

    @Override
    public String modelVersion() {
        return inner.modelVersion();
    }

    @Override
    public void observe(TelemetrySample sample) {
        inner.observe(sample);
    }

    @Override
    public void observe(Alarm alarm) {
        inner.observe(alarm);
    }

    @Override
    public void maintained(ElementId element, Instant at) {
        inner.maintained(element, at);
    }

    @Override
    public Optional<DataQuality> dataQuality(ElementId element, Instant now) {
        return inner.dataQuality(element, now);
    }

    @Override
    public List<DataQuality> abstentions(Instant now) {
        return inner.abstentions(now);
    }

    @Override
    public List<Prediction> atRisk(Instant now) {
        List<Prediction> risks = inner.atRisk(now);
        for (Prediction p : risks) {
            List<Instant> at = alarmedAt.get(p.element());
            if (at != null) {
                at.add(now);
            }
        }
        gappyAt.forEach(
                (element, at) -> {
                    Optional<DataQuality> q = inner.dataQuality(element, now);
                    if (q.isPresent() && q.get().state() == DataQuality.State.GAPPY) {
                        at.add(now);
                    }
                });
        if (nextCheck == null || !now.isBefore(nextCheck)) {
            nextCheck = now.plus(CHECK_EVERY);
            Set<ElementId> abstaining = new HashSet<>();
            for (DataQuality q : inner.abstentions(now)) {
                abstaining.add(q.element());
                if (!abstainingLastHour.contains(q.element())) {
                    abstentions++;
                }
            }
            abstainedElementHours += abstaining.size();
            abstainingLastHour = abstaining;
        }
        return risks;
    }

    /** What was counted, the faults judged by the run's ground truth at its end. */
    DataQualityCounts counts(List<FaultTruth> truth) {
        int missedInGap = 0;
        for (FaultTruth f : truth) {
            if (f.failedAt().isEmpty() || !alarmedAt.containsKey(f.element())) {
                continue;
            }
            Instant failed = f.failedAt().get();
            boolean alarmed =
                    alarmedAt.get(f.element()).stream()
                            .anyMatch(t -> !t.isBefore(f.onset()) && t.isBefore(failed));
            Instant windowFrom = failed.minus(ALARM_WINDOW);
            boolean gappy =
                    gappyAt.get(f.element()).stream()
                            .anyMatch(t -> !t.isBefore(windowFrom) && t.isBefore(failed));
            if (!alarmed && gappy) {
                missedInGap++;
            }
        }
        return new DataQualityCounts(abstentions, abstainedElementHours, missedInGap);
    }
}
