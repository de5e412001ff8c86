package dev.autonoc.core.loop;

import static dev.autonoc.core.tool.ToolResult.Outcome.REFUSED;
import static dev.autonoc.core.tool.ToolResult.Outcome.SUCCEEDED;
import static dev.autonoc.core.tool.ToolResult.Outcome.TRANSIENT;
import static dev.autonoc.core.tool.ToolResult.Outcome.UNCERTAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.tool.ToolResult.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The per-tool circuit breaker: open after {@code threshold} TRANSIENT or UNCERTAIN outcomes in a
 * row, for {@code openFor}; then one call is let through, and a success closes it while one more
 * failure opens it again.
 */
class CircuitBreakerTest {

    static final Instant T = Instant.parse("2025-01-07T10:00:00Z");
    static final Duration OPEN = Duration.ofMinutes(30);

    final CircuitBreaker breaker = new CircuitBreaker(new CircuitBreaker.Settings(3, OPEN));

    void record(Instant at, Outcome... outcomes) {
        for (Outcome o : outcomes) {
            breaker.record("order_part", o, at);
        }
    }

    @Test
    void opens_after_the_threshold_of_failures_in_a_row_for_its_time() {
        record(T, TRANSIENT, UNCERTAIN);
        assertThat(breaker.openUntil("order_part", T)).isEmpty();

        record(T, TRANSIENT);

        assertThat(breaker.openUntil("order_part", T)).contains(T.plus(OPEN));
        assertThat(breaker.openUntil("order_part", T.plus(OPEN).minusSeconds(1))).isPresent();
        assertThat(breaker.openUntil("order_part", T.plus(OPEN))).isEmpty();
        assertThat(breaker.openUntil("dispatch_engineer", T)).as("per tool").isEmpty();
    }

    @Test
    void an_answer_on_the_merits_breaks_the_row() {
        record(T, TRANSIENT, TRANSIENT, REFUSED, TRANSIENT, TRANSIENT);
        assertThat(breaker.openUntil("order_part", T)).isEmpty();
    }

    @Test
    void after_its_time_one_more_failure_opens_it_again_and_a_success_closes_it() {
        record(T, TRANSIENT, TRANSIENT, TRANSIENT);
        Instant later = T.plus(OPEN);

        record(later, TRANSIENT);
        assertThat(breaker.openUntil("order_part", later)).contains(later.plus(OPEN));

        Instant after = later.plus(OPEN);
        record(after, SUCCEEDED);
        assertThat(breaker.openUntil("order_part", after)).isEmpty();
        record(after, TRANSIENT, TRANSIENT);
        assertThat(breaker.openUntil("order_part", after))
                .as("closed for good: a full row is needed again")
                .isEmpty();
    }

    @Provide
    Arbitrary<List<Outcome>> outcomes() {
        return Arbitraries.of(Outcome.class).list().ofMaxSize(30);
    }

    @Property(tries = 300)
    void a_success_always_leaves_it_closed(@ForAll("outcomes") List<Outcome> before) {
        // jqwik keeps one instance per property: each try gets its own breaker
        CircuitBreaker breaker = new CircuitBreaker(new CircuitBreaker.Settings(3, OPEN));
        before.forEach(o -> breaker.record("t", o, T));
        breaker.record("t", SUCCEEDED, T);
        assertThat(breaker.openUntil("t", T)).isEmpty();
    }

    @Property(tries = 300)
    void it_is_open_only_after_a_full_row_of_failures(@ForAll("outcomes") List<Outcome> seen) {
        CircuitBreaker breaker = new CircuitBreaker(new CircuitBreaker.Settings(3, OPEN));
        seen.forEach(o -> breaker.record("t", o, T));
        int row = 0;
        boolean everFull = false;
        for (Outcome o : seen) {
            row = o.worthRetrying() ? row + 1 : 0;
            everFull |= row >= 3;
        }
        if (breaker.openUntil("t", T).isPresent()) {
            assertThat(everFull).isTrue();
            assertThat(seen.get(seen.size() - 1).worthRetrying()).isTrue();
        }
        if (row >= 3) {
            assertThat(breaker.openUntil("t", T)).contains(T.plus(OPEN));
        }
    }

    @Test
    void settings_that_make_no_sense_are_refused() {
        assertThatThrownBy(() -> new CircuitBreaker.Settings(0, OPEN))
                .hasMessageContaining("threshold");
        assertThatThrownBy(() -> new CircuitBreaker.Settings(2, Duration.ZERO))
                .hasMessageContaining("openFor");
    }
}
