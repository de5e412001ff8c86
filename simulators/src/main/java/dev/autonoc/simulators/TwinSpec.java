package dev.autonoc.simulators;

import java.time.Duration;
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
        List<Disturbance> disturbances) {

    public TwinSpec {
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(sites, "sites");
        Objects.requireNonNull(tick, "tick");
        Objects.requireNonNull(engineersPerRegion, "engineersPerRegion");
        stock = List.copyOf(stock);
        faults = List.copyOf(faults);
        disturbances = List.copyOf(disturbances);
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
