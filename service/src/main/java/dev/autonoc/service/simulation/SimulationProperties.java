package dev.autonoc.service.simulation;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.simulators.ElementSelector;
import dev.autonoc.simulators.FaultSpec;
import dev.autonoc.simulators.Preset;
import dev.autonoc.simulators.TwinSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code autonoc.simulation.*}: which operator to simulate and how fast. Checked when the service
 * starts, so that a wrong setting stops it with a message naming the setting and what is accepted.
 *
 * @param pace simulated seconds per real second (3600: an hour a second)
 * @param autoStart whether the simulation runs from start-up, or waits paused for a resume or an
 *     advance
 * @param maxAdvance the longest single {@code advance} accepted
 * @param pumpInterval how often the driver thread catches the twin up with the pace
 * @param faults the demo's faults, injected into the twin
 */
@ConfigurationProperties("autonoc.simulation")
record SimulationProperties(
        @DefaultValue("metro") String preset,
        @DefaultValue("42") long seed,
        @DefaultValue("5m") Duration tick,
        @DefaultValue("3600") double pace,
        @DefaultValue("true") boolean autoStart,
        @DefaultValue("30d") Duration maxAdvance,
        @DefaultValue("100ms") Duration pumpInterval,
        List<Fault> faults) {

    SimulationProperties {
        faults = faults == null ? List.of() : List.copyOf(faults);
        presetValue(preset);
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException(
                    "autonoc.simulation.tick must be a positive duration (e.g. 5m), got " + tick);
        }
        if (!(pace > 0 && pace <= 10_000_000)) {
            throw new IllegalArgumentException(
                    "autonoc.simulation.pace is simulated seconds per real second, in (0, 10000000]; got "
                            + pace);
        }
        if (maxAdvance.compareTo(tick) < 0) {
            throw new IllegalArgumentException(
                    "autonoc.simulation.max-advance must be at least one tick ("
                            + tick
                            + "), got "
                            + maxAdvance);
        }
        if (pumpInterval.toMillis() < 1) {
            throw new IllegalArgumentException(
                    "autonoc.simulation.pump-interval must be at least 1ms, got " + pumpInterval);
        }
        for (int i = 0; i < faults.size(); i++) {
            faults.get(i).check(i);
        }
    }

    /**
     * One injected fault. Name the element by id, or let the seed pick one matching {@code kind},
     * {@code role} and {@code region}.
     *
     * @param onset when the fault starts, from the run's start (Monday 6 January 2025 00:00 UTC)
     * @param timeToFailure how long from onset to failure
     */
    record Fault(
            String element,
            ElementKind kind,
            String role,
            String region,
            FailureMode mode,
            Duration onset,
            Duration timeToFailure) {

        void check(int index) {
            String where = "autonoc.simulation.faults[" + index + "]";
            if (mode == null) {
                throw new IllegalArgumentException(
                        where + ".mode is required; one of " + FailureMode.names());
            }
            if (onset == null || onset.isNegative()) {
                throw new IllegalArgumentException(
                        where
                                + ".onset is required: a duration from the run's start, zero or more (e.g. 1d)");
            }
            if (timeToFailure == null || timeToFailure.isNegative() || timeToFailure.isZero()) {
                throw new IllegalArgumentException(
                        where + ".time-to-failure is required: a positive duration (e.g. 4d)");
            }
            boolean byId = element != null && !element.isBlank();
            boolean byMatch = kind != null || role != null || region != null;
            if (byId && byMatch) {
                throw new IllegalArgumentException(
                        where
                                + " names an element and a match (kind, role, region); give one or the other");
            }
            if (!byId && !byMatch) {
                throw new IllegalArgumentException(
                        where
                                + " needs an element id, or a kind ("
                                + Arrays.stream(ElementKind.values())
                                        .map(Enum::name)
                                        .collect(Collectors.joining(", "))
                                + "), role or region to match");
            }
        }

        FaultSpec toSpec() {
            ElementSelector target =
                    element != null && !element.isBlank()
                            ? new ElementSelector.ById(ElementId.of(element))
                            : new ElementSelector.ByMatch(
                                    Optional.ofNullable(kind),
                                    Optional.ofNullable(role),
                                    Optional.ofNullable(region));
            return new FaultSpec(target, mode, onset, timeToFailure);
        }
    }

    Preset presetValue() {
        return presetValue(preset);
    }

    /**
     * The twin this configuration describes; the twin itself checks the faults against its
     * topology.
     */
    TwinSpec twinSpec() {
        TwinSpec quiet = TwinSpec.quiet(presetValue(), seed);
        List<FaultSpec> specs = new ArrayList<>();
        faults.forEach(f -> specs.add(f.toSpec()));
        return new TwinSpec(
                quiet.preset(),
                OptionalInt.empty(),
                seed,
                tick,
                quiet.enterpriseSlices(),
                quiet.consumersPerCell(),
                quiet.stock(),
                quiet.engineersPerRegion(),
                specs,
                quiet.disturbances());
    }

    private static Preset presetValue(String key) {
        return Preset.fromKey(key == null ? "" : key)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "autonoc.simulation.preset: unknown preset '"
                                                + key
                                                + "'; accepted: "
                                                + Arrays.stream(Preset.values())
                                                        .map(Preset::key)
                                                        .collect(Collectors.joining(", "))));
    }
}
