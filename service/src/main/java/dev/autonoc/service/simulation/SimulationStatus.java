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
        Optional<String> lastError) {}
