package dev.autonoc.service.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.service.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PacingTest {

    private final MovableClock wall = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AtomicReference<Optional<String>> needed =
            new AtomicReference<>(Optional.empty());
    private final AtomicInteger asked = new AtomicInteger();

    private Pacing pacing(String mode) {
        return new Pacing(
                3600,
                new PacingProperties(mode, Duration.ofMillis(500)),
                () -> {
                    asked.incrementAndGet();
                    return needed.get();
                },
                wall);
    }

    @Test
    void runs_at_the_configured_pace_while_nobody_is_needed() {
        Pacing.Now now = pacing("real-time").now();

        assertThat(now.state()).isEqualTo(Pacing.State.FAST);
        assertThat(now.pace()).isEqualTo(3600);
        assertThat(now.reason()).isEmpty();
    }

    @Test
    void slows_to_real_time_while_a_person_is_needed_and_says_why() {
        Pacing pacing = pacing("real-time");
        needed.set(Optional.of("an approval waits (order_part on link-1)"));

        Pacing.Now now = pacing.now();

        assertThat(now.state()).isEqualTo(Pacing.State.REAL_TIME);
        assertThat(now.pace()).isEqualTo(1);
        assertThat(now.holds()).isFalse();
        assertThat(now.reason()).contains("an approval waits (order_part on link-1)");
    }

    @Test
    void holds_the_clock_while_a_person_is_needed_when_set_to_pause() {
        Pacing pacing = pacing("pause");
        needed.set(Optional.of("case c-1 needs a person"));

        assertThat(pacing.now().holds()).isTrue();
        assertThat(pacing.now().state()).isEqualTo(Pacing.State.HELD);
    }

    @Test
    void goes_fast_again_once_nobody_is_needed_at_the_next_recheck() {
        Pacing pacing = pacing("real-time");
        needed.set(Optional.of("an approval waits"));
        assertThat(pacing.now().state()).isEqualTo(Pacing.State.REAL_TIME);

        needed.set(Optional.empty());
        wall.move(Duration.ofMillis(100));
        assertThat(pacing.now().state())
                .as("within the recheck interval the last answer stands")
                .isEqualTo(Pacing.State.REAL_TIME);
        wall.move(Duration.ofMillis(400));
        assertThat(pacing.now().state()).isEqualTo(Pacing.State.FAST);
        assertThat(asked).hasValue(2);
    }

    @Test
    void keep_never_asks_the_stores() {
        Pacing pacing = pacing("keep");
        needed.set(Optional.of("an approval waits"));

        assertThat(pacing.now().pace()).isEqualTo(3600);
        assertThat(asked).hasValue(0);
    }

    @Test
    void an_unknown_mode_is_refused_with_the_accepted_ones() {
        assertThatThrownBy(() -> new PacingProperties("slow", Duration.ZERO))
                .hasMessageContaining("autonoc.simulation.pacing.when-person-needed")
                .hasMessageContaining("'slow'")
                .hasMessageContaining("keep, real-time, pause");
    }
}
