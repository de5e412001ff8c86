package dev.autonoc.predictor.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.DataQuality.State;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.core.telemetry.TelemetrySample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DataQualityTrackerTest {

    private static final Instant T0 = Instant.parse("2025-01-06T00:00:00Z");
    private static final ElementId A = ElementId.of("agg-rtr-01");
    private static final ElementId B = ElementId.of("agg-rtr-02");
    private static final int FAN = Metric.FAN_RPM.ordinal();
    private static final int TEMP = Metric.TEMPERATURE_C.ordinal();

    private static Instant tick(int i) {
        return T0.plus(Duration.ofMinutes(5L * i));
    }

    /** A node sample with noisy, non-whole readings that differ from tick to tick. */
    private static TelemetrySample sample(ElementId id, Instant at, int i) {
        double[] v = new double[Metric.values().length];
        Arrays.fill(v, Double.NaN);
        v[TEMP] = 40.3 + 0.37 * Math.sin(i);
        v[FAN] = 6000.5 + 40.1 * Math.cos(i);
        v[Metric.TRAFFIC_GBPS.ordinal()] = 20.25 + Math.sin(i / 3.0);
        return new TelemetrySample(id, at, v);
    }

    /**
     * The elements' states share arrays (one after the other in memory, in the order they were
     * numbered, the arrays grown as elements come): an element's judgement must not depend on where
     * its state lies, nor on what its neighbours read. Each of 300 elements (past several growths
     * of the arrays) gets its own stream with its own spikes, stuck runs and absurd readings; each
     * must be judged exactly as a tracker of that element alone judges it.
     */
    @Property(tries = 5)
    void an_elements_judgement_does_not_depend_on_the_tracks_made_before_it(
            @ForAll @IntRange(min = 250, max = 299) int spiked,
            @ForAll @DoubleRange(min = -200, max = 40_000) double spike) {
        int elements = 300;
        int ticks = 40;
        DataQualityTracker shared = new DataQualityTracker();
        DataQualityTracker[] alone = new DataQualityTracker[elements];
        ElementId[] ids = new ElementId[elements];
        for (int e = 0; e < elements; e++) {
            alone[e] = new DataQualityTracker();
            ids[e] = ElementId.of("cell-" + e);
        }
        for (int i = 0; i < ticks; i++) {
            for (int e = 0; e < elements; e++) {
                TelemetrySample s = sample(ids[e], tick(i), i + e);
                if (e % 7 == 3 && i > 10 && i < 25) {
                    double[] v = s.values().clone();
                    v[FAN] = 5000.25; // stuck
                    s = new TelemetrySample(ids[e], s.at(), v);
                }
                if (e == spiked && i % 9 == 8) {
                    double[] v = s.values().clone();
                    v[TEMP] = spike;
                    s = new TelemetrySample(ids[e], s.at(), v);
                }
                Optional<TelemetrySample> inShared = shared.admit(s);
                Optional<TelemetrySample> inAlone = alone[e].admit(s);
                assertThat(inShared.map(TelemetrySample::values).orElse(null))
                        .as("element %d, tick %d", e, i)
                        .isEqualTo(inAlone.map(TelemetrySample::values).orElse(null));
            }
        }
        for (int e = 0; e < elements; e++) {
            assertThat(shared.quality(ids[e], tick(ticks - 1)).state())
                    .as("element %d", e)
                    .isEqualTo(alone[e].quality(ids[e], tick(ticks - 1)).state());
        }
    }

    @Test
    void a_steady_noisy_stream_is_fresh_and_passes_untouched() {
        DataQualityTracker q = new DataQualityTracker();
        for (int i = 0; i < 50; i++) {
            TelemetrySample s = sample(A, tick(i), i);
            assertThat(q.admit(s)).containsSame(s);
        }
        assertThat(q.quality(A, tick(49)).state()).isEqualTo(State.FRESH);
        assertThat(q.quality(A, tick(49)).trusted()).isTrue();
    }

    @Test
    void silence_longer_than_three_intervals_is_a_gap_never_health() {
        DataQualityTracker q = new DataQualityTracker();
        for (int i = 0; i < 10; i++) {
            q.admit(sample(A, tick(i), i));
            q.admit(sample(B, tick(i), i));
        }
        assertThat(q.quality(A, tick(12)).state()).isEqualTo(State.FRESH);
        var gap = q.quality(A, tick(13));
        assertThat(gap.state()).isEqualTo(State.GAPPY);
        assertThat(gap.reason()).contains("nothing since " + tick(9));
        assertThat(q.quality(ElementId.of("cell-01-1"), tick(13)).state()).isEqualTo(State.GAPPY);
    }

    @Test
    void a_metric_repeating_its_exact_value_is_a_stuck_sensor_not_stability() {
        DataQualityTracker q = new DataQualityTracker();
        for (int i = 0; i < 20; i++) {
            TelemetrySample s = sample(A, tick(i), i);
            if (i >= 10) {
                s.values()[FAN] = 6012.75;
            }
            q.admit(s);
        }
        var stuck = q.quality(A, tick(19));
        assertThat(stuck.state()).isEqualTo(State.STUCK);
        assertThat(stuck.reason()).contains("fan_rpm has read 6012.75 for 10 samples");
    }

    @Test
    void a_stuck_sensors_readings_are_held_out_of_the_features_until_it_moves_again() {
        DataQualityTracker q = new DataQualityTracker();
        for (int i = 0; i < 30; i++) {
            TelemetrySample s = sample(A, tick(i), i);
            boolean frozen = i >= 10 && i < 20;
            if (frozen) {
                s.values()[FAN] = 6012.75;
            }
            TelemetrySample in = q.admit(s).orElseThrow();
            // the first five readings of the frozen value are not yet known for stuck
            boolean heldOut = frozen && i - 10 + 1 >= DataQualityTracker.STUCK_AFTER;
            assertThat(Double.isNaN(in.values()[FAN])).as("tick %d", i).isEqualTo(heldOut);
            assertThat(in.values()[TEMP])
                    .as("the other metrics, tick %d", i)
                    .isEqualTo(s.values()[TEMP]);
        }
        assertThat(q.counts().stuck()).isEqualTo(10 - DataQualityTracker.STUCK_AFTER + 1);
        assertThat(q.quality(A, tick(29)).state()).isEqualTo(State.FRESH);
    }

    @Test
    void whole_numbers_repeat_honestly_counts_and_bounds_are_not_stuck() {
        DataQualityTracker q = new DataQualityTracker();
        for (int i = 0; i < 20; i++) {
            TelemetrySample s = sample(A, tick(i), i);
            s.values()[Metric.CRC_ERRORS.ordinal()] = 0.0;
            s.values()[Metric.MEMORY_UTIL_PCT.ordinal()] = 100.0;
            q.admit(s);
        }
        assertThat(q.quality(A, tick(19)).state()).isEqualTo(State.FRESH);
    }

    @Test
    void late_and_repeated_samples_are_dropped_and_counted() {
        DataQualityTracker q = new DataQualityTracker();
        q.admit(sample(A, tick(0), 0));
        q.admit(sample(A, tick(2), 2));
        assertThat(q.admit(sample(A, tick(1), 1))).isEmpty();
        assertThat(q.admit(sample(A, tick(2), 2))).isEmpty();
        assertThat(q.counts().late()).isEqualTo(2);
        assertThat(q.counts().admitted()).isEqualTo(2);
    }

    @Test
    void a_clock_running_ahead_of_the_network_is_taken_in_at_its_pace_and_skewed_until_set_right() {
        DataQualityTracker q = new DataQualityTracker();
        for (int i = 0; i < 10; i++) {
            q.admit(sample(B, tick(i), i));
            q.admit(sample(A, tick(i), i));
        }
        for (int i = 10; i < 14; i++) {
            q.admit(sample(B, tick(i), i));
            TelemetrySample ahead = sample(A, tick(i).plus(Duration.ofMinutes(25L + i)), i);
            Instant networkTick = tick(i);
            assertThat(q.admit(ahead))
                    .as("its readings, at the network's tick")
                    .hasValueSatisfying(
                            s -> {
                                assertThat(s.at()).isEqualTo(networkTick);
                                assertThat(s.values()).isEqualTo(ahead.values());
                            });
        }
        var skewed = q.quality(A, tick(13));
        assertThat(skewed.state()).isEqualTo(State.SKEWED);
        assertThat(skewed.reason()).contains("38 min ahead");
        assertThat(skewed.lastSampleAt()).contains(tick(13));
        assertThat(q.counts().skewed()).isEqualTo(4);

        q.admit(sample(B, tick(14), 14));
        assertThat(q.admit(sample(A, tick(14), 14))).isPresent();
        assertThat(q.quality(A, tick(14)).state()).isEqualTo(State.FRESH);
    }

    /**
     * Connected mode: an instance watched the whole network, then let most of it go to other
     * instances. Kept, the stamps of the elements let go held the network's clock where they were
     * last seen, and every later sample of the elements still watched looked ahead of it: taken in
     * as skewed, then dropped once more than two intervals ahead (the soak's probe: none admitted
     * after the first hour). Let go, they leave the clock; and a sample of theirs, should they come
     * back, starts them afresh instead of being taken for late.
     */
    @Test
    void elements_let_go_leave_the_networks_clock_and_come_back_afresh() {
        DataQualityTracker q = new DataQualityTracker();
        List<ElementId> all = new ArrayList<>();
        for (int e = 0; e < 8; e++) {
            all.add(ElementId.of("agg-rtr-" + e));
        }
        for (int i = 0; i < 10; i++) {
            for (ElementId e : all) {
                q.admit(sample(e, tick(i), i));
            }
        }
        List<ElementId> kept = all.subList(0, 2);
        all.subList(2, 8).forEach(q::release);
        long admitted = q.counts().admitted();
        for (int i = 10; i < 30; i++) {
            for (ElementId e : kept) {
                int at = i;
                assertThat(q.admit(sample(e, tick(i), i)))
                        .as("%s at tick %d", e, at)
                        .hasValueSatisfying(s -> assertThat(s.at()).isEqualTo(tick(at)));
            }
        }
        assertThat(q.counts().admitted()).isEqualTo(admitted + 40);
        assertThat(q.counts().skewed()).isZero();
        assertThat(q.networkClock()).contains(tick(29));
        assertThat(q.quality(kept.get(0), tick(29)).state()).isEqualTo(State.FRESH);

        // one comes back: its history replayed from before its last stamp here is taken in
        ElementId back = all.get(5);
        assertThat(q.admit(sample(back, tick(5), 5))).isPresent();
        assertThat(q.counts().late()).isZero();
    }

    /**
     * Two partitions read hours apart (a consumer drains one's backlog while the other is current):
     * each element's clock is judged against its own stream's. Against the one clock of the
     * network, the stream ahead was held out as skewed (the negative control below).
     */
    @Test
    void streams_read_hours_apart_are_each_judged_against_their_own_clock() {
        List<ElementId> ahead = new ArrayList<>();
        List<ElementId> behind = new ArrayList<>();
        for (int e = 0; e < 6; e++) {
            ahead.add(ElementId.of("agg-rtr-a" + e));
            behind.add(ElementId.of("agg-rtr-b" + e));
        }
        DataQualityTracker told = new DataQualityTracker();
        DataQualityTracker untold = new DataQualityTracker();
        ahead.forEach(e -> told.stream(e, 1));
        behind.forEach(e -> told.stream(e, 0));
        behind.add(ElementId.of("agg-rtr-b6")); // the stream behind is the larger: its median rules
        told.stream(behind.get(6), 0);
        for (int i = 0; i < 60; i++) {
            for (DataQualityTracker q : List.of(told, untold)) {
                // the stream ahead two hours (24 ticks) ahead of the other
                int aheadTick = i + 24;
                for (ElementId e : ahead) {
                    q.admit(sample(e, tick(aheadTick), aheadTick));
                }
                for (ElementId e : behind) {
                    q.admit(sample(e, tick(i), i));
                }
            }
        }
        assertThat(told.counts().skewed()).isZero();
        assertThat(told.quality(ahead.get(0), tick(59 + 24)).state()).isEqualTo(State.FRESH);
        assertThat(told.streamCount()).isEqualTo(2);
        assertThat(untold.counts().skewed()).as("the negative control").isPositive();
    }

    @Test
    void a_clock_drifting_ahead_little_by_little_is_caught_not_followed() {
        DataQualityTracker q = new DataQualityTracker();
        ElementId c = ElementId.of("agg-rtr-03");
        for (int i = 0; i < 12; i++) {
            q.admit(sample(A, tick(i), i));
            q.admit(sample(B, tick(i), i));
            // gains 3 min a tick: never two intervals ahead of its own last stamp
            q.admit(sample(c, tick(i).plus(Duration.ofMinutes(3L * i)), i));
        }
        var skewed = q.quality(c, tick(11));
        assertThat(skewed.state()).isEqualTo(State.SKEWED);
        assertThat(skewed.reason()).contains("min ahead of the rest of the network");
        assertThat(q.quality(A, tick(11)).state()).isEqualTo(State.FRESH);
    }

    @Test
    void after_a_gap_of_the_whole_network_the_samples_are_taken_in_again() {
        DataQualityTracker q = new DataQualityTracker();
        ElementId c = ElementId.of("agg-rtr-03");
        for (int i = 0; i < 10; i++) {
            for (ElementId e : new ElementId[] {A, B, c}) {
                q.admit(sample(e, tick(i), i));
            }
        }
        // an hour of silence from everyone, then the stream comes back
        for (int i = 22; i < 25; i++) {
            for (ElementId e : new ElementId[] {A, B, c}) {
                q.admit(sample(e, tick(i), i));
            }
        }
        // taken in, neither held out as skewed nor gappy: settling, since the hour's silence
        // still lies in the windows (SettlingTest)
        for (ElementId e : new ElementId[] {A, B, c}) {
            var back = q.quality(e, tick(24));
            assertThat(back.state()).as(e.value()).isEqualTo(State.SETTLING);
            assertThat(back.lastSampleAt()).contains(tick(24));
        }
    }

    @Test
    void a_clock_drifting_by_seconds_does_not_shrink_the_interval_and_silence_the_rest() {
        DataQualityTracker q = new DataQualityTracker();
        ElementId c = ElementId.of("agg-rtr-03");
        for (int i = 0; i < 24; i++) {
            q.admit(sample(A, tick(i), i));
            q.admit(sample(B, tick(i), i));
            // gains 13 s a tick: the fleet's newest stamp then moves by odd steps, down to seconds
            q.admit(sample(c, tick(i).plusSeconds(13L * i), i));
        }
        Instant now = tick(23).plus(Duration.ofMinutes(4));
        assertThat(q.quality(A, now).state()).isEqualTo(State.FRESH);
        assertThat(q.quality(B, now).state()).isEqualTo(State.FRESH);
        // a real gap is still one: three intervals of the stream's own tick
        assertThat(q.quality(A, tick(27)).state()).isEqualTo(State.GAPPY);
    }

    @Test
    void samples_after_the_element_was_reported_down_contradict_the_alarm() {
        DataQualityTracker q = new DataQualityTracker();
        for (int i = 0; i < 5; i++) {
            q.admit(sample(A, tick(i), i));
        }
        q.observe(new Alarm(A, tick(5), Alarm.Kind.ELEMENT_DOWN, "power"));
        assertThat(q.quality(A, tick(9)).state()).isEqualTo(State.FRESH); // down: silence expected
        q.admit(sample(A, tick(6), 6));
        assertThat(q.quality(A, tick(6)).state()).isEqualTo(State.CONTRADICTED);
        q.observe(new Alarm(A, tick(7), Alarm.Kind.ELEMENT_UP, "repaired"));
        assertThat(q.quality(A, tick(7)).state()).isEqualTo(State.FRESH);
    }

    @Test
    void a_real_level_shift_gets_through_after_three_samples() {
        DataQualityTracker q = new DataQualityTracker();
        for (int i = 0; i < 40; i++) {
            TelemetrySample s = sample(A, tick(i), i);
            if (i >= 20) {
                s.values()[Metric.TRAFFIC_GBPS.ordinal()] = 0.0; // drained
            }
            q.admit(s);
        }
        // traffic back on a drained element: its usual size is still that of its busy days
        Optional<TelemetrySample> back = q.admit(sample(A, tick(40), 40));
        assertThat(back.orElseThrow().value(Metric.TRAFFIC_GBPS)).isGreaterThan(19.0);
    }

    /** Any absurd value on a steady stream is replaced by a plausible one; nothing else is. */
    @Property(tries = 200)
    void an_isolated_spike_never_reaches_the_features(
            @ForAll @IntRange(min = 5, max = 40) int at,
            @ForAll @DoubleRange(min = 20, max = 100) double scale,
            @ForAll boolean flip,
            @ForAll boolean onFan) {
        DataQualityTracker q = new DataQualityTracker();
        int m = onFan ? FAN : TEMP;
        for (int i = 0; i < 45; i++) {
            TelemetrySample s = sample(A, tick(i), i);
            double truth = s.values()[m];
            if (i == at) {
                double big = (Math.abs(truth) + 1) * scale;
                s.values()[m] = flip ? -big : big;
            }
            double got = q.admit(s).orElseThrow().values()[m];
            if (i == at && Double.isNaN(got)) {
                continue; // beyond what the sensor can read: dropped from the sample
            }
            assertThat(Math.abs(got - truth)).isLessThan(0.1 * Math.abs(truth));
        }
        assertThat(q.counts().clamped()).isEqualTo(1);
    }

    @Test
    void a_reading_no_sensor_can_show_is_dropped_even_in_the_first_sample() {
        DataQualityTracker q = new DataQualityTracker();
        TelemetrySample first = sample(A, tick(0), 0);
        first.values()[TEMP] = 912.0;

        TelemetrySample taken = q.admit(first).orElseThrow();

        assertThat(taken.values()[TEMP]).isNaN();
        assertThat(taken.values()[FAN]).isEqualTo(first.values()[FAN]);
        assertThat(q.counts().clamped()).isEqualTo(1);
    }

    /**
     * The gate's median (an insertion sort in a scratch array, for speed) is the one a sorted copy
     * gives, to the bit: the replaced value, and so every feature after it, must not change.
     */
    @Property
    void the_median_is_the_median_of_a_sorted_copy_to_the_bit(
            @ForAll @DoubleRange(min = -1e6, max = 1e6) double a,
            @ForAll @DoubleRange(min = -1e6, max = 1e6) double b,
            @ForAll @DoubleRange(min = -1e6, max = 1e6) double c,
            @ForAll @DoubleRange(min = -1e6, max = 1e6) double d,
            @ForAll @DoubleRange(min = -1e6, max = 1e6) double e,
            @ForAll @IntRange(min = 0, max = 4) int zeroAt,
            @ForAll boolean negativeZero,
            @ForAll @IntRange(min = 3, max = 5) int n) {
        double[] ring = {a, b, c, d, e};
        ring[zeroAt] = negativeZero ? -0.0 : 0.0; // signed zeros sort apart in Arrays.sort
        ring[(zeroAt + 1) % 5] = negativeZero ? 0.0 : -0.0;
        double[] sorted = Arrays.copyOf(ring, n);
        Arrays.sort(sorted);
        double expected = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        double got = DataQualityTracker.median(ring, 0, n, new double[5]);
        assertThat(Double.doubleToRawLongBits(got)).isEqualTo(Double.doubleToRawLongBits(expected));
    }

    /** The gate skips the median for readings that no median could make absurd. */
    @Property
    void a_reading_the_shortcut_passes_is_absurd_for_no_median(
            @ForAll @DoubleRange(min = -1e7, max = 1e7) double x,
            @ForAll @DoubleRange(min = -1e7, max = 1e7) double median,
            @ForAll @DoubleRange(min = 0, max = 1e7) double usual) {
        if (!DataQualityTracker.mayBeAbsurd(x, usual)) {
            assertThat(DataQualityTracker.absurd(x, median, usual)).isFalse();
        }
    }
}
