package dev.autonoc.predictor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.telemetry.TelemetrySample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The predictor judges the data, not the moment it is asked. In connected mode it is asked at the
 * wall clock after every batch a consumer polls: a batch holds part of a tick's samples, and while
 * a backlog drains the wall clock runs hours ahead of them. Asked at its data's time or hours
 * later, it must answer the same; asked at the wall clock, every element whose sample had not come
 * yet was silent, the elements around it had a neighbour out, and the soak opened some twenty cases
 * on healthy elements after every start.
 */
class EventTimeTest {

    private static final Duration RUN = Duration.ofDays(4);

    private record Answer(String element, String mode, double probability) {}

    private static List<Answer> answers(List<Prediction> predictions) {
        return predictions.stream()
                .map(p -> new Answer(p.element().value(), p.mode().name(), p.probability()))
                .toList();
    }

    @Property(tries = 6)
    void asked_after_any_batch_at_any_later_time_it_answers_as_at_the_datas_time(
            @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
            @ForAll @IntRange(min = 1, max = 400) int largestBatch) {
        SyntheticOperator op = SyntheticOperator.random(seed, 6, RUN);
        ModelBundle bundle = SyntheticModels.bundle();
        TribuoFailurePredictor onTime = new TribuoFailurePredictor(op.elements, bundle);
        TribuoFailurePredictor late = new TribuoFailurePredictor(op.elements, bundle);
        SplittableRandom rng = new SplittableRandom(seed);
        List<TelemetrySample> batch = new ArrayList<>();
        int[] until = {1 + rng.nextInt(largestBatch)};
        int[] alarms = {0};
        op.run(
                RUN,
                s -> {
                    batch.add(s);
                    if (batch.size() < until[0]) {
                        return;
                    }
                    Instant newest = s.at();
                    for (TelemetrySample b : batch) {
                        onTime.observe(b);
                        late.observe(b);
                    }
                    batch.clear();
                    until[0] = 1 + rng.nextInt(largestBatch);
                    // up to six hours behind the wall clock, more or less from batch to batch
                    Instant wall = newest.plusSeconds(rng.nextLong(6 * 3_600));
                    List<Answer> expected = answers(onTime.atRisk(newest));
                    assertThat(answers(late.atRisk(wall)))
                            .as("asked at %s, its data at %s", wall, newest)
                            .isEqualTo(expected);
                    alarms[0] += expected.size();
                });
        assertThat(alarms[0]).as("alarms compared").isPositive();
        for (var e : op.elements) {
            assertThat(late.probability(e.id())).isEqualTo(onTime.probability(e.id()));
        }
    }
}
