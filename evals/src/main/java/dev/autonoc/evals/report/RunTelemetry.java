package dev.autonoc.evals.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What the faulted elements showed during a run, bucket by bucket, for the report's timeline: the
 * mean of each telemetry metric that the fault's mode moves (and the element's traffic), and the
 * predictor's highest probability of failure in the bucket. Recorded by the runner while the run
 * goes; the {@code none} baseline runs no predictor and records nothing.
 *
 * @param start the start of the first bucket
 * @param bucket the width of each bucket
 */
public record RunTelemetry(Instant start, Duration bucket, List<Series> series) {

    /** The series name of the predicted probability of failure. */
    public static final String PROBABILITY = "probability";

    public static final RunTelemetry NONE =
            new RunTelemetry(Instant.EPOCH, Duration.ofHours(1), List.of());

    public RunTelemetry {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(bucket, "bucket");
        if (bucket.isZero() || bucket.isNegative()) {
            throw new IllegalArgumentException("bucket must be positive, got " + bucket);
        }
        series = List.copyOf(series);
    }

    /** The series of one element, in recording order. */
    public List<Series> of(String element) {
        return series.stream().filter(s -> s.element().equals(element)).toList();
    }

    /**
     * One line of the chart.
     *
     * @param name a metric key ({@code fan_rpm}) or {@link #PROBABILITY}
     * @param values one per bucket from the start; NaN where nothing was seen
     */
    public record Series(String element, String name, double[] values) {
        public Series {
            Objects.requireNonNull(element, "element");
            Objects.requireNonNull(name, "name");
            values = values.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Series other
                    && element.equals(other.element)
                    && name.equals(other.name)
                    && Arrays.equals(values, other.values);
        }

        @Override
        public int hashCode() {
            return Objects.hash(element, name, Arrays.hashCode(values));
        }

        @Override
        public String toString() {
            return "Series[" + element + " " + name + ", " + values.length + " buckets]";
        }
    }
}
