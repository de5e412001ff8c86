package dev.autonoc.evals.run;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.FailurePredictor;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.evals.report.RunTelemetry;
import dev.autonoc.predictor.TribuoFailurePredictor;
import dev.autonoc.simulators.FaultTruth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A predictor that passes everything to the run's own and records, for the report's timeline, what
 * the faulted elements showed: hourly means of the telemetry their fault's mode moves (and their
 * traffic, which shows a drain), and the predictor's probability of failure at each step of the
 * loop. It changes nothing the loop sees.
 */
final class RecordingPredictor implements FailurePredictor {

    static final Duration BUCKET = Duration.ofHours(1);

    private static final long BUCKET_SECONDS = BUCKET.toSeconds();

    private static final int MAX_REFERENCES = 100_000;

    private final FailurePredictor inner;
    private final Instant start;
    private final Map<ElementId, List<Metric>> watched = new LinkedHashMap<>();
    private final Map<String, Buckets> series = new LinkedHashMap<>();
    // watched by the id object: a network sends the same id objects every tick, and an identity
    // lookup reads only the id's header, where a hash lookup reads its string too (a cold cache
    // line per sample, 2,400 elements a tick); an id object not seen before is looked up by value
    private final Map<ElementId, List<Metric>> byReference = new IdentityHashMap<>();
    // and before that, by where the sample comes in the tick: a network sends its samples in the
    // same order every tick, so the next sample's id object is most likely the one seen at the
    // next place. Comparing it with the id kept there reads an array in order; the identity
    // lookup reads the id object's header for its hash, a cache miss per sample (2,400 ids
    // scattered over the heap)
    private ElementId[] idAt = new ElementId[64];
    private Object[] metricsAt = new Object[64];
    private int place;
    private int places;

    RecordingPredictor(FailurePredictor inner, List<FaultTruth> faults, Instant start) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.start = Objects.requireNonNull(start, "start");
        for (FaultTruth f : faults) {
            List<Metric> metrics = watched.computeIfAbsent(f.element(), e -> new ArrayList<>());
            for (Metric m : signature(f.mode())) {
                if (!metrics.contains(m)) {
                    metrics.add(m);
                }
            }
        }
        watched.forEach(
                (element, metrics) -> {
                    metrics.remove(Metric.TRAFFIC_GBPS); // last, under the signature
                    metrics.add(Metric.TRAFFIC_GBPS);
                    for (Metric m : metrics) {
                        series.put(element.value() + "/" + m.key(), new Buckets(false));
                    }
                    series.put(element.value() + "/" + RunTelemetry.PROBABILITY, new Buckets(true));
                });
    }

    /** The metrics in which a mode shows (OPERATOR.md, "Telemetry"). */
    static List<Metric> signature(FailureMode mode) {
        return switch (mode) {
            case FAN_WEAR -> List.of(Metric.FAN_RPM, Metric.TEMPERATURE_C);
            case LASER_AGING -> List.of(Metric.OPTICAL_RX_DBM, Metric.PRE_FEC_BER);
            case PSU_DEGRADATION -> List.of(Metric.PSU_VOLTAGE_RIPPLE_MV);
            case MEMORY_LEAK -> List.of(Metric.MEMORY_UTIL_PCT);
        };
    }

    @Override
    public String modelVersion() {
        return inner.modelVersion();
    }

    @Override
    public void observe(TelemetrySample sample) {
        inner.observe(sample);
        List<Metric> metrics = watchedOf(sample.element());
        if (!metrics.isEmpty()) {
            int bucket = bucket(sample.at());
            for (Metric m : metrics) {
                if (sample.has(m)) {
                    series.get(sample.element().value() + "/" + m.key())
                            .add(bucket, sample.value(m));
                }
            }
        }
    }

    /** What is watched of the element: by its place in the tick, else by its id object. */
    @SuppressWarnings("unchecked")
    private List<Metric> watchedOf(ElementId id) {
        int p = place;
        if (p < places && idAt[p] == id) {
            place = p + 1;
            return (List<Metric>) metricsAt[p];
        }
        if (places > 0 && idAt[0] == id) {
            place = 1; // the next tick
            return (List<Metric>) metricsAt[0];
        }
        List<Metric> metrics = byReference.get(id);
        if (metrics == null) {
            metrics = watched.getOrDefault(id, List.of());
            if (byReference.size() > MAX_REFERENCES) {
                byReference.clear(); // a source that makes a new id object per sample
                places = 0;
            }
            byReference.put(id, metrics);
        }
        // the order changed here (or is new): this id is now the one expected at this place
        if (p < MAX_REFERENCES) {
            if (p == idAt.length) {
                idAt = Arrays.copyOf(idAt, p * 2);
                metricsAt = Arrays.copyOf(metricsAt, p * 2);
            }
            idAt[p] = id;
            metricsAt[p] = metrics;
            places = Math.max(places, p + 1);
            place = p + 1;
        }
        return metrics;
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
    public java.util.Optional<dev.autonoc.core.prediction.DataQuality> dataQuality(
            ElementId element, Instant now) {
        return inner.dataQuality(element, now);
    }

    @Override
    public List<dev.autonoc.core.prediction.DataQuality> abstentions(Instant now) {
        return inner.abstentions(now);
    }

    @Override
    public List<Prediction> atRisk(Instant now) {
        List<Prediction> risks = inner.atRisk(now);
        int bucket = bucket(now);
        for (ElementId element : watched.keySet()) {
            probability(risks, element)
                    .ifPresent(
                            p ->
                                    series.get(element.value() + "/" + RunTelemetry.PROBABILITY)
                                            .add(bucket, p));
        }
        return risks;
    }

    /**
     * The element's probability now: its prediction's when it is at risk; else the trained
     * predictor's score (empty while it warms up or the element is drained); else, for the
     * baselines, 0.
     */
    private Optional<Double> probability(List<Prediction> risks, ElementId element) {
        for (Prediction p : risks) {
            if (p.element().equals(element)) {
                return Optional.of(p.probability());
            }
        }
        if (inner instanceof TribuoFailurePredictor trained) {
            return trained.probability(element);
        }
        return Optional.of(0.0);
    }

    /** What was recorded so far. */
    RunTelemetry recording() {
        List<RunTelemetry.Series> out = new ArrayList<>();
        series.forEach(
                (key, buckets) -> {
                    int slash = key.lastIndexOf('/');
                    out.add(
                            new RunTelemetry.Series(
                                    key.substring(0, slash),
                                    key.substring(slash + 1),
                                    buckets.values()));
                });
        return new RunTelemetry(start, BUCKET, out);
    }

    /**
     * The hour since the start that {@code at} falls in: {@code Duration.between(start,
     * at).toSeconds()} (whole seconds, floored) worked out without the Duration it allocates.
     */
    private int bucket(Instant at) {
        long seconds = at.getEpochSecond() - start.getEpochSecond();
        if (at.getNano() < start.getNano()) {
            seconds--;
        }
        return (int) Math.max(0, Math.floorDiv(seconds, BUCKET_SECONDS));
    }

    /** Per bucket a mean (telemetry) or a maximum (probability); NaN where nothing came. */
    private static final class Buckets {
        private final boolean maximum;
        private double[] sum = new double[0];
        private int[] count = new int[0];

        Buckets(boolean maximum) {
            this.maximum = maximum;
        }

        void add(int bucket, double value) {
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                return;
            }
            if (bucket >= sum.length) {
                int size = Math.max(bucket + 1, sum.length * 2);
                sum = Arrays.copyOf(sum, size);
                count = Arrays.copyOf(count, size);
            }
            if (maximum) {
                sum[bucket] = count[bucket] == 0 ? value : Math.max(sum[bucket], value);
                count[bucket] = 1;
            } else {
                sum[bucket] += value;
                count[bucket]++;
            }
        }

        double[] values() {
            int last = count.length - 1;
            while (last >= 0 && count[last] == 0) {
                last--;
            }
            double[] out = new double[last + 1];
            for (int i = 0; i <= last; i++) {
                out[i] = count[i] == 0 ? Double.NaN : sum[i] / count[i];
            }
            return out;
        }
    }
}
