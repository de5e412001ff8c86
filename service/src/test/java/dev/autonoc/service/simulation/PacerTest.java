package dev.autonoc.service.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PacerTest {

    private static final Instant SIM = Instant.parse("2025-01-06T00:00:00Z");
    private static final Instant WALL = Instant.parse("2026-11-26T07:00:00Z");
    private static final Duration TICK = Duration.ofMinutes(5);

    @Test
    void at_an_hour_a_second_one_real_second_is_twelve_five_minute_ticks() {
        assertThat(Pacer.ticksDue(SIM, TICK, SIM, WALL, WALL.plusSeconds(1), 3600)).isEqualTo(12);
    }

    @Test
    void ticks_already_run_are_not_due_again() {
        Instant ranSix = SIM.plus(TICK.multipliedBy(6));
        assertThat(Pacer.ticksDue(ranSix, TICK, SIM, WALL, WALL.plusSeconds(1), 3600)).isEqualTo(6);
    }

    @Test
    void a_partial_tick_is_not_due_yet() {
        assertThat(Pacer.ticksDue(SIM, TICK, SIM, WALL, WALL.plusMillis(83), 3600)).isZero();
        assertThat(Pacer.ticksDue(SIM, TICK, SIM, WALL, WALL.plusMillis(84), 3600)).isEqualTo(1);
    }

    @Test
    void a_simulation_ahead_of_its_anchor_has_nothing_due() {
        Instant ahead = SIM.plus(Duration.ofHours(6));
        assertThat(Pacer.ticksDue(ahead, TICK, SIM, WALL, WALL.plusSeconds(1), 3600)).isZero();
    }

    @Test
    void a_wall_clock_that_steps_back_makes_nothing_due() {
        assertThat(Pacer.ticksDue(SIM, TICK, SIM, WALL, WALL.minusSeconds(5), 3600)).isZero();
    }

    @Test
    void one_pump_runs_at_most_twice_its_share_and_at_least_four_ticks() {
        // 100 ms at 3600x is 360 simulated seconds: 1.2 five-minute ticks per pump
        assertThat(Pacer.perPumpLimit(TICK, Duration.ofMillis(100), 3600)).isEqualTo(4);
        // a day a second: 28.8 ticks per pump
        assertThat(Pacer.perPumpLimit(TICK, Duration.ofMillis(100), 86_400)).isEqualTo(58);
    }

    @Test
    void a_backlog_of_more_than_two_wall_seconds_is_dropped() {
        assertThat(Pacer.backlogLimit(TICK, 3600)).isEqualTo(24);
        assertThat(Pacer.backlogLimit(TICK, 60)).isEqualTo(8);
    }

    @Test
    void an_advance_covers_its_duration_in_whole_ticks_rounding_up() {
        assertThat(Pacer.ticksCovering(Duration.ofHours(6), TICK)).isEqualTo(72);
        assertThat(Pacer.ticksCovering(Duration.ofMinutes(7), TICK)).isEqualTo(2);
        assertThat(Pacer.ticksCovering(Duration.ofSeconds(1), TICK)).isEqualTo(1);
    }
}
