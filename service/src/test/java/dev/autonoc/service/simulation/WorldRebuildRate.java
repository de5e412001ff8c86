package dev.autonoc.service.simulation;

import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.predictor.ModelBundle;
import dev.autonoc.predictor.TribuoFailurePredictor;
import dev.autonoc.service.store.InMemoryState;
import dev.autonoc.service.store.JdbcApprovalQueue;
import dev.autonoc.service.store.WorldStore;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.Preset;
import dev.autonoc.simulators.TwinSpec;
import java.time.Clock;
import java.time.Duration;

/**
 * How long a start takes to rebuild a simulated world of 1, 7 and 30 days (the metro preset, seed
 * 42, 5-minute ticks, the default model): a benchmark, not a test. Run with
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
        TwinSpec spec = TwinSpec.quiet(Preset.METRO, 42);
        ModelBundle model = ModelBundle.loadDefault();
        for (int days : new int[] {1, 7, 30}) {
            try (InMemoryState state = new InMemoryState("rebuild-" + days, Clock.systemUTC())) {
                WorldStore worlds = new WorldStore(state.db());
                worlds.begin(
                        "bench",
                        WorldRestore.sha256(spec.toString()),
                        spec.toString(),
                        OperatorTwin.EPOCH,
                        Clock.systemUTC().instant());
                worlds.reached("bench", OperatorTwin.EPOCH.plus(Duration.ofDays(days)));
                WorldRestore restore =
                        new WorldRestore(
                                state.db(),
                                worlds,
                                JdbcApprovalQueue.open(state.db(), RoleHierarchy.operatorDefault()),
                                state.ledger(),
                                Clock.systemUTC(),
                                "agent:autonoc");
                rebuild(restore, spec, model, days);
            }
        }
    }

    private static void rebuild(WorldRestore restore, TwinSpec spec, ModelBundle model, int days) {
        long start = System.nanoTime();
        WorldRestore.Restored r =
                restore.restore(
                        spec,
                        twin ->
                                new LatestPredictions(
                                        new TribuoFailurePredictor(twin.elements(), model)));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "%2d simulated day(s): %d ticks rebuilt in %.2f s (%.2f s per day)%n",
                days, r.replayedTicks(), seconds, seconds / days);
    }
}
