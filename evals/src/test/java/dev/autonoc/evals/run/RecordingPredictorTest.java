package dev.autonoc.evals.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.FailurePredictor;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.evals.report.RunTelemetry;
import dev.autonoc.simulators.FaultTruth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * The recorder finds a sample's element by where it came in the tick before it looks the id up:
 * whatever the order of the samples, whether a tick repeats the last one's order or not, and
 * whether the ids are the same objects tick after tick or new ones equal by value, it must record
 * exactly the watched elements' readings.
 */
class RecordingPredictorTest {

    private static final Instant START = Instant.parse("2025-01-06T00:00:00Z");

    @Property(tries = 20)
    void records_the_watched_elements_whatever_the_order_and_the_id_objects(
            @ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int elements = 40;
        List<ElementId> ids = new ArrayList<>();
        for (int e = 0; e < elements; e++) {
            ids.add(ElementId.of("agg-rtr-" + e));
        }
        List<FaultTruth> faults = new ArrayList<>();
        for (int e = 0; e < elements; e += 1 + rng.nextInt(8)) {
            // the truth's ids are objects of their own, equal to the network's by value
            faults.add(
                    new FaultTruth(
                            ElementId.of(ids.get(e).value()),
                            FailureMode.FAN_WEAR,
                            START,
                            START.plus(Duration.ofDays(3)),
                            Optional.empty(),
                            Optional.empty()));
        }
        RecordingPredictor recorder = new RecordingPredictor(new Silent(), faults, START);
        double[] expectedSum = new double[elements];
        int[] expectedCount = new int[elements];
        List<Integer> order = new ArrayList<>();
        for (int e = 0; e < elements; e++) {
            order.add(e);
        }
        for (int tick = 0; tick < 12; tick++) { // one hour: one bucket
            if (rng.nextDouble() < 0.3) {
                Collections.shuffle(order, new java.util.Random(rng.nextLong()));
            }
            boolean fresh = rng.nextDouble() < 0.2;
            Instant at = START.plus(Duration.ofMinutes(5L * tick));
            for (int e : order) {
                if (rng.nextDouble() < 0.1) {
                    continue; // silent this tick
                }
                ElementId id = fresh ? ElementId.of(ids.get(e).value()) : ids.get(e);
                double fan = 5_000 + rng.nextDouble(1_000);
                double[] v = TelemetrySample.emptyValues();
                v[Metric.FAN_RPM.ordinal()] = fan;
                recorder.observe(new TelemetrySample(id, at, v));
                expectedSum[e] += fan;
                expectedCount[e]++;
            }
        }
        RunTelemetry recording = recorder.recording();
        for (FaultTruth f : faults) {
            int e = ids.indexOf(f.element());
            RunTelemetry.Series fan =
                    recording.series().stream()
                            .filter(
                                    s ->
                                            s.element().equals(f.element().value())
                                                    && s.name().equals(Metric.FAN_RPM.key()))
                            .findFirst()
                            .orElseThrow();
            assertThat(fan.values()).hasSize(1);
            assertThat(fan.values()[0]).isEqualTo(expectedSum[e] / expectedCount[e]);
        }
        assertThat(recording.series())
                .allMatch(
                        s ->
                                faults.stream()
                                        .anyMatch(f -> f.element().value().equals(s.element())));
    }

    /** A predictor that predicts nothing: the recorder's inner, which it must not disturb. */
    private static final class Silent implements FailurePredictor {
        @Override
        public String modelVersion() {
            return "silent";
        }

        @Override
        public void observe(TelemetrySample sample) {}

        @Override
        public List<Prediction> atRisk(Instant now) {
            return List.of();
        }
    }
}
