package dev.autonoc.tools.oss;

import java.time.Duration;
import java.util.Objects;

/**
 * TMF687 ProductStock of one part at one place, with what it takes to bring a unit to a site.
 *
 * @param place {@code central}, {@code supplier}, or a region's warehouse (named after the region)
 * @param availableQuantity units that can be reserved now (the supplier is always available)
 * @param leadTime from order to delivery at the site, with any supplier delay in force
 * @param expeditedLeadTime the same, expedited
 * @param expediteSurchargePct what expediting adds to the price, in percent (50)
 */
public record StockOption(
        String place,
        long availableQuantity,
        Duration leadTime,
        Duration expeditedLeadTime,
        double expediteSurchargePct) {

    public static final String CENTRAL = "central";
    public static final String SUPPLIER = "supplier";

    public StockOption {
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(leadTime, "leadTime");
        Objects.requireNonNull(expeditedLeadTime, "expeditedLeadTime");
    }
}
