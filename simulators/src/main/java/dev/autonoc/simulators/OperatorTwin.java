package dev.autonoc.simulators;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.tools.catalogue.ToolCatalogues;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * The digital twin of the operator of OPERATOR.md: a discrete-event simulation on its own clock,
 * deterministic from its {@link TwinSpec}. It emits telemetry and alarms as it advances and serves
 * the OSS/BSS systems behind the tool catalogue.
 *
 * <p>A run starts at its spec's {@link TwinSpec#start()}: Monday 6 January 2025 00:00 UTC ({@link
 * #EPOCH}) unless the spec says otherwise. The twin is safe to share between threads: every
 * operation holds its lock, so a tool call never sees half an advance.
 */
public final class OperatorTwin {

    /** The start of a run whose spec does not name another. */
    public static final Instant EPOCH = Instant.parse("2025-01-06T00:00:00Z");

    /** Engineers in each region when a scenario does not say ({@code eng-<region>-1} …). */
    public static final int ENGINEERS_PER_REGION = Workforce.DEFAULT_PER_REGION;

    private final TwinSpec spec;
    private final World world;
    private final TwinOssBss oss;
    private final Clock clock;
    private ToolCatalogue tools;

    private OperatorTwin(TwinSpec spec, World world) {
        this.spec = spec;
        this.world = world;
        this.clock = new TwinClock(world, ZoneOffset.UTC);
        this.oss = new TwinOssBss(world, spec);
    }

    /**
     * Builds the twin.
     *
     * @throws IllegalArgumentException naming what in the spec is wrong (an unknown element, a mode
     *     the element cannot have, an unknown region, ...) and what is accepted
     */
    public static OperatorTwin create(TwinSpec spec) {
        Objects.requireNonNull(spec, "spec");
        Topology topology = topologyOf(spec.preset(), spec.sites(), spec.seed());
        SpecValidation.check(spec);
        BadTelemetry.check(spec, topology);
        SplittableRandom root = new SplittableRandom(spec.seed());
        SplittableRandom selection = root.split();
        List<FaultRun> faults = new ArrayList<>();
        for (int i = 0; i < spec.faults().size(); i++) {
            FaultSpec f = spec.faults().get(i);
            int element = SpecValidation.resolve(topology, f, i, selection);
            faults.add(
                    new FaultRun(
                            element,
                            f.mode(),
                            spec.start().plus(f.onset()),
                            f.timeToFailure(),
                            f.speedup().map(s -> spec.start().plus(s.at())).orElse(null),
                            f.speedup().map(FaultSpec.Speedup::factor).orElse(1.0)));
        }
        faults.sort(Comparator.comparing((FaultRun f) -> f.onset));
        return new OperatorTwin(spec, new World(spec, topology, faults, root));
    }

    /**
     * The elements of the topology that (preset, sites, seed) generate, without building a twin.
     */
    public static List<Element> topology(Preset preset, OptionalInt sites, long seed) {
        return topologyOf(preset, sites, seed).elements;
    }

    private static Topology topologyOf(Preset preset, OptionalInt sites, long seed) {
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(sites, "sites");
        return Topology.generate(preset, sites.orElse(Topology.defaultSites(preset)), seed);
    }

    public TwinSpec spec() {
        return spec;
    }

    /** The simulated clock; it moves only when the twin advances. */
    public Clock clock() {
        return clock;
    }

    public Instant now() {
        synchronized (world) {
            return world.now();
        }
    }

    public List<Element> elements() {
        return world.topology.elements;
    }

    /**
     * Runs every event and tick up to and including {@code until}, telling the listener each
     * telemetry sample and alarm in time order.
     */
    public void advanceTo(Instant until, TwinListener listener) {
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(listener, "listener");
        synchronized (world) {
            world.advanceTo(until, listener);
        }
    }

    /** Advances by a duration from now; see {@link #advanceTo}. */
    public void advanceBy(Duration duration, TwinListener listener) {
        synchronized (world) {
            world.advanceTo(world.now().plus(duration), listener);
        }
    }

    /**
     * The tool catalogue wired to this twin's OSS/BSS systems, with the spec's TOOL_FAULTS and
     * UNTRUSTED_TEXT (tool_output) disturbances injected. The same catalogue every call, so that
     * the tools' idempotency by key holds for the whole run.
     */
    public ToolCatalogue tools() {
        // built on first use: a run that only streams telemetry never pays for it
        synchronized (world) {
            if (tools == null) {
                tools =
                        InjectedFaults.wrap(
                                ToolCatalogues.standard(oss.clients(), clock),
                                spec,
                                world,
                                new SplittableRandom(spec.seed() ^ 0x7001_FA17L));
            }
            return tools;
        }
    }

    /** The OSS/BSS clients over this twin, without injected tool faults (for a façade or tests). */
    public dev.autonoc.tools.oss.OssBss ossBss() {
        return oss.clients();
    }

    public GroundTruth groundTruth() {
        return new GroundTruth() {
            @Override
            public List<FaultTruth> faults() {
                synchronized (world) {
                    return world.faults.stream().map(f -> f.truth(world.topology)).toList();
                }
            }

            @Override
            public double latentLevel(ElementId element, Instant at) {
                Integer e = world.topology.index.get(element);
                if (e == null) {
                    throw new IllegalArgumentException(
                            "unknown element '"
                                    + element
                                    + "'; known: "
                                    + world.topology.someIds());
                }
                synchronized (world) {
                    return world.latentLevel(e, at);
                }
            }
        };
    }

    /** The machinery, for this package's tests. */
    World world() {
        return world;
    }

    /** The run's measured outcome so far. */
    public RunOutcome outcome() {
        synchronized (world) {
            return world.outcome();
        }
    }

    /** The ground truth and the outcome so far, as one value, for the evals' export. */
    public RunTruth truth() {
        synchronized (world) {
            return new RunTruth(
                    spec.preset(),
                    spec.seed(),
                    spec.start(),
                    world.now(),
                    world.faults.stream().map(f -> f.truth(world.topology)).toList(),
                    world.outcome());
        }
    }

    /** Reads the twin's now; the twin alone moves it. */
    private static final class TwinClock extends Clock {
        private final World world;
        private final ZoneId zone;

        TwinClock(World world, ZoneId zone) {
            this.world = world;
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new TwinClock(world, other);
        }

        @Override
        public Instant instant() {
            synchronized (world) {
                return world.now();
            }
        }
    }
}
