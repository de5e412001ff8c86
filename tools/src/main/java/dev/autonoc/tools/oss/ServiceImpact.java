package dev.autonoc.tools.oss;

import java.util.List;
import java.util.Objects;

/**
 * Who would lose service or SLA if an element went down with no reroute.
 *
 * @param resourceId the element asked about
 * @param hasAlternatePath whether its traffic has another path
 * @param consumers consumer customers that would lose service
 * @param enterpriseSlices slices whose SLA would be breached
 */
public record ServiceImpact(
        String resourceId,
        boolean hasAlternatePath,
        long consumers,
        List<EnterpriseSlice> enterpriseSlices) {

    public ServiceImpact {
        Objects.requireNonNull(resourceId, "resourceId");
        enterpriseSlices = List.copyOf(enterpriseSlices);
        if (consumers < 0) {
            throw new IllegalArgumentException("consumers must be >= 0, got " + consumers);
        }
    }

    /** Consumers plus the distinct enterprise customers: the people a notice reaches. */
    public long customers() {
        return consumers
                + enterpriseSlices.stream().map(EnterpriseSlice::customerId).distinct().count();
    }
}
