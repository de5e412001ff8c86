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
}
