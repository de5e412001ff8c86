package dev.autonoc.service.security;

import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.service.security.ApiToken.Audience;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Where people make, list and revoke their API tokens (the console's Tokens page, {@code
 * /api/tokens}). A token is made only by a person signed in to the console, never by a request that
 * itself carries a token or a password: a leaked token cannot make itself a successor. Everyone
 * sees and revokes their own; a supervisor sees and revokes anyone's (to shut a leaked token at
 * once). Each token made or revoked is a security event in the ledger.
 */
@Component
public final class TokenDesk {

    /** Why the desk refused, for the API to answer with the right status. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final ApiTokens tokens;
    private final SecurityEvents events;
    private final RoleHierarchy roles;

    TokenDesk(ApiTokens tokens, SecurityEvents events, RoleHierarchy roles) {
        this.tokens = tokens;
        this.events = events;
        this.roles = roles;
    }

    /**
     * @throws Refused 403 if {@code who} is not a console session, 400 for a bad label, audience or
     *     lifetime
     */
    public ApiTokens.Created create(
            Authentication who, String label, String audience, Optional<Duration> lifetime) {
        if (!(who instanceof UsernamePasswordAuthenticationToken) || !who.isAuthenticated()) {
            throw new Refused(
                    403,
                    "tokens are made by a person signed in to the console (its Tokens page), not by"
                            + " a request that carries a token or a password");
        }
        Audience bound =
                Audience.of(audience == null ? "" : audience.strip())
                        .orElseThrow(
                                () ->
                                        new Refused(
                                                400,
                                                "audience: the resource the token is for, 'api'"
                                                        + " (/api) or 'mcp' (/mcp)"));
        ApiTokens.Created made;
        try {
            made = tokens.create(who.getName(), label, bound, lifetime);
        } catch (IllegalArgumentException e) {
            throw new Refused(400, e.getMessage());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("token", made.token().id());
        details.put("label", made.token().label());
        details.put("audience", bound.key());
        details.put("expires_at", made.token().expiresAt().toString());
        events.record("token_created", who.getName(), details);
        return made;
    }

    /**
     * The tokens of {@code user} ({@code who}'s own if empty); a supervisor may ask for anyone's.
     */
    public List<ApiToken> list(Authentication who, Optional<String> user) {
        String whose = user.filter(u -> !u.isBlank()).orElse(who.getName());
        if (!whose.equals(who.getName()) && !supervises(who)) {
            throw new Refused(403, "only a noc_supervisor sees another user's tokens");
        }
        return tokens.of(whose);
    }

    /**
     * @throws Refused 404 for an unknown token (or another's, to anyone but a supervisor), 409 if
     *     it is revoked already
     */
    public ApiToken revoke(Authentication who, String id) {
        ApiToken token =
                tokens.find(id)
                        .filter(t -> t.user().equals(who.getName()) || supervises(who))
                        .orElseThrow(() -> new Refused(404, "no token '" + id + "' of yours"));
        ApiToken revoked =
                tokens.revoke(token.id(), who.getName())
                        .orElseThrow(
                                () ->
                                        new Refused(
                                                409,
                                                "token '"
                                                        + id
                                                        + "' was revoked already, at "
                                                        + token.revokedAt().orElse(null)));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("token", revoked.id());
        details.put("user", revoked.user());
        details.put("audience", revoked.audience().key());
        events.record("token_revoked", who.getName(), details);
        return revoked;
    }

    private boolean supervises(Authentication who) {
        return !(who instanceof AnonymousAuthenticationToken)
                && roles.satisfies(Approvers.of(who).roles(), RoleHierarchy.NOC_SUPERVISOR);
    }
}
