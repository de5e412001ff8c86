package dev.autonoc.predictor;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * Labelled feature rows from simulated runs. Rows keep their run (the seed that generated it) so
 * that training and validation are split by run, never at random across one run: neighbouring ticks
 * of one run are nearly the same row, and a random split would grade the model on its own training
 * data.
 */
public final class TrainingSet {

    /**
     * What really happened to an element at a time.
     *
     * @param failsWithinHorizon the element fails within the horizon after this time
     * @param mode the mode of the fault the element carries, if any (known before the horizon too)
     * @param timeToFailure the true time to failure, if the element carries a fault
     * @param faultActive the fault has started (the element is not healthy any more)
     * @param latentLevel the twin's noise-free degradation level, 0 when healthy (for the oracle)
     */
    public record Label(
            boolean failsWithinHorizon,
            Optional<FailureMode> mode,
            Optional<Duration> timeToFailure,
            boolean faultActive,
            double latentLevel) {

        public Label {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(timeToFailure, "timeToFailure");
        }

        public static Label healthy() {
            return new Label(false, Optional.empty(), Optional.empty(), false, 0.0);
        }

        /** An element whose fault has started (or will: {@code faultActive} false before onset). */
        public static Label fault(
                FailureMode mode,
                Duration timeToFailure,
                Duration horizon,
                boolean faultActive,
                double latentLevel) {
            boolean within =
                    !timeToFailure.isNegative()
                            && !timeToFailure.isZero()
                            && timeToFailure.compareTo(horizon) <= 0;
            return new Label(
                    within,
                    Optional.of(mode),
                    Optional.of(timeToFailure),
                    faultActive,
                    latentLevel);
        }

        /** Healthy for counting false alarms: no fault has started on the element. */
        public boolean healthyNow() {
            return !faultActive;
        }
    }

    /** One labelled row: an element's features at one time of one run. */
    public record Row(
            long run, ElementId element, Family family, Instant at, float[] features, Label label) {

        double feature(int i) {
            return features[i];
        }
    }

    private final Duration horizon;
    private final List<Row> rows;
    private final List<Long> runs;

    private TrainingSet(Duration horizon, List<Row> rows, List<Long> runs) {
        this.horizon = horizon;
        this.rows = rows;
        this.runs = runs;
    }

    public static Builder builder(Duration horizon) {
        return new Builder(horizon);
    }

    public Duration horizon() {
        return horizon;
    }

    public List<Row> rows() {
        return rows;
    }

    /** The runs (seeds) the rows came from, in the order they were added. */
    public List<Long> runs() {
        return runs;
    }

    public int size() {
        return rows.size();
    }

    public long positives() {
        return rows.stream().filter(r -> r.label().failsWithinHorizon()).count();
    }

    /** The rows of the runs that pass the test. */
    public TrainingSet runs(LongPredicate keep) {
        List<Row> kept = rows.stream().filter(r -> keep.test(r.run())).toList();
        List<Long> keptRuns = runs.stream().filter(keep::test).toList();
        return new TrainingSet(horizon, kept, keptRuns);
    }

    /** Merges sets built with the same horizon. */
    public static TrainingSet concat(List<TrainingSet> sets) {
        if (sets.isEmpty()) {
            throw new IllegalArgumentException("nothing to concatenate");
        }
        Duration horizon = sets.get(0).horizon;
        List<Row> rows = new ArrayList<>();
        Set<Long> runs = new LinkedHashSet<>();
        for (TrainingSet set : sets) {
            if (!set.horizon.equals(horizon)) {
                throw new IllegalArgumentException(
                        "horizons differ: " + horizon + " and " + set.horizon);
            }
            rows.addAll(set.rows);
            runs.addAll(set.runs);
        }
        return new TrainingSet(horizon, List.copyOf(rows), List.copyOf(runs));
    }

    // 2: the feature vector ends with the topology features and reads jitter, not a deviation
    private static final int FILE_FORMAT = 2;

    /**
     * Writes the set to a compact binary file (rows with their features and labels), so another
     * process (the classifier comparison in the tests' sources) can train on exactly these rows.
     */
    public void write(Path file) throws IOException {
        try (DataOutputStream out =
                new DataOutputStream(
                        new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            out.writeInt(FILE_FORMAT);
            out.writeLong(horizon.toSeconds());
            out.writeInt(runs.size());
            for (long r : runs) {
                out.writeLong(r);
            }
            out.writeInt(rows.size());
            for (Row row : rows) {
                out.writeLong(row.run());
                out.writeUTF(row.element().value());
                out.writeByte(row.family().ordinal());
                out.writeLong(row.at().getEpochSecond());
                out.writeShort(row.features().length);
                for (float f : row.features()) {
                    out.writeFloat(f);
                }
                Label l = row.label();
                out.writeBoolean(l.failsWithinHorizon());
                out.writeByte(l.mode().map(Enum::ordinal).orElse(-1));
                out.writeLong(l.timeToFailure().map(Duration::toSeconds).orElse(Long.MIN_VALUE));
                out.writeBoolean(l.faultActive());
                out.writeDouble(l.latentLevel());
            }
        }
    }

    /** Reads a set written by {@link #write}. */
    public static TrainingSet read(Path file) throws IOException {
        try (DataInputStream in =
                new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            int format = in.readInt();
            if (format != FILE_FORMAT) {
                throw new IOException(
                        file + " is not a training set of format " + FILE_FORMAT + ": " + format);
            }
            Duration horizon = Duration.ofSeconds(in.readLong());
            int nRuns = in.readInt();
            List<Long> runs = new ArrayList<>(nRuns);
            for (int i = 0; i < nRuns; i++) {
                runs.add(in.readLong());
            }
            int n = in.readInt();
            List<Row> rows = new ArrayList<>(n);
            FailureMode[] modes = FailureMode.values();
            Family[] families = Family.values();
            for (int i = 0; i < n; i++) {
                long run = in.readLong();
                ElementId element = new ElementId(in.readUTF());
                Family family = families[in.readByte()];
                Instant at = Instant.ofEpochSecond(in.readLong());
                float[] features = new float[in.readShort()];
                for (int k = 0; k < features.length; k++) {
                    features[k] = in.readFloat();
                }
                boolean within = in.readBoolean();
                int mode = in.readByte();
                long ttf = in.readLong();
                boolean active = in.readBoolean();
                double level = in.readDouble();
                Label label =
                        new Label(
                                within,
                                mode < 0 ? Optional.empty() : Optional.of(modes[mode]),
                                ttf == Long.MIN_VALUE
                                        ? Optional.empty()
                                        : Optional.of(Duration.ofSeconds(ttf)),
                                active,
                                level);
                rows.add(new Row(run, element, family, at, features, label));
            }
            return new TrainingSet(horizon, List.copyOf(rows), List.copyOf(runs));
        }
    }

    /** Collects rows run by run. */
    public static final class Builder {
        private final Duration horizon;
        private final List<Row> rows = new ArrayList<>();
        private final Set<Long> runs = new LinkedHashSet<>();

        private Builder(Duration horizon) {
            if (horizon.isNegative() || horizon.isZero()) {
                throw new IllegalArgumentException("the horizon must be positive, got " + horizon);
            }
            this.horizon = horizon;
        }

        public Duration horizon() {
            return horizon;
        }

        /** Starts a run: its samples go through a fresh feature extractor. */
        public Recorder run(long seed, List<Element> elements) {
            if (!runs.add(seed)) {
                throw new IllegalArgumentException("run " + seed + " was already recorded");
            }
            return new Recorder(seed, new FeatureExtractor(elements));
        }

        public TrainingSet build() {
            return new TrainingSet(horizon, List.copyOf(rows), List.copyOf(runs));
        }

        /** Feeds one run's samples in time order and records the rows the caller labels. */
        public final class Recorder {
            private final long run;
            private final FeatureExtractor extractor;

            private Recorder(long run, FeatureExtractor extractor) {
                this.run = run;
                this.extractor = extractor;
            }

            public void observe(TelemetrySample sample) {
                extractor.observe(sample);
            }

            /** A down or up alarm, for the topology features of the elements around it. */
            public void observe(Alarm alarm) {
                extractor.observe(alarm);
            }

            /** Ends a tick (after its samples, before its rows): as the predictor does. */
            public void tick(Instant now) {
                extractor.tick(now);
            }

            public FeatureExtractor extractor() {
                return extractor;
            }

            /**
             * Whether a row of this element would mean something now: warm and carrying traffic.
             */
            public boolean isScorable(ElementId element) {
                return extractor.isScorable(element);
            }

            /** Records the element's features as they are now, with what really happens to it. */
            public void record(ElementId element, Instant at, Label label) {
                double[] values = extractor.features(element);
                float[] features = new float[values.length];
                for (int i = 0; i < values.length; i++) {
                    features[i] = (float) values[i];
                }
                rows.add(new Row(run, element, extractor.family(element), at, features, label));
            }
        }
    }
}
