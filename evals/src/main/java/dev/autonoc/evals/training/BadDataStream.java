package dev.autonoc.evals.training;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.predictor.ModelBundle;
import dev.autonoc.predictor.PredictorEvaluation;
import dev.autonoc.simulators.Disturbance;
import dev.autonoc.simulators.ElementSelector;
import dev.autonoc.simulators.FaultSpec;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.TwinSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The bad-data kinds that change the telemetry stream, as {@code model evaluate} lays them over its
 * held-out runs: the same seeds, the same faults and heatwaves, with the kind's disturbances drawn
 * from the seed on top (docs/data-quality.md). The sensor kinds (a stuck sensor, a drifting clock)
 * strike each fault's element during its degradation, where they can hide the evidence, and one in
 * ten of the other elements; the collector kinds strike whole regions. INVENTORY_DRIFT and
 * STALE_STOCK change what the inventory and check_stock say, which the predictor never reads: they
 * have no variant here ({@link #NOT_APPLICABLE}).
 */
public enum BadDataStream {
    TELEMETRY_GAP(
            "each region's collector silent for 6 h once (after the first day), and each fault's"
                    + " element silent for 6 h during its degradation"),
    STUCK_SENSOR(
            "the metric carrying each fault's evidence stuck for 12 h during its degradation, and"
                    + " one metric stuck for 12 h on one in ten of the other elements"),
    SPIKES("in every region, 2 % of the samples carry one absurd value, all run long"),
    LATE_SAMPLES(
            "in every region, 5 % of the samples held back up to 30 min or sent twice, all run"
                    + " long"),
    CLOCK_SKEW(
            "each fault's element's clock gains 2 min an hour for 12 h during its degradation, and"
                    + " one in ten of the other elements' clocks likewise");

    /** The bad-data kinds with no variant, and why. */
    public static final List<String> NOT_APPLICABLE =
            List.of(
                    "INVENTORY_DRIFT: the inventory disagrees with the network; the predictor reads"
                            + " telemetry and alarms only (the loop's confirmation meets it)",
                    "STALE_STOCK: check_stock lags; the predictor never reads stock");

    private static final Duration GAP = Duration.ofHours(6);
    private static final Duration SENSOR_WINDOW = Duration.ofHours(12);
    private static final double SPIKE_RATE = 0.02;
    private static final double LATE_RATE = 0.05;
    private static final Duration LATE_DELAY = Duration.ofMinutes(30);
    private static final Duration DRIFT_PER_HOUR = Duration.ofMinutes(2);

    private final String drawn;

    BadDataStream(String drawn) {
        this.drawn = drawn;
    }

    /** What this variant lays over each run, in words. */
    public String drawn() {
        return drawn;
    }

    /** Parses a kind's name as the scenario format writes it ({@code TELEMETRY_GAP}). */
    public static Optional<BadDataStream> fromName(String name) {
        return Arrays.stream(values())
                .filter(k -> k.name().equalsIgnoreCase(name.strip()))
                .findFirst();
    }

    /**
     * The spec with this kind's disturbances added, drawn from the spec's seed (the same draw for
     * the same seed, whatever else runs), over a run of {@code duration}.
     */
    public TwinSpec applyTo(TwinSpec spec, Duration duration) {
        SplittableRandom rng = new SplittableRandom(spec.seed() ^ (0xBADDA7AL * (ordinal() + 1)));
        List<Element> elements = OperatorTwin.topology(spec.preset(), spec.sites(), spec.seed());
        List<String> regions = elements.stream().map(Element::region).distinct().sorted().toList();
        List<Disturbance> added = new ArrayList<>(spec.disturbances());
        switch (this) {
            case TELEMETRY_GAP -> {
                for (String region : regions) {
                    Duration from = between(rng, Duration.ofDays(1), duration.minus(GAP));
                    added.add(
                            new Disturbance.TelemetryGap(
                                    Disturbance.Scope.region(region), from, from.plus(GAP)));
                }
                for (FaultSpec f : spec.faults()) {
                    degrading(rng, f, duration, GAP)
                            .ifPresent(
                                    from ->
                                            added.add(
                                                    new Disturbance.TelemetryGap(
                                                            Disturbance.Scope.element(
                                                                    id(f).value()),
                                                            from,
                                                            from.plus(GAP))));
                }
            }
            case STUCK_SENSOR -> {
                for (FaultSpec f : spec.faults()) {
                    degrading(rng, f, duration, SENSOR_WINDOW)
                            .ifPresent(
                                    from ->
                                            added.add(
                                                    new Disturbance.StuckSensor(
                                                            id(f).value(),
                                                            evidence(f.mode()),
                                                            from,
                                                            from.plus(SENSOR_WINDOW))));
                }
                for (Element e : others(rng, elements, spec)) {
                    List<Metric> metrics = Metric.reportedBy(e.kind());
                    Duration from =
                            between(rng, Duration.ofHours(12), duration.minus(SENSOR_WINDOW));
                    added.add(
                            new Disturbance.StuckSensor(
                                    e.id().value(),
                                    metrics.get(rng.nextInt(metrics.size())),
                                    from,
                                    from.plus(SENSOR_WINDOW)));
                }
            }
            case SPIKES -> {
                for (String region : regions) {
                    added.add(
                            new Disturbance.Spikes(
                                    Disturbance.Scope.region(region),
                                    SPIKE_RATE,
                                    Duration.ZERO,
                                    duration));
                }
            }
            case LATE_SAMPLES -> {
                for (String region : regions) {
                    added.add(
                            new Disturbance.LateSamples(
                                    Disturbance.Scope.region(region),
                                    LATE_RATE,
                                    LATE_DELAY,
                                    Duration.ZERO,
                                    duration));
                }
            }
            case CLOCK_SKEW -> {
                for (FaultSpec f : spec.faults()) {
                    degrading(rng, f, duration, SENSOR_WINDOW)
                            .ifPresent(
                                    from ->
                                            added.add(
                                                    new Disturbance.ClockSkew(
                                                            id(f).value(),
                                                            DRIFT_PER_HOUR,
                                                            from,
                                                            from.plus(SENSOR_WINDOW))));
                }
                for (Element e : others(rng, elements, spec)) {
                    Duration from =
                            between(rng, Duration.ofHours(12), duration.minus(SENSOR_WINDOW));
                    added.add(
                            new Disturbance.ClockSkew(
                                    e.id().value(),
                                    DRIFT_PER_HOUR,
                                    from,
                                    from.plus(SENSOR_WINDOW)));
                }
            }
        }
        return new TwinSpec(
                spec.preset(),
                spec.sites(),
                spec.seed(),
                spec.tick(),
                spec.enterpriseSlices(),
                spec.consumersPerCell(),
                spec.stock(),
                spec.engineersPerRegion(),
                spec.faults(),
                added);
    }

    /** The metric a mode's evidence shows in first: the one a stuck sensor hides it best in. */
    static Metric evidence(FailureMode mode) {
        return switch (mode) {
            case FAN_WEAR -> Metric.FAN_RPM;
            case LASER_AGING -> Metric.OPTICAL_RX_DBM;
            case PSU_DEGRADATION -> Metric.PSU_VOLTAGE_RIPPLE_MV;
            case MEMORY_LEAK -> Metric.MEMORY_UTIL_PCT;
        };
    }

    private static ElementId id(FaultSpec f) {
        if (f.target() instanceof ElementSelector.ById byId) {
            return byId.id();
        }
        throw new IllegalArgumentException(
                "a bad-data variant needs each fault on a named element; got " + f.target());
    }

    /**
     * A start for a window of {@code length} inside the fault's degradation (from its onset to its
     * failure or the run's end), or empty when the degradation is shorter than the window.
     */
    private static Optional<Duration> degrading(
            SplittableRandom rng, FaultSpec f, Duration duration, Duration length) {
        Duration end = f.onset().plus(f.timeToFailure());
        if (end.compareTo(duration) > 0) {
            end = duration;
        }
        Duration latest = end.minus(length);
        if (latest.compareTo(f.onset()) < 0) {
            return Optional.empty();
        }
        return Optional.of(between(rng, f.onset(), latest));
    }

    /**
     * A whole minute from {@code from} to {@code to}, both included ({@code from} if they cross).
     */
    private static Duration between(SplittableRandom rng, Duration from, Duration to) {
        long a = from.toMinutes();
        long b = to.toMinutes();
        return b <= a ? from : Duration.ofMinutes(rng.nextLong(a, b + 1));
    }

    /** One in ten of the elements with no fault (at least one), drawn without repeats. */
    private static List<Element> others(
            SplittableRandom rng, List<Element> elements, TwinSpec spec) {
        Set<ElementId> faulty = new HashSet<>();
        spec.faults().forEach(f -> faulty.add(id(f)));
        List<Element> healthy =
                new ArrayList<>(elements.stream().filter(e -> !faulty.contains(e.id())).toList());
        int n = Math.max(1, healthy.size() / 10);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < n && !healthy.isEmpty(); i++) {
            out.add(healthy.remove(rng.nextInt(healthy.size())));
        }
        return out;
    }

    /**
     * One row of the table: the predictor's figures on the variant's streams (or the clean ones),
     * and how often it abstained there.
     *
     * @param variant {@code clean} or the kind's name
     * @param drawn what was laid over each run
     */
    public record Row(
            String variant, String drawn, PredictorEvaluation figures, Abstentions abstentions) {

        /** The row's figures as JSON fields. */
        public java.util.Map<String, Object> json() {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("variant", variant);
            m.put("drawn", drawn);
            m.put("auc", ModelReport.round(figures.auc()));
            m.put("false_alarms", figures.falseAlarms());
            m.put(
                    "false_alarms_per_10k_healthy_element_days",
                    ModelReport.round(figures.falseAlarmsPer10kElementDays()));
            m.put("healthy_element_days", ModelReport.round(figures.healthyElementDays()));
            m.put("abstained_element_hours", abstentions.abstained());
            m.put("element_hours", abstentions.elementHours());
            m.put("abstained_share", ModelReport.round(abstentions.share()));
            m.put("faults", figures.faults());
            m.put("faults_warned", figures.faultsWarned());
            m.put("faults_warned_48h", figures.faultsWarned48h());
            m.put("lead_time_median_hours", ModelReport.round(figures.medianLeadHours()));
            return m;
        }

        /** The share abstained, as a percentage with two decimals. */
        String abstainedPercent() {
            double s = abstentions.share();
            return Double.isFinite(s) ? String.format(Locale.ROOT, "%.2f %%", 100 * s) : "-";
        }
    }

    /** The clean row, from the figures {@code model evaluate} already has for the clean streams. */
    public static Row clean(ModelTraining.Comparison comparison) {
        return new Row(
                "clean",
                "the held-out runs as they are",
                comparison.model(),
                comparison.abstentions());
    }

    /** The bundle live on the clean runs of the seeds (when they are not those of the oracle's). */
    public static Row clean(
            ModelBundle bundle, List<Long> seeds, TrainingDataGenerator.Settings data) {
        Row r = live(bundle, seeds, data, null);
        return new Row("clean", "the held-out runs as they are", r.figures(), r.abstentions());
    }

    /** The bundle live on this variant of each seed's run. */
    public Row evaluate(ModelBundle bundle, List<Long> seeds, TrainingDataGenerator.Settings data) {
        return live(bundle, seeds, data, this);
    }

    private static Row live(
            ModelBundle bundle,
            List<Long> seeds,
            TrainingDataGenerator.Settings data,
            BadDataStream kind) {
        PredictorEvaluation.Accumulator acc =
                new PredictorEvaluation.Accumulator(bundle.calibratedThreshold());
        TrainingDataGenerator generator = new TrainingDataGenerator(data);
        Abstentions abstentions = Abstentions.NONE;
        for (long seed : seeds) {
            TwinSpec spec = generator.spec(seed);
            if (kind != null) {
                spec = kind.applyTo(spec, data.duration());
            }
            abstentions =
                    abstentions.plus(
                            LiveRun.run(
                                    bundle,
                                    spec,
                                    data.duration(),
                                    data.horizon(),
                                    acc,
                                    null,
                                    List.of(),
                                    null));
        }
        return kind == null
                ? new Row("clean", "", acc.build(), abstentions)
                : new Row(kind.name(), kind.drawn, acc.build(), abstentions);
    }
}
