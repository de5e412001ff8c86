package dev.autonoc.evals.training;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.evals.generate.Speedups;
import dev.autonoc.predictor.TrainingSet;
import dev.autonoc.simulators.Disturbance;
import dev.autonoc.simulators.ElementSelector;
import dev.autonoc.simulators.FaultSpec;
import dev.autonoc.simulators.FaultTruth;
import dev.autonoc.simulators.GroundTruth;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.Preset;
import dev.autonoc.simulators.TwinListener;
import dev.autonoc.simulators.TwinSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Runs the twin over training seeds with random faults and heatwaves and records labelled feature
 * rows. Each seed decides its whole run: the preset, the faults (every mode, on elements it
 * strikes, chosen by role first so that the few core routers fail as often as the many cells, onset
 * and time to failure at random) and the heatwaves. Labels come from the twin's ground truth, never
 * from the telemetry.
 */
public final class TrainingDataGenerator {

    /**
     * What the runs look like.
     *
     * @param duration simulated time per run
     * @param horizon "fails within" this long
     * @param regionalEvery every n-th seed runs the regional preset (470 elements), the others
     *     metro (80); 0 for metro only
     * @param faultsMetro faults per metro run
     * @param faultsRegional faults per regional run
     * @param minTimeToFailure shortest time from onset to failure
     * @param maxTimeToFailure longest
     * @param speedupShare the chance that a fault speeds up part-way ({@link Speedups}), as one
     *     generated scenario's fault in five does; 0 by default, a steady pace (the checked-in
     *     model was trained at 0.2, which its model.json records: {@code
     *     ModelTraining.dataOf(bundle)} makes more runs of its kind)
     * @param heatwaveChance chance of a heatwave in a run (a second one at half that)
     * @param rowEvery one row per element this often
     */
    public record Settings(
            Duration duration,
            Duration horizon,
            int regionalEvery,
            int faultsMetro,
            int faultsRegional,
            Duration minTimeToFailure,
            Duration maxTimeToFailure,
            double speedupShare,
            double heatwaveChance,
            Duration rowEvery) {

        public Settings {
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(horizon, "horizon");
            if (minTimeToFailure.compareTo(maxTimeToFailure) > 0) {
                throw new IllegalArgumentException("minTimeToFailure is above maxTimeToFailure");
            }
            if (speedupShare < 0 || speedupShare > 1) {
                throw new IllegalArgumentException(
                        "speedupShare must be in [0, 1], got " + speedupShare);
            }
        }

        /** These settings with another chance of a speedup (0 for runs at a steady pace). */
        public Settings withSpeedupShare(double share) {
            return new Settings(
                    duration,
                    horizon,
                    regionalEvery,
                    faultsMetro,
                    faultsRegional,
                    minTimeToFailure,
                    maxTimeToFailure,
                    share,
                    heatwaveChance,
                    rowEvery);
        }

        public static Settings defaults() {
            return new Settings(
                    Duration.ofDays(10),
                    Duration.ofHours(48),
                    4,
                    6,
                    12,
                    Duration.ofDays(2),
                    Duration.ofDays(8),
                    0.0,
                    0.6,
                    Duration.ofHours(1));
        }
    }

    private final Settings settings;

    public TrainingDataGenerator(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public Settings settings() {
        return settings;
    }

    /** Every seed's run, recorded into one training set. */
    public TrainingSet generate(List<Long> seeds) {
        TrainingSet.Builder builder = TrainingSet.builder(settings.horizon());
        for (long seed : seeds) {
            record(seed, builder);
        }
        return builder.build();
    }

    /** The spec of a seed's run: preset, random faults and heatwaves, all from the seed. */
    public TwinSpec spec(long seed) {
        boolean regional = settings.regionalEvery() > 0 && seed % settings.regionalEvery() == 0;
        Preset preset = regional ? Preset.REGIONAL : Preset.METRO;
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5EED_7A1AL);
        // a stream of its own, so that the faults and heatwaves drawn are the same with or without
        SplittableRandom speedups = new SplittableRandom(seed ^ 0x5BEED_0FFL);
        List<Element> elements = OperatorTwin.topology(preset, OptionalInt.empty(), seed);
        int count = regional ? settings.faultsRegional() : settings.faultsMetro();
        List<FaultSpec> faults = new ArrayList<>();
        Set<ElementId> used = new HashSet<>();
        FailureMode[] modes = FailureMode.values();
        long durationHours = settings.duration().toHours();
        for (int i = 0; i < count; i++) {
            FailureMode mode = modes[rng.nextInt(modes.length)];
            List<String> roles =
                    elements.stream()
                            .filter(e -> mode.strikes(e.kind()))
                            .map(Element::role)
                            .distinct()
                            .sorted()
                            .toList();
            String role = roles.get(rng.nextInt(roles.size()));
            List<Element> candidates =
                    elements.stream()
                            .filter(e -> e.role().equals(role) && mode.strikes(e.kind()))
                            .filter(e -> !used.contains(e.id()))
                            .toList();
            if (candidates.isEmpty()) {
                continue;
            }
            Element target = candidates.get(rng.nextInt(candidates.size()));
            used.add(target.id());
            long ttfHours =
                    rng.nextLong(
                            settings.minTimeToFailure().toHours(),
                            settings.maxTimeToFailure().toHours() + 1);
            // most faults fail inside the run so the last 48 h are seen; some run past its end
            long latestOnset = Math.max(13, durationHours - ttfHours + 24);
            long onsetHours = rng.nextLong(12, Math.min(latestOnset, durationHours - 24));
            Duration onset = Duration.ofHours(onsetHours);
            Duration ttf = Duration.ofHours(ttfHours);
            faults.add(
                    new FaultSpec(
                            new ElementSelector.ById(target.id()),
                            mode,
                            onset,
                            ttf,
                            Speedups.draw(speedups, onset, ttf, settings.speedupShare())));
        }
        List<Disturbance> disturbances = new ArrayList<>();
        List<String> regions = elements.stream().map(Element::region).distinct().sorted().toList();
        for (double chance = settings.heatwaveChance(); chance > 0.1; chance /= 2) {
            if (rng.nextDouble() < chance) {
                long from = rng.nextLong(12, Math.max(13, durationHours - 24));
                long length = rng.nextLong(12, 73);
                disturbances.add(
                        new Disturbance.Heatwave(
                                regions.get(rng.nextInt(regions.size())),
                                Duration.ofHours(from),
                                Duration.ofHours(Math.min(durationHours, from + length))));
            }
        }
        TwinSpec quiet = TwinSpec.quiet(preset, seed);
        return new TwinSpec(
                quiet.preset(),
                quiet.sites(),
                quiet.seed(),
                quiet.tick(),
                quiet.enterpriseSlices(),
                quiet.consumersPerCell(),
                quiet.stock(),
                quiet.engineersPerRegion(),
                faults,
                disturbances);
    }

    /**
     * Every seed's run, with each sample passed through {@code sensors} before the features see it
     * (a recalibrated sensor, say); the labels stay the twin's.
     */
    public TrainingSet generate(
            List<Long> seeds, java.util.function.UnaryOperator<TelemetrySample> sensors) {
        TrainingSet.Builder builder = TrainingSet.builder(settings.horizon());
        for (long seed : seeds) {
            record(seed, builder, sensors);
        }
        return builder.build();
    }

    /** Runs one seed and records its rows. */
    public void record(long seed, TrainingSet.Builder builder) {
        record(seed, builder, java.util.function.UnaryOperator.identity());
    }

    private void record(
            long seed,
            TrainingSet.Builder builder,
            java.util.function.UnaryOperator<TelemetrySample> sensors) {
        OperatorTwin twin = OperatorTwin.create(spec(seed));
        List<Element> elements = twin.elements();
        TrainingSet.Builder.Recorder recorder = builder.run(seed, elements);
        Labeller labeller = new Labeller(twin, settings.horizon());
        RowCollector rows = new RowCollector(recorder, labeller, settings.rowEvery(), sensors);
        twin.advanceTo(OperatorTwin.EPOCH.plus(settings.duration()), rows);
        rows.flush();
    }

    /** The ground truth of a run, per element. */
    static final class Labeller {
        private final Map<ElementId, FaultTruth> faults = new HashMap<>();
        private final GroundTruth truth;
        private final Duration horizon;

        Labeller(OperatorTwin twin, Duration horizon) {
            this.truth = twin.groundTruth();
            for (FaultTruth f : truth.faults()) {
                faults.putIfAbsent(f.element(), f);
            }
            this.horizon = horizon;
        }

        TrainingSet.Label label(ElementId element, Instant at) {
            FaultTruth f = faults.get(element);
            if (f == null) {
                return TrainingSet.Label.healthy();
            }
            Duration ttf = Duration.between(at, f.failsAt());
            boolean active = !at.isBefore(f.onset());
            double level = truth.latentLevel(element, at);
            return TrainingSet.Label.fault(f.mode(), ttf, horizon, active, level);
        }

        FaultTruth fault(ElementId element) {
            return faults.get(element);
        }

        Map<ElementId, FaultTruth> faults() {
            return faults;
        }
    }

    /**
     * Feeds every sample to the features and, once all of a tick's samples are in (so the peers are
     * at the same tick), records a row per warm element when a row is due.
     */
    private static final class RowCollector implements TwinListener {
        private final TrainingSet.Builder.Recorder recorder;
        private final Labeller labeller;
        private final Duration every;
        private final List<ElementId> tick = new ArrayList<>();
        private Instant current;
        private Instant nextRow = OperatorTwin.EPOCH;

        private final java.util.function.UnaryOperator<TelemetrySample> sensors;

        RowCollector(
                TrainingSet.Builder.Recorder recorder,
                Labeller labeller,
                Duration every,
                java.util.function.UnaryOperator<TelemetrySample> sensors) {
            this.sensors = sensors;
            this.recorder = recorder;
            this.labeller = labeller;
            this.every = every;
        }

        @Override
        public void onTelemetry(TelemetrySample sample) {
            if (current != null && !sample.at().equals(current)) {
                flush();
            }
            current = sample.at();
            recorder.observe(sensors.apply(sample));
            tick.add(sample.element());
        }

        @Override
        public void onAlarm(Alarm alarm) {
            // the tick before the alarm is over: its rows are what the predictor saw then
            flush();
            recorder.observe(alarm);
        }

        void flush() {
            if (current != null) {
                recorder.tick(current);
            }
            if (current != null && !current.isBefore(nextRow)) {
                for (ElementId id : tick) {
                    if (recorder.isScorable(id)) {
                        recorder.record(id, current, labeller.label(id, current));
                    }
                }
                nextRow = current.plus(every);
            }
            tick.clear();
        }
    }
}
