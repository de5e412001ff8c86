package dev.autonoc.service.api;

import dev.autonoc.service.simulation.SimulationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns refusals into RFC 9457 problem details. Spring MVC's own errors (an unreadable body, a
 * wrong method, an unknown path) come out as problem details through the base class.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

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
