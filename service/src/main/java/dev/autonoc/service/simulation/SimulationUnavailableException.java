package dev.autonoc.service.simulation;

/** A command reached the simulation while it is stopped (shutting down, or not yet started). */
public class SimulationUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    SimulationUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
