package dev.autonoc.predictor.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.DataQuality;
import dev.autonoc.core.prediction.DataQuality.State;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.core.telemetry.TelemetrySample;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The gate's settling state (docs/data-quality.md, "Settling"): after a gap of an hour or more, an
 * element's windows span it for 6 h from its return, and its 24 h slopes read the hours after it
 * from 23 h to 30 h after; its peers settle with it when a quarter of their group came back
 * together.
 */
class SettlingTest {

    private static final Instant T0 = Instant.parse("2025-01-06T00:00:00Z");
    private static final int TICKS_PER_HOUR = 12;

    private static Instant tick(int i) {
        return T0.plus(Duration.ofMinutes(5L * i));
    }

    private static TelemetrySample sample(ElementId id, int i) {
        double[] v = new double[Metric.values().length];
        Arrays.fill(v, Double.NaN);
        v[Metric.TEMPERATURE_C.ordinal()] = 40.3 + 0.37 * Math.sin(i);
        v[Metric.FAN_RPM.ordinal()] = 6000.5 + 40.1 * Math.cos(i);
        return new TelemetrySample(id, tick(i), v);
    }

    private static ElementId id(int e) {
        return ElementId.of("cell-" + e);
    }

    /**
     * Runs {@code elements} elements in one peer group for {@code ticks} ticks; those below {@code
     * silent} send nothing from tick {@code from} for {@code length} ticks.
     */
    private static DataQualityTracker run(
            int elements, int silent, int from, int length, int ticks) {
        DataQualityTracker q = new DataQualityTracker();
        for (int e = 0; e < elements; e++) {
            q.group(q.number(id(e)), 0);
        }
        for (int i = 0; i < ticks; i++) {
            for (int e = 0; e < elements; e++) {
                if (e < silent && i >= from && i < from + length) {
                    continue;
                }
                q.admit(sample(id(e), i));
            }
        }
        return q;
    }

    /**
     * Over gap lengths and positions: at every tick after the data return, the element is settling
     * exactly when the gap lasted an hour or more and the tick lies within 6 h of the return or
     * between 23 h and 30 h after it; it is fresh otherwise, and never settling before the gap.
     */
    @Property(tries = 40)
    void an_element_settles_after_a_gap_of_an_hour_or_more_for_its_two_spells(
            @ForAll @IntRange(min = 4, max = 20 * TICKS_PER_HOUR) int gapTicks,
            @ForAll @IntRange(min = 2, max = 30 * TICKS_PER_HOUR) int fromTick) {
        int back = fromTick + gapTicks;
        int end = back + 32 * TICKS_PER_HOUR;
        // one element of a group of five goes silent: its peers are judged as usual
        DataQualityTracker q = new DataQualityTracker();
        for (int e = 0; e < 5; e++) {
            q.group(q.number(id(e)), 0);
        }
        // the step back is gapTicks + 1 intervals of 5 min
        boolean gap = (gapTicks + 1) * 5 >= 60;
        for (int i = 0; i < end; i++) {
            for (int e = 0; e < 5; e++) {
                if (e == 0 && i >= fromTick && i < back) {
                    continue;
                }
                q.admit(sample(id(e), i));
            }
            if (i < fromTick || i >= back) {
                long since = Duration.between(tick(back), tick(i)).toMinutes();
                boolean expected =
                        gap && i >= back && (since < 6 * 60 || since >= 23 * 60 && since < 30 * 60);
                DataQuality own = q.quality(id(0), tick(i));
                assertThat(own.state())
                        .as("tick %d, %d min after the return from %d ticks", i, since, gapTicks)
                        .isEqualTo(expected ? State.SETTLING : State.FRESH);
                assertThat(q.freshOrUnseen(q.number(id(0)), tick(i))).isEqualTo(!expected);
                assertThat(q.settling(q.number(id(0)), tick(i).getEpochSecond()))
                        .isEqualTo(expected);
                assertThat(q.quality(id(1), tick(i)).state()).isEqualTo(State.FRESH);
            }
        }
    }

    @Test
    void the_reason_says_when_the_element_came_back_from_what_and_until_when() {
        DataQualityTracker q = run(1, 1, 24, 8 * TICKS_PER_HOUR, 24 + 9 * TICKS_PER_HOUR);
        Instant back = tick(24 + 8 * TICKS_PER_HOUR);
        DataQuality d = q.quality(id(0), back.plus(Duration.ofHours(1)));

        assertThat(d.state()).isEqualTo(State.SETTLING);
        assertThat(d.trusted()).isFalse();
        assertThat(d.lastSampleAt()).isPresent();
        assertThat(d.reason())
                .contains("back at " + back)
                .contains("from a gap of 485 min")
                .contains("until " + back.plus(Duration.ofHours(6)));
    }

    @Test
    void a_gap_of_a_quarter_of_a_peer_group_settles_the_members_that_kept_reporting() {
        int ticks = 12 + 3 * TICKS_PER_HOUR;
        DataQualityTracker quarter = run(8, 2, 12, 2 * TICKS_PER_HOUR, ticks);
        DataQualityTracker fewer = run(9, 2, 12, 2 * TICKS_PER_HOUR, ticks);
        Instant now = tick(ticks - 1);

        DataQuality kept = quarter.quality(id(7), now);
        assertThat(kept.state()).isEqualTo(State.SETTLING);
        assertThat(kept.reason()).contains("its peer group came back");
        assertThat(fewer.quality(id(8), now).state()).isEqualTo(State.FRESH);
        assertThat(fewer.quality(id(0), now).state()).isEqualTo(State.SETTLING);
    }

    @Test
    void an_element_silent_again_is_gappy_not_settling() {
        DataQualityTracker q = run(1, 1, 12, 2 * TICKS_PER_HOUR, 12 + 2 * TICKS_PER_HOUR + 3);

        assertThat(q.quality(id(0), tick(12 + 2 * TICKS_PER_HOUR + 10)).state())
                .isEqualTo(State.GAPPY);
    }

    @Test
    void after_work_on_the_element_its_silence_is_no_gap() {
        DataQualityTracker q = new DataQualityTracker();
        for (int i = 0; i < 12; i++) {
            q.admit(sample(id(0), i));
        }
        q.reset(id(0));
        int again = 12 + 4 * TICKS_PER_HOUR;
        q.admit(sample(id(0), again));

        assertThat(q.quality(id(0), tick(again)).state()).isEqualTo(State.FRESH);
    }
}
