package dev.autonoc.service.api;

import dev.autonoc.service.security.BodyTooLargeException;
import dev.autonoc.service.simulation.SimulationFailedException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns refusals into RFC 9457 problem details. Spring MVC's own errors (an unreadable body, a
 * wrong method, an unknown path) come out as problem details through the base class.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    /** Names the content types the endpoint takes, so the client can resend. */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        MediaType sent = ex.getContentType();
        ex.getBody()
                .setDetail(
                        "Content-Type "
                                + (sent == null ? "(none)" : "'" + sent + "'")
                                + " is not accepted here; accepted: "
                                + ex.getSupportedMediaTypes().stream()
                                        .map(MediaType::toString)
                                        .collect(Collectors.joining(", ")));
        ex.getBody().setProperty("parameter", "Content-Type");
        return super.handleHttpMediaTypeNotSupported(ex, headers, status, request);
    }

    /** A body read past the size limit (sent without its length) is a 413, as a declared one. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        if (BodyTooLargeException.causes(ex)) {
            ProblemDetail body =
                    ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, rootMessage(ex));
            body.setTitle("Content Too Large");
            return handleExceptionInternal(
                    ex, body, headers, HttpStatus.CONTENT_TOO_LARGE, request);
        }
        return super.handleHttpMessageNotReadable(ex, headers, status, request);
    }

    private static String rootMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException) {
                return t.getMessage();
            }
        }
        return "the request body is too large";
    }

    /** An unknown path says which method and path, not Spring's "No static resource". */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        ex.getBody()
                .setDetail(
                        "no endpoint "
                                + ex.getHttpMethod()
                                + " /"
                                + ex.getResourcePath()
                                + "; the endpoints are listed in service/README.md");
        return super.handleNoResourceFoundException(ex, headers, status, request);
    }

    @ExceptionHandler(ApiProblem.class)
    ProblemDetail refused(ApiProblem problem) {
        ProblemDetail body =
                ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
        body.setTitle(problem.title());
        problem.properties().forEach(body::setProperty);
        return body;
    }

    @ExceptionHandler(SimulationFailedException.class)
    ProblemDetail simulationFailed(SimulationFailedException e) {
        ProblemDetail body =
                ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        body.setTitle("Simulation stopped");
        return body;
    }

    @ExceptionHandler(IllegalStateException.class)
    ProblemDetail unavailable(IllegalStateException e) {
        log.warn("request failed: {}", e.toString());
        ProblemDetail body =
                ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        body.setTitle("Not available");
        return body;
    }
}
