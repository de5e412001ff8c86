package dev.autonoc.service.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's refusals before a controller is reached, as RFC 9457 problem details: not signed in
 * (401, with the Basic challenge) and not allowed (403, naming the roles needed).
 */
final class ProblemResponses {

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    AuthenticationEntryPoint unauthorized() {
        return (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"autonoc\", charset=\"UTF-8\"");
            write(
                    request,
                    response,
                    HttpStatus.UNAUTHORIZED,
                    "sign in first: HTTP Basic with a configured user (the console signs in with its form)");
        };
    }

    AccessDeniedHandler forbidden() {
        return (request, response, e) -> {
            if (e instanceof CsrfException) {
                write(
                        request,
                        response,
                        HttpStatus.FORBIDDEN,
                        "missing or invalid CSRF token: the console sends it in the X-CSRF-TOKEN header;"
                                + " API clients sign in with HTTP Basic, which needs none");
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

    private void write(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpStatus status,
            String detail)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body);
    }
}
