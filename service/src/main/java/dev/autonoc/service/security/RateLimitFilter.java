package dev.autonoc.service.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each signed-in user's requests to {@code /api} and each agent's to {@code /mcp}, limited by a
 * token bucket ({@link LimitProperties}); past it, 429 with {@code Retry-After}. Runs after the
 * security filters, so it knows who asks; a refused request costs a map lookup. The first refusal
 * of a user in a minute is a security event in the ledger; the rest of that minute's are not.
 */
final class RateLimitFilter extends OncePerRequestFilter {

    private static final long EVENT_EVERY_NANOS = 60_000_000_000L;

    private final JsonMapper json;
    private final LimitProperties limits;
    private final RateLimiter limiter;
    private final SecurityEvents events;
    private final LongSupplier nanoTime;
    private final Map<String, Long> lastEvent =
            new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                    return size() > RateLimiter.MAX_KEYS;
                }
            };

    RateLimitFilter(
            JsonMapper json, LimitProperties limits, SecurityEvents events, LongSupplier nanoTime) {
        this.json = json;
        this.limits = limits;
        this.limiter = new RateLimiter(nanoTime);
        this.events = events;
        this.nanoTime = nanoTime;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.startsWith("/api/")
                || path.equals("/api")
                || ProblemResponses.isMcp(request));
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        if (who == null || !who.isAuthenticated() || who instanceof AnonymousAuthenticationToken) {
            chain.doFilter(request, response);
            return;
        }
        boolean mcp = ProblemResponses.isMcp(request);
        String resource = mcp ? "mcp" : "api";
        String key = resource + "\n" + who.getName();
        long wait =
                mcp
                        ? limiter.take(key, limits.mcpPerMinute() / 60.0, limits.mcpBurst())
                        : limiter.take(key, limits.apiPerSecond(), limits.apiBurst());
        if (wait == 0) {
            chain.doFilter(request, response);
            return;
        }
        String limit =
                mcp
                        ? limits.mcpPerMinute()
                                + " requests a minute, "
                                + limits.mcpBurst()
                                + " at once"
                        : limits.apiPerSecond()
                                + " requests a second, "
                                + limits.apiBurst()
                                + " at once";
        if (firstInAMinute(key)) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("resource", resource);
            details.put("limit", limit);
            details.put("retry_after_seconds", wait);
            events.record("rate_limited", who.getName(), details);
        }
        response.setHeader("Retry-After", Long.toString(wait));
        ProblemResponses.write(
                json,
                request,
                response,
                HttpStatus.TOO_MANY_REQUESTS,
                "'"
                        + who.getName()
                        + "' is over the rate limit of /"
                        + resource
                        + " ("
                        + limit
                        + ", autonoc.security.limits): try again in "
                        + wait
                        + " s");
    }

    private synchronized boolean firstInAMinute(String key) {
        long now = nanoTime.getAsLong();
        Long last = lastEvent.get(key);
        if (last != null && now - last < EVENT_EVERY_NANOS) {
            return false;
        }
        lastEvent.put(key, now);
        return true;
    }
}
