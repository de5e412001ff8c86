package dev.autonoc.service.simulation;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.prediction.Prediction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The running simulation as the API and the console see it. Reads are snapshots and never touch the
 * twin or the loop; commands are carried out on the driver's own thread.
 */
public interface Simulation {

    SimulationStatus status();

    /** The operator's simulated time, as of the last tick. */
    Instant now();

    /** The network's elements, as the twin's inventory lists them. */
    List<Element> elements();

    /** The elements at risk as the loop last saw them, most at risk first. */
    List<Prediction> atRisk();

    void pause();

    void resume();

    /**
     * Runs the simulation forward by {@code by} (rounded up to whole ticks) as fast as it can, then
     * goes on at its pace if it was running.
     *
     * @throws IllegalArgumentException if {@code by} is not positive or exceeds the configured
     *     maximum
     * @throws SimulationFailedException if the twin or the loop failed during the advance
     * @throws SimulationUnavailableException if the simulation is stopped
     */
    SimulationStatus advance(Duration by);
}
