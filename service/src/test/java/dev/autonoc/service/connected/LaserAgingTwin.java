package dev.autonoc.service.connected;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.simulators.ElementSelector;
import dev.autonoc.simulators.FaultSpec;
import dev.autonoc.simulators.Preset;
import dev.autonoc.simulators.TwinSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The twin of the connected-mode tests: the quiet metro operator (seed 42) with one link's laser
 * aging from the start, to fail three days later.
 */
final class LaserAgingTwin {

    private LaserAgingTwin() {}

    static TwinSpec on(ElementId link) {
        TwinSpec quiet = TwinSpec.quiet(Preset.METRO, 42);
        return new TwinSpec(
                quiet.preset(),
                OptionalInt.empty(),
                quiet.seed(),
                quiet.tick(),
                quiet.enterpriseSlices(),
                quiet.consumersPerCell(),
                quiet.stock(),
                quiet.engineersPerRegion(),
                List.of(
                        new FaultSpec(
                                new ElementSelector.ById(link),
                                FailureMode.LASER_AGING,
                                Duration.ZERO,
                                Duration.ofDays(3),
                                Optional.empty())),
                quiet.disturbances());
    }
}
