package dev.autonoc.service.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of the simulation.
 *
 * @param pace simulated seconds per real second
 * @param running whether it advances on its own; it stops on its own after a failure
 * @param ticks ticks run since start
 * @param lastError why the simulation stopped, if it failed
 * @param pacing what the clock does now: the configured pace, or slower while a person is needed
 */
public record SimulationStatus(
        Instant simTime,
        Instant startedAt,
        double pace,
        Duration tick,
        boolean running,
        long ticks,
        String preset,
        long seed,
        Optional<String> lastError,
        Pacing pacing) {

    /**
     * @param state {@code fast} (the configured pace), {@code real-time} or {@code held} (a person
     *     is needed)
     * @param pace the simulated seconds per second kept now
     * @param reason why a person is needed, when one is
     */
    public record Pacing(String state, double pace, Optional<String> reason) {}

    /** A status at the configured pace throughout. */
    public SimulationStatus(
            Instant simTime,
            Instant startedAt,
            double pace,
            Duration tick,
            boolean running,
            long ticks,
            String preset,
            long seed,
            Optional<String> lastError) {
        this(
                simTime,
                startedAt,
                pace,
                tick,
                running,
                ticks,
                preset,
                seed,
                lastError,
                new Pacing("fast", pace, Optional.empty()));
    }
}
