package dev.autonoc.tools.oss;

/** TMF638 Service Inventory: the services (consumer access, enterprise slices) elements carry. */
public interface ServiceInventory {

    String API = "TMF638";

    /**
     * The services that would be lost or breach their SLA if the element went down with no reroute.
     * An unknown element is a refusal ({@link OssException}, not retriable).
     */
    ServiceImpact impactOf(String resourceId);
}
