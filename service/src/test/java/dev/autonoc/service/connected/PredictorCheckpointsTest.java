package dev.autonoc.service.connected;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.service.MovableClock;
import dev.autonoc.service.store.PredictorStates;
import dev.autonoc.service.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The predictor's checkpoints run on the instance's clock, once an interval, the first an interval
 * after the start; one that fails is counted and the next goes on.
 */
class PredictorCheckpointsTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void a_checkpoint_is_written_once_an_interval_on_the_instances_clock() {
        MovableClock clock = new MovableClock(T0);
        List<Instant> taken = new ArrayList<>();
        PredictorCheckpoints checkpoints =
                new PredictorCheckpoints(
                        () -> {
                            taken.add(clock.instant());
                            return new PredictorStates.Saved(10, 0, Set.of());
                        },
                        Duration.ofMinutes(5),
                        clock,
                        minutePerCall());
        Instant start = clock.instant();
        // a wake every 2 minutes of the clock: 0 (the start), 2, 4, 6, 8, 10, 12
        for (int i = 0; i <= 6; i++) {
            checkpoints.wake();
            clock.move(Duration.ofMinutes(2));
        }
        assertThat(taken)
                .containsExactly(
                        start.plus(Duration.ofMinutes(6)), start.plus(Duration.ofMinutes(12)));
        assertThat(checkpoints.written()).isEqualTo(20);
        assertThat(checkpoints.failures()).isZero();
    }

    @Test
    void a_checkpoint_that_fails_is_counted_and_the_next_one_goes_on() {
        MovableClock clock = new MovableClock(T0);
        int[] calls = {0};
        PredictorCheckpoints checkpoints =
                new PredictorCheckpoints(
                        () -> {
                            if (calls[0]++ == 0) {
                                throw new StoreException("cannot reach the database");
                            }
                            return new PredictorStates.Saved(3, 1, Set.of(2));
                        },
                        Duration.ofMinutes(5),
                        clock,
                        minutePerCall());
        checkpoints.wake();
        clock.move(Duration.ofMinutes(5));
        checkpoints.wake();
        clock.move(Duration.ofMinutes(5));
        checkpoints.wake();
        assertThat(calls[0]).isEqualTo(2);
        assertThat(checkpoints.failures()).isEqualTo(1);
        assertThat(checkpoints.written()).isEqualTo(3);
    }

    /** Real time that moves a minute between two reads: never the limit. */
    private static LongSupplier minutePerCall() {
        long[] nanos = {0};
        return () -> nanos[0] += Duration.ofMinutes(1).toNanos();
    }

    @Test
    void a_fast_paced_clock_checkpoints_at_most_once_every_thirty_seconds_of_real_time() {
        MovableClock clock = new MovableClock(T0);
        long[] nanos = {0};
        List<Long> takenAtNanos = new ArrayList<>();
        PredictorCheckpoints checkpoints =
                new PredictorCheckpoints(
                        () -> {
                            takenAtNanos.add(nanos[0]);
                            return new PredictorStates.Saved(1, 0, Set.of());
                        },
                        Duration.ofMinutes(5),
                        clock,
                        () -> nanos[0]);
        // a rehearsal at 3,600x: each 2 s wake is two simulated hours on the instance's clock
        for (int wake = 0; wake <= 40; wake++) {
            checkpoints.wake();
            nanos[0] += PredictorCheckpoints.WAKE.toNanos();
            clock.move(Duration.ofHours(2));
        }
        long gap = PredictorCheckpoints.LEAST_GAP.toNanos();
        // the first at the first wake after the start, then one every 30 s: 2, 32, 62 s
        assertThat(takenAtNanos)
                .containsExactly(2_000_000_000L, 2_000_000_000L + gap, 2_000_000_000L + 2 * gap);
    }

    @Test
    void a_zero_interval_starts_no_thread() {
        PredictorCheckpoints none =
                new PredictorCheckpoints(
                        () -> {
                            throw new AssertionError("no checkpoint expected");
                        },
                        Duration.ZERO,
                        Clock.systemUTC());
        none.start();
        assertThat(none.isRunning()).isFalse();
        none.stop();
    }
}
