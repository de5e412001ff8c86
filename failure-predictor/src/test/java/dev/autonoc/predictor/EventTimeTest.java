package dev.autonoc.predictor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.telemetry.TelemetrySample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

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
        compareAskedLateWithOnTime(seed, largestBatch);
    }

    /** One run known to raise alarms, so that the comparison covers them and not only quiet. */
    @Test
    void alarms_too_are_the_same_asked_late() {
        assertThat(compareAskedLateWithOnTime(SEED_WITH_ALARMS, 250))
                .as("alarms compared")
                .isPositive();
    }

    private static final long SEED_WITH_ALARMS = 2;

    /**
     * Two predictors fed the same samples in the same random batches; after each batch one is asked
     * at the batch's data time, the other up to six hours later: every element's probability and
     * every alarm must be the same. Returns how many alarms were compared.
     */
    private static int compareAskedLateWithOnTime(long seed, int largestBatch) {
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
                    for (Element e : op.elements) {
                        assertThat(late.probability(e.id()))
                                .as("%s asked at %s, its data at %s", e.id(), wall, newest)
                                .isEqualTo(onTime.probability(e.id()));
                    }
                });
        return alarms[0];
    }

    /**
     * Connected mode reads an instance's partitions apart: while a backlog drains, one partition's
     * samples can come hours after another's. Told which partition (stream) each element's samples
     * come in, the predictor judges each element within its own: on a network with no fault, a
     * stream read hours late makes no element silent, holds no sample out as skewed, and raises no
     * alarm. Judged against one clock for all, the late stream's elements were silent (or, the
     * other way round, the stream ahead was held out as skewed), and the soak raised a burst of
     * false alarms on the neighbours.
     */
    @Property(tries = 4)
    void a_stream_read_hours_behind_the_other_makes_no_element_silent(
            @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
            @ForAll @IntRange(min = 3, max = 48) int ticksLate,
            @ForAll boolean lateIsTheLarger) {
        SyntheticOperator op = SyntheticOperator.random(seed, 0, RUN);
        TribuoFailurePredictor p =
                new TribuoFailurePredictor(op.elements, SyntheticModels.bundle());
        SplittableRandom rng = new SplittableRandom(seed);
        Map<ElementId, Integer> streamOf = new HashMap<>();
        int[] sizes = new int[2];
        for (Element e : op.elements) {
            int s = rng.nextInt(3) == 0 ? 0 : 1; // a third in one, two thirds in the other
            streamOf.put(e.id(), s);
            sizes[s]++;
        }
        int late = (sizes[1] > sizes[0]) == lateIsTheLarger ? 1 : 0;
        p.streams(streamOf);
        Deque<TelemetrySample> held = new ArrayDeque<>();
        Duration lag = Duration.ofMinutes(5L * ticksLate);
        Instant lateFrom = SyntheticOperator.EPOCH.plus(Duration.ofDays(1));
        Instant lateUntil = lateFrom.plus(Duration.ofDays(1));
        Instant[] tick = {null};
        List<String> out = new ArrayList<>();
        op.run(
                RUN,
                s -> {
                    if (tick[0] != null && !s.at().equals(tick[0])) {
                        // the late stream's samples up to `lag` before the tick come now
                        Instant due = tick[0].isBefore(lateUntil) ? tick[0].minus(lag) : tick[0];
                        while (!held.isEmpty() && !held.peek().at().isAfter(due)) {
                            p.observe(held.poll());
                        }
                        for (var pr : p.atRisk(tick[0])) {
                            out.add(pr.element() + " alarmed at " + tick[0]);
                        }
                        p.share(tick[0]).orElseThrow().outOfService().stream()
                                .map(e -> e + " silent at " + tick[0])
                                .forEach(out::add);
                    }
                    tick[0] = s.at();
                    boolean inLateStream = streamOf.get(s.element()) == late;
                    if (inLateStream && !s.at().isBefore(lateFrom)
                            || !held.isEmpty() && inLateStream) {
                        held.add(s);
                    } else {
                        p.observe(s);
                    }
                });
        assertThat(out).isEmpty();
        assertThat(p.gateCounts().skewed()).isZero();
        assertThat(p.gateCounts().admitted()).isPositive();
    }
}
