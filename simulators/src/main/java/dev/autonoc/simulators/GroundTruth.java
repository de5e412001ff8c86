package dev.autonoc.simulators;

import dev.autonoc.core.network.ElementId;
import java.time.Instant;
import java.util.List;

/** What really happens in a run, known to the twin alone. */
public interface GroundTruth {

    /** Every fault of the run, resolved to its element, in onset order. */
    List<FaultTruth> faults();

    /**
     * The noise-free degradation level of the element at a time: 0 healthy or before onset, rising
     * to 1 at failure, back to 0 once repaired.
     */
    double latentLevel(ElementId element, Instant at);
}
