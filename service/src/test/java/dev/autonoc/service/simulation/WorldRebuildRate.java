package dev.autonoc.service.simulation;

import dev.autonoc.service.store.InMemoryState;
import dev.autonoc.service.store.Sha256;
import dev.autonoc.service.store.WorldStore;
import dev.autonoc.simulators.OperatorTwin;
import java.time.Clock;
import java.time.Duration;

/**
 * How long a start takes to rebuild a simulated world of 1, 7 and 30 days (the metro preset, seed
 * 42, 5-minute ticks, the default model, the world run forward through the loop as {@link
 * WorldReplay} does; the first figure includes loading the model): a benchmark, not a test. Run
 * with
 *
 * <pre>
 * mvn -B -o -q -pl service dependency:build-classpath -Dmdep.outputFile=/tmp/svc-cp.txt \
 *     -Dmdep.includeScope=test
 * java -cp service/target/test-classes:service/target/classes:$(cat /tmp/svc-cp.txt) \
 *     dev.autonoc.service.simulation.WorldRebuildRate
 * </pre>
 *
 * <p>Figures in docs/benchmarks.md.
 */
public final class WorldRebuildRate {

    private WorldRebuildRate() {}

    public static void main(String[] args) {
        SimulationProperties settings = ServiceParts.settings(42, java.util.List.of());
        String spec = settings.twinSpec().toString();
        for (int days : new int[] {1, 7, 30}) {
            try (InMemoryState state = new InMemoryState("rebuild-" + days, Clock.systemUTC())) {
                WorldStore worlds = new WorldStore(state.db());
                worlds.begin(
                        "bench",
                        Sha256.hex(spec),
                        spec,
                        OperatorTwin.EPOCH,
                        Clock.systemUTC().instant());
                worlds.reached("bench", OperatorTwin.EPOCH.plus(Duration.ofDays(days)));
                long start = System.nanoTime();
                try (ServiceParts parts =
                        ServiceParts.start(
                                state.db(),
                                state.ledger(),
                                settings,
                                Duration.ZERO,
                                Clock.systemUTC(),
                                ServiceParts.Wrappers.NONE)) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf(
                            "%2d simulated day(s): %d ticks rebuilt in %.2f s (%.2f s per day)%n",
                            days, parts.rebuilt.replayedTicks(), seconds, seconds / days);
                }
            }
        }
    }
}
