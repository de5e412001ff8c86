package dev.autonoc.tools.oss;

import dev.autonoc.core.telemetry.TelemetrySample;
import java.util.List;
import java.util.Optional;

/** TMF639 Resource Inventory: the network's elements, links and recent telemetry. Read only. */
public interface ResourceInventory {

    String API = "TMF639";

    /** Every element and link, in a stable order (by id). */
    ResourceTopology topology();

    /** One element's inventory entry; empty when no element has that id. */
    Optional<Resource> findResource(String id);

    /** One element with its live routing state; empty when no element has that id. */
    Optional<ResourceState> resourceState(String id);

    /**
     * The element's most recent samples, oldest first, at most {@code samples} of them (fewer when
     * the run is younger). An unknown element is a refusal ({@link OssException}, not retriable).
     */
    List<TelemetrySample> telemetry(String id, int samples);

    /**
     * How each neighbour of the element sees the link between them now, from its own interface: for
     * a link, its two ends; for a router, the far end of each of its links; none for an element
     * with no links. An unknown element is a refusal ({@link OssException}, invalid). An inventory
     * that cannot poll neighbours refuses ({@link OssException#refused}): this one is offered by
     * the twin, not yet over TMF639's HTTP API.
     */
    default List<NeighbourView> neighbourViews(String id) {
        throw OssException.refused(
                API, "this inventory does not poll an element's neighbours; read get_telemetry");
    }
}
