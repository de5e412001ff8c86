package dev.autonoc.tools.oss;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What taking an element out of service (drained, or under work with its traffic moved off first)
 * at a time would do to the network, on top of every element already out then; computed without
 * doing it.
 *
 * @param at when the outage would start (never before the time it was asked at)
 * @param duration how long it would last
 * @param loadFactor the daily cycle's load factor, the highest over the outage (1.0 at the peak)
 * @param maxUtilizationAfter the busiest link's utilisation with the element out, at {@code
 *     loadFactor} (1.0 is full)
 * @param peakMaxUtilizationAfter the same at the daily peak (load factor 1)
 * @param overloadedLinks links above capacity at {@code loadFactor}, with their utilisation, by id
 * @param sitesIsolated radio sites the outage would leave with no path (beyond those cut already)
 * @param consumersCut the consumers on them
 * @param slicesBreached enterprise slices outside their SLA with the element out
 * @param customerMinutes customer-minutes the outage would cost over its duration: consumers it
 *     cuts off, plus customers slowed by congestion it adds, counted as the twin counts impact
 * @param elementsOut every element out of service at {@code at} with this one, this one included,
 *     sorted
 */
public record OutagePreview(
        String resourceId,
        Instant at,
        Duration duration,
        double loadFactor,
        double maxUtilizationAfter,
        double peakMaxUtilizationAfter,
        Map<String, Double> overloadedLinks,
        int sitesIsolated,
        long consumersCut,
        int slicesBreached,
        double customerMinutes,
        List<String> elementsOut) {

    public OutagePreview {
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(duration, "duration");
        overloadedLinks = java.util.Collections.unmodifiableMap(new TreeMap<>(overloadedLinks));
        elementsOut = List.copyOf(elementsOut.stream().sorted().toList());
    }

    /** No site cut off, no link above capacity at the outage's load, no slice breached. */
    public boolean safe() {
        return sitesIsolated == 0 && maxUtilizationAfter <= 1.0 && slicesBreached == 0;
    }
}
