package dev.autonoc.service.simulation;

import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.loop.RemediationLoop;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.Tool;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.service.store.WorldStore;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.TwinListener;
import dev.autonoc.simulators.TwinSpec;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a continued world ({@link WorldRestore.Prepared#continued()}) by running it forward
 * through the loop built over its cases, so that everything the loop keeps beside its store (what
 * the predictor has read, which elements are down) is rebuilt by the loop's own code:
 *
 * <ul>
 *   <li>each tick the twin's samples and alarms go to {@link RemediationLoop#observe}, and {@link
 *       RemediationLoop#catchUp} tells the predictor what the loop's tick told it, without acting;
 *   <li>every tool call of the world's journal is applied to the twin at the simulated time it ran
 *       (the loop's, the MCP clients', the console's reads): the twin is the one the cases worked
 *       on, with the same orders, bookings and idempotency keys.
 * </ul>
 *
 * Nothing goes to the ledger while the world is run forward: it all happened, and is there already.
 * The policy gate's guards are not rebuilt here: they remember what they were told ({@link
 * DurablePolicyGate}).
 *
 * <p>The journal may hold calls of a tick whose end was not saved: the service stopped while the
 * loop worked that tick. The twin is brought to that tick and its calls applied, then the loop
 * finishes the tick ({@link RemediationLoop#tick}): the steps it had saved stand, the ones it had
 * not run again under the keys they had, which the twin answers without a second effect. Before
 * that, a request the loop parked but no step of its case waits on (the service stopped between the
 * two) is closed, so that nobody answers it in vain; the step asks again if it still must.
 */
final class WorldReplay {

    private static final Logger log = LoggerFactory.getLogger(WorldReplay.class);

    /**
     * The world the service runs now, where it was when the service stopped.
     *
     * @param replayedTicks ticks run to rebuild it (0 for a new world)
     * @param replayedCalls journal entries applied
     * @param finishedTick the tick the loop finished at this start, when the service had stopped
     *     during it
     * @param error why the loop failed finishing that tick, if it did: the simulation starts paused
     *     with it, as after any failed tick
     */
    record Rebuilt(
            WorldRestore.Prepared prepared,
            long replayedTicks,
            int replayedCalls,
            Optional<Instant> finishedTick,
            Optional<String> error) {

        OperatorTwin twin() {
            return prepared.twin();
        }

        LatestPredictions predictions() {
            return prepared.predictions();
        }

        WorldStore.World world() {
            return prepared.world();
        }

        List<String> handedOver() {
            return prepared.handedOver();
        }
    }

    private final WorldRestore restore;
    private final WorldStore worlds;
    private final ApprovalQueue approvals;
    private final AuditLog audit;

    WorldReplay(WorldRestore restore, WorldStore worlds, ApprovalQueue approvals, AuditLog audit) {
        this.restore = restore;
        this.worlds = worlds;
        this.approvals = approvals;
        this.audit = audit;
    }

    /**
     * Runs a continued world forward through {@code loop} to where it was; a new world is returned
     * as it is.
     *
     * @throws IllegalStateException when the world cannot be rebuilt: its open cases were handed to
     *     a person and the next start begins a new world (the message says so)
     */
    Rebuilt rebuild(WorldRestore.Prepared prepared, RemediationLoop loop, TwinSpec spec) {
        if (!prepared.continued()) {
            return new Rebuilt(prepared, 0, 0, Optional.empty(), Optional.empty());
        }
        long started = System.nanoTime();
        WorldStore.World world = prepared.world();
        OperatorTwin twin = prepared.twin();
        List<WorldStore.JournalEntry> journal = worlds.journal(world.id());
        Instant completed = world.simTime();
        Instant last = completed;
        for (WorldStore.JournalEntry e : journal) {
            if (e.simTime().isAfter(last)) {
                last = e.simTime(); // journaled during a tick whose end was not saved
            }
        }
        long ticks = 0;
        Journal calls = new Journal(journal, twin);
        try {
            TwinListener listener =
                    new TwinListener() {
                        @Override
                        public void onTelemetry(TelemetrySample sample) {
                            loop.observe(sample);
                        }

                        @Override
                        public void onAlarm(Alarm alarm) {
                            loop.observe(alarm);
                        }
                    };
            calls.applyDue();
            while (twin.now().isBefore(last)) {
                Instant t = twin.now().plus(spec.tick());
                twin.advanceTo(t, listener);
                loop.catchUp(t);
                calls.applyDue();
                ticks++;
            }
            if (calls.next < journal.size()) {
                throw new IllegalStateException(
                        "the tool journal has "
                                + (journal.size() - calls.next)
                                + " call(s) after "
                                + twin.now()
                                + ", between ticks of "
                                + spec.tick());
            }
        } catch (RuntimeException e) {
            restore.abandon(world, spec, e.toString());
            throw new IllegalStateException(
                    "the simulated world "
                            + world.id()
                            + " could not be rebuilt ("
                            + e
                            + "); its open cases went to a person, and the next start begins a"
                            + " new world: start the service again",
                    e);
        }
        log.info(
                "rebuilt simulated world {}: {} ticks to {} and {} tool calls replayed in {} ms",
                world.id(),
                ticks,
                twin.now(),
                journal.size(),
                (System.nanoTime() - started) / 1_000_000);
        expireOrphans(loop.cases(), twin.now());
        if (!last.isAfter(completed)) {
            return new Rebuilt(prepared, ticks, journal.size(), Optional.empty(), Optional.empty());
        }
        // the service stopped while the loop worked this tick: the loop finishes it
        try {
            loop.tick(last);
            worlds.reached(world.id(), last);
            log.info("finished the tick at {}, under way when the service stopped", last);
            return new Rebuilt(
                    prepared, ticks, journal.size(), Optional.of(last), Optional.empty());
        } catch (RuntimeException e) {
            log.error("the loop failed finishing the tick at {}; resume to try again", last, e);
            return new Rebuilt(
                    prepared,
                    ticks,
                    journal.size(),
                    Optional.of(last),
                    Optional.of("simulation stopped at " + last + ": " + e));
        }
    }

    /**
     * A request the loop parked for one of this world's cases, but which no step of the case waits
     * on: the service stopped between parking it and saving the case. The case's step is still
     * pending and asks again when the loop resumes, so this one is closed, not left for a person to
     * answer in vain.
     */
    private void expireOrphans(List<CaseRecord> all, Instant now) {
        Map<String, CaseRecord> cases = new HashMap<>();
        all.forEach(c -> cases.put(c.id().value(), c));
        for (ApprovalRequest r : approvals.pending()) {
            CaseRecord c = cases.get(r.action().caseId().value());
            if (c == null) {
                continue; // not the loop's (an MCP client's): its caller still holds the id
            }
            boolean waitedOn =
                    c.status().isAgentWorking()
                            && c.steps().stream()
                                    .anyMatch(s -> s.approvalId().equals(Optional.of(r.id())));
            if (!waitedOn) {
                WorldRestore.expire(
                        approvals,
                        audit,
                        r,
                        "the service stopped before case "
                                + c.id()
                                + " recorded this request; the case asks again if it still"
                                + " needs it",
                        now);
                log.info("expired {}: no step of {} waits on it", r.id(), c.id());
            }
        }
    }

    /** The journal applied to the twin, up to the twin's now at each call. */
    private static final class Journal {
        private final List<WorldStore.JournalEntry> entries;
        private final OperatorTwin twin;
        private int next;

        Journal(List<WorldStore.JournalEntry> entries, OperatorTwin twin) {
            this.entries = entries;
            this.twin = twin;
        }

        void applyDue() {
            while (next < entries.size() && !entries.get(next).simTime().isAfter(twin.now())) {
                apply(entries.get(next++));
            }
        }

        private void apply(WorldStore.JournalEntry e) {
            // a tool the twin does not have is another world, not a call to skip
            Tool tool = twin.tools().require(e.tool());
            try {
                tool.execute(
                        new ToolInvocation(
                                ToolCall.of(e.tool(), e.arguments()),
                                new IdempotencyKey(e.idempotencyKey()),
                                e.actor()));
            } catch (RuntimeException thrownAgain) {
                // it threw the first time too (the caller took it as UNCERTAIN): the same twin
            }
        }
    }
}
