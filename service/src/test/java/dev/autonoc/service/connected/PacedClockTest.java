package dev.autonoc.service.connected;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.service.MovableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class PacedClockTest {

    private static final Instant ANCHOR = Instant.parse("2026-12-06T09:00:00Z");
    private static final Instant START = Instant.parse("2025-01-08T14:30:00Z");

    @Test
    void reads_its_start_at_the_anchor_and_runs_pace_times_as_fast() {
        MovableClock wall = new MovableClock(ANCHOR);
        PacedClock clock = new PacedClock(wall, ANCHOR, START, 3600);
        assertThat(clock.instant()).isEqualTo(START);
        wall.move(Duration.ofSeconds(10));
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofHours(10)));
        assertThat(clock.wallTimeUntil(START.plus(Duration.ofHours(12))))
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(clock.wallTimeUntil(START)).isEqualTo(Duration.ZERO);
    }

    @Test
    void before_its_anchor_it_stands_at_its_start_as_the_waiting_twin_does() {
        MovableClock wall = new MovableClock(ANCHOR.minusSeconds(2));
        PacedClock clock = new PacedClock(wall, ANCHOR, START, 60);
        assertThat(clock.instant()).isEqualTo(START);
        // the twin's first tick waits for the anchor, then for the tick's time at the pace
        assertThat(clock.wallTimeUntil(START)).isEqualTo(Duration.ofSeconds(2));
        assertThat(clock.wallTimeUntil(START.plus(Duration.ofMinutes(5))))
                .isEqualTo(Duration.ofSeconds(7));
        wall.move(Duration.ofSeconds(1));
        assertThat(clock.instant()).isEqualTo(START);
        wall.move(Duration.ofSeconds(2));
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofMinutes(1)));
    }

    /** Two processes given the same settings agree on the time: the rehearsal's premise. */
    @Property
    void processes_given_the_same_settings_read_the_same_time(
            @ForAll @LongRange(min = 0, max = 30L * 24 * 3600 * 1000) long wallMillis,
            @ForAll @DoubleRange(min = 0.01, max = 1_000_000) double pace) {
        MovableClock wall = new MovableClock(ANCHOR);
        wall.move(Duration.ofMillis(wallMillis));
        PacedClock twin = new PacedClock(wall, ANCHOR, START, pace);
        Clock service =
                settings(
                                Map.of(
                                        "autonoc.connected.clock.start", START.toString(),
                                        "autonoc.connected.clock.anchor", ANCHOR.toString(),
                                        "autonoc.connected.clock.pace", Double.toString(pace)))
                        .clock()
                        .over(wall);
        assertThat(service.instant()).isEqualTo(twin.instant());
        assertThat(twin.wallTimeUntil(twin.instant().plusSeconds(1)).toMillis())
                .isLessThanOrEqualTo((long) Math.ceil(1000 / pace) + 1);
    }

    @Test
    void no_clock_settings_give_the_wall_clock_itself() {
        Clock wall = Clock.systemUTC();
        assertThat(settings(Map.of()).clock().over(wall)).isSameAs(wall);
    }

    @Test
    void a_pace_alone_runs_from_the_instance_start_faster() {
        MovableClock wall = new MovableClock(ANCHOR);
        Clock clock = settings(Map.of("autonoc.connected.clock.pace", "60")).clock().over(wall);
        assertThat(clock.instant()).isEqualTo(ANCHOR);
        wall.move(Duration.ofSeconds(1));
        assertThat(clock.instant()).isEqualTo(ANCHOR.plus(Duration.ofMinutes(1)));
    }

    @Test
    void refuses_a_pace_out_of_range_naming_what_is_accepted() {
        assertThatThrownBy(() -> settings(Map.of("autonoc.connected.clock.pace", "0")))
                .rootCause()
                .hasMessageContaining("autonoc.connected.clock.pace is 0.0")
                .hasMessageContaining("(0, 1000000]");
        assertThatThrownBy(() -> new PacedClock(Clock.systemUTC(), ANCHOR, START, 2e6))
                .hasMessageContaining("(0, 1000000]");
    }

    private static ConnectedProperties settings(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("autonoc.connected", ConnectedProperties.class);
    }
}
