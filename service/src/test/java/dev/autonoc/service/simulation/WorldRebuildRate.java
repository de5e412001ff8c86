package dev.autonoc.service.simulation;

import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.predictor.ModelBundle;
import dev.autonoc.predictor.TribuoFailurePredictor;
import dev.autonoc.service.store.JdbcApprovalQueue;
import dev.autonoc.service.store.ServiceDatabase;
import dev.autonoc.service.store.WorldStore;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.Preset;
import dev.autonoc.simulators.TwinSpec;
import java.time.Clock;
import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;

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
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:rebuild-" + days + ";DB_CLOSE_DELAY=-1");
            ServiceDatabase db = ServiceDatabase.open(h2);
            WorldStore worlds = new WorldStore(db);
            String hash = WorldRestore.sha256(spec.toString());
            worlds.begin(
                    "bench",
                    hash,
                    spec.toString(),
                    OperatorTwin.EPOCH,
                    Clock.systemUTC().instant());
            worlds.reached("bench", OperatorTwin.EPOCH.plus(Duration.ofDays(days)));
            WorldRestore restore =
                    new WorldRestore(
                            db,
                            worlds,
                            JdbcApprovalQueue.open(db, RoleHierarchy.operatorDefault()),
                            JdbcAuditLog.h2InMemory("rebuild-audit-" + days, Clock.systemUTC()),
                            Clock.systemUTC(),
                            "agent:autonoc");
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
}
