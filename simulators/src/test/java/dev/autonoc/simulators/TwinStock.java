package dev.autonoc.simulators;

/** The twin's stock as its stock-management tool reports it, for the ordering tests. */
final class TwinStock {

    private TwinStock() {}

    /** How many of {@code part} {@code place} holds, as offered to {@code site}. */
    static long available(OperatorTwin twin, String part, String site, String place) {
        return twin.ossBss()
                .stockManagement()
                .checkStock(part, site)
                .option(place)
                .orElseThrow()
                .availableQuantity();
    }

    /** The PSUs in the central store, as offered to site-01: what the ordering tests spend. */
    static long centralPsus(OperatorTwin twin) {
        return available(twin, "PSU", "site-01", "central");
    }
}
