package dev.autonoc.evals.scenario;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.simulators.Disturbance;
import dev.autonoc.simulators.FaultSpec;
import dev.autonoc.simulators.Preset;
import dev.autonoc.simulators.StockLevel;
import dev.autonoc.simulators.TwinSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One scenario file, checked and with every default filled in (docs/scenarios.md).
 *
 * @param seed the base seed; run {@code i} of a pass^k series uses {@code seed + i}
 * @param duration the simulated time a run covers, from {@link
 *     dev.autonoc.simulators.OperatorTwin#EPOCH}
 * @param source the file it was read from
 */
public record Scenario(
        String id,
        String description,
        long seed,
        Duration duration,
        Duration tick,
        Network network,
        Customers customers,
        List<StockLevel> stock,
        Workforce workforce,
        List<FaultSpec> faults,
        List<Disturbance> disturbances,
        Approvals approvals,
        PolicyRef policy,
        Expect expect,
        Path source) {

    public static final long DEFAULT_SEED = 1;
    public static final Duration DEFAULT_TICK = Duration.ofMinutes(5);

    public Scenario {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(tick, "tick");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(customers, "customers");
        Objects.requireNonNull(workforce, "workforce");
        Objects.requireNonNull(approvals, "approvals");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(expect, "expect");
        Objects.requireNonNull(source, "source");
        stock = List.copyOf(stock);
        faults = List.copyOf(faults);
        disturbances = List.copyOf(disturbances);
    }

    /** The twin this scenario describes, for one seed. */
    public TwinSpec twinSpec(long runSeed) {
        return new TwinSpec(
                network.preset(),
                network.sites(),
                runSeed,
                tick,
                customers.enterpriseSlices(),
                customers.consumersPerCell(),
                stock,
                workforce.engineersPerRegion(),
                faults,
                disturbances);
    }

    /** The seed of the {@code i}-th run of a pass^k series. */
    public long seed(int i) {
        return seed + i;
    }

    /** {@code network}: the preset and an optional override of its number of sites. */
    public record Network(Preset preset, OptionalInt sites) {
        public Network {
            Objects.requireNonNull(preset, "preset");
            Objects.requireNonNull(sites, "sites");
        }
    }

    /** {@code customers}, with the preset's defaults where the file says nothing. */
    public record Customers(int enterpriseSlices, int consumersPerCell) {
        public static final Customers DEFAULT = new Customers(6, 400);
    }

    /** {@code workforce}; empty means the preset's. */
    public record Workforce(OptionalInt engineersPerRegion) {
        public static final Workforce DEFAULT = new Workforce(OptionalInt.empty());
    }

    /**
     * {@code approvals}: how the simulated NOC answers what waits for a person.
     *
     * @param rejectTools act tools whose every request is rejected (after the delay), whatever the
     *     mode says; requests for other tools are answered per the mode
     */
    public record Approvals(
            Mode mode, OptionalDouble belowGbp, Duration delay, List<String> rejectTools) {

        public static final Approvals DEFAULT =
                new Approvals(Mode.APPROVE_ALL, OptionalDouble.empty(), Duration.ofMinutes(10));

        public Approvals {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(belowGbp, "belowGbp");
            Objects.requireNonNull(delay, "delay");
            rejectTools = List.copyOf(rejectTools);
            if (mode == Mode.APPROVE_BELOW && belowGbp.isEmpty()) {
                throw new IllegalArgumentException("approve_below needs below_gbp");
            }
        }

        /** Every tool answered per the mode. */
        public Approvals(Mode mode, OptionalDouble belowGbp, Duration delay) {
            this(mode, belowGbp, delay, List.of());
        }

        public enum Mode {
            APPROVE_ALL,
            REJECT_ALL,
            APPROVE_BELOW,
            NEVER_ANSWER;

            /** The name used in scenario files ({@code approve_all}). */
            public String key() {
                return name().toLowerCase(Locale.ROOT);
            }
        }
    }

    /** {@code policy}: the policy module's default, or a file. */
    public sealed interface PolicyRef {

        record Default() implements PolicyRef {}

        /** A policy file, resolved against the scenario file's folder. */
        record File(Path path) implements PolicyRef {
            public File {
                Objects.requireNonNull(path, "path");
            }
        }
    }

    /** {@code expect}: what a passing run shows; an absent key checks nothing. */
    public record Expect(
            List<ElementId> failuresPrevented,
            OptionalInt maxFailures,
            OptionalDouble maxCustomerImpactMinutes,
            OptionalDouble maxOpsCostGbp,
            OptionalInt maxFalseDispatches,
            List<String> toolsUsed,
            List<String> toolsNotUsed,
            OptionalDouble maxCreditGbpPerCustomer) {

        public static final Expect NOTHING =
                new Expect(
                        List.of(),
                        OptionalInt.empty(),
                        OptionalDouble.empty(),
                        OptionalDouble.empty(),
                        OptionalInt.empty(),
                        List.of(),
                        List.of(),
                        OptionalDouble.empty());

        public Expect {
            failuresPrevented = List.copyOf(failuresPrevented);
            Objects.requireNonNull(maxFailures, "maxFailures");
            Objects.requireNonNull(maxCustomerImpactMinutes, "maxCustomerImpactMinutes");
            Objects.requireNonNull(maxOpsCostGbp, "maxOpsCostGbp");
            Objects.requireNonNull(maxFalseDispatches, "maxFalseDispatches");
            toolsUsed = List.copyOf(toolsUsed);
            toolsNotUsed = List.copyOf(toolsNotUsed);
            Objects.requireNonNull(maxCreditGbpPerCustomer, "maxCreditGbpPerCustomer");
        }
    }
}
