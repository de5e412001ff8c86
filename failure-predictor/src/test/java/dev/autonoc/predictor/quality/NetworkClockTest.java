package dev.autonoc.predictor.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class NetworkClockTest {

    private static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");

    /** The tracker's former clock: a TreeMap of stamp counts, walked to the lower median. */
    private static Instant referenceMedian(TreeMap<Instant, Integer> stamps, int elements) {
        int rank = (elements - 1) / 2;
        for (Map.Entry<Instant, Integer> e : stamps.entrySet()) {
            rank -= e.getValue();
            if (rank < 0) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("no stamp");
    }

    /** The clock under test beside the reference: the same moves to both. */
    private static final class Both {
        final NetworkClock clock = new NetworkClock();
        private final TreeMap<Instant, Integer> reference = new TreeMap<>();
        private int seen;

        /** An element's stamp moves from {@code before} (null: it had none) to {@code to}. */
        void move(Instant before, Instant to) {
            if (before == null) {
                clock.add(to);
                seen++;
            } else {
                clock.move(before, to);
                reference.merge(before, -1, (a, b) -> a + b == 0 ? null : a + b);
            }
            reference.merge(to, 1, Integer::sum);
        }

        /** An element's stamp {@code at} leaves: it is no longer watched. */
        void drop(Instant at) {
            clock.drop(at);
            reference.merge(at, -1, (a, b) -> a + b == 0 ? null : a + b);
            seen--;
        }

        Instant median() {
            return seen == 0 ? null : referenceMedian(reference, seen);
        }
    }

    /**
     * Elements move their stamps in runs, as a ticking network's do, and are let go (their
     * partition went to another instance) and come back, in any order: after every step the clock
     * is the lower median of the stamps of the elements still watched, and has none once every
     * element has gone.
     */
    @Property(tries = 300)
    void is_the_lower_median_of_the_watched_elements_as_elements_are_let_go(
            @ForAll @IntRange(min = 1, max = 40) int elements,
            @ForAll @IntRange(min = 1, max = 12) int ticks,
            @ForAll @Size(min = 1, max = 200) List<@IntRange(min = 0, max = 9) Integer> what) {
        Both both = new Both();
        Instant[] stamp = new Instant[elements];
        int k = 0;
        for (int tick = 0; tick < ticks; tick++) {
            Instant shared = T0.plusSeconds(300L * tick);
            for (int e = 0; e < elements; e++) {
                int w = what.get(k++ % what.size());
                if (w == 0 && stamp[e] != null) {
                    both.drop(stamp[e]); // let go mid-run: the run is counted first
                    stamp[e] = null;
                } else if (w > 1 && (stamp[e] == null || shared.isAfter(stamp[e]))) {
                    both.move(stamp[e], shared);
                    stamp[e] = shared;
                }
                assertThat(both.clock.now()).isEqualTo(both.median());
            }
        }
        for (int e = 0; e < elements; e++) {
            if (stamp[e] != null) {
                both.drop(stamp[e]);
                assertThat(both.clock.now()).isEqualTo(both.median());
            }
        }
        assertThat(both.clock.now()).isNull();
    }

    /**
     * Elements appear and move their stamps forward in any order (late elements, silent ones, a
     * clock running ahead, steps of a few nanoseconds): after every step the clock is the lower
     * median of the elements' stamps, as the TreeMap walk gave it.
     */
    @Property(tries = 300)
    void is_the_lower_median_of_the_stamps_after_every_move(
            @ForAll @IntRange(min = 1, max = 40) int elements,
            @ForAll @Size(min = 1, max = 400) List<@IntRange(min = 0, max = 1_000) Integer> who,
            @ForAll @Size(min = 1, max = 400) List<@LongRange(min = 0, max = 5_000) Long> steps) {
        Both both = new Both();
        List<Instant> stamp = new ArrayList<>();
        for (int i = 0; i < elements; i++) {
            stamp.add(null);
        }
        for (int k = 0; k < who.size(); k++) {
            int e = who.get(k) % elements;
            long step = steps.get(k % steps.size());
            Instant before = stamp.get(e);
            // steps in seconds, or in nanoseconds when odd: a drifting clock's stamps
            Instant base = before == null ? T0.plusSeconds(who.get(k) % 7 * 300L) : before;
            Instant to =
                    step % 2 == 1 ? base.plusNanos(step) : base.plusSeconds(step == 0 ? 300 : step);
            both.move(before, to);
            stamp.set(e, to);
            assertThat(both.clock.now()).isEqualTo(both.median());
        }
    }

    /**
     * A network ticking together, as the twin's and a collector's are: each tick's stamp one
     * object, shared by the elements that report in it, so their moves come in runs the clock
     * counts at once. Elements skip ticks (silent for a while, then back), and some stamp their own
     * object (a clock set apart): the runs break and start again. Read at any moment, the clock is
     * the lower median of the stamps; the clock as counted is never after it.
     */
    @Property(tries = 300)
    void counts_a_tick_s_run_of_moves_at_once_and_is_the_lower_median_when_read(
            @ForAll @IntRange(min = 1, max = 40) int elements,
            @ForAll @IntRange(min = 1, max = 12) int ticks,
            @ForAll @Size(min = 1, max = 200) List<@IntRange(min = 0, max = 9) Integer> what) {
        Both both = new Both();
        NetworkClock clock = both.clock;
        Instant[] stamp = new Instant[elements];
        boolean any = false;
        int k = 0;
        for (int tick = 0; tick < ticks; tick++) {
            Instant shared = T0.plusSeconds(300L * tick);
            for (int e = 0; e < elements; e++) {
                int w = what.get(k++ % what.size());
                if (w == 0) {
                    continue; // silent this tick
                }
                // its own object, of the same instant or a few seconds apart
                Instant to =
                        w == 1
                                ? Instant.ofEpochSecond(shared.getEpochSecond())
                                : w == 2 ? shared.plusSeconds(7) : shared;
                Instant before = stamp[e];
                if (before != null && !to.isAfter(before)) {
                    continue;
                }
                both.move(before, to);
                any = true;
                stamp[e] = to;
                Instant median = both.median();
                assertThat(clock.counted()).isBeforeOrEqualTo(median);
                if (w >= 8) { // read now and then, mid-run
                    assertThat(clock.now()).isEqualTo(median);
                    assertThat(clock.counted()).isEqualTo(median);
                }
            }
            if (any) {
                assertThat(clock.now()).isEqualTo(both.median());
            }
        }
    }

    @Test
    void follows_a_network_ticking_together_and_one_element_left_behind() {
        NetworkClock clock = new NetworkClock();
        int n = 5;
        Instant[] at = new Instant[n];
        for (int e = 0; e < n; e++) {
            at[e] = T0;
            clock.add(T0);
        }
        assertThat(clock.now()).isEqualTo(T0);
        for (int tick = 1; tick <= 3; tick++) {
            for (int e = 1; e < n; e++) { // element 0 falls silent
                Instant next = T0.plusSeconds(300L * tick);
                clock.move(at[e], next);
                at[e] = next;
                // the clock moves once most of the network has: after the third of five
                Instant expected = e >= 3 ? next : T0.plusSeconds(300L * (tick - 1));
                assertThat(clock.now()).isEqualTo(expected);
            }
        }
    }

    @Test
    void has_no_time_before_any_element_has_one() {
        assertThat(new NetworkClock().now()).isNull();
    }
}
