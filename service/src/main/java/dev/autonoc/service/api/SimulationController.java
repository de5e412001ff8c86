package dev.autonoc.service.api;

import dev.autonoc.service.api.Views.SimulationView;
import dev.autonoc.service.simulation.Simulation;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The simulation's clock and pace, and, for supervisors, pause, resume and advance. */
@RestController
@KnownParametersOnly
@RequestMapping("/api/simulation")
class SimulationController {

    private final Simulation simulation;

    SimulationController(Simulation simulation) {
        this.simulation = simulation;
    }

    @GetMapping
    SimulationView status() {
        return SimulationView.of(simulation.status());
    }

    @PostMapping("/pause")
    SimulationView pause() {
        simulation.pause();
        return status();
    }

    @PostMapping("/resume")
    SimulationView resume() {
        simulation.resume();
        return status();
    }

    /**
     * Runs the simulation forward now, as fast as it goes; for tests and demos.
     *
     * @param duration ISO-8601, e.g. {@code PT6H} or {@code P1D}
     */
    @PostMapping("/advance")
    SimulationView advance(@RequestParam(required = false) String duration) {
        if (duration == null || duration.isBlank()) {
            throw ApiProblem.invalid(
                    "duration", "is required: an ISO-8601 duration such as PT6H or P1D");
        }
        Duration by;
        try {
            by = Duration.parse(duration.strip());
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid(
                    "duration",
                    "'"
                            + duration
                            + "' is not an ISO-8601 duration; expected e.g. PT6H, PT30M or P1D");
        }
        try {
            return SimulationView.of(simulation.advance(by));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("duration", e.getMessage());
        }
    }
}
