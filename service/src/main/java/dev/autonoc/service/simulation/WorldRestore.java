package dev.autonoc.service.simulation;

import dev.autonoc.core.approval.ApprovalAnswer;
import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.cases.CaseId;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStatus;
import dev.autonoc.core.loop.AuditEvents;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.service.store.JdbcCaseStore;
import dev.autonoc.service.store.ServiceDatabase;
import dev.autonoc.service.store.WorldStore;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.TwinListener;
import dev.autonoc.simulators.TwinSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a start does with the simulated world the service ran before it stopped.
 *
 * <p>A NOC's network does not restart when its tools do: after a restart the cases are where they
 * were, and so must the network be. The twin is deterministic given its spec and what was done to
 * it, so a start with the same spec (preset, seed, tick, faults, ...) rebuilds it: a new twin from
 * the seed, run forward tick by tick to the simulated time the world had reached, with every tool
 * invocation of the journal replayed at the simulated time it ran, and the predictor fed every
 * sample and told of every element worked on, as the loop did; the act calls that succeeded are
 * handed to the policy gate's guards, which count them again. Nothing goes to the ledger during the
 * replay: it all happened, and is there already. Then the loop carries on with the stored cases and
 * approvals.
 *
 * <p>A start with another spec is another world: the cases still open in the old one are handed to
 * a person, with the reason, and its pending approvals expire; the same if the old world cannot be
 * rebuilt. The new world starts from the twin's first day.
 */
final class WorldRestore {

    private static final Logger log = LoggerFactory.getLogger(WorldRestore.class);

    /** The loop's own events for its approvals and cases, so the ledger has one shape of each. */
    private static final AuditEvents EVENTS = AuditEvents.untagged();

    /**
     * The world the service runs now.
     *
     * @param world its id (in case ids), spec and the simulated time it starts from
     * @param replayedTicks ticks run to rebuild it (0 for a new world)
     * @param replayedCalls journal entries replayed
     * @param handedOver ids of the old world's cases handed to a person at this start
     * @param executions the act calls that succeeded in the rebuilt world, in order, for the policy
     *     gate's guards (rate limits, spend, elements under work) to count again
     */
    record Restored(
            OperatorTwin twin,
            LatestPredictions predictions,
            WorldStore.World world,
            long replayedTicks,
            int replayedCalls,
            List<String> handedOver,
            List<Execution> executions) {}

    /**
     * An act call that ran and succeeded, as the gate counted it: the guards read the element and
     * its region, the tool, the simulated time and the result (cost, completion), not the estimate.
     */
    record Execution(ActionRequest request, ToolResult result) {}

    private final ServiceDatabase db;
    private final WorldStore worlds;
    private final ApprovalQueue approvals;
    private final AuditLog audit;
    private final Clock wall;
    private final String agent;

    WorldRestore(
            ServiceDatabase db,
            WorldStore worlds,
            ApprovalQueue approvals,
            AuditLog audit,
            Clock wall,
            String agent) {
        this.db = db;
        this.worlds = worlds;
        this.approvals = approvals;
        this.audit = audit;
        this.wall = wall;
        this.agent = agent;
    }

    /** Builds the twin and the predictor for {@code spec}: rebuilt, or new. */
    Restored restore(TwinSpec spec, Function<OperatorTwin, LatestPredictions> predictorFor) {
        String specText = spec.toString();
        String hash = sha256(specText);
        Optional<WorldStore.World> before = worlds.current();
        String reason;
        if (before.isPresent() && before.get().specHash().equals(hash)) {
            WorldStore.World world = before.get();
            OperatorTwin twin = OperatorTwin.create(spec);
            LatestPredictions predictions = predictorFor.apply(twin);
            try {
                return replay(world, twin, predictions, spec.tick());
            } catch (RuntimeException e) {
                log.error("cannot rebuild simulated world {}; starting a new one", world.id(), e);
                reason =
                        "the service restarted and could not rebuild the simulated world this"
                                + " case was opened in ("
                                + describe(spec, hash)
                                + "): "
                                + e;
            }
        } else if (before.isPresent()) {
            reason =
                    "the service restarted with another simulation ("
                            + describe(spec, hash)
                            + "); the simulated world this case was opened in is gone";
        } else {
            reason = "";
        }
        List<String> handed = before.isPresent() ? handOver(before.get(), reason) : List.of();
        OperatorTwin twin = OperatorTwin.create(spec);
        LatestPredictions predictions = predictorFor.apply(twin);
        WorldStore.World world =
                worlds.begin(
                        worlds.freshId(RunStamp.of(wall)),
                        hash,
                        specText,
                        twin.now(),
                        wall.instant());
        log.info(
                "new simulated world {} ({}){}",
                world.id(),
                describe(spec, hash),
                handed.isEmpty() ? "" : "; handed to a person: " + handed);
        return new Restored(twin, predictions, world, 0, 0, handed, List.of());
    }

    private Restored replay(
            WorldStore.World world,
            OperatorTwin twin,
            LatestPredictions predictions,
            Duration tick) {
        long started = System.nanoTime();
        List<WorldStore.JournalEntry> journal = worlds.journal(world.id());
        Instant target = world.simTime();
        for (WorldStore.JournalEntry e : journal) {
            if (e.simTime().isAfter(target)) {
                // journaled during the tick whose time was not saved yet: that tick ran
                target = e.simTime();
            }
        }
        // the loop told the predictor of every element worked on when it closed the case
        Map<Instant, List<ElementId>> maintained = new TreeMap<>();
        Map<String, CaseRecord> cases = new HashMap<>();
        for (CaseRecord c : JdbcCaseStore.open(db, world.id()).all()) {
            cases.put(c.id().value(), c);
            if (c.status() == CaseStatus.CLOSED && !c.steps().isEmpty()) {
                maintained
                        .computeIfAbsent(c.endedAt().orElseThrow(), t -> new ArrayList<>())
                        .add(c.element().id());
            }
        }
        TwinListener listener =
                new TwinListener() {
                    @Override
                    public void onTelemetry(TelemetrySample sample) {
                        predictions.observe(sample);
                    }

                    @Override
                    public void onAlarm(Alarm alarm) {
                        predictions.observe(alarm);
                    }
                };
        Replay replay = new Replay(journal, twin, cases);
        replay.applyDue();
        long ticks = 0;
        while (twin.now().isBefore(target)) {
            Instant t = twin.now().plus(tick);
            twin.advanceTo(t, listener);
            // what the loop's step did at t: ask the predictor, close cases, then act
            predictions.atRisk(t);
            for (ElementId e : maintained.getOrDefault(t, List.of())) {
                predictions.maintained(e, t);
            }
            replay.applyDue();
            ticks++;
        }
        if (replay.next < journal.size()) {
            throw new IllegalStateException(
                    "the tool journal has "
                            + (journal.size() - replay.next)
                            + " call(s) after "
                            + twin.now()
                            + ", between ticks of "
                            + tick);
        }
        log.info(
                "rebuilt simulated world {}: {} ticks to {} and {} tool calls replayed in {} ms",
                world.id(),
                ticks,
                twin.now(),
                journal.size(),
                (System.nanoTime() - started) / 1_000_000);
        expireOrphans(cases, twin.now());
        return new Restored(
                twin, predictions, world, ticks, journal.size(), List.of(), replay.executions);
    }

    /**
     * A request the loop parked for one of this world's cases, but which no step of the case waits
     * on: the service stopped between parking it and saving the case. The case's step is still
     * pending and asks again when the loop resumes, so this one is closed, not left for a person to
     * answer in vain.
     */
    private void expireOrphans(Map<String, CaseRecord> cases, Instant now) {
        for (ApprovalRequest r : approvals.pending()) {
            CaseRecord c = cases.get(r.action().caseId().value());
            if (c == null) {
                continue; // not the loop's (an MCP client's): its caller still holds the id
            }
            boolean waitedOn =
                    c.status().isOpen()
                            && c.steps().stream()
                                    .anyMatch(s -> s.approvalId().equals(Optional.of(r.id())));
            if (!waitedOn) {
                ApprovalAnswer expiry =
                        approvals.expire(
                                r.id(),
                                "the service stopped before case "
                                        + c.id()
                                        + " recorded this request; the case asks again if it"
                                        + " still needs it",
                                now);
                audit.append(EVENTS.approvalAnswered(r, expiry));
                log.info("expired {}: no step of {} waits on it", r.id(), c.id());
            }
        }
    }

    /** The journal replayed into the new twin, up to the twin's now at each call. */
    private static final class Replay {
        private final List<WorldStore.JournalEntry> journal;
        private final OperatorTwin twin;
        private final Map<String, CaseRecord> cases;
        private final Map<String, Element> elements = new HashMap<>();
        private final List<Execution> executions = new ArrayList<>();
        private int next;

        Replay(
                List<WorldStore.JournalEntry> journal,
                OperatorTwin twin,
                Map<String, CaseRecord> cases) {
            this.journal = journal;
            this.twin = twin;
            this.cases = cases;
            twin.elements().forEach(e -> elements.put(e.id().value(), e));
        }

        /** Replays the calls made at or before the twin's now. */
        void applyDue() {
            while (next < journal.size() && !journal.get(next).simTime().isAfter(twin.now())) {
                apply(journal.get(next++));
            }
        }

        private void apply(WorldStore.JournalEntry e) {
            ToolCall call = ToolCall.of(e.tool(), e.arguments());
            ToolResult result;
            try {
                result =
                        twin.tools()
                                .require(e.tool())
                                .execute(
                                        new ToolInvocation(
                                                call,
                                                new IdempotencyKey(e.idempotencyKey()),
                                                e.actor()));
            } catch (RuntimeException thrownAgain) {
                // the call threw the first time too (the loop took it as UNCERTAIN): same twin
                return;
            }
            if (result.succeeded() && ToolNames.ACT.contains(e.tool())) {
                // only gated calls act, and the gate counted each one that succeeded
                counted(e, call, result);
            }
        }

        private void counted(WorldStore.JournalEntry e, ToolCall call, ToolResult result) {
            // keys are <case or correlation id>/<step>/<attempt>
            String[] key = e.idempotencyKey().split("/", 3);
            CaseRecord c = cases.get(key[0]);
            Element element =
                    c != null
                            ? c.element()
                            : elements.get(String.valueOf(call.arguments().get("element_id")));
            if (element == null && call.arguments().get("case_id") instanceof String caseId) {
                CaseRecord named = cases.get(caseId);
                element = named == null ? null : named.element();
            }
            if (element == null) {
                log.warn(
                        "journaled {} ({}) names no element; the guards do not count it",
                        e.tool(),
                        e.idempotencyKey());
                return;
            }
            int step = key.length > 1 && key[1].matches("-?\\d+") ? Integer.parseInt(key[1]) : 0;
            executions.add(
                    new Execution(
                            new ActionRequest(
                                    new CaseId(key[0]),
                                    step,
                                    call,
                                    Estimate.free(Risk.LOW),
                                    element,
                                    e.simTime(),
                                    e.actor(),
                                    c == null ? Optional.empty() : Optional.of(c.trigger())),
                            result));
        }
    }

    /**
     * Hands the old world's open cases to a person and expires its pending approvals, each with its
     * event in the ledger first.
     */
    private List<String> handOver(WorldStore.World old, String reason) {
        Instant at = old.simTime();
        for (ApprovalRequest r : approvals.pending()) {
            ApprovalAnswer expiry = approvals.expire(r.id(), reason, at);
            audit.append(EVENTS.approvalAnswered(r, expiry));
        }
        JdbcCaseStore cases = JdbcCaseStore.open(db, old.id());
        List<String> handed = new ArrayList<>();
        for (CaseRecord c : cases.open()) {
            CaseRecord ended = c.needsPerson(at, reason);
            audit.append(EVENTS.caseEnded(agent, ended, at));
            cases.save(ended);
            handed.add(c.id().value());
        }
        return handed;
    }

    static String describe(TwinSpec spec, String hash) {
        return spec.preset().key()
                + " operator, seed "
                + spec.seed()
                + ", tick "
                + spec.tick()
                + ", "
                + spec.faults().size()
                + " fault(s), spec "
                + hash.substring(0, 12);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
