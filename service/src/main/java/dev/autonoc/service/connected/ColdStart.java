package dev.autonoc.service.connected;

import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.loop.RemediationLoop;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.plan.Planner;
import dev.autonoc.core.planner.PlaybookPlanner;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.FailurePredictor;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.policy.CelPolicyGate;
import dev.autonoc.policy.PolicyStore;
import dev.autonoc.service.audit.GroupCommitLedger;
import dev.autonoc.service.store.GateMemory;
import dev.autonoc.service.store.ServiceDatabase;
import dev.autonoc.service.store.SharedApprovalQueue;
import dev.autonoc.service.store.SharedCaseStore;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.Preset;
import dev.autonoc.simulators.TwinSpec;
import dev.autonoc.simulators.http.TmfHttpFacade;
import dev.autonoc.tools.catalogue.ToolCatalogues;
import dev.autonoc.tools.http.TmfHttpClients;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cold JVM's first cases, paid before the instance takes any (docs/connected-mode.md, "A cold
 * start"): an instance's first real case used to take a second or more to its first proposal
 * (classes loaded, the policy's expressions, the JSON mappers and the HTTP client set up for the
 * first time, all interpreted), against about a tenth of that for the next ones.
 *
 * <p>So at start, before the consumer joins the group (and so before the instance takes partitions
 * and reports itself ready), connected mode's loop works a few cases of a throwaway network through
 * the same code: the loop built by the same {@link ConnectedLoop} as the network's (its threads,
 * the policy in force under the network gate and the configured autonomy levels, shadow mode, the
 * latency watch, the planner as the network's is asked), over a small quiet twin of its own (the
 * metro preset) behind its TMF façade on a loopback port, reached with the same TMF HTTP clients;
 * the ledger, the case store, the approval queue and the gate's memory on an in-memory H2 database
 * of their own; cases opened at once and brought to their first proposals, their later steps
 * worked, as a burst would be. Nothing of it reaches the service's ledger, database, metrics or the
 * operator's systems, and all of it is dropped at the end. A failure is logged and the instance
 * starts as it would have without it.
 */
final class ColdStart {

    private static final Logger log = LoggerFactory.getLogger(ColdStart.class);

    private ColdStart() {}

    /**
     * What a warm-up did: the cases opened, how many of them reached a first proposal (an act's
     * call or an approval request; a case planned as a watch makes none), how many had a step only
     * observed (shadow mode), the ticks, the time.
     */
    record Done(int cases, int proposed, int observed, int ticks, Duration took) {

        /** The counts of both; the time stays this one's (the whole's is set by {@link #took}). */
        Done plus(Done round) {
            return new Done(
                    cases + round.cases,
                    proposed + round.proposed,
                    observed + round.observed,
                    ticks + round.ticks,
                    took);
        }

        Done took(Duration whole) {
            return new Done(cases, proposed, observed, ticks, whole);
        }
    }

    /**
     * Works {@code cases} cases of throwaway networks on a loop built by {@code loop}, as many at
     * once as it works new cases, in rounds of two ticks (half of a round's cases opened in each,
     * the first ones worked on in the second), a new network per round: one metro network has
     * elements for 13 cases (docs/connected-mode.md, "A cold start": more warm-up cases made a case
     * alone quicker in the harness, not yet in the soak). Never throws.
     *
     * @param policy the policy in force: the warm-up decides with a copy of it, whose guards count
     *     the throwaway network's acts only
     * @param planner the network's planner: the warm-up asks it as the network's loop does when it
     *     is the playbook; a planner that consults a model plans the warm-up's cases with the
     *     playbook instead (its consultations are written to the service's ledger, and its model is
     *     the operator's account)
     * @return what was done; zero cases if {@code cases} is 0 or the warm-up failed
     */
    static Done run(
            int cases,
            ConnectedLoop loop,
            CelPolicyGate policy,
            Planner planner,
            RoleHierarchy roles) {
        if (cases <= 0) {
            return new Done(0, 0, 0, 0, Duration.ZERO);
        }
        long t0 = System.nanoTime();
        try {
            // rounds, each on a throwaway network of its own: the first opens as many cases as its
            // network has elements for, and says so; the rest share what is left evenly (40: 13,
            // then 9, 9 and 9, not a round of one at the end)
            Done done = round(cases, loop, policy, planner, roles);
            int perRound = done.cases();
            while (perRound > 0 && done.cases() < cases) {
                int left = cases - done.cases();
                int rounds = (left + perRound - 1) / perRound;
                Done round = round((left + rounds - 1) / rounds, loop, policy, planner, roles);
                if (round.cases() == 0) {
                    break;
                }
                done = done.plus(round);
            }
            done = done.took(Duration.ofNanos(System.nanoTime() - t0));
            log.info(
                    "autonoc connected: warmed up on a throwaway network before taking partitions:"
                            + " {} case(s), {} to a first proposal, {} observed only, in {}"
                            + " tick(s), {} ms (none of it in this service's ledger, database or the"
                            + " operator's systems)",
                    done.cases(),
                    done.proposed(),
                    done.observed(),
                    done.ticks(),
                    done.took().toMillis());
            return done;
        } catch (RuntimeException | LinkageError e) {
            log.warn(
                    "autonoc connected: the warm-up before taking partitions failed ({}); the first"
                            + " cases will run on a cold JVM",
                    e.toString());
            return new Done(0, 0, 0, 0, Duration.ofNanos(System.nanoTime() - t0));
        }
    }

    /** The planner the warm-up asks: the network's playbook, or a playbook of its own. */
    static Planner plannerFor(Planner networks) {
        return networks instanceof PlaybookPlanner ? networks : new PlaybookPlanner();
    }

    /**
     * One round: up to {@code cases} cases of a new throwaway network, opened over two ticks and
     * worked to the end; at most one per fan-bearing router and every other link of the metro
     * preset (13), so a larger warm-up takes several rounds.
     */
    private static Done round(
            int cases,
            ConnectedLoop connected,
            CelPolicyGate policy,
            Planner planner,
            RoleHierarchy roles) {
        long t0 = System.nanoTime();
        OperatorTwin twin = OperatorTwin.create(TwinSpec.quiet(Preset.METRO, 7));
        TmfHttpFacade facade = TmfHttpFacade.start(twin);
        String name = "autonoc-cold-start-" + UUID.randomUUID();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        try {
            Clock clock = twin.clock();
            JdbcAuditLog ledger = JdbcAuditLog.open(h2, clock);
            ServiceDatabase db = ServiceDatabase.open(h2);
            SharedCaseStore store = SharedCaseStore.open(db, "cold-start", "cold-start", clock);
            store.claim(List.of(0), e -> 0);
            List<Prediction> risks = new ArrayList<>();
            // a copy of the policy in force: the real gate's guards never count these acts
            PolicyStore.Version inForce = policy.store().version(policy.version()).orElseThrow();
            RemediationLoop loop =
                    connected.build(
                            new ConnectedLoop.Ports(
                                    new Risks(risks),
                                    plannerFor(planner),
                                    connected.gate(
                                            CelPolicyGate.fromText(
                                                    inForce.name(), inForce.text(), roles),
                                            new GateMemory(db, "cold-start")),
                                    SharedApprovalQueue.open(db, roles),
                                    ToolCatalogues.standard(
                                            TmfHttpClients.ossBss(facade.baseUri()), clock),
                                    new GroupCommitLedger(ledger),
                                    store.worked(),
                                    clock,
                                    twin.elements(),
                                    roles,
                                    // nothing of this network's is measured in the service's
                                    // metrics
                                    IngestLatency.unobserved()),
                            "case-cold-start");
            List<Prediction> all = atRisk(twin.elements(), clock.instant(), cases);
            int firstTick = (all.size() + 1) / 2;
            Instant now = clock.instant();
            risks.addAll(all.subList(0, firstTick));
            loop.tick(now);
            risks.addAll(all.subList(firstTick, all.size()));
            loop.tick(now.plus(Duration.ofMinutes(5)));
            // the rest of the two ticks, behind them, before the throwaway network is dropped
            loop.awaitLaterSteps();
            List<AuditEvent> events =
                    ledger.query(AuditQuery.all()).stream().map(AuditEntry::event).toList();
            long proposed =
                    events.stream()
                            .filter(
                                    e ->
                                            e.type() == AuditEventType.APPROVAL_REQUESTED
                                                    || (e.type() == AuditEventType.TOOL_CALL
                                                            && "ACT"
                                                                    .equals(
                                                                            e.payload()
                                                                                    .get(
                                                                                            "tool_kind"))))
                            .map(AuditEvent::correlationId)
                            .distinct()
                            .count();
            long observed =
                    events.stream()
                            .filter(e -> e.type() == AuditEventType.POLICY_DECISION)
                            .filter(
                                    e ->
                                            e.payload().get("rule_ids") instanceof List<?> ids
                                                    && ids.contains(AutonomyGate.OBSERVE_RULE))
                            .map(AuditEvent::correlationId)
                            .distinct()
                            .count();
            return new Done(
                    all.size(),
                    (int) proposed,
                    (int) observed,
                    2,
                    Duration.ofNanos(System.nanoTime() - t0));
        } finally {
            facade.stop();
            drop(h2);
        }
    }

    /** Routers with a wearing fan and links with an aging laser, as faults come. */
    private static List<Prediction> atRisk(List<Element> elements, Instant now, int cases) {
        List<Prediction> out = new ArrayList<>();
        for (Element e : elements) {
            if (out.size() >= cases) {
                break;
            }
            FailureMode mode =
                    switch (e.kind()) {
                        case LINK -> FailureMode.LASER_AGING;
                        case ROUTER -> FailureMode.FAN_WEAR;
                        default -> null;
                    };
            if (mode != null && (e.kind() != ElementKind.LINK || out.size() % 2 == 0)) {
                out.add(
                        new Prediction(
                                e.id(),
                                now,
                                0.9,
                                mode,
                                Duration.ofHours(30 + 6L * out.size()),
                                List.of(),
                                "cold-start"));
            }
        }
        return out;
    }

    private static void drop(JdbcDataSource h2) {
        try (Connection c = h2.getConnection();
                Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            log.debug("the warm-up's database was gone already: {}", e.getMessage());
        }
    }

    /** The warm-up's predictor: the risks it is handed, and nothing learnt. */
    private record Risks(List<Prediction> risks) implements FailurePredictor {
        Risks {
            Objects.requireNonNull(risks, "risks");
        }

        @Override
        public String modelVersion() {
            return "cold-start";
        }

        @Override
        public void observe(TelemetrySample sample) {}

        @Override
        public List<Prediction> atRisk(Instant at) {
            return List.copyOf(risks);
        }
    }
}
