package dev.autonoc.evals.training;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.predictor.DriftCheck;
import dev.autonoc.predictor.TrainingSet;
import dev.autonoc.simulators.OperatorTwin;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The drift check on the twin: a reference from training runs, then live rows from held-out runs,
 * as they are or with a sensor recalibrated (a metric read with an offset on the elements of some
 * regions from a given time on).
 */
public final class DriftScenario {

    /**
     * A recalibrated sensor.
     *
     * @param metric the metric read differently
     * @param offset added to every reading of it (in the metric's unit)
     * @param elementShare the share of elements recalibrated (every n-th in id order): whole
     *     regions recalibrated at once would leave every peer-relative feature as it was
     * @param from when, after the run's start
     */
    public record Recalibration(
            Metric metric, double offset, double elementShare, java.time.Duration from) {

        /**
         * Parses {@code metric:offset} (half the elements, from day 3), e.g. {@code
         * temperature_c:4}.
         */
        public static Recalibration parse(String text) {
            String[] parts = text.split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException(
                        "a recalibration is metric:offset, e.g. temperature_c:4; got '"
                                + text
                                + "'");
            }
            Metric metric =
                    java.util.Arrays.stream(Metric.values())
                            .filter(m -> m.name().equalsIgnoreCase(parts[0]))
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new IllegalArgumentException(
                                                    "unknown metric '"
                                                            + parts[0]
                                                            + "'; known: "
                                                            + java.util.Arrays.toString(
                                                                            Metric.values())
                                                                    .toLowerCase(Locale.ROOT)));
            return new Recalibration(
                    metric, Double.parseDouble(parts[1]), 0.5, java.time.Duration.ofDays(3));
        }

        UnaryOperator<TelemetrySample> sensors(List<Element> elements) {
            List<ElementId> sorted = elements.stream().map(Element::id).sorted().toList();
            int every = Math.max(1, (int) Math.round(1.0 / Math.max(1e-9, elementShare)));
            Set<ElementId> ids = new java.util.HashSet<>();
            for (int i = 0; i < sorted.size(); i += every) {
                ids.add(sorted.get(i));
            }
            Instant start = OperatorTwin.EPOCH.plus(from);
            return s -> {
                if (!ids.contains(s.element()) || s.at().isBefore(start) || !s.has(metric)) {
                    return s;
                }
                double[] v = s.values().clone();
                v[metric.ordinal()] += offset;
                return new TelemetrySample(s.element(), s.at(), v);
            };
        }
    }

    private DriftScenario() {}

    /** The reference from the training seeds' rows. */
    public static DriftCheck reference(List<Long> seeds, TrainingDataGenerator.Settings data) {
        return DriftCheck.reference(new TrainingDataGenerator(data).generate(seeds));
    }

    /** The live rows of the seeds' runs, recalibrated or not, through the check. */
    public static DriftCheck.Report live(
            DriftCheck reference,
            List<Long> seeds,
            TrainingDataGenerator.Settings data,
            Optional<Recalibration> recalibration) {
        TrainingDataGenerator generator = new TrainingDataGenerator(data);
        reference.clear();
        for (long seed : seeds) {
            List<Element> elements = OperatorTwin.create(generator.spec(seed)).elements();
            UnaryOperator<TelemetrySample> sensors =
                    recalibration.map(r -> r.sensors(elements)).orElse(UnaryOperator.identity());
            TrainingSet rows = generator.generate(List.of(seed), sensors);
            for (TrainingSet.Row r : rows.rows()) {
                double[] f = new double[r.features().length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = r.features()[i];
                }
                reference.observe(r.family(), f);
            }
        }
        return reference.report();
    }
}
