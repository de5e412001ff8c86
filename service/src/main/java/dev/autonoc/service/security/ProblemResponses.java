package dev.autonoc.service.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The refusals made before a controller is reached, as RFC 9457 problem details for the API and as
 * JSON-RPC error objects for the MCP server: not signed in (401, with a {@code Bearer} challenge
 * naming the resource's RFC 9728 metadata, never a {@code Basic} one, so that no browser is led to
 * cache a password), not allowed (403, naming the roles needed), too many (429), too large (413),
 * from another site (403).
 */
final class ProblemResponses {

    /** The JSON-RPC code for a refusal of the server (the range -32000..-32099 is the server's). */
    static final int JSON_RPC_REFUSED = -32001;

    /** The JSON-RPC code of a request the server cannot read. */
    static final int JSON_RPC_INVALID_REQUEST = -32600;

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    AuthenticationEntryPoint unauthorized(boolean basicOn) {
        return (request, response, e) -> {
            StringBuilder challenge = new StringBuilder("Bearer realm=\"autonoc\"");
            String detail;
            if (e instanceof SignInGuard.Locked locked) {
                response.setHeader("Retry-After", Long.toString(locked.retryAfterSeconds()));
                write(request, response, HttpStatus.TOO_MANY_REQUESTS, locked.getMessage());
                return;
            }
            if (e instanceof OAuth2AuthenticationException oauth) {
                challenge.append(", error=\"").append(oauth.getError().getErrorCode()).append('"');
                String description = oauth.getError().getDescription();
                if (description != null) {
                    challenge
                            .append(", error_description=\"")
                            .append(description.replace("\"", "'"))
                            .append('"');
                }
                detail =
                        "the bearer token is refused: "
                                + (description == null
                                        ? oauth.getError().getErrorCode()
                                        : description);
            } else if (hasScheme(request, "Basic") && !basicOn) {
                detail =
                        "HTTP Basic is off (autonoc.security.basic-auth.enabled, an opt-in of the"
                                + " embedded demo): send Authorization: Bearer with an API token"
                                + " (make one on the console's Tokens page)";
            } else if (hasScheme(request, "Basic")) {
                detail = "wrong user name or password";
            } else {
                detail =
                        "sign in first: send Authorization: Bearer with an API token (make one on"
                                + " the console's Tokens page, bound to "
                                + resourcePath(request)
                                + "), or use the console, which signs in with its form";
            }
            challenge.append(", resource_metadata=\"").append(metadataUrl(request)).append('"');
            response.setHeader("WWW-Authenticate", challenge.toString());
            write(request, response, HttpStatus.UNAUTHORIZED, detail);
        };
    }

    AccessDeniedHandler forbidden() {
        return (request, response, e) -> {
            if (e instanceof CsrfException) {
                write(
                        request,
                        response,
                        HttpStatus.FORBIDDEN,
                        "missing or invalid CSRF token: a request signed in by the console's"
                                + " session carries the console's X-CSRF-TOKEN header; programs"
                                + " send Authorization: Bearer with an API token instead");
                return;
            }
            Authentication who =
                    org.springframework.security.core.context.SecurityContextHolder.getContext()
                            .getAuthentication();
            String holder =
                    who == null
                            ? "you"
                            : "'"
                                    + who.getName()
                                    + "' holds "
                                    + Approvers.of(who).roles().stream().sorted().toList();
            String needs =
                    AccessRules.ruleFor(request)
                            .map(
                                    r ->
                                            r.describe()
                                                    + " needs one of the roles "
                                                    + r.roles()
                                                    + " (or one that includes it)")
                            .orElse(
                                    request.getMethod()
                                            + " "
                                            + request.getRequestURI()
                                            + " is not allowed");
            write(request, response, HttpStatus.FORBIDDEN, holder + "; " + needs);
        };
    }

    /** Writes a refusal: JSON-RPC for the MCP server, a problem detail elsewhere. */
    void write(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpStatus status,
            String detail)
            throws IOException {
        write(json, request, response, status, detail);
    }

    static void write(
            JsonMapper json,
            HttpServletRequest request,
            HttpServletResponse response,
            HttpStatus status,
            String detail)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status.value());
        response.setCharacterEncoding("UTF-8");
        if (isMcp(request)) {
            Map<String, Object> error = new LinkedHashMap<>();
            // a body too large is not a request the server can read (-32600); the rest are the
            // server's own refusals (who, how often, from where)
            error.put(
                    "code",
                    status == HttpStatus.CONTENT_TOO_LARGE || status == HttpStatus.BAD_REQUEST
                            ? JSON_RPC_INVALID_REQUEST
                            : JSON_RPC_REFUSED);
            error.put("message", status.value() + " " + status.getReasonPhrase() + ": " + detail);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("jsonrpc", "2.0");
            body.put("id", null);
            body.put("error", error);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            json.writeValue(response.getOutputStream(), body);
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body);
    }

    static boolean isMcp(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/mcp") || path.startsWith("/mcp/");
    }

    static boolean hasScheme(HttpServletRequest request, String scheme) {
        String header = request.getHeader("Authorization");
        return header != null
                && header.regionMatches(true, 0, scheme + " ", 0, scheme.length() + 1);
    }

    /** The path of the resource a request is to: {@code /mcp} or {@code /api}. */
    static String resourcePath(HttpServletRequest request) {
        return isMcp(request) ? "/mcp" : "/api";
    }

    /** Where the RFC 9728 metadata of the request's resource is. */
    static String metadataUrl(HttpServletRequest request) {
        String base =
                org.springframework.web.util.UriComponentsBuilder.fromUriString(
                                org.springframework.security.web.util.UrlUtils.buildFullRequestUrl(
                                        request))
                        .replacePath(request.getContextPath())
                        .replaceQuery(null)
                        .build()
                        .toUriString();
        return base + "/.well-known/oauth-protected-resource" + resourcePath(request);
    }
}
