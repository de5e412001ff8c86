package dev.autonoc.service.connected;

import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.loop.RemediationLoop;
import dev.autonoc.core.loop.RemediationLoopBuilder;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.planner.PlaybookPlanner;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.FailurePredictor;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.policy.CelPolicyGate;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
 * the same code: a small quiet twin of its own (the metro preset) behind its TMF façade on a
 * loopback port, reached with the same TMF HTTP clients; the ledger, the case store, the approval
 * queue and the gate's memory on an in-memory H2 database of their own; the playbook planner, the
 * policy's default rules under the network gate and the autonomy gate; cases opened at once and
 * brought to their first proposals, their later steps worked, as a burst would be. Nothing of it
 * reaches the service's ledger, database or the operator's systems, and all of it is dropped at the
 * end. A failure is logged and the instance starts as it would have without it.
 */
final class ColdStart {

    private static final Logger log = LoggerFactory.getLogger(ColdStart.class);

    private ColdStart() {}

    /**
     * What a warm-up did: the cases opened, how many of them reached a first proposal (an act's
     * call or an approval request; a case planned as a watch makes none), the ticks, the time.
     */
    record Done(int cases, int proposed, int ticks, Duration took) {}

    /**
     * Works {@code cases} cases of a throwaway network, {@code atOnce} at a time, in two ticks
     * (half of them opened in each, the first ones worked on in the second). Never throws.
     *
     * @return what was done; zero cases if {@code cases} is 0 or the warm-up failed
     */
    static Done run(int cases, int atOnce) {
        if (cases <= 0) {
            return new Done(0, 0, 0, Duration.ZERO);
        }
        long t0 = System.nanoTime();
        try {
            Done done = work(cases, Math.max(1, atOnce), t0);
            log.info(
                    "autonoc connected: warmed up on a throwaway network before taking partitions:"
                            + " {} case(s), {} to a first proposal, in {} tick(s), {} ms (none of it"
                            + " in this service's ledger, database or the operator's systems)",
                    done.cases(),
                    done.proposed(),
                    done.ticks(),
                    done.took().toMillis());
            return done;
        } catch (RuntimeException | LinkageError e) {
            log.warn(
                    "autonoc connected: the warm-up before taking partitions failed ({}); the first"
                            + " cases will run on a cold JVM",
                    e.toString());
            return new Done(0, 0, 0, Duration.ofNanos(System.nanoTime() - t0));
        }
    }

    private static Done work(int cases, int atOnce, long t0) {
        OperatorTwin twin = OperatorTwin.create(TwinSpec.quiet(Preset.METRO, 7));
        TmfHttpFacade facade = TmfHttpFacade.start(twin);
        String name = "autonoc-cold-start-" + UUID.randomUUID();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        ExecutorService workers =
                Executors.newFixedThreadPool(
                        atOnce,
                        r -> {
                            Thread t = new Thread(r, "autonoc-cold-start");
                            t.setDaemon(true);
                            return t;
                        });
        try {
            Clock clock = twin.clock();
            JdbcAuditLog ledger = JdbcAuditLog.open(h2, clock);
            ServiceDatabase db = ServiceDatabase.open(h2);
            RoleHierarchy roles = RoleHierarchy.operatorDefault();
            SharedCaseStore store = SharedCaseStore.open(db, "cold-start", "cold-start", clock);
            store.claim(List.of(0), e -> 0);
            List<Prediction> risks = new ArrayList<>();
            RemediationLoopBuilder builder =
                    RemediationLoop.builder()
                            .stageUntilEffects()
                            .caseIdPrefix("case-cold-start")
                            .predictor(new Risks(risks))
                            .planner(new PlaybookPlanner())
                            .gate(
                                    new AutonomyGate(
                                            new NetworkPolicyGate(
                                                    CelPolicyGate.fromText(
                                                            "default.yaml",
                                                            CelPolicyGate.defaultPolicyText(),
                                                            roles),
                                                    new GateMemory(db, "cold-start")),
                                            AutonomyLevels.auto()))
                            .approvals(SharedApprovalQueue.open(db, roles))
                            .tools(
                                    ToolCatalogues.standard(
                                            TmfHttpClients.ossBss(facade.baseUri()), clock))
                            .audit(new GroupCommitLedger(ledger))
                            .cases(store.worked())
                            .clock(clock)
                            .elements(twin.elements())
                            .roles(roles);
            if (atOnce > 1) {
                builder.workNewCasesOn(workers, atOnce);
            }
            RemediationLoop loop = builder.build();
            List<Prediction> all = atRisk(twin.elements(), clock.instant(), cases);
            int firstTick = (all.size() + 1) / 2;
            Instant now = clock.instant();
            risks.addAll(all.subList(0, firstTick));
            loop.tick(now);
            risks.addAll(all.subList(firstTick, all.size()));
            loop.tick(now.plus(Duration.ofMinutes(5)));
            long proposed =
                    ledger.query(AuditQuery.all()).stream()
                            .map(AuditEntry::event)
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
            return new Done(
                    all.size(), (int) proposed, 2, Duration.ofNanos(System.nanoTime() - t0));
        } finally {
            workers.shutdownNow();
            awaitEnd(workers);
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

    private static void awaitEnd(ExecutorService workers) {
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                log.debug("the warm-up's workers did not end within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
