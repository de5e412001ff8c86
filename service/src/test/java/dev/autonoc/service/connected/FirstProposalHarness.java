package dev.autonoc.service.connected;

import com.zaxxer.hikari.HikariDataSource;
import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.core.loop.LoopSettings;
import dev.autonoc.core.loop.RemediationLoop;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.plan.Planner;
import dev.autonoc.core.planner.PlaybookPlanner;
import dev.autonoc.core.policy.PolicyGate;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.FailurePredictor;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.core.tool.Tool;
import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.policy.CelPolicyGate;
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
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Measures where the time goes between a case's opening and its first proposal in connected mode
 * (docs/benchmarks.md, "Connected mode: the soak"): the loop over the twin's TMF HTTP façade (the
 * national preset) and PostgreSQL, {@code n} cases opened in one tick after a warm-up tick on
 * another network, every port timed (a proxy around each: the ledger, the case store, the planner,
 * the gate, the approval queue, each tool). Prints each case's opening and first proposal from the
 * tick's start, then the time and calls per port. Not a test (it asserts nothing and needs
 * PostgreSQL): run by hand, from the worktree, after {@code mvn -pl service -am test-compile
 * dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test}:
 *
 * <pre>
 * AUTONOC_TEST_POSTGRES_URL='jdbc:postgresql://127.0.0.1:54341/postgres?user=postgres' \
 *   java -cp service/target/test-classes:service/target/classes:$(cat /tmp/cp.txt) \
 *   dev.autonoc.service.connected.FirstProposalHarness 12
 * </pre>
 *
 * <p>The loop is connected mode's as the service wires it ({@link ConnectedLoop}: writes held back
 * to their effects, new cases at once, a planning's independent reads at once, the ledger
 * group-committed); {@code AT_ONCE=k} works {@code k} new cases at once (4 unless set, as {@code
 * autonoc.connected.new-cases-at-once}; 1 one after another); {@code READS_AT_ONCE=0} asks a
 * planning's reads one after another (the same ledger); {@code RTT_MS=r} adds {@code r} ms to each
 * tool's exchange, as a round trip to an operator's systems across a network would (the twin's
 * façade is on this machine; since session 10 it serves 8 requests at once). {@code TICKS=k} opens
 * the {@code n} cases over {@code k} ticks back to back, as a backlog's batches bring one element
 * after another over its threshold, and prints each case's first proposal from the start of the
 * tick that opened it too. {@code ALONE=r} first works {@code r} cases each alone in its tick (the
 * work behind each done before the next) and prints their first proposals from their ticks' starts
 * with the least and the median: many cases alone in one run, for builds compared on a shared
 * machine; before them the medians of the phases of their way ({@link #phases}: the planning and
 * each of its reads, the estimate, the gate, the two commits of the write-ahead). {@code WARM=w}
 * runs {@code w} warm-up ticks first (1 unless set; {@code WARM=0} measures a cold JVM's first
 * cases); {@code COLD_START=c} runs connected mode's warm-up at start ({@link ColdStart}, {@code c}
 * cases) before them. {@code TRACE=1} prints the first case's ledger events and port calls (a
 * tool's with its invocation) as they happen. A case's first proposal is when its first act runs
 * (the tool called, after the write-ahead) or its first approval request is in the ledger. The
 * ports' calls count the commits: {@code audit.append} and {@code audit.appendAll} one ledger
 * commit each (fewer where the group commit merges them), {@code cases.save} one each; {@code
 * ledger events} the events written.
 */
final class FirstProposalHarness {

    static final Map<String, LongAdder> NANOS = new ConcurrentHashMap<>();
    static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();
    static volatile boolean TRACE;

    /** One call of a timed port: its name ({@code port.method}) and when it started and ended. */
    record Span(String name, long start, long end) {}

    /** Every timed port call since the last {@code clear()}: the phases of {@code ALONE} cases. */
    static final java.util.Queue<Span> SPANS = new java.util.concurrent.ConcurrentLinkedQueue<>();

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        String url = System.getenv("AUTONOC_TEST_POSTGRES_URL");
        OperatorTwin twin = OperatorTwin.create(TwinSpec.quiet(Preset.NATIONAL, 12));
        TmfHttpFacade facade = TmfHttpFacade.start(twin);
        String schema = "harness_" + ProcessHandle.current().pid();
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(url);
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        ds.close();
        ds = new HikariDataSource();
        ds.setJdbcUrl(url);
        ds.setSchema(schema);
        Clock clock = twin.clock();
        JdbcAuditLog ledger = JdbcAuditLog.open(ds, clock);
        ServiceDatabase db = ServiceDatabase.open(ds);
        RoleHierarchy roles = RoleHierarchy.operatorDefault();
        int atOnce =
                System.getenv("AT_ONCE") == null ? 4 : Integer.parseInt(System.getenv("AT_ONCE"));
        LoopWorkers workers = new LoopWorkers(atOnce, !"0".equals(System.getenv("READS_AT_ONCE")));
        ConnectedLoop connected =
                new ConnectedLoop(AutonomyLevels.auto(), LoopSettings.defaults(), workers);
        CelPolicyGate policy =
                CelPolicyGate.fromText("default.yaml", CelPolicyGate.defaultPolicyText(), roles);
        PolicyGate gate = connected.gate(policy, new GateMemory(db, "harness"));
        ToolCatalogue tools =
                ToolCatalogues.standard(TmfHttpClients.ossBss(facade.baseUri()), clock);
        List<Element> elements = twin.elements();
        List<Prediction> risks = new ArrayList<>();
        Instant now = clock.instant();
        int warmTicks = System.getenv("WARM") == null ? 1 : Integer.parseInt(System.getenv("WARM"));
        int alone = System.getenv("ALONE") == null ? 0 : Integer.parseInt(System.getenv("ALONE"));
        for (Element e : elements) {
            if (risks.size() >= (1 + warmTicks) * n + alone) {
                break;
            }
            FailureMode mode =
                    e.kind() == ElementKind.LINK
                            ? FailureMode.LASER_AGING
                            : e.kind() == ElementKind.ROUTER ? FailureMode.FAN_WEAR : null;
            if (mode != null && risks.size() % 3 != 2 || mode == FailureMode.FAN_WEAR) {
                risks.add(
                        new Prediction(
                                e.id(),
                                now,
                                0.9,
                                mode,
                                Duration.ofHours(30 + 6L * risks.size()),
                                List.of(),
                                "harness"));
            }
        }
        Map<String, Long> opened = new ConcurrentHashMap<>();
        Map<String, Long> proposed = new ConcurrentHashMap<>();
        if (System.getenv("COLD_START") != null) {
            // as a connected instance does at start (ColdStart), before it takes partitions
            System.out.println(
                    ColdStart.run(
                            Integer.parseInt(System.getenv("COLD_START")),
                            connected,
                            policy,
                            new PlaybookPlanner(),
                            roles));
        }
        // warm up the JIT and the connections on other networks' cases, each on elements of its own
        java.util.function.BiFunction<List<Prediction>, String, RemediationLoop> loopOver =
                (atRisk, world) ->
                        loop(
                                connected, ledger, db, gate, tools, elements, clock, atRisk, world,
                                opened, proposed);
        for (int w = 1; w <= warmTicks; w++) {
            RemediationLoop warm = loopOver.apply(risks.subList(w * n, (w + 1) * n), "warm" + w);
            warm.tick(now);
            warm.awaitLaterSteps();
        }
        opened.clear();
        proposed.clear();
        if (alone > 0) {
            alone(alone, risks.subList((1 + warmTicks) * n, risks.size()), loopOver, now, proposed);
            opened.clear();
            proposed.clear();
        }
        // TICKS=k: the n cases come over k ticks back to back, as the batches of a backlog open
        // them (each tick's predictor answers the cases so far and the next n/k)
        int ticks = System.getenv("TICKS") == null ? 1 : Integer.parseInt(System.getenv("TICKS"));
        List<Prediction> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        RemediationLoop loop = loopOver.apply(asked, "harness");
        NANOS.clear();
        COUNTS.clear();
        TRACE = System.getenv("TRACE") != null;
        long[] starts = new long[ticks];
        long t0 = System.nanoTime();
        for (int t = 0; t < ticks; t++) {
            asked.addAll(risks.subList(n * t / ticks, n * (t + 1) / ticks));
            starts[t] = System.nanoTime();
            loop.tick(now.plus(Duration.ofMinutes(t)));
        }
        long t1 = System.nanoTime();
        loop.awaitLaterSteps(); // a build with the rest of each tick behind it (session 10)
        long t2 = System.nanoTime();
        System.out.printf(
                "%d tick(s): %d cases, %.0f ms; with the work behind them, %.0f ms%n",
                ticks, opened.size(), (t1 - t0) / 1e6, (t2 - t0) / 1e6);
        List<Long> lat = new ArrayList<>();
        List<Long> fromOwnTick = new ArrayList<>();
        for (var e : new TreeMap<>(opened).entrySet()) {
            Long p = proposed.get(e.getKey());
            int tick = 0;
            while (tick + 1 < ticks && starts[tick + 1] <= e.getValue()) {
                tick++;
            }
            System.out.printf(
                    "  %s: tick %d (+%.0f ms), opened +%.0f ms, first proposal %s%n",
                    e.getKey(),
                    tick,
                    (starts[tick] - t0) / 1e6,
                    (e.getValue() - t0) / 1e6,
                    p == null ? "none" : String.format("+%.0f ms", (p - t0) / 1e6));
            if (p != null) {
                lat.add(p - t0);
                fromOwnTick.add(p - starts[tick]);
            }
        }
        lat.sort(null);
        fromOwnTick.sort(null);
        System.out.printf(
                "first proposals (ms from the first tick's start, sorted): %s; median %s, last %s%n",
                lat.stream().map(l -> String.valueOf(Math.round(l / 1e6))).toList(),
                lat.isEmpty() ? "-" : Math.round(lat.get((lat.size() - 1) / 2) / 1e6),
                lat.isEmpty() ? "-" : Math.round(lat.get(lat.size() - 1) / 1e6));
        if (ticks > 1) {
            System.out.printf(
                    "first proposals (ms from the start of the tick that opened the case, sorted):"
                            + " %s; median %s, last %s%n",
                    fromOwnTick.stream().map(l -> String.valueOf(Math.round(l / 1e6))).toList(),
                    Math.round(fromOwnTick.get((fromOwnTick.size() - 1) / 2) / 1e6),
                    Math.round(fromOwnTick.get(fromOwnTick.size() - 1) / 1e6));
        }
        System.out.println("time by port (ms, calls):");
        new TreeMap<>(NANOS)
                .forEach(
                        (k, v) ->
                                System.out.printf(
                                        "  %-40s %8.1f %6d%n",
                                        k, v.sum() / 1e6, COUNTS.get(k).sum()));
        facade.stop();
        ds.close();
        workers.close();
    }

    /**
     * {@code ALONE=r}: {@code r} cases one after another, each alone in its tick on a loop of its
     * own (its own elements, the one twin), the work behind each tick done before the next: each
     * case's first proposal from its tick's start, sorted, with the least and the median.
     */
    private static void alone(
            int r,
            List<Prediction> risks,
            java.util.function.BiFunction<List<Prediction>, String, RemediationLoop> loopOver,
            Instant now,
            Map<String, Long> proposed) {
        List<Long> fromTick = new ArrayList<>();
        Map<String, List<Long>> phases = new java.util.LinkedHashMap<>();
        for (int k = 0; k < r; k++) {
            RemediationLoop one = loopOver.apply(List.of(risks.get(k)), "alone" + k);
            String prefix = "case-alone" + k + "-";
            SPANS.clear();
            long start = System.nanoTime();
            one.tick(now);
            one.awaitLaterSteps();
            proposed.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(prefix))
                    .forEach(
                            e -> {
                                fromTick.add(e.getValue() - start);
                                phases(start, e.getValue(), List.copyOf(SPANS))
                                        .forEach(
                                                (phase, nanos) ->
                                                        phases.computeIfAbsent(
                                                                        phase,
                                                                        x -> new ArrayList<>())
                                                                .add(nanos));
                            });
        }
        System.out.printf(
                "alone: phases on the way to the first proposal (ms: median, least, most; cases)%n");
        phases.forEach(
                (phase, nanos) -> {
                    nanos.sort(null);
                    System.out.printf(
                            "  %-52s %6.1f %6.1f %6.1f  %d%n",
                            phase,
                            nanos.get((nanos.size() - 1) / 2) / 1e6,
                            nanos.get(0) / 1e6,
                            nanos.get(nanos.size() - 1) / 1e6,
                            nanos.size());
                });
        fromTick.sort(null);
        System.out.printf(
                "alone: %d cases' first proposals (ms from their tick's start, sorted): %s;"
                        + " least %d, median %d%n",
                fromTick.size(),
                fromTick.stream().map(l -> String.valueOf(Math.round(l / 1e6))).toList(),
                Math.round(fromTick.get(0) / 1e6),
                Math.round(fromTick.get((fromTick.size() - 1) / 2) / 1e6));
    }

    /**
     * A case alone's way from its tick's start to its first proposal, cut at its port calls: up to
     * the planner (the prediction and the case's open, in memory), the planning (its reads inside),
     * from the plan to the gate's decision (the first act's estimate), the decision, the
     * write-ahead's ledger transaction and the case's row (each a commit), the rest to the act; and
     * beside them each read's own exchange (they overlap, asked together) and the commits' count. A
     * phase a case did not have (an approval request instead of an act) is left out.
     */
    static Map<String, Long> phases(long start, long proposal, List<Span> spans) {
        List<Span> before =
                spans.stream()
                        .filter(s -> s.start() >= start && s.start() <= proposal)
                        .sorted(java.util.Comparator.comparingLong(Span::start))
                        .toList();
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        Span plan = first(before, "planner.plan", start);
        Span decide = plan == null ? null : first(before, "gate.evaluate", plan.end());
        Span ledger = decide == null ? null : first(before, "audit.append", decide.end());
        Span row = ledger == null ? null : first(before, "cases.save", ledger.end());
        if (row == null) {
            return out;
        }
        out.put("1 to the planner (prediction, the case opened)", plan.start() - start);
        out.put("2 planning (its reads inside)", plan.end() - plan.start());
        out.put("3 plan to the gate (the first act's estimate)", decide.start() - plan.end());
        out.put("4 the gate's decision", decide.end() - decide.start());
        out.put("5 decision to the write-ahead", ledger.start() - decide.end());
        out.put("6 the write-ahead's ledger transaction", ledger.end() - ledger.start());
        out.put("7 ledger to the row", row.start() - ledger.end());
        out.put("8 the case's row", row.end() - row.start());
        out.put("9 row to the act", proposal - row.end());
        Map<String, Integer> seen = new java.util.HashMap<>();
        for (Span s : before) {
            if (s.name().startsWith("tool ")) {
                int k = seen.merge(s.name(), 1, Integer::sum);
                out.put("  " + s.name() + (k > 1 ? " #" + k : ""), s.end() - s.start());
            }
        }
        Span firstRead = first(before, "tool ", plan.start());
        Span lastRead =
                before.stream()
                        .filter(s -> s.name().startsWith("tool ") && s.end() <= plan.end())
                        .max(java.util.Comparator.comparingLong(Span::end))
                        .orElse(null);
        if (firstRead != null && lastRead != null) {
            out.put("  planning: to its first read", firstRead.start() - plan.start());
            out.put("  planning: its reads, first to last", lastRead.end() - firstRead.start());
            out.put("  planning: after its last read", plan.end() - lastRead.end());
        }
        return out;
    }

    private static Span first(List<Span> spans, String prefix, long notBefore) {
        return spans.stream()
                .filter(s -> s.name().startsWith(prefix) && s.start() >= notBefore)
                .findFirst()
                .orElse(null);
    }

    static RemediationLoop loop(
            ConnectedLoop connected,
            AuditLog ledger,
            ServiceDatabase db,
            PolicyGate gate,
            ToolCatalogue tools,
            List<Element> elements,
            Clock clock,
            List<Prediction> risks,
            String world,
            Map<String, Long> opened,
            Map<String, Long> proposed) {
        RoleHierarchy roles = RoleHierarchy.operatorDefault();
        SharedCaseStore cases = SharedCaseStore.open(db, world, "h1", clock);
        cases.claim(List.of(0), e -> 0);
        FailurePredictor predictor =
                new FailurePredictor() {
                    @Override
                    public String modelVersion() {
                        return "harness";
                    }

                    @Override
                    public void observe(TelemetrySample sample) {}

                    @Override
                    public List<Prediction> atRisk(Instant at) {
                        return risks;
                    }
                };
        AuditLog timedLedger =
                timed(
                        AuditLog.class,
                        "audit",
                        new dev.autonoc.service.audit.GroupCommitLedger((JdbcAuditLog) ledger));
        AuditLog watch =
                (AuditLog)
                        Proxy.newProxyInstance(
                                AuditLog.class.getClassLoader(),
                                new Class<?>[] {AuditLog.class},
                                (p, m, a) -> {
                                    Object out = invoke(timedLedger, m, a);
                                    List<AuditEvent> written = new ArrayList<>();
                                    if (m.getName().equals("append")) {
                                        written.add((AuditEvent) a[0]);
                                    } else if (m.getName().equals("appendAll")) {
                                        for (Object o : (List<?>) a[0]) {
                                            written.add((AuditEvent) o);
                                        }
                                    }
                                    long t = System.nanoTime();
                                    COUNTS.computeIfAbsent("ledger events", k -> new LongAdder())
                                            .add(written.size());
                                    NANOS.computeIfAbsent("ledger events", k -> new LongAdder());
                                    for (AuditEvent e : written) {
                                        if (TRACE && e.correlationId().endsWith("0001")) {
                                            System.out.printf(
                                                    "    %.1f %s %s%n",
                                                    t / 1e6 % 100000,
                                                    e.type(),
                                                    e.payload().getOrDefault("tool", ""));
                                        }
                                        if (e.type() == AuditEventType.CASE_OPENED) {
                                            opened.put(e.correlationId(), t);
                                        } else if (e.type() == AuditEventType.APPROVAL_REQUESTED) {
                                            proposed.putIfAbsent(e.correlationId(), t);
                                        }
                                    }
                                    return out;
                                });
        // connected mode's loop as the service wires it (ConnectedLoop), over timed ports
        return connected.build(
                new ConnectedLoop.Ports(
                        predictor,
                        timed(Planner.class, "planner", new PlaybookPlanner()),
                        timed(PolicyGate.class, "gate", gate),
                        timed(
                                ApprovalQueue.class,
                                "approvals",
                                SharedApprovalQueue.open(db, roles)),
                        actsTimed(timedTools(tools), proposed),
                        watch,
                        timed(CaseStore.class, "cases", cases.worked()),
                        clock,
                        elements,
                        roles,
                        IngestLatency.unobserved()),
                "case-" + world);
    }

    /**
     * The catalogue with each act's first call of a case stamped as its first proposal when the act
     * runs (after its write-ahead: since session 11 its call's event is durable before the case's
     * row, and the act runs after the row).
     */
    static ToolCatalogue actsTimed(ToolCatalogue tools, Map<String, Long> proposed) {
        List<Tool> out = new ArrayList<>();
        for (Tool t : tools.tools()) {
            out.add(
                    t.descriptor().kind() != dev.autonoc.core.tool.ToolKind.ACT
                            ? t
                            : new Tool() {
                                @Override
                                public dev.autonoc.core.tool.ToolDescriptor descriptor() {
                                    return t.descriptor();
                                }

                                @Override
                                public dev.autonoc.core.tool.Estimate estimate(
                                        Map<String, Object> arguments) {
                                    return t.estimate(arguments);
                                }

                                @Override
                                public dev.autonoc.core.tool.ToolResult execute(
                                        dev.autonoc.core.tool.ToolInvocation invocation) {
                                    String key = invocation.key().value();
                                    String caseId =
                                            key.substring(
                                                    0,
                                                    key.lastIndexOf('/', key.lastIndexOf('/') - 1));
                                    proposed.putIfAbsent(caseId, System.nanoTime());
                                    return t.execute(invocation);
                                }
                            });
        }
        return ToolCatalogue.of(out);
    }

    static ToolCatalogue timedTools(ToolCatalogue tools) {
        long rtt =
                System.getenv("RTT_MS") == null
                        ? 0
                        : Long.parseLong(System.getenv("RTT_MS")) * 1_000_000L;
        List<Tool> out = new ArrayList<>();
        for (Tool t : tools.tools()) {
            Tool far = rtt == 0 ? t : farAway(t, rtt);
            out.add(timed(Tool.class, "tool " + t.name(), far));
        }
        return ToolCatalogue.of(out);
    }

    /**
     * {@code tool} across a network: each exchange {@code rttNanos} longer, on the caller's side.
     */
    private static Tool farAway(Tool tool, long rttNanos) {
        return new Tool() {
            @Override
            public dev.autonoc.core.tool.ToolDescriptor descriptor() {
                return tool.descriptor();
            }

            @Override
            public dev.autonoc.core.tool.Estimate estimate(Map<String, Object> arguments) {
                java.util.concurrent.locks.LockSupport.parkNanos(rttNanos);
                return tool.estimate(arguments);
            }

            @Override
            public dev.autonoc.core.tool.ToolResult execute(
                    dev.autonoc.core.tool.ToolInvocation invocation) {
                java.util.concurrent.locks.LockSupport.parkNanos(rttNanos);
                return tool.execute(invocation);
            }
        };
    }

    @SuppressWarnings("unchecked")
    static <T> T timed(Class<T> port, String name, T target) {
        return (T)
                Proxy.newProxyInstance(
                        port.getClassLoader(),
                        new Class<?>[] {port},
                        (p, m, a) -> {
                            if (m.getName().equals("descriptor") || m.getName().equals("name")) {
                                return invoke(target, m, a);
                            }
                            long t = System.nanoTime();
                            if (TRACE && !name.startsWith("audit")) {
                                System.out.printf(
                                        "      %.1f > %s.%s%s%n",
                                        t / 1e6 % 100000,
                                        name,
                                        m.getName(),
                                        name.startsWith("tool ") && a != null && a.length > 0
                                                ? " " + a[0]
                                                : "");
                            }
                            try {
                                return invoke(target, m, a);
                            } finally {
                                String key = name + "." + m.getName();
                                long end = System.nanoTime();
                                SPANS.add(new Span(key, t, end));
                                NANOS.computeIfAbsent(key, k -> new LongAdder()).add(end - t);
                                COUNTS.computeIfAbsent(key, k -> new LongAdder()).increment();
                            }
                        });
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] a)
            throws Throwable {
        try {
            return m.invoke(target, a);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
