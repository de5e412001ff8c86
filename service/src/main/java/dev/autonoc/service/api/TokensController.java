package dev.autonoc.service.api;

import dev.autonoc.service.security.ApiToken;
import dev.autonoc.service.security.ApiTokens;
import dev.autonoc.service.security.TokenDesk;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Personal API tokens: {@code GET /api/tokens} lists yours, {@code POST /api/tokens} makes one
 * (from a console session only; the secret is in this answer and never again), {@code POST
 * /api/tokens/{id}/revoke} ends one.
 */
@RestController
@RequestMapping("/api/tokens")
@KnownParametersOnly
class TokensController {

    /**
     * @param audience {@code api} or {@code mcp}: the resource the token is bound to
     * @param lifetime an ISO-8601 duration ({@code P30D}); the configured default if absent
     */
    record CreateBody(String label, String audience, String lifetime) {}

    record TokenView(
            String id,
            String user,
            String label,
            String audience,
            String resource,
            String hint,
            Instant createdAt,
            Instant expiresAt,
            boolean active,
            Instant revokedAt,
            String revokedBy,
            Instant lastUsedAt) {
        static TokenView of(ApiToken t, Instant now) {
            return new TokenView(
                    t.id(),
                    t.user(),
                    t.label(),
                    t.audience().key(),
                    t.audience().path(),
                    t.hint() + "…",
                    t.createdAt(),
                    t.expiresAt(),
                    t.activeAt(now),
                    t.revokedAt().orElse(null),
                    t.revokedBy().orElse(null),
                    t.lastUsedAt().orElse(null));
        }
    }

    /** A new token, with its secret: the only time the service shows it. */
    record CreatedView(TokenView token, String secret, String use) {}

    private final TokenDesk desk;

    TokensController(TokenDesk desk) {
        this.desk = desk;
    }

    @GetMapping
    List<TokenView> list(Authentication who, @RequestParam(required = false) String user) {
        Instant now = Instant.now();
        return desk.list(who, Optional.ofNullable(user)).stream()
                .map(t -> TokenView.of(t, now))
                .toList();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CreatedView> create(
            Authentication who, @RequestBody(required = false) CreateBody body) {
        CreateBody b = body == null ? new CreateBody(null, null, null) : body;
        Optional<Duration> lifetime;
        try {
            lifetime =
                    b.lifetime() == null || b.lifetime().isBlank()
                            ? Optional.empty()
                            : Optional.of(Duration.parse(b.lifetime().strip()));
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid(
                    "lifetime", "'" + b.lifetime() + "' is not an ISO-8601 duration such as P30D");
        }
        ApiTokens.Created made = desk.create(who, b.label(), b.audience(), lifetime);
        String use =
                "send it as 'Authorization: Bearer <secret>' to "
                        + made.token().audience().path()
                        + "; it is shown this once";
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(
                        new CreatedView(
                                TokenView.of(made.token(), Instant.now()), made.secret(), use));
    }

    @PostMapping("/{id}/revoke")
    TokenView revoke(Authentication who, @PathVariable String id) {
        return TokenView.of(desk.revoke(who, id), Instant.now());
    }

    @ExceptionHandler(TokenDesk.Refused.class)
    ProblemDetail refused(TokenDesk.Refused e) {
        HttpStatus status = HttpStatus.valueOf(e.status());
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        body.setTitle(status.getReasonPhrase());
        return body;
    }
}
