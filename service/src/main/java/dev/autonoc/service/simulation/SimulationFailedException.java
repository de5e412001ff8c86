package dev.autonoc.service.simulation;

/** The twin or the loop threw while the simulation advanced; the simulation is paused. */
public class SimulationFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SimulationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
