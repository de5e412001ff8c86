package dev.autonoc.evals.run;

import dev.autonoc.core.approval.InMemoryApprovalQueue;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.cases.InMemoryCaseStore;
import dev.autonoc.core.loop.RemediationLoop;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.evals.report.Expectations;
import dev.autonoc.evals.report.Measurement;
import dev.autonoc.evals.report.RunReport;
import dev.autonoc.evals.scenario.Scenario;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.RunTruth;
import dev.autonoc.simulators.TwinListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One run: a fresh world for (scenario, seed, planner), driven tick by tick on simulated time, then
 * measured. Nothing is shared with other runs but the read-only failure model.
 */
final class SingleRun {

    private final Scenario scenario;
    private final long seed;
    private final PlannerName planner;
    private final RunWiring wiring;
    private final Optional<Path> trails;
    // set when the loop is built: counts what the predictor's data quality did
    private DataQualityWatch watch;

    SingleRun(
            Scenario scenario,
            long seed,
            PlannerName planner,
            RunWiring wiring,
            Optional<Path> trails) {
        this.scenario = scenario;
        this.seed = seed;
        this.planner = planner;
        this.wiring = wiring;
        this.trails = trails;
    }

    /** Runs and measures; an error in any part becomes a failed run that names it. */
    RunReport run() {
        long started = System.nanoTime(); // wall time, only to report how long the run took
        try {
            return execute(started);
        } catch (RuntimeException | LinkageError e) {
            return RunReport.error(
                    scenario.id(), seed, planner.key(), describe(e), seconds(started));
        }
    }

    private RunReport execute(long started) {
        OperatorTwin twin = OperatorTwin.create(scenario.twinSpec(seed));
        RoleHierarchy roles = RoleHierarchy.operatorDefault();
        Instant end = OperatorTwin.EPOCH.plus(scenario.duration());
        try (RunWiring.Ledger ledger = RunWiring.ledger(scenario.id(), planner.key(), seed)) {
            Optional<TrailCheckpoints> checkpoints =
                    trails.map(dir -> new TrailCheckpoints(ledger.log(), dir, OperatorTwin.EPOCH));
            try {
                drive(twin, ledger, roles, end, checkpoints);
            } catch (RuntimeException e) {
                // the trail up to the error is what explains it: export it, keep the error
                try {
                    checkpoints.ifPresent(TrailCheckpoints::sign);
                    trails.ifPresent(dir -> exportTrail(ledger, dir));
                } catch (RuntimeException exportFailed) {
                    e.addSuppressed(exportFailed);
                }
                throw e;
            }
            checkpoints.ifPresent(TrailCheckpoints::sign); // the whole run is under a signature
            trails.ifPresent(dir -> exportTrail(ledger, dir));
            List<AuditEntry> trail = ledger.log().entries();
            RunTruth truth = twin.truth(); // also written to OUT/truth/ by the report
            Measurement m = Measurement.of(truth.outcome(), truth.faults(), trail, roles);
            return RunReport.measured(
                    scenario.id(),
                    seed,
                    planner.key(),
                    Expectations.check(scenario.expect(), m),
                    watch == null
                            ? m.metrics()
                            : m.metrics().withDataQuality(watch.counts(truth.faults())),
                    truth,
                    seconds(started));
        }
    }

    /** Moves the world from the start to {@code end}, one tick at a time, with the loop in it. */
    private void drive(
            OperatorTwin twin,
            RunWiring.Ledger ledger,
            RoleHierarchy roles,
            Instant end,
            Optional<TrailCheckpoints> checkpoints) {
        if (planner == PlannerName.NONE) {
            twin.advanceTo(end, TwinListener.NONE);
        } else {
            InMemoryApprovalQueue approvals = new InMemoryApprovalQueue(roles);
            watch =
                    new DataQualityWatch(
                            RunHooks.watch(wiring.predictor(planner, twin, twin.elements()), twin),
                            twin.groundTruth().faults());
            RemediationLoop loop =
                    RemediationLoop.builder()
                            .predictor(watch)
                            .planner(
                                    RunHooks.plan(
                                            wiring.planner(
                                                    planner,
                                                    ledger.log(),
                                                    twin.tools().tools().stream()
                                                            .map(t -> t.descriptor())
                                                            .toList(),
                                                    seed)))
                            .gate(RunWiring.gate(scenario))
                            .approvals(approvals)
                            .tools(twin.tools())
                            .audit(ledger.log())
                            .cases(new InMemoryCaseStore())
                            .clock(twin.clock())
                            .elements(twin.elements())
                            .roles(roles)
                            .build();
            SimulatedNoc noc = new SimulatedNoc(scenario.approvals(), approvals);
            TwinListener feed = new LoopFeed(loop);
            Instant t = OperatorTwin.EPOCH;
            while (t.isBefore(end)) {
                Instant next = t.plus(scenario.tick());
                t = next.isAfter(end) ? end : next;
                twin.advanceTo(t, feed);
                loop.tick(t);
                noc.answerDue(t);
                Instant now = t;
                checkpoints.ifPresent(c -> c.tick(now));
            }
        }
    }

    /** The file a run's trail is exported to: {@code <scenario>__<planner>__<seed>.jsonl}. */
    static String trailFileName(String scenario, String planner, long seed) {
        return scenario + "__" + planner + "__" + seed + ".jsonl";
    }

    private void exportTrail(RunWiring.Ledger ledger, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + dir, e);
        }
        // sealed: a final checkpoint says the trail ends here (TrailCheckpoints)
        ledger.log()
                .exportJsonLines(
                        dir.resolve(trailFileName(scenario.id(), planner.key(), seed)),
                        TrailCheckpoints.signerFor(dir));
    }

    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        StackTraceElement[] where = e.getStackTrace();
        String at = where.length == 0 ? "" : " (at " + where[0] + ")";
        return e.getClass().getSimpleName() + message + at;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** Feeds what the network emits into the loop's predictor. */
    private record LoopFeed(RemediationLoop loop) implements TwinListener {
        @Override
        public void onTelemetry(TelemetrySample sample) {
            loop.observe(sample);
        }

        @Override
        public void onAlarm(Alarm alarm) {
            loop.observe(alarm);
        }
    }
}
