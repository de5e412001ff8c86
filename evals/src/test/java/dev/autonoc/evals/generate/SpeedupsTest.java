package dev.autonoc.evals.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.simulators.FaultSpec;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class SpeedupsTest {

    @Property
    void a_speedup_starts_30_to_70_percent_of_the_way_and_runs_2_to_4_times_faster(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 96) int onsetHours,
            @ForAll @IntRange(min = 24, max = 240) int ttfHours) {
        Duration onset = Duration.ofHours(onsetHours);
        Duration ttf = Duration.ofHours(ttfHours);

        FaultSpec.Speedup s =
                Speedups.draw(new SplittableRandom(seed), onset, ttf, 1.0).orElseThrow();

        long into = s.at().minus(onset).toHours();
        assertThat(into).isBetween(Math.max(1, ttfHours * 30L / 100), ttfHours * 70L / 100);
        assertThat(s.at().minus(onset).toMinutesPart()).isZero();
        assertThat(s.factor()).isIn(Set.of(2.0, 2.5, 3.0, 3.5, 4.0));
    }

    @Property
    void at_share_zero_there_is_none_and_one_draw_is_spent(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        SplittableRandom same = new SplittableRandom(seed);

        assertThat(Speedups.draw(rng, Duration.ofHours(6), Duration.ofDays(3), 0.0)).isEmpty();
        same.nextDouble();
        assertThat(rng.nextLong()).isEqualTo(same.nextLong());
    }

    @Property(tries = 50)
    void the_share_is_the_chance_of_a_speedup(
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed,
            @ForAll @IntRange(min = 1, max = 9) int tenths) {
        double share = tenths / 10.0;
        SplittableRandom rng = new SplittableRandom(seed);
        int draws = 4000;
        int hits = 0;
        for (int i = 0; i < draws; i++) {
            Optional<FaultSpec.Speedup> s =
                    Speedups.draw(rng, Duration.ofHours(12), Duration.ofDays(4), share);
            hits += s.isPresent() ? 1 : 0;
        }
        // four standard deviations of a binomial at 4,000 draws: under 0.032 for any share
        assertThat((double) hits / draws)
                .isCloseTo(share, org.assertj.core.data.Offset.offset(0.032));
    }

    @Test
    void a_share_outside_zero_to_one_is_refused_with_what_is_accepted() {
        assertThatThrownBy(
                        () ->
                                Speedups.draw(
                                        new SplittableRandom(1),
                                        Duration.ofHours(1),
                                        Duration.ofDays(2),
                                        1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0, 1]")
                .hasMessageContaining("1.5");
    }
}
