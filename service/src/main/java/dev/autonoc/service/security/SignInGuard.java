package dev.autonoc.service.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Locks sign-ins after repeated failures, with a back-off: a user after {@link
 * LimitProperties#signInFailures()} wrong passwords in a row, a client address after {@link
 * LimitProperties#clientSignInFailures()} failures for any names; the first lockout lasts {@link
 * LimitProperties#lockout()}, each further one twice the one before, up to {@link
 * LimitProperties#maxLockout()}. While locked, even the right password is refused, and no password
 * is checked at all, so a locked attacker costs the service no hashing. A success clears the user's
 * and the client's count.
 *
 * <p>Only configured users are tracked by name (a made-up name counts against its client only), so
 * the state is bounded by the users and by {@link #MAX_CLIENTS} client addresses. Each lockout is a
 * security event in the ledger, once.
 */
final class SignInGuard {

    static final int MAX_CLIENTS = 10_000;

    /** A sign-in refused because its user or its client is locked. */
    static final class Locked extends org.springframework.security.core.AuthenticationException {
        private static final long serialVersionUID = 1L;
        private final long retryAfterSeconds;

        Locked(String message, long retryAfterSeconds) {
            super(message);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private static final class State {
        int failures;
        int lockouts;
        Instant lockedUntil = Instant.MIN;
        Instant lastFailure = Instant.MIN;
    }

    private final LimitProperties limits;
    private final Predicate<String> knownUser;
    private final SecurityEvents events;
    private final Clock clock;
    private final Map<String, State> users = new LinkedHashMap<>();
    private final Map<String, State> clients =
            new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
                    return size() > MAX_CLIENTS;
                }
            };

    SignInGuard(
            LimitProperties limits,
            Predicate<String> knownUser,
            SecurityEvents events,
            Clock clock) {
        this.limits = limits;
        this.knownUser = knownUser;
        this.events = events;
        this.clock = clock;
    }

    /**
     * @throws Locked if the user or the client is locked now, saying until when
     */
    synchronized void checkAllowed(String user, String client) {
        Instant now = clock.instant();
        State u = knownUser.test(user) ? users.get(user) : null;
        State c = clients.get(client);
        Instant until =
                later(
                        u == null ? Instant.MIN : u.lockedUntil,
                        c == null ? Instant.MIN : c.lockedUntil);
        if (until.isAfter(now)) {
            long seconds = Math.max(1, Duration.between(now, until).toSeconds() + 1);
            throw new Locked(
                    "too many failed sign-ins"
                            + (u != null && u.lockedUntil.isAfter(now)
                                    ? " for '" + user + "'"
                                    : " from this address")
                            + ": locked for "
                            + seconds
                            + " more seconds (each lockout doubles, up to "
                            + limits.maxLockout()
                            + ")",
                    seconds);
        }
    }

    synchronized void failed(String user, String client) {
        Instant now = clock.instant();
        if (knownUser.test(user)) {
            State u = users.computeIfAbsent(user, k -> new State());
            if (failedOnce(u, now, limits.signInFailures())) {
                lockedEvent(user, "user", u, now);
            }
        }
        State c = clients.computeIfAbsent(client, k -> new State());
        if (failedOnce(c, now, limits.clientSignInFailures())) {
            lockedEvent("client:" + client, "client", c, now);
        }
    }

    synchronized void succeeded(String user, String client) {
        users.remove(user);
        clients.remove(client);
    }

    /** Counts a failure; locks and returns true when the count reaches {@code max}. */
    private boolean failedOnce(State s, Instant now, int max) {
        if (s.lastFailure.plus(limits.maxLockout()).isBefore(now) && !s.lockedUntil.isAfter(now)) {
            s.failures = 0; // a quiet while forgives old failures (not the lockouts' back-off)
        }
        s.lastFailure = now;
        s.failures++;
        if (s.failures < max) {
            return false;
        }
        Duration lock = limits.lockout();
        for (int i = 0; i < s.lockouts && lock.compareTo(limits.maxLockout()) < 0; i++) {
            lock = lock.multipliedBy(2);
        }
        if (lock.compareTo(limits.maxLockout()) > 0) {
            lock = limits.maxLockout();
        }
        s.lockouts++;
        s.failures = 0;
        s.lockedUntil = now.plus(lock);
        return true;
    }

    private void lockedEvent(String actor, String what, State s, Instant now) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("locked", what);
        details.put("lockout", (long) s.lockouts);
        details.put("locked_until", s.lockedUntil.toString());
        details.put("seconds", Duration.between(now, s.lockedUntil).toSeconds());
        events.record("sign_in_locked", actor, details);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
