package dev.autonoc.core.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.InMemoryApprovalQueue;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.audit.AuditVerification;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.core.cases.InMemoryCaseStore;
import dev.autonoc.core.loop.Fakes.ScriptedGate;
import dev.autonoc.core.loop.GatedToolCalls.Clearance;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.policy.PolicyGate;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.Tool;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.core.tool.ToolDescriptor;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolResult;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The loop's writes held back to a unit's effects ({@link StagedWrites}), at the ports: a read's
 * call and result are written together; nothing held is lost when an act's call is written, and all
 * of it is durable before the act runs; a failure to write it fails the act before it runs; an
 * approval request is made only once what led to it is durable; and however units interleave, each
 * unit's events reach the chain in the order it handed them in, every one of them, and a lone unit
 * writes the very chain of appending each event when it was handed in.
 */
class StagedWritesTest {

    private static final Instant T0 = Instant.parse("2025-01-07T10:00:00Z");
    private static final Element ROUTER =
            new Element(ElementId.of("rtr-01"), ElementKind.ROUTER, "core", "south", "site-01");

    /** What reached the ledger, the store, the queue and the tools, in order. */
    final List<String> journal = Collections.synchronizedList(new ArrayList<>());

    final JournalLedger ledger = new JournalLedger(journal);
    final JournalStore store = new JournalStore(journal);
    final StagedWrites staged = new StagedWrites(ledger, store, true);
    final ScriptedGate gate = new ScriptedGate();
    final InMemoryApprovalQueue queue = new InMemoryApprovalQueue(RoleHierarchy.operatorDefault());
    // the queue as people see it: a request submitted is shown
    final ApprovalQueue approvals =
            (ApprovalQueue)
                    Proxy.newProxyInstance(
                            ApprovalQueue.class.getClassLoader(),
                            new Class<?>[] {ApprovalQueue.class},
                            (p, m, a) -> {
                                if (m.getName().equals("submit")) {
                                    journal.add(
                                            "request shown for "
                                                    + ((ActionRequest) a[0]).call().tool());
                                }
                                try {
                                    return m.invoke(queue, a);
                                } catch (InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
    final GatedToolCalls calls =
            new GatedToolCalls(
                    gate,
                    approvals,
                    ToolCatalogue.of(
                            List.of(tool("look", ToolKind.READ), tool("act", ToolKind.ACT))),
                    staged,
                    RoleHierarchy.operatorDefault(),
                    AuditEvents.untagged(),
                    staged::beforeNextWrite);
    final CaseRecord opened =
            CaseRecord.opened(
                    new CaseId("case-0001"),
                    ROUTER,
                    new Prediction(
                            ROUTER.id(),
                            T0,
                            0.9,
                            FailureMode.FAN_WEAR,
                            Duration.ofHours(30),
                            List.of(),
                            "t"),
                    T0);

    @Test
    void a_staged_reads_call_and_result_are_written_together_after_the_read() {
        staged.inUnit(
                () -> {
                    calls.read("case-0001", "rtr-01", -1, invocation("look", 0), T0);
                    assertThat(journal).containsExactly("run look");
                });

        assertThat(journal).containsExactly("run look", "ledger TOOL_CALL TOOL_RESULT");
        assertThat(ledger.entries).hasSize(2);
    }

    @Test
    void nothing_held_is_lost_when_an_acts_call_is_written_and_all_is_durable_before_it_runs() {
        staged.inUnit(
                () -> {
                    staged.stage(event(AuditEventType.CASE_OPENED));
                    staged.hold(opened);
                    calls.read("case-0001", "rtr-01", -1, invocation("look", 0), T0);
                    Gated g = calls.propose(action("act"));
                    Clearance cleared = ((Gated.Allowed) g).clearance();
                    calls.execute(cleared, 0, T0);
                });

        assertThat(journal)
                .containsExactly(
                        "run look",
                        // the open, the read, the decision and the act's call in one transaction;
                        // then the row; only then the act
                        "ledger CASE_OPENED TOOL_CALL TOOL_RESULT POLICY_DECISION TOOL_CALL",
                        "row case-0001 ACTIVE",
                        "run act",
                        "ledger TOOL_RESULT");
    }

    @Test
    void the_gate_counts_an_act_at_once_and_keeps_its_record_before_the_acts_result_is_written() {
        PolicyGate recording =
                new PolicyGate() {
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
                        journal.add("gate record of " + request.call().tool() + " kept at once");
                    }

                    @Override
                    public Runnable recordExecutionDeferred(
                            ActionRequest request, ToolResult result) {
                        journal.add("gate counts " + request.call().tool());
                        return () ->
                                journal.add("gate record of " + request.call().tool() + " kept");
                    }
                };
        GatedToolCalls deferring = actingCalls(recording, staged::beforeNextWrite);

        staged.inUnit(
                () -> {
                    Gated g = deferring.propose(action("act"));
                    deferring.execute(((Gated.Allowed) g).clearance(), 0, T0);
                    // the act ran: nothing more is written before the unit's next write
                    assertThat(journal)
                            .containsExactly(
                                    "ledger POLICY_DECISION TOOL_CALL",
                                    "run act",
                                    "gate counts act");
                    staged.append(event(AuditEventType.CASE_CLOSED));
                });

        assertThat(journal)
                .containsExactly(
                        "ledger POLICY_DECISION TOOL_CALL",
                        "run act",
                        "gate counts act",
                        "gate record of act kept",
                        "ledger TOOL_RESULT CASE_CLOSED");
    }

    @Test
    void an_act_run_again_after_a_crash_is_recorded_by_the_gate_at_once() {
        // the first run's call is in the ledger, its result and the gate's record were lost
        calledThenStopped();
        gate.executed.clear();
        journal.clear();
        GatedToolCalls heir = actingCalls(gate, write -> journal.add("deferred: must not be"));

        staged.inUnit(
                () -> {
                    Clearance resumed = heir.startedEarlier(action("act"), 0).orElseThrow();
                    heir.execute(resumed, 0, T0);
                    // the gate was told through recordExecution, whose memory knows whether it
                    // counted the first run already
                    assertThat(gate.executed).hasSize(1);
                });

        assertThat(journal).containsExactly("ledger TOOL_CALL", "run act", "ledger TOOL_RESULT");
    }

    @Test
    void a_call_in_the_ledger_whose_step_now_calls_otherwise_was_never_run_and_is_gated_again() {
        // the act's call is in the ledger with its unit's events, but the process stopped before
        // the case's row (so before the act): after the restart the step, planned again, calls
        // the act on other terms under the same key
        calledThenStopped();
        ActionRequest otherTerms =
                new ActionRequest(
                        opened.id(),
                        0,
                        ToolCall.of("act", Map.of("element_id", "rtr-01", "engineer_id", "e-2")),
                        new Estimate(0.0, Risk.LOW, Map.of()),
                        ROUTER,
                        T0,
                        "agent",
                        Optional.empty());

        assertThat(calls.startedEarlier(otherTerms, 0)).isEmpty();
        assertThat(heir().startedEarlier(action("act"), 0))
                .as("the very call it wrote is one that may have run")
                .isPresent();
    }

    @Test
    void a_call_read_back_from_the_ledger_is_the_same_call_whatever_its_numbers_java_type() {
        Map<String, Object> given =
                Map.of("minutes", 165, "p", 0.9, "sites", List.of(Map.of("n", 2)), "s", "x");
        Map<String, Object> stored =
                Map.of("minutes", 165L, "p", 0.9d, "sites", List.of(Map.of("n", 2L)), "s", "x");

        assertThat(EarlierCalls.sameValue(given, stored)).isTrue();
        assertThat(EarlierCalls.sameValue(given, Map.of("minutes", 166L))).isFalse();
        assertThat(
                        EarlierCalls.sameValue(
                                Map.of("n", 1), Map.of("n", 1L, "more", "an extra argument")))
                .isFalse();
        assertThat(EarlierCalls.sameValue(List.of(1, 2), List.of(2L, 1L))).isFalse();
        assertThat(EarlierCalls.sameValue("1", 1L)).isFalse();
    }

    @Test
    void a_case_opened_here_has_no_call_started_before_a_crash_to_look_up() {
        GatedToolCalls opener = actedThenOpenedBy();

        assertThat(opener.startedEarlier(action("act"), 0)).isEmpty();
        assertThat(ledger.queries).isZero();
        assertThat(calls.startedEarlier(action("act"), 0))
                .as("an instance that did not open the case reads the ledger")
                .isPresent();
        assertThat(ledger.queries).isEqualTo(1);
    }

    /** The case's act called; then its result lost: the ledger holds its call alone. */
    private void calledThenStopped() {
        staged.inUnit(
                () -> {
                    Gated g = calls.propose(action("act"));
                    calls.execute(((Gated.Allowed) g).clearance(), 0, T0);
                });
        ledger.entries.removeIf(e -> e.event().type() == AuditEventType.TOOL_RESULT);
    }

    /** Another instance's gated calls, over the same ledger. */
    private GatedToolCalls heir() {
        return actingCalls(gate, staged::beforeNextWrite);
    }

    /**
     * Gated calls of the one acting tool "act" over the same ledger and queue, with {@code policy}
     * and {@code beforeNextWrite} as the test needs them.
     */
    private GatedToolCalls actingCalls(PolicyGate policy, Consumer<Runnable> beforeNextWrite) {
        return new GatedToolCalls(
                policy,
                approvals,
                ToolCatalogue.of(List.of(tool("act", ToolKind.ACT))),
                staged,
                RoleHierarchy.operatorDefault(),
                AuditEvents.untagged(),
                beforeNextWrite);
    }

    /**
     * The case's act called (its call in the ledger), and a second instance's gated calls that
     * opened the case.
     */
    private GatedToolCalls actedThenOpenedBy() {
        staged.inUnit(
                () -> {
                    Gated g = calls.propose(action("act"));
                    calls.execute(((Gated.Allowed) g).clearance(), 0, T0);
                });
        GatedToolCalls opener = heir();
        opener.openedHere(opened.id());
        return opener;
    }

    @Test
    void a_case_that_left_this_instance_is_looked_up_in_the_ledger_again() {
        GatedToolCalls opener = actedThenOpenedBy();
        assertThat(opener.casesKnown()).isEqualTo(1);

        // its partition went to another instance, which may have started its call since
        opener.retainOnly(java.util.Set.of());

        assertThat(opener.casesKnown()).isZero();
        assertThat(opener.startedEarlier(action("act"), 0)).isPresent();
        assertThat(ledger.queries).isEqualTo(1);
    }

    @Test
    void a_failure_to_write_what_was_held_fails_the_act_before_it_runs() {
        ledger.failing = true;

        assertThatThrownBy(
                        () ->
                                staged.inUnit(
                                        () -> {
                                            calls.read(
                                                    "case-0001",
                                                    "rtr-01",
                                                    -1,
                                                    invocation("look", 0),
                                                    T0);
                                            Gated g = calls.propose(action("act"));
                                            calls.execute(((Gated.Allowed) g).clearance(), 0, T0);
                                        }))
                .hasMessageContaining("the ledger is away");

        assertThat(journal).containsExactly("run look");
        assertThat(ledger.entries).isEmpty();
    }

    @Test
    void what_led_to_an_approval_request_is_durable_before_anyone_can_see_the_request() {
        gate.requireApproval("act", RoleHierarchy.NOC_OPERATOR);

        staged.inUnit(
                () -> {
                    calls.read("case-0001", "rtr-01", -1, invocation("look", 0), T0);
                    calls.propose(action("act"));
                });

        assertThat(journal)
                .containsExactly(
                        "run look",
                        "ledger TOOL_CALL TOOL_RESULT POLICY_DECISION",
                        "request shown for act",
                        "ledger APPROVAL_REQUESTED");
    }

    @Test
    void a_unit_reads_its_own_held_rows_and_writes_each_cases_latest_after_its_events() {
        CaseBook book = new CaseBook(store, staged, "case");
        staged.inUnit(
                () -> {
                    staged.stage(event(AuditEventType.CASE_OPENED));
                    book.save(opened);
                    book.save(opened.withStatus(dev.autonoc.core.cases.CaseStatus.ACTIVE));
                    assertThat(book.find(opened.id()).orElseThrow().status())
                            .isEqualTo(dev.autonoc.core.cases.CaseStatus.ACTIVE);
                    assertThat(book.open()).extracting(CaseRecord::id).containsExactly(opened.id());
                    assertThat(store.find(opened.id())).isEmpty();
                });

        assertThat(journal).containsExactly("ledger CASE_OPENED", "row case-0001 ACTIVE");
    }

    @Test
    void off_every_event_and_row_is_written_at_once() {
        StagedWrites off = new StagedWrites(ledger, store, false);
        off.inUnit(
                () -> {
                    off.stage(event(AuditEventType.CASE_OPENED));
                    assertThat(off.hold(opened)).isFalse();
                    assertThat(journal).containsExactly("ledger CASE_OPENED");
                });
    }

    // ------------------------------------------------------------ interleavings

    /** One step of one unit: stage an event, append one, flush, or end the unit. */
    record Op(int unit, char kind) {}

    @Provide
    Arbitrary<List<Op>> interleavings() {
        Arbitrary<Op> op =
                Combinators.combine(
                                Arbitraries.integers().between(0, 2),
                                Arbitraries.of('s', 's', 's', 'a', 'f', 'e'))
                        .as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 200)
    void each_units_events_reach_the_chain_in_its_order_and_all_before_its_effects(
            @ForAll("interleavings") List<Op> ops) throws Exception {
        ExecutorService[] threads = new ExecutorService[3];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = Executors.newSingleThreadExecutor();
        }
        JournalLedger chain = new JournalLedger(new ArrayList<>());
        StagedWrites writes = new StagedWrites(chain, new InMemoryCaseStore(), true);
        Map<Integer, List<String>> handedIn = new HashMap<>();
        // the reference: each event appended the moment it was handed in
        JournalLedger oneAtATime = new JournalLedger(new ArrayList<>());
        int n = 0;
        try {
            for (Op op : ops) {
                String name = "u" + op.unit() + "-e" + n++;
                List<String> mine = handedIn.computeIfAbsent(op.unit(), u -> new ArrayList<>());
                Future<?> done =
                        threads[op.unit()].submit(
                                () -> {
                                    switch (op.kind()) {
                                        case 's' -> {
                                            begin(writes);
                                            writes.stage(named(name));
                                            mine.add(name);
                                            oneAtATime.append(named(name));
                                        }
                                        case 'a' -> {
                                            begin(writes);
                                            writes.append(named(name));
                                            mine.add(name);
                                            oneAtATime.append(named(name));
                                            // an effect may follow: all it handed in is durable
                                            assertThat(chain.names()).containsAll(mine);
                                        }
                                        case 'f' -> {
                                            writes.flush();
                                            assertThat(chain.names()).containsAll(mine);
                                        }
                                        default -> end(writes);
                                    }
                                });
                done.get();
            }
            for (int u = 0; u < threads.length; u++) {
                threads[u].submit(() -> end(writes)).get();
            }
        } finally {
            for (ExecutorService t : threads) {
                t.shutdownNow();
            }
        }

        List<String> written = chain.names();
        handedIn.forEach(
                (unit, mine) ->
                        assertThat(written.stream().filter(mine::contains).toList())
                                .as("unit %s's events in its order", unit)
                                .isEqualTo(mine));
        assertThat(written).hasSameSizeAs(oneAtATime.names());
        assertThat(written).containsExactlyInAnyOrderElementsOf(oneAtATime.names());
        assertThat(chain.verify().intact()).isTrue();
        if (handedIn.size() == 1) {
            // a lone unit (the loop's cases one at a time): the same chain, hash for hash
            assertThat(chain.hashes()).isEqualTo(oneAtATime.hashes());
        }
    }

    // a unit left open across ops on its thread: begun by its first write, ended by 'e'
    private final ThreadLocal<StagedWrites.Scope> scope = new ThreadLocal<>();

    private void begin(StagedWrites writes) {
        if (scope.get() == null) {
            scope.set(writes.begin());
        }
    }

    private void end(StagedWrites writes) {
        StagedWrites.Scope s = scope.get();
        if (s != null) {
            scope.remove();
            s.end();
        }
    }

    // ------------------------------------------------------------ fixtures

    private static AuditEvent named(String name) {
        return new AuditEvent(AuditEventType.PLAN, name, "rtr-01", "agent", T0, Map.of());
    }

    private static AuditEvent event(AuditEventType type) {
        return new AuditEvent(type, "case-0001", "rtr-01", "agent", T0, Map.of());
    }

    private ActionRequest action(String tool) {
        return new ActionRequest(
                opened.id(),
                0,
                ToolCall.of(tool, Map.of("element_id", "rtr-01")),
                new Estimate(0.0, Risk.LOW, Map.of()),
                ROUTER,
                T0,
                "agent",
                Optional.empty());
    }

    private static ToolInvocation invocation(String tool, int step) {
        return new ToolInvocation(
                ToolCall.of(tool, Map.of("element_id", "rtr-01")),
                IdempotencyKey.of(new CaseId("case-0001"), step, 0),
                "agent");
    }

    private Tool tool(String name, ToolKind kind) {
        return new Tool() {
            @Override
            public ToolDescriptor descriptor() {
                return new ToolDescriptor(name, kind, name, "{}", "TMF000");
            }

            @Override
            public Estimate estimate(Map<String, Object> arguments) {
                return new Estimate(0.0, Risk.LOW, Map.of());
            }

            @Override
            public ToolResult execute(ToolInvocation invocation) {
                journal.add("run " + name);
                return ToolResult.succeeded(Map.of(), name + " done");
            }
        };
    }

    /** The cases in memory; each save said in the journal. */
    static final class JournalStore implements CaseStore {
        private final InMemoryCaseStore cases = new InMemoryCaseStore();
        private final List<String> journal;

        JournalStore(List<String> journal) {
            this.journal = journal;
        }

        @Override
        public void save(CaseRecord record) {
            journal.add("row " + record.id() + " " + record.status());
            cases.save(record);
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
    }

    /** A chained ledger that writes a batch in one go, and says so in the journal. */
    static final class JournalLedger implements AuditLog {
        final List<AuditEntry> entries = new ArrayList<>();
        final List<String> journal;
        volatile boolean failing;
        int queries;

        JournalLedger(List<String> journal) {
            this.journal = journal;
        }

        @Override
        public synchronized AuditEntry append(AuditEvent event) {
            return appendAll(List.of(event)).get(0);
        }

        @Override
        public synchronized List<AuditEntry> appendAll(List<AuditEvent> events) {
            if (failing) {
                throw new IllegalStateException("the ledger is away");
            }
            List<AuditEntry> out = new ArrayList<>();
            StringBuilder line = new StringBuilder("ledger");
            for (AuditEvent e : events) {
                String prev = entries.isEmpty() ? "0" : entries.get(entries.size() - 1).hash();
                AuditEntry entry = new AuditEntry(entries.size() + 1L, e, T0, prev, hash(prev, e));
                entries.add(entry);
                out.add(entry);
                line.append(' ').append(e.type());
            }
            journal.add(line.toString());
            return out;
        }

        synchronized List<String> names() {
            return entries.stream().map(e -> e.event().correlationId()).toList();
        }

        synchronized List<String> hashes() {
            return entries.stream().map(AuditEntry::hash).toList();
        }

        @Override
        public synchronized List<AuditEntry> query(AuditQuery query) {
            queries++;
            return List.copyOf(entries);
        }

        @Override
        public synchronized AuditVerification verify() {
            String prev = "0";
            for (int i = 0; i < entries.size(); i++) {
                AuditEntry e = entries.get(i);
                if (!e.previousHash().equals(prev) || !e.hash().equals(hash(prev, e.event()))) {
                    return AuditVerification.broken(i, i + 1, "entry " + (i + 1) + " breaks");
                }
                prev = e.hash();
            }
            return AuditVerification.intact(entries.size());
        }

        private static String hash(String prev, AuditEvent e) {
            return Integer.toHexString((prev + "|" + e).hashCode());
        }
    }
}
