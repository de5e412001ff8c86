package dev.autonoc.tools.oss;

import java.util.Objects;

/**
 * What to order: one unit of a part, from a stock place, delivered to a site for an element.
 *
 * @param source {@code central}, {@code supplier} or a region's warehouse
 * @param expedite halves the lead time for the surcharge
 */
public record ProductOrderRequest(
        String part, String source, String site, String elementId, boolean expedite) {

    public ProductOrderRequest {
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(elementId, "elementId");
    }
}
