package dev.autonoc.tools.oss;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * How a neighbour sees the link between it and an element, read from the neighbour's own interface:
 * a second source beside the element's own telemetry (docs/data-quality.md). Its readings come from
 * the neighbour's sensors and clock, so the element's stuck sensor, drifting clock or the
 * collector's gap do not reach them.
 *
 * @param neighbourId the element at the far end
 * @param linkId the link between them (for a link element, itself)
 * @param adjacencyUp whether the neighbour's adjacency over the link is up: the element and the
 *     link answer it
 * @param at when the neighbour read its interface, by its own clock
 * @param readings the link's metrics as the neighbour's interface reads them (metric key to value)
 */
public record NeighbourView(
        String neighbourId,
        String linkId,
        boolean adjacencyUp,
        Instant at,
        Map<String, Double> readings) {

    public NeighbourView {
        Objects.requireNonNull(neighbourId, "neighbourId");
        Objects.requireNonNull(linkId, "linkId");
        Objects.requireNonNull(at, "at");
        readings = Map.copyOf(readings);
    }
}
