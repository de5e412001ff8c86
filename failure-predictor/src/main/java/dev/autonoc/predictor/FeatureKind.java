package dev.autonoc.predictor;

/**
 * The features taken per metric. A feature's name is {@code <metric>.<suffix>}, e.g. {@code
 * fan_rpm.dev_own_24h}. README.md describes each.
 */
enum FeatureKind {
    /** Exponentially weighted mean over about an hour, in the metric's (transformed) unit. */
    LEVEL_1H("level_1h"),
    /** The same over about a day: the daily cycle averages out. */
    LEVEL_24H("level_24h"),
    /** The 6 h mean minus the element's own long baseline (7-day EWMA). */
    DEV_OWN_6H("dev_own_6h"),
    /** The 24 h mean minus the element's own long baseline. */
    DEV_OWN_24H("dev_own_24h"),
    /**
     * Change of the 1 h mean over the last 6 h, per hour, less the mean change of the region's
     * peers (a trend the region shares, such as a heatwave coming or going, is not the element's).
     */
    SLOPE_6H("slope_6h"),
    /** Change of the 6 h mean over the last 24 h, per day, less the peers' mean change. */
    SLOPE_24H("slope_24h"),
    /**
     * Jitter: the mean absolute step of the samples from their 1 h mean (an EWMA over about an
     * hour), less the mean of the region's peers; in percent of the baseline for relative metrics.
     */
    JITTER_1H("jitter_1h"),
    /** {@code dev_own_6h} minus the mean {@code dev_own_6h} of the region's peers of the family. */
    PEER_DEV_6H("peer_dev_6h"),
    /** {@code dev_own_24h} minus the mean {@code dev_own_24h} of the region's peers. */
    PEER_DEV_24H("peer_dev_24h"),
    /** Samples more than 5 jitters from the 1 h mean, counted with a one-day decay. */
    SPIKES_24H("spikes_24h"),
    /**
     * The 6 h mean minus the element's long-term level: the mean of its first day, then a 30-day
     * EWMA. Where a fault slowly pulls the 7-day baseline along, this still shows how far it has
     * gone since the element was healthy: what the time left depends on.
     */
    DEV_OWN_LONG("dev_own_long"),
    /** {@code dev_own_long} minus the mean {@code dev_own_long} of the region's peers. */
    PEER_DEV_LONG("peer_dev_long");

    static final int COUNT = values().length;

    private final String suffix;

    FeatureKind(String suffix) {
        this.suffix = suffix;
    }

    String suffix() {
        return suffix;
    }
}
