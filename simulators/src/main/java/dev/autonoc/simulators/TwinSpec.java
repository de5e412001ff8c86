package dev.autonoc.simulators;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Everything that determines a twin: with the same spec, the same run, byte for byte.
 *
 * @param sites override of the preset's number of sites
 * @param tick the telemetry interval
 * @param stock overrides of the preset's starting stock (the rest stays at the default)
 * @param engineersPerRegion override of the preset's workforce
 * @param start the instant the twin's clock starts at; every offset in the spec (a fault's onset, a
 *     disturbance's window) counts from it. The week (traffic's daily cycle, the engineers' shifts)
 *     follows the calendar, so a twin started on a Wednesday at 14:30 begins mid-shift with
 *     Wednesday afternoon's traffic. {@link OperatorTwin#EPOCH} when not said
 */
public record TwinSpec(
        Preset preset,
        OptionalInt sites,
        long seed,
        Duration tick,
        int enterpriseSlices,
        int consumersPerCell,
        List<StockLevel> stock,
        OptionalInt engineersPerRegion,
        List<FaultSpec> faults,
        List<Disturbance> disturbances,
        Instant start) {

    public TwinSpec {
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(sites, "sites");
        Objects.requireNonNull(tick, "tick");
        Objects.requireNonNull(engineersPerRegion, "engineersPerRegion");
        stock = List.copyOf(stock);
        faults = List.copyOf(faults);
        disturbances = List.copyOf(disturbances);
    }

    /** A spec that starts at {@link OperatorTwin#EPOCH}. */
    public TwinSpec(
            Preset preset,
            OptionalInt sites,
            long seed,
            Duration tick,
            int enterpriseSlices,
            int consumersPerCell,
            List<StockLevel> stock,
            OptionalInt engineersPerRegion,
            List<FaultSpec> faults,
            List<Disturbance> disturbances) {
        this(
                preset,
                sites,
                seed,
                tick,
                enterpriseSlices,
                consumersPerCell,
                stock,
                engineersPerRegion,
                faults,
                disturbances,
                OperatorTwin.EPOCH);
    }

    /** This spec, its clock starting at {@code at} instead. */
    public TwinSpec startingAt(Instant at) {
        return new TwinSpec(
                preset,
                sites,
                seed,
                tick,
                enterpriseSlices,
                consumersPerCell,
                stock,
                engineersPerRegion,
                faults,
                disturbances,
                at);
    }

    /** A quiet operator of the preset's defaults. */
    public static TwinSpec quiet(Preset preset, long seed) {
        return new TwinSpec(
                preset,
                OptionalInt.empty(),
                seed,
                Duration.ofMinutes(5),
                6,
                400,
                List.of(),
                OptionalInt.empty(),
                List.of(),
                List.of());
    }
}
