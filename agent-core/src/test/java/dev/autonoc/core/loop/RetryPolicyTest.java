package dev.autonoc.core.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * The backoff between tries (docs/agent.md, "Outcome classes"): exponential, capped, spread by a
 * jitter drawn from the case, step and try alone, so that a run (and its restart) retries at the
 * same times and cases do not retry in step.
 */
class RetryPolicyTest {

    @Property(tries = 300)
    void the_same_case_step_and_try_always_wait_the_same(
            @ForAll @AlphaChars @StringLength(min = 1, max = 20) String caseId,
            @ForAll @IntRange(min = 0, max = 500) int step,
            @ForAll @IntRange(min = 1, max = 20) int tries) {
        RetryPolicy policy = RetryPolicy.defaults();
        RetryPolicy same = RetryPolicy.defaults();

        assertThat(policy.backoff(caseId, step, tries))
                .isEqualTo(same.backoff(caseId, step, tries));
    }

    @Property(tries = 300)
    void the_wait_is_the_capped_exponential_within_the_jitter(
            @ForAll @IntRange(min = 1, max = 120) int initialMinutes,
            @ForAll @DoubleRange(min = 1.0, max = 4.0) double multiplier,
            @ForAll @IntRange(min = 0, max = 24) int extraHours,
            @ForAll @DoubleRange(min = 0.0, max = 0.9) double jitter,
            @ForAll @IntRange(min = 1, max = 30) int tries,
            @ForAll @IntRange(min = 0, max = 50) int step) {
        Duration initial = Duration.ofMinutes(initialMinutes);
        Duration max = initial.plusHours(extraHours);
        RetryPolicy policy = new RetryPolicy(10, initial, multiplier, max, jitter);

        double base =
                Math.min(initial.toMillis() * Math.pow(multiplier, tries - 1), max.toMillis());
        long waited = policy.backoff("case-0007", step, tries).toMillis();

        assertThat((double) waited).isBetween(base * (1 - jitter) - 1, base * (1 + jitter) + 1);
    }

    @Property(tries = 200)
    void without_jitter_the_wait_never_shrinks_from_one_try_to_the_next_and_stops_at_the_cap(
            @ForAll @IntRange(min = 1, max = 60) int initialMinutes,
            @ForAll @DoubleRange(min = 1.0, max = 3.0) double multiplier,
            @ForAll @IntRange(min = 1, max = 25) int tries) {
        Duration initial = Duration.ofMinutes(initialMinutes);
        Duration max = Duration.ofHours(2).plus(initial);
        RetryPolicy policy = new RetryPolicy(10, initial, multiplier, max, 0.0);

        Duration now = policy.backoff("c", 1, tries);
        Duration next = policy.backoff("c", 1, tries + 1);

        assertThat(next).isGreaterThanOrEqualTo(now);
        assertThat(next).isLessThanOrEqualTo(max);
        assertThat(policy.backoff("c", 1, 1)).isEqualTo(initial);
    }

    @Test
    void different_cases_retrying_the_same_step_are_spread_apart() {
        RetryPolicy policy = RetryPolicy.defaults();
        long distinct =
                java.util.stream.IntStream.range(1, 50)
                        .mapToObj(i -> policy.backoff("case-" + i, 1, 1))
                        .distinct()
                        .count();
        assertThat(distinct).isGreaterThan(40);
    }

    @Test
    void the_defaults_give_six_tries_from_five_minutes_doubling_to_two_hours() {
        RetryPolicy d = RetryPolicy.defaults();
        assertThat(d.maxTries()).isEqualTo(6);
        assertThat(d.initialBackoff()).isEqualTo(Duration.ofMinutes(5));
        assertThat(d.maxBackoff()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void a_policy_that_makes_no_sense_is_refused_naming_the_setting() {
        Duration m = Duration.ofMinutes(1);
        assertThatThrownBy(() -> new RetryPolicy(0, m, 2, m, 0)).hasMessageContaining("maxTries");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, 2, m, 0))
                .hasMessageContaining("initialBackoff");
        assertThatThrownBy(() -> new RetryPolicy(3, m, 2, Duration.ofSeconds(1), 0))
                .hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> new RetryPolicy(3, m, 0.5, m, 0))
                .hasMessageContaining("multiplier");
        assertThatThrownBy(() -> new RetryPolicy(3, m, 2, m, 1.0)).hasMessageContaining("jitter");
    }
}
