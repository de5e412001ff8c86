package dev.autonoc.tools.oss;

/**
 * TMF687 Stock Management: spare parts per warehouse. Reservation is part of ordering (see {@link
 * ProductOrdering}); this client only reads.
 */
public interface StockManagement {

    String API = "TMF687";

    /**
     * Where the part can come from to reach the site, with quantities, lead times and price. An
     * unknown part or site is a refusal ({@link OssException}, not retriable).
     */
    StockCheck checkStock(String part, String site);
}
