package dev.autonoc.service.security;

import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Security events in the ledger ({@link AuditEventType#SECURITY}): a sign-in lockout, a client over
 * its rate limit, a token made or revoked. Each is written once per occurrence, never per refused
 * request, so that a flood of bad requests cannot fill the append-only ledger (a lockout is one
 * event for its whole back-off; a rate limit one event per client per minute).
 *
 * <p>The event's {@code sim_time} is the simulation's, as every event of the ledger, so that it
 * sorts among them; the payload carries the wall-clock time ({@code at}).
 */
public final class SecurityEvents {

    private static final Logger log = LoggerFactory.getLogger(SecurityEvents.class);

    /** The correlation id of security events: they belong to no case. */
    public static final String CORRELATION = "security";

    private final AuditLog audit;
    private final Supplier<Instant> simNow;
    private final Clock wall;

    SecurityEvents(AuditLog audit, Supplier<Instant> simNow, Clock wall) {
        this.audit = audit;
        this.simNow = simNow;
        this.wall = wall;
    }

    /**
     * Writes a security event; a failure to write is logged and does not fail the refusal that
     * caused it (the refusal stands either way).
     *
     * @param kind what happened: {@code sign_in_locked}, {@code rate_limited}, {@code
     *     token_created}, {@code token_revoked}
     * @param actor who it concerns: a user, or {@code client:<address>}
     */
    void record(String kind, String actor, Map<String, Object> details) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("kind", kind);
        payload.putAll(details);
        payload.put("at", wall.instant().toString());
        Instant sim;
        try {
            sim = simNow.get();
        } catch (RuntimeException e) {
            sim = wall.instant();
        }
        try {
            audit.append(
                    new AuditEvent(AuditEventType.SECURITY, CORRELATION, "", actor, sim, payload));
        } catch (RuntimeException e) {
            log.error(
                    "could not write the security event {} of {} to the ledger: {}",
                    kind,
                    actor,
                    e.toString());
        }
        log.warn("security: {} {} {}", kind, actor, details);
    }
}
