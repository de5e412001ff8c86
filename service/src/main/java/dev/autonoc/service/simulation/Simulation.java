package dev.autonoc.service.simulation;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

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

    /**
     * Runs {@code work} on the thread that owns the twin and the loop, between two ticks, and
     * returns its answer: the way for a request (an MCP tool call, a read of the live network) to
     * touch the twin or its tools without racing the simulation.
     *
     * @throws SimulationUnavailableException if the simulation is stopped
     */
    <T> T exclusively(Supplier<T> work);

    /**
     * Runs a read tool of the catalogue ({@code get_affected_customers}, ...) against the live
     * network, on the driver's thread. For what people see beside the loop's own work; an agent's
     * calls go through the gate and the ledger instead.
     *
     * @throws IllegalArgumentException if the tool is unknown or not a read tool
     */
    ToolResult read(ToolCall call);

    /**
     * Tells {@code took} how long each tick took (the twin's advance and the loop's work), on the
     * driver's thread; for the service's metrics. The last observer set is the one told.
     */
    default void onTick(java.util.function.Consumer<Duration> took) {}
}
