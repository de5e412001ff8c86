package dev.autonoc.service.simulation;

import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.CaseId;
import dev.autonoc.core.approval.ApprovalAnswer;
import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.approval.Approver;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.audit.AuditVerification;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.policy.PolicyGate;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Tool;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.core.tool.ToolDescriptor;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.service.store.ServiceDatabase;
import dev.autonoc.simulators.OperatorTwin;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.h2.jdbcx.JdbcDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The kill test's child ({@link KillAndResumeTest}): the service's world, stores, restore and loop
 * as {@link AdapterWiring} wires them (through {@link ServiceParts}), on an H2 file as the service
 * keeps it, without Spring or a web server, running a fixed world with three faults as fast as it
 * goes to a fixed simulated time. Started again on the same folder it rebuilds the world and goes
 * on, as the service does.
 *
 * <p>Every durable write is a <em>point</em>: a ledger append, a case saved, an approval request or
 * answer, the gate told of an execution, a tool call journaled (before the twin runs it) and run
 * (before its result is in the ledger), a tick's end saved. Only what was written survives a
 * SIGKILL, so stopping between two points stands for every crash between them. Given {@code
 * --die-at "<epoch second>|<point>|<n>"}, the run stops at the n-th such point at that simulated
 * time, or at the first point after that time if this life does not make it (an earlier life did
 * that work already): it prints {@code DIE} and waits there, holding the loop's thread, for the
 * parent's SIGKILL.
 *
 * <p>Arguments: {@code <data folder> <days to run> [--die-at point] [--points file] [--outcome
 * file]}. {@code --points} writes every point with its simulated time (the parent draws the kill
 * points from them); {@code --outcome} writes the twin's outcome as JSON at the end.
 */
public final class KillableRun {

    /** The world: the metro operator, seed 42, a memory leak, a wearing fan and an aging laser. */
    static SimulationProperties settings() {
        return ServiceParts.settings(
                42,
                List.of(
                        fault("core-rtr-03", FailureMode.MEMORY_LEAK, Duration.ZERO, 2),
                        fault("core-rtr-02", FailureMode.FAN_WEAR, Duration.ofHours(6), 2),
                        fault(
                                "link-agg-rtr-01-core-rtr-02",
                                FailureMode.LASER_AGING,
                                Duration.ZERO,
                                2)));
    }

    /** Approvals wait 6 simulated hours, then go to the role above, then to a person. */
    static final Duration APPROVAL_TIMEOUT = Duration.ofHours(6);

    /** A fixed wall clock: the world's id, and so every case id, is the same run after run. */
    static final Clock WALL = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private KillableRun() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Instant until = OperatorTwin.EPOCH.plus(Duration.ofDays(Long.parseLong(args[1])));
        Optional<String> dieAt = Optional.empty();
        Optional<Path> pointsFile = Optional.empty();
        Optional<Path> outcomeFile = Optional.empty();
        for (int i = 2; i < args.length; i += 2) {
            switch (args[i]) {
                case "--die-at" -> dieAt = Optional.of(args[i + 1]);
                case "--points" -> pointsFile = Optional.of(Path.of(args[i + 1]));
                case "--outcome" -> outcomeFile = Optional.of(Path.of(args[i + 1]));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Points points = new Points(dieAt, System.out);
        JdbcDataSource ds = new JdbcDataSource();
        // the service's own URL for its embedded database (application.yml)
        ds.setURL(
                "jdbc:h2:file:"
                        + data.toAbsolutePath().resolve("autonoc")
                        + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        ds.setUser("sa");
        ds.setPassword("");
        try (JdbcAuditLog ledger = JdbcAuditLog.open(ds, WALL)) {
            ServiceDatabase db = ServiceDatabase.open(ds);
            try (ServiceParts parts =
                    ServiceParts.start(
                            db,
                            new WatchedLedger(ledger, points),
                            settings(),
                            APPROVAL_TIMEOUT,
                            WALL,
                            points)) {
                while (parts.driver.now().isBefore(until)) {
                    Duration left = Duration.between(parts.driver.now(), until);
                    parts.driver.advance(
                            left.compareTo(Duration.ofDays(1)) < 0 ? left : Duration.ofDays(1));
                }
                if (outcomeFile.isPresent()) {
                    Files.writeString(
                            outcomeFile.get(), JSON.writeValueAsString(parts.twin().outcome()));
                }
            }
        }
        if (pointsFile.isPresent()) {
            Files.write(pointsFile.get(), points.log);
        }
        System.out.println("DONE");
        System.out.flush();
        System.exit(0);
    }

    private static SimulationProperties.Fault fault(
            String element, FailureMode mode, Duration onset, int failsAfterDays) {
        return new SimulationProperties.Fault(
                element, null, null, null, mode, onset, Duration.ofDays(failsAfterDays));
    }

    /** Counts the durable writes; stops at the chosen one. Touched on the loop's thread only. */
    static final class Points implements ServiceParts.Wrappers {
        private final Optional<Instant> dieAt;
        private final String dieAtWhat;
        private final int dieAtNth;
        private final PrintStream out;
        final List<String> log = new ArrayList<>();
        private OperatorTwin twin;
        private int seen;

        /**
         * @param dieAt {@code <epoch second>|<point>|<n>}, where the run is to stop
         */
        Points(Optional<String> dieAt, PrintStream out) {
            String[] at = dieAt.map(d -> d.split("\\|", 3)).orElse(new String[] {"0", "", "0"});
            this.dieAt = dieAt.map(d -> Instant.ofEpochSecond(Long.parseLong(at[0])));
            this.dieAtWhat = at[1];
            this.dieAtNth = Integer.parseInt(at[2]);
            this.out = out;
        }

        void point(String what) {
            Instant now = twin == null ? OperatorTwin.EPOCH : twin.now();
            log.add(now.getEpochSecond() + " " + what);
            if (dieAt.isEmpty() || now.isBefore(dieAt.get())) {
                return;
            }
            boolean there =
                    now.isAfter(dieAt.get()) || (what.equals(dieAtWhat) && ++seen >= dieAtNth);
            if (!there) {
                return;
            }
            out.println("DIE " + now + " " + what);
            out.flush();
            while (true) { // the parent kills the process here, with SIGKILL
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    // held here until killed
                }
            }
        }

        @Override
        public void twin(OperatorTwin t) {
            this.twin = t;
        }

        @Override
        public CaseStore cases(CaseStore cases) {
            return new CaseStore() {
                @Override
                public void save(CaseRecord record) {
                    cases.save(record);
                    point("case " + record.id() + " " + record.status());
                }

                @Override
                public Optional<CaseRecord> find(CaseId id) {
                    return cases.find(id);
                }

                @Override
                public List<CaseRecord> open() {
                    return cases.open();
                }

                @Override
                public List<CaseRecord> all() {
                    return cases.all();
                }
            };
        }

        @Override
        public ApprovalQueue approvals(ApprovalQueue q) {
            return new ApprovalQueue() {
                // points name the case, not the request: an orphan expired after a crash shifts
                // the requests' numbers, and a kill point must still be found in a later life
                private String caseOf(String requestId) {
                    return q.find(requestId).map(r -> r.action().caseId().value()).orElse("?");
                }

                @Override
                public ApprovalRequest submit(ActionRequest action, Decision decision, Instant at) {
                    ApprovalRequest r = q.submit(action, decision, at);
                    point("approval for " + action.caseId() + " requested");
                    return r;
                }

                @Override
                public List<ApprovalRequest> pending() {
                    return q.pending();
                }

                @Override
                public Optional<ApprovalRequest> find(String requestId) {
                    return q.find(requestId);
                }

                @Override
                public Optional<ApprovalAnswer> answer(String requestId) {
                    return q.answer(requestId);
                }

                @Override
                public ApprovalAnswer approve(
                        String requestId,
                        Approver approver,
                        String comment,
                        Instant at,
                        Optional<ToolCall> amended) {
                    ApprovalAnswer a = q.approve(requestId, approver, comment, at, amended);
                    point("approval for " + caseOf(requestId) + " approved");
                    return a;
                }

                @Override
                public ApprovalAnswer reject(
                        String requestId, Approver approver, String comment, Instant at) {
                    ApprovalAnswer a = q.reject(requestId, approver, comment, at);
                    point("approval for " + caseOf(requestId) + " rejected");
                    return a;
                }

                @Override
                public ApprovalAnswer expire(String requestId, String reason, Instant at) {
                    ApprovalAnswer a = q.expire(requestId, reason, at);
                    point("approval for " + caseOf(requestId) + " expired");
                    return a;
                }
            };
        }

        @Override
        public ToolCatalogue twinTools(ToolCatalogue tools) {
            List<Tool> watched = new ArrayList<>();
            for (Tool t : tools.tools()) {
                watched.add(
                        new Tool() {
                            @Override
                            public ToolDescriptor descriptor() {
                                return t.descriptor();
                            }

                            @Override
                            public Estimate estimate(Map<String, Object> arguments) {
                                return t.estimate(arguments);
                            }

                            @Override
                            public ToolResult execute(ToolInvocation inv) {
                                point("journaled " + inv.key().value());
                                ToolResult r = t.execute(inv);
                                point("ran " + inv.key().value());
                                return r;
                            }
                        });
            }
            return ToolCatalogue.of(watched);
        }

        @Override
        public PolicyGate gate(PolicyGate gate) {
            return new PolicyGate() {
                @Override
                public String version() {
                    return gate.version();
                }

                @Override
                public Decision evaluate(ActionRequest request) {
                    return gate.evaluate(request);
                }

                @Override
                public void recordExecution(ActionRequest request, ToolResult result) {
                    gate.recordExecution(request, result);
                    point("gate " + request.caseId() + "/" + request.step());
                }
            };
        }

        @Override
        public Consumer<Instant> reached(Consumer<Instant> reached) {
            return at -> {
                reached.accept(at);
                point("reached");
            };
        }
    }

    /** The ledger, each append a point once it returned. */
    private record WatchedLedger(AuditLog ledger, Points points) implements AuditLog {
        @Override
        public AuditEntry append(AuditEvent event) {
            AuditEntry e = ledger.append(event);
            points.point("ledger " + event.type() + " " + event.correlationId());
            return e;
        }

        @Override
        public List<AuditEntry> query(AuditQuery query) {
            return ledger.query(query);
        }

        @Override
        public AuditVerification verify() {
            return ledger.verify();
        }
    }
}
