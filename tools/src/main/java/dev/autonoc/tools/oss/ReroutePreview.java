package dev.autonoc.tools.oss;

import java.util.Objects;

/**
 * What moving an element's traffic onto other paths would do, computed without doing it.
 *
 * @param maxUtilizationAfter the highest utilisation of any link afterwards (1.0 is full)
 * @param slicesBreached enterprise slices that would fall outside their SLA
 * @param sitesIsolated sites that would be left with no path
 * @param hasAlternatePath whether the traffic has another path at all
 */
public record ReroutePreview(
        String resourceId,
        double maxUtilizationAfter,
        int slicesBreached,
        int sitesIsolated,
        boolean hasAlternatePath) {

    public ReroutePreview {
        Objects.requireNonNull(resourceId, "resourceId");
    }
}
