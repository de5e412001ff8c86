package dev.autonoc.evals.generate;

import dev.autonoc.core.prediction.Part;
import dev.autonoc.evals.scenario.Scenario;
import dev.autonoc.simulators.Disturbance;
import dev.autonoc.simulators.FaultSpec;
import dev.autonoc.simulators.Preset;
import dev.autonoc.simulators.StockLevel;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A scenario as drawn, before its expectations are known: everything a scenario file says but
 * {@code expect}.
 *
 * @param index its place in the suite, from 0
 * @param seed the scenario's base seed (its runs use seed, seed+1, ...)
 * @param customers empty for the preset's default
 */
record ScenarioDraft(
        String id,
        long suiteSeed,
        int index,
        long seed,
        Preset preset,
        Duration duration,
        List<DraftFault> faults,
        List<Disturbance> disturbances,
        Scenario.Approvals approvals,
        List<StockLevel> stock,
        OptionalInt engineersPerRegion,
        Optional<Scenario.Customers> customers) {

    ScenarioDraft {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(duration, "duration");
        faults = List.copyOf(faults);
        disturbances = List.copyOf(disturbances);
        Objects.requireNonNull(approvals, "approvals");
        stock = List.copyOf(stock);
        Objects.requireNonNull(engineersPerRegion, "engineersPerRegion");
        Objects.requireNonNull(customers, "customers");
    }

    /**
     * One fault, with where it lands.
     *
     * @param region the region of its element (named or selected)
     * @param elementClass the kind and role of its element ({@code ROUTER/core}), so that no two
     *     faults of a scenario can strike the same element
     */
    record DraftFault(FaultSpec spec, String region, String elementClass) {
        DraftFault {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(elementClass, "elementClass");
        }

        /** The part that mends it; empty for a memory leak. */
        Optional<Part> part() {
            return spec.mode().part();
        }
    }
}
