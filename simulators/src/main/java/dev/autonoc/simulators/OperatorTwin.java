package dev.autonoc.simulators;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.tool.ToolCatalogue;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The digital twin of the operator of OPERATOR.md: a discrete-event simulation on its own clock,
 * deterministic from its {@link TwinSpec}. It emits telemetry and alarms as it advances and serves
 * the OSS/BSS systems behind the tool catalogue.
 *
 * <p>Every run starts on Monday 6 January 2025 00:00 UTC.
 */
public final class OperatorTwin {

    /** The start of every run. */
    public static final Instant EPOCH = Instant.parse("2025-01-06T00:00:00Z");

    private OperatorTwin() {}

    /**
     * Builds the twin.
     *
     * @throws IllegalArgumentException naming what in the spec is wrong (an unknown element, a
     *     mode the element cannot have, an unknown region, ...) and what is accepted
     */
    public static OperatorTwin create(TwinSpec spec) {
        throw new UnsupportedOperationException("being built");
    }

    /** The elements of the topology that (preset, sites, seed) generate, without building a twin. */
    public static List<Element> topology(Preset preset, java.util.OptionalInt sites, long seed) {
        throw new UnsupportedOperationException("being built");
    }

    public TwinSpec spec() {
        throw new UnsupportedOperationException("being built");
    }

    /** The simulated clock; it moves only when the twin advances. */
    public Clock clock() {
        throw new UnsupportedOperationException("being built");
    }

    public Instant now() {
        throw new UnsupportedOperationException("being built");
    }

    public List<Element> elements() {
        throw new UnsupportedOperationException("being built");
    }

    /**
     * Runs every event and tick up to and including {@code until}, telling the listener each
     * telemetry sample and alarm in time order.
     */
    public void advanceTo(Instant until, TwinListener listener) {
        throw new UnsupportedOperationException("being built");
    }

    /**
     * The tool catalogue wired to this twin's OSS/BSS systems, with the spec's TOOL_FAULTS and
     * UNTRUSTED_TEXT (tool_output) disturbances injected.
     */
    public ToolCatalogue tools() {
        throw new UnsupportedOperationException("being built");
    }

    public GroundTruth groundTruth() {
        throw new UnsupportedOperationException("being built");
    }

    /** The run's measured outcome so far. */
    public RunOutcome outcome() {
        throw new UnsupportedOperationException("being built");
    }
}
