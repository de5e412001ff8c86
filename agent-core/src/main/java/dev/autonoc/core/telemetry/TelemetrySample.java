package dev.autonoc.core.telemetry;

import dev.autonoc.core.network.ElementId;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One element's readings at one tick. Values are indexed by {@link Metric#ordinal()}; a metric the
 * element does not report is {@link Double#NaN}. An array rather than a map because the simulators
 * emit millions of these per run and the predictor reads them in a tight loop.
 */
public record TelemetrySample(ElementId element, Instant at, double[] values) {

    // Metric.values() copies the enum's array at each call, and a run builds millions of samples
    private static final int METRICS = Metric.values().length;

    public TelemetrySample {
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(values, "values");
        if (values.length != METRICS) {
            throw new IllegalArgumentException(
                    "a sample has " + METRICS + " values, one per Metric; got " + values.length);
        }
    }

    public double value(Metric metric) {
        return values[metric.ordinal()];
    }

    public boolean has(Metric metric) {
        return !Double.isNaN(values[metric.ordinal()]);
    }

    /** A values array with every metric absent, to be filled in by the producer. */
    public static double[] emptyValues() {
        double[] values = new double[METRICS];
        Arrays.fill(values, Double.NaN);
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TelemetrySample other
                && element.equals(other.element)
                && at.equals(other.at)
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(element, at, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "TelemetrySample[" + element + " @ " + at + " " + Arrays.toString(values) + "]";
    }
}
