package dev.autonoc.core.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.approval.InMemoryApprovalQueue;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.audit.AuditVerification;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.InMemoryCaseStore;
import dev.autonoc.core.loop.Fakes.MutableClock;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.plan.PlanStep;
import dev.autonoc.core.plan.Planner;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.policy.PolicyGate;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.FailurePredictor;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.Tool;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.core.tool.ToolDescriptor;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A loop that works a tick's new cases at once ({@link RemediationLoopBuilder#workNewCasesOn}) does
 * for each case what a loop that works them one after another does, in the same order; its ledger
 * stays one chain; every act runs once under its key; and a guard of the gate counts every act
 * allowed before the next decision, however the workers interleave.
 */
class NewCasesAtOnceTest {

    private static final Instant T0 = Instant.parse("2025-01-07T10:00:00Z");

    @Property(tries = 25)
    void each_case_does_the_same_in_the_same_order_as_one_at_a_time(
            @ForAll @IntRange(min = 2, max = 10) int cases,
            @ForAll @IntRange(min = 1, max = 6) int atOnce,
            @ForAll @IntRange(min = 0, max = 300) int jitterMicros) {
        World alone = new World(cases, Integer.MAX_VALUE, 0);
        alone.loop(null, 1).tick(T0);
        World together = new World(cases, Integer.MAX_VALUE, jitterMicros);
        ExecutorService pool = Executors.newFixedThreadPool(atOnce);
        try {
            together.loop(pool, atOnce).tick(T0);
        } finally {
            pool.shutdownNow();
        }

        didTheSame(together, alone, cases);
    }

    /** Each case's events and end as in {@code expected}; the ledger whole; every act once. */
    private static void didTheSame(World actual, World expected, int cases) {
        assertThat(actual.ledger.verify().intact()).isTrue();
        assertThat(actual.byCase()).isEqualTo(expected.byCase());
        assertThat(actual.statuses()).isEqualTo(expected.statuses());
        // every act ran once, under its own key
        assertThat(actual.acts.keys).hasSize(3 * cases);
        assertThat(Set.copyOf(actual.acts.keys)).hasSize(3 * cases);
    }

    @Test
    void a_guard_counts_every_act_allowed_before_the_next_decision() {
        int limit = 7;
        World world = new World(8, limit, 3000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            world.loop(pool, 8).tick(T0);
        } finally {
            pool.shutdownNow();
        }
        // 8 cases of 3 acts each asked; the guard allows 7 executions in all, never more
        assertThat(world.gate.executed.get()).isEqualTo(limit);
        assertThat(world.acts.keys).hasSize(limit);
        assertThat(world.ledger.verify().intact()).isTrue();
    }

    @Test
    void the_cases_opened_in_a_tick_each_reach_a_proposal_before_any_takes_its_later_steps() {
        World world = new World(6, Integer.MAX_VALUE, 0);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            world.loop(pool, 2).tick(T0);
        } finally {
            pool.shutdownNow();
        }
        // each case's first act (step 0) is called before any case's second (step 1)
        List<String> order = world.acts.keys;
        int lastFirst = 0;
        int firstSecond = Integer.MAX_VALUE;
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).contains("/0/")) {
                lastFirst = i;
            } else if (order.get(i).contains("/1/")) {
                firstSecond = Math.min(firstSecond, i);
            }
        }
        assertThat(lastFirst).isLessThan(firstSecond);
    }

    @Test
    void a_worker_that_fails_fails_the_tick_after_the_others_finished() {
        World world = new World(4, Integer.MAX_VALUE, 0);
        world.ledger.failOn = "c-0003";
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            RemediationLoop loop = world.loop(pool, 4);
            assertThatThrownBy(() -> loop.tick(T0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("c-0003");
        } finally {
            pool.shutdownNow();
        }
        // the other three cases were each brought to their first proposal all the same
        for (String id : List.of("c-0001", "c-0002", "c-0004")) {
            assertThat(world.byCase().get(id)).contains("TOOL_CALL act-1");
        }
    }

    @Property(tries = 15)
    void cases_opened_tick_after_tick_with_the_rest_behind_do_what_they_do_in_the_ticks(
            @ForAll @IntRange(min = 2, max = 6) int cases,
            @ForAll @IntRange(min = 0, max = 300) int jitterMicros) {
        World inTicks = new World(cases, Integer.MAX_VALUE, 0);
        RemediationLoop one = inTicks.loop(null, 1, null);
        World behind = new World(cases, Integer.MAX_VALUE, jitterMicros);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        ExecutorService rest = Executors.newSingleThreadExecutor();
        try {
            RemediationLoop loop = behind.loop(pool, 2, rest);
            for (int t = 1; t <= cases; t++) {
                // another element at risk each tick, as the batches of a backlog bring them
                inTicks.atRisk(t);
                one.tick(T0.plusSeconds(t));
                behind.atRisk(t);
                loop.tick(T0.plusSeconds(t));
            }
            loop.awaitLaterSteps();
        } finally {
            pool.shutdownNow();
            rest.shutdownNow();
        }

        didTheSame(behind, inTicks, cases);
    }

    @Test
    void a_case_opened_at_the_next_tick_is_proposed_while_the_last_ones_later_steps_wait()
            throws Exception {
        World world = new World(2, Integer.MAX_VALUE, 0);
        CountDownLatch released = new CountDownLatch(1);
        // the first case's second act waits in its estimate (outside the act lock) until released
        world.acts.holdEstimate("act-2", "rtr-01", released);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        ExecutorService rest = Executors.newSingleThreadExecutor();
        ExecutorService driver = Executors.newSingleThreadExecutor();
        try {
            RemediationLoop loop = world.loop(pool, 2, rest);
            world.atRisk(1);
            // a liveness bound, not a measure: a tick that waited for its case's later steps
            // would never return while they are held
            driver.submit(() -> loop.tick(T0)).get(30, TimeUnit.SECONDS);
            world.atRisk(2);
            driver.submit(() -> loop.tick(T0.plusSeconds(1))).get(30, TimeUnit.SECONDS);

            assertThat(world.acts.keys).contains("c-0001/0/1", "c-0002/0/1");
            assertThat(world.acts.keys).noneMatch(k -> k.startsWith("c-0001/1/"));

            released.countDown();
            loop.awaitLaterSteps();
        } finally {
            pool.shutdownNow();
            rest.shutdownNow();
            driver.shutdownNow();
        }
        assertThat(world.acts.keys).hasSize(6);
        assertThat(Set.copyOf(world.acts.keys)).hasSize(6);
        assertThat(world.ledger.verify().intact()).isTrue();
        // each case's own events in their order, as one thread worked it
        assertThat(world.byCase().get("c-0001"))
                .containsSubsequence("TOOL_CALL act-1", "TOOL_CALL act-2", "TOOL_CALL act-3");
    }

    @Test
    void a_failure_behind_a_tick_fails_the_next_tick() throws Exception {
        World world = new World(1, Integer.MAX_VALUE, 0);
        world.ledger.failOnCallOf = "act-2";
        ExecutorService pool = Executors.newFixedThreadPool(2);
        ExecutorService rest = Executors.newSingleThreadExecutor();
        try {
            RemediationLoop loop = world.loop(pool, 2, rest);
            world.atRisk(1);
            loop.tick(T0);
            loop.awaitLaterSteps();
            assertThatThrownBy(() -> loop.tick(T0.plusSeconds(1)))
                    .hasMessageContaining("the call of act-2");
            assertThat(world.acts.keys).containsExactly("c-0001/0/1");
            // once: the tick after runs, and the case goes on from where it stood
            world.ledger.failOnCallOf = "";
            loop.tick(T0.plusSeconds(2));
            loop.awaitLaterSteps();
        } finally {
            pool.shutdownNow();
            rest.shutdownNow();
        }
        assertThat(world.acts.keys).containsExactly("c-0001/0/1", "c-0001/1/1", "c-0001/2/1");
        assertThat(world.ledger.verify().intact()).isTrue();
    }

    @Test
    void the_rest_behind_a_tick_needs_new_cases_worked_at_once() {
        assertThatThrownBy(
                        () ->
                                new World(1, Integer.MAX_VALUE, 0)
                                        .loop(null, 1, Executors.newSingleThreadExecutor()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("workNewCasesOn");
    }

    @Test
    void new_cases_are_worked_at_least_one_at_a_time() {
        assertThatThrownBy(() -> RemediationLoop.builder().workNewCasesOn(Runnable::run, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    /** One loop's ports, safe to call from several threads; acts sleep to shake interleavings. */
    private static final class World {
        final List<Element> elements = new ArrayList<>();
        final ChainLedger ledger = new ChainLedger();
        final InMemoryCaseStore store = new InMemoryCaseStore();
        final Acts acts;
        final LimitGate gate;
        // the risks the predictor answers: all of them, or the first few (atRisk)
        final List<Prediction> shown = new java.util.concurrent.CopyOnWriteArrayList<>();
        private List<Prediction> all = List.of();
        private boolean growing;

        World(int cases, int limit, int jitterMicros) {
            for (int i = 1; i <= cases; i++) {
                elements.add(
                        new Element(
                                ElementId.of(String.format("rtr-%02d", i)),
                                ElementKind.ROUTER,
                                "core",
                                "south",
                                "site-" + i));
            }
            this.acts = new Acts(jitterMicros);
            this.gate = new LimitGate(limit);
        }

        /**
         * From now on the predictor answers the {@code nth} element's risk only (from 1), as a
         * backlog's batches bring one element after another over its threshold.
         */
        void atRisk(int nth) {
            growing = true;
            shown.clear();
            shown.add(all.get(nth - 1));
        }

        RemediationLoop loop(ExecutorService pool, int atOnce) {
            return loop(pool, atOnce, null);
        }

        RemediationLoop loop(ExecutorService pool, int atOnce, ExecutorService behind) {
            List<Prediction> risks = new ArrayList<>();
            for (int i = 0; i < elements.size(); i++) {
                risks.add(
                        new Prediction(
                                elements.get(i).id(),
                                T0,
                                0.9,
                                FailureMode.FAN_WEAR,
                                // most urgent last: urgency order is not opening order
                                Duration.ofHours(100 - i),
                                List.of(),
                                "t"));
            }
            Planner planner =
                    Fakes.planner(
                            "three-acts",
                            r -> {
                                r.reader().read("look", Map.of("element_id", el(r)));
                                List<PlanStep> steps = new ArrayList<>();
                                for (int s = 0; s < 3; s++) {
                                    steps.add(
                                            new PlanStep(
                                                    s,
                                                    ToolCall.of(
                                                            "act-" + (s + 1),
                                                            Map.of("element_id", el(r))),
                                                    T0,
                                                    s == 0
                                                            ? OptionalInt.empty()
                                                            : OptionalInt.of(s - 1),
                                                    "act " + (s + 1)));
                                }
                                return steps;
                            });
            RemediationLoopBuilder b =
                    RemediationLoop.builder()
                            .caseIdPrefix("c")
                            .predictor(new Fixed(shown))
                            .planner(planner)
                            .gate(gate)
                            .approvals(new InMemoryApprovalQueue(RoleHierarchy.operatorDefault()))
                            .tools(
                                    ToolCatalogue.of(
                                            List.of(
                                                    new Look(),
                                                    acts.tool("act-1"),
                                                    acts.tool("act-2"),
                                                    acts.tool("act-3"))))
                            .audit(ledger)
                            .cases(store)
                            .clock(new MutableClock(T0))
                            .elements(elements);
            if (pool != null) {
                b.workNewCasesOn(pool, atOnce);
            }
            if (behind != null) {
                b.laterStepsBehind(behind);
            }
            all = List.copyOf(risks);
            if (!growing) {
                shown.addAll(all);
            }
            return b.build();
        }

        private static String el(dev.autonoc.core.plan.PlanningRequest r) {
            return r.element().id().value();
        }

        /** Each case's events, as type and tool, in ledger order. */
        Map<String, List<String>> byCase() {
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (AuditEntry e : ledger.entries()) {
                AuditEvent ev = e.event();
                Object tool = ev.payload().get("tool");
                out.computeIfAbsent(ev.correlationId(), k -> new ArrayList<>())
                        .add(ev.type() + (tool == null ? "" : " " + tool));
            }
            return new java.util.TreeMap<>(out);
        }

        Map<String, String> statuses() {
            Map<String, String> out = new java.util.TreeMap<>();
            for (CaseRecord c : store.all()) {
                out.put(c.id().value(), c.status() + " " + c.steps().size());
            }
            return out;
        }
    }

    private static final class Fixed implements FailurePredictor {
        private final List<Prediction> risks;

        Fixed(List<Prediction> risks) {
            this.risks = risks;
        }

        @Override
        public String modelVersion() {
            return "t";
        }

        @Override
        public void observe(TelemetrySample sample) {}

        @Override
        public List<Prediction> atRisk(Instant now) {
            return risks;
        }
    }

    /** Allows every act while fewer than {@code limit} ran; a guard over all cases. */
    private static final class LimitGate implements PolicyGate {
        final int limit;
        final AtomicInteger executed = new AtomicInteger();
        final AtomicInteger decisions = new AtomicInteger();

        LimitGate(int limit) {
            this.limit = limit;
        }

        @Override
        public String version() {
            return "limit";
        }

        @Override
        public Decision evaluate(ActionRequest request) {
            String id = "d-" + decisions.incrementAndGet();
            return executed.get() < limit
                    ? Decision.allow(id, List.of("under-limit"), List.of("ok"), version())
                    : Decision.deny(id, List.of("limit"), List.of("limit reached"), version());
        }

        @Override
        public void recordExecution(ActionRequest request, ToolResult result) {
            executed.incrementAndGet();
        }
    }

    private static final class Look implements Tool {
        @Override
        public ToolDescriptor descriptor() {
            return new ToolDescriptor("look", ToolKind.READ, "look", "{}", "TMF000");
        }

        @Override
        public Estimate estimate(Map<String, Object> arguments) {
            return new Estimate(0.0, Risk.LOW, Map.of());
        }

        @Override
        public ToolResult execute(ToolInvocation invocation) {
            return ToolResult.succeeded(Map.of("ok", true), "looked");
        }
    }

    /** The act tools: each call's key kept in call order; a call takes a while. */
    private static final class Acts {
        final List<String> keys = java.util.Collections.synchronizedList(new ArrayList<>());
        private final int jitterMicros;
        private final AtomicInteger calls = new AtomicInteger();
        private volatile String heldTool = "";
        private volatile String heldElement = "";
        private volatile CountDownLatch held = new CountDownLatch(0);

        /** {@code tool}'s estimate for {@code element} waits until {@code released}. */
        void holdEstimate(String tool, String element, CountDownLatch released) {
            heldTool = tool;
            heldElement = element;
            held = released;
        }

        Acts(int jitterMicros) {
            this.jitterMicros = jitterMicros;
        }

        Tool tool(String name) {
            return new Tool() {
                @Override
                public ToolDescriptor descriptor() {
                    return new ToolDescriptor(name, ToolKind.ACT, name, "{}", "TMF000");
                }

                @Override
                public Estimate estimate(Map<String, Object> arguments) {
                    if (name.equals(heldTool) && heldElement.equals(arguments.get("element_id"))) {
                        try {
                            if (!held.await(60, TimeUnit.SECONDS)) {
                                throw new IllegalStateException("never released");
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(e);
                        }
                    }
                    return new Estimate(0.0, Risk.LOW, Map.of());
                }

                @Override
                public ToolResult execute(ToolInvocation invocation) {
                    if (jitterMicros > 0) {
                        // a different wait per call, so that workers overtake each other
                        long wait =
                                jitterMicros / 2
                                        + (calls.incrementAndGet() * 7919L)
                                                % (jitterMicros / 2 + 1);
                        LockSupport.parkNanos(wait * 1_000);
                    }
                    keys.add(invocation.key().value());
                    return ToolResult.succeeded(Map.of(), name + " done");
                }
            };
        }
    }

    /** A ledger with a SHA-256 chain, appended by one writer at a time. */
    private static final class ChainLedger implements AuditLog {
        private final List<AuditEntry> entries = new ArrayList<>();
        // the case whose plan the database fails to write
        volatile String failOn = "";
        // the act tool whose call the database fails to write
        volatile String failOnCallOf = "";

        @Override
        public synchronized AuditEntry append(AuditEvent event) {
            if (event.type() == AuditEventType.PLAN && event.correlationId().equals(failOn)) {
                throw new IllegalStateException("the ledger failed writing the plan of " + failOn);
            }
            if (event.type() == AuditEventType.TOOL_CALL
                    && failOnCallOf.equals(event.payload().get("tool"))) {
                throw new IllegalStateException(
                        "the ledger failed writing the call of " + failOnCallOf);
            }
            String prev = entries.isEmpty() ? "0" : entries.get(entries.size() - 1).hash();
            long seq = entries.size() + 1L;
            AuditEntry e = new AuditEntry(seq, event, event.simTime(), prev, hash(prev, event));
            entries.add(e);
            return e;
        }

        synchronized List<AuditEntry> entries() {
            return List.copyOf(entries);
        }

        @Override
        public synchronized List<AuditEntry> query(AuditQuery query) {
            return entries.stream()
                    .filter(
                            e ->
                                    query.correlationId()
                                            .map(c -> c.equals(e.event().correlationId()))
                                            .orElse(true))
                    .toList();
        }

        @Override
        public synchronized AuditVerification verify() {
            String prev = "0";
            for (int i = 0; i < entries.size(); i++) {
                AuditEntry e = entries.get(i);
                if (e.sequence() != i + 1
                        || !e.previousHash().equals(prev)
                        || !e.hash().equals(hash(prev, e.event()))) {
                    return AuditVerification.broken(i, i + 1, "entry " + (i + 1) + " breaks");
                }
                prev = e.hash();
            }
            return AuditVerification.intact(entries.size());
        }

        private static String hash(String prev, AuditEvent event) {
            try {
                MessageDigest d = MessageDigest.getInstance("SHA-256");
                d.update(prev.getBytes(StandardCharsets.UTF_8));
                d.update(event.toString().getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(d.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
