package dev.autonoc.service.simulation;

import dev.autonoc.core.approval.Actors;
import dev.autonoc.core.approval.ApprovalAnswer;
import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.approval.Verdict;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.loop.AuditEvents;
import dev.autonoc.service.store.JdbcCaseStore;
import dev.autonoc.service.store.ServiceDatabase;
import dev.autonoc.service.store.Sha256;
import dev.autonoc.service.store.WorldStore;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.TwinSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which simulated world a start works on: the one the service ran before, to be rebuilt, or a new
 * one.
 *
 * <p>A NOC's network does not restart when its tools do: after a restart the cases are where they
 * were, and so must the network be. The twin is deterministic given its spec and what was done to
 * it, so a start with the same spec (preset, seed, tick, faults, ...) continues the world: a new
 * twin from the seed and a fresh predictor, which {@link WorldReplay} then runs forward through the
 * loop to where the world was, once the loop is built over the world's cases.
 *
 * <p>A start with another spec is another world: the cases still open in the old one are handed to
 * a person (status {@code NEEDS_PERSON}), with the reason and a {@code CASE_HANDED_OVER} event, and
 * its pending approvals expire; the same if the old world cannot be rebuilt ({@link #abandon}). The
 * new world starts from the twin's first day.
 */
final class WorldRestore {

    private static final Logger log = LoggerFactory.getLogger(WorldRestore.class);

    /** The loop's own events for its approvals and cases, so the ledger has one shape of each. */
    private static final AuditEvents EVENTS = AuditEvents.untagged();

    /**
     * The world a start works on, before it is rebuilt.
     *
     * @param twin a new twin of the world's spec, at its first instant
     * @param predictions a fresh predictor over the twin's elements
     * @param world its id (in case ids), spec and the simulated time it had reached
     * @param continued whether the world is the one the service ran before (to be rebuilt to {@code
     *     world.simTime()}), rather than a new one
     * @param handedOver ids of the old world's cases handed to a person at this start
     */
    record Prepared(
            OperatorTwin twin,
            LatestPredictions predictions,
            WorldStore.World world,
            boolean continued,
            List<String> handedOver) {}

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

    /** The world for {@code spec}: the one before (same spec), or a new one. */
    Prepared prepare(TwinSpec spec, Function<OperatorTwin, LatestPredictions> predictorFor) {
        String specText = spec.toString();
        String hash = Sha256.hex(specText);
        Optional<WorldStore.World> before = worlds.current();
        if (before.isPresent() && before.get().specHash().equals(hash)) {
            OperatorTwin twin = OperatorTwin.create(spec);
            return new Prepared(twin, predictorFor.apply(twin), before.get(), true, List.of());
        }
        String reason =
                before.isPresent()
                        ? "the service restarted with another simulation ("
                                + describe(spec, hash)
                                + "); the simulated world this case was opened in is gone"
                        : "";
        List<String> handed = before.isPresent() ? handOver(before.get(), reason) : List.of();
        OperatorTwin twin = OperatorTwin.create(spec);
        WorldStore.World world = begin(spec, twin.now());
        log.info(
                "new simulated world {} ({}){}",
                world.id(),
                describe(spec, hash),
                handed.isEmpty() ? "" : "; handed to a person: " + handed);
        return new Prepared(twin, predictorFor.apply(twin), world, false, handed);
    }

    /**
     * Gives up a world that cannot be rebuilt: its open cases go to a person and its requests
     * expire, with {@code why} as the reason, and a new world of {@code spec} becomes the current
     * one, for the next start.
     *
     * @return the new world
     */
    WorldStore.World abandon(WorldStore.World old, TwinSpec spec, String why) {
        String reason =
                "the service restarted and could not rebuild the simulated world this case was"
                        + " opened in ("
                        + describe(spec, old.specHash())
                        + "): "
                        + why;
        List<String> handed = handOver(old, reason);
        WorldStore.World world = begin(spec, OperatorTwin.EPOCH);
        log.error(
                "simulated world {} could not be rebuilt ({}); handed to a person: {}; the next"
                        + " start begins new world {}",
                old.id(),
                why,
                handed,
                world.id());
        return world;
    }

    private WorldStore.World begin(TwinSpec spec, Instant start) {
        String specText = spec.toString();
        return worlds.begin(
                worlds.freshId(RunStamp.of(wall)),
                Sha256.hex(specText),
                specText,
                start,
                wall.instant());
    }

    /**
     * Hands the old world's open cases to a person and expires its pending approvals, each with its
     * event in the ledger first.
     */
    private List<String> handOver(WorldStore.World old, String reason) {
        Instant at = old.simTime();
        for (ApprovalRequest r : approvals.pending()) {
            expire(approvals, audit, r, reason, at);
        }
        JdbcCaseStore cases = JdbcCaseStore.open(db, old.id());
        List<String> handed = new ArrayList<>();
        for (CaseRecord c : cases.open()) {
            if (c.status().isWithPerson()) {
                continue; // a person has it already, and keeps it
            }
            CaseRecord ended = c.needsPerson(at, reason);
            audit.append(EVENTS.caseEnded(agent, ended, at));
            cases.save(ended);
            handed.add(c.id().value());
        }
        return handed;
    }

    /**
     * Expires a request with its event in the ledger first: a crash between the two leaves the
     * request pending, to be expired (and logged) again at the next start, rather than expired
     * without its event. The event carries the answer every queue gives an expiry.
     */
    static void expire(
            ApprovalQueue approvals, AuditLog audit, ApprovalRequest r, String reason, Instant at) {
        ApprovalAnswer expiry =
                new ApprovalAnswer(
                        r.id(), Verdict.EXPIRED, Actors.SYSTEM, "", reason, at, Optional.empty());
        audit.append(EVENTS.approvalAnswered(r, expiry));
        ApprovalAnswer recorded = approvals.expire(r.id(), reason, at);
        if (!recorded.equals(expiry)) {
            log.warn("{} was expired as {}, logged as {}", r.id(), recorded, expiry);
        }
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
}
