package dev.autonoc.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The finding: no lockout or rate limit on sign-in (50 bad passwords in 3.4 s, then the right one
 * worked).
 */
class SignInGuardTest {

    /** A wall clock the test moves. */
    static final class Moving extends Clock {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");

        void plus(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final Moving clock = new Moving();
    private final ListLedger ledger = new ListLedger();
    private final SignInGuard guard =
            new SignInGuard(
                    LimitProperties.DEFAULTS,
                    Set.of("alice", "bob")::contains,
                    new SecurityEvents(ledger, () -> clock.now, clock),
                    clock);

    @Test
    void five_wrong_passwords_lock_the_user_and_then_even_the_right_one_is_refused() {
        for (int i = 0; i < 5; i++) {
            guard.checkAllowed("alice", "10.0.0.1");
            guard.failed("alice", "10.0.0.1");
        }
        assertThatThrownBy(() -> guard.checkAllowed("alice", "10.0.0.2"))
                .isInstanceOf(SignInGuard.Locked.class)
                .hasMessageContaining("for 'alice'")
                .hasMessageContaining("locked for 31 more seconds");
        assertThatCode(() -> guard.checkAllowed("bob", "10.0.0.2")).doesNotThrowAnyException();
        assertThat(ledger.kinds()).containsExactly("sign_in_locked");
        assertThat(ledger.events.get(0).actor()).isEqualTo("alice");

        clock.plus(Duration.ofSeconds(31));
        assertThatCode(() -> guard.checkAllowed("alice", "10.0.0.1")).doesNotThrowAnyException();
    }

    @Test
    void each_further_lockout_doubles_up_to_the_longest() {
        long[] expected = {30, 60, 120, 240, 480, 900, 900};
        for (long seconds : expected) {
            for (int i = 0; i < 5; i++) {
                guard.failed("alice", "10.0.0." + i);
            }
            SignInGuard.Locked locked =
                    org.assertj.core.api.Assertions.catchThrowableOfType(
                            SignInGuard.Locked.class, () -> guard.checkAllowed("alice", "x"));
            assertThat(locked.retryAfterSeconds()).isEqualTo(seconds + 1);
            clock.plus(Duration.ofSeconds(seconds));
        }
        assertThat(ledger.kinds()).hasSize(expected.length).containsOnly("sign_in_locked");
    }

    @Test
    void a_success_clears_the_count() {
        for (int i = 0; i < 4; i++) {
            guard.failed("alice", "10.0.0.1");
        }
        guard.succeeded("alice", "10.0.0.1");
        guard.failed("alice", "10.0.0.1");
        assertThatCode(() -> guard.checkAllowed("alice", "10.0.0.1")).doesNotThrowAnyException();
    }

    @Test
    void made_up_names_count_against_their_client_address_only() {
        for (int i = 0; i < 19; i++) {
            guard.failed("nobody-" + i, "10.6.6.6");
        }
        assertThatCode(() -> guard.checkAllowed("alice", "10.6.6.6")).doesNotThrowAnyException();
        guard.failed("nobody-19", "10.6.6.6");
        assertThatThrownBy(() -> guard.checkAllowed("alice", "10.6.6.6"))
                .isInstanceOf(SignInGuard.Locked.class)
                .hasMessageContaining("from this address");
        assertThatCode(() -> guard.checkAllowed("alice", "10.0.0.9")).doesNotThrowAnyException();
        // one event for the address's lockout; none per made-up name
        assertThat(ledger.kinds()).containsExactly("sign_in_locked");
        assertThat(ledger.events.get(0).actor()).isEqualTo("client:10.6.6.6");
    }
}
