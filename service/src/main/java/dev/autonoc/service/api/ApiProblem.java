package dev.autonoc.service.api;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request the API refuses, with the status, what was wrong and what is accepted, and extra
 * members for the problem detail ({@code parameter}, {@code rule}, ...).
 */
final class ApiProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final String title;
    private final transient Map<String, Object> properties;

    ApiProblem(HttpStatus status, String title, String detail, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.title = title;
        this.properties = Map.copyOf(properties);
    }

    /** A query parameter or body member that is missing or malformed. */
    static ApiProblem invalid(String parameter, String detail) {
        return new ApiProblem(
                HttpStatus.BAD_REQUEST,
                "Invalid request",
                parameter + ": " + detail,
                Map.of("parameter", parameter));
    }

    static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "Not found", detail, Map.of());
    }

    /** An approval answer the rules refuse; {@code rule} names the rule for clients to act on. */
    static ApiProblem refused(HttpStatus status, String rule, String detail) {
        return new ApiProblem(status, "Answer refused", detail, Map.of("rule", rule));
    }

    HttpStatus status() {
        return status;
    }

    String title() {
        return title;
    }

    Map<String, Object> properties() {
        return properties;
    }
}
