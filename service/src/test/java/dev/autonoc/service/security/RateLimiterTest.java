package dev.autonoc.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(nanos::get);

    @Test
    void a_burst_is_allowed_then_refused_with_the_wait_then_refilled_at_the_rate() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.take("mcp\nagent", 2, 5)).isZero();
        }
        assertThat(limiter.take("mcp\nagent", 2, 5)).isEqualTo(1);
        assertThat(limiter.take("mcp\nother", 2, 5)).as("another key has its own bucket").isZero();
        nanos.addAndGet(500_000_000L); // half a second at 2/s: one more
        assertThat(limiter.take("mcp\nagent", 2, 5)).isZero();
        assertThat(limiter.take("mcp\nagent", 2, 5)).isPositive();
    }

    @Property(tries = 1000)
    void over_any_stretch_no_key_gets_more_than_its_burst_plus_its_rate(
            @ForAll @IntRange(min = 1, max = 50) int burst,
            @ForAll @IntRange(min = 1, max = 20) int perSecond,
            @ForAll @IntRange(min = 1, max = 200) int requests,
            @ForAll @IntRange(min = 0, max = 100) int millisBetween) {
        AtomicLong clock = new AtomicLong();
        RateLimiter fresh = new RateLimiter(clock::get);
        int allowed = 0;
        for (int i = 0; i < requests; i++) {
            if (fresh.take("k", perSecond, burst) == 0) {
                allowed++;
            }
            clock.addAndGet(millisBetween * 1_000_000L);
        }
        double seconds = (requests - 1) * millisBetween / 1000.0;
        assertThat(allowed).isLessThanOrEqualTo(burst + (int) Math.ceil(seconds * perSecond));
    }
}
