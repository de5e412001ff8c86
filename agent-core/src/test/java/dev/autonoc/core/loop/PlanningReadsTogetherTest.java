package dev.autonoc.core.loop;

import static dev.autonoc.core.loop.LoopWorld.ROUTER;
import static dev.autonoc.core.loop.LoopWorld.ROUTER_3;
import static dev.autonoc.core.loop.LoopWorld.minutes;
import static dev.autonoc.core.tool.ToolNames.CHECK_STOCK;
import static dev.autonoc.core.tool.ToolNames.GET_ELEMENT;
import static dev.autonoc.core.tool.ToolNames.LIST_ENGINEERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.planner.PlaybookPlanner;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Tool;
import dev.autonoc.core.tool.ToolDescriptor;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.core.tool.ToolResult.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A loop that asks a planning's independent reads at once ({@link
 * RemediationLoopBuilder#planningReadsOn}, connected mode) writes the same ledger as one that asks
 * the same reads one after another (on the planner's thread): the same events, in the same order,
 * under the same keys, whatever order the reads answer in; and it does ask them at once. (It asks
 * the do-no-harm what-ifs of two windows ahead, {@link dev.autonoc.core.plan.ToolReader#readAhead},
 * where the embedded mode's loop asks the second only when the first finds harm: the plan is the
 * same, {@code DoNoHarmTest}.)
 */
class PlanningReadsTogetherTest {

    @Property(tries = 20)
    void the_ledger_is_the_same_as_one_after_another(
            @ForAll @IntRange(min = 0, max = 2) int busyCrewLists,
            @ForAll @IntRange(min = 20, max = 120) int hoursToFailure,
            @ForAll @IntRange(min = 0, max = 400) int jitterMicros) {
        List<AuditEvent> alone = run(Runnable::run, busyCrewLists, hoursToFailure, jitterMicros);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<AuditEvent> together = run(pool, busyCrewLists, hoursToFailure, jitterMicros);
            assertThat(together).isEqualTo(alone);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void the_element_its_stock_and_its_crew_are_asked_at_once() throws Exception {
        // each of the three reads waits until all three have started: one after another, the
        // first would wait in vain and its barrier break
        CyclicBarrier allStarted = new CyclicBarrier(3);
        Set<String> met = ConcurrentHashMap.newKeySet();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        LoopWorld w = new LoopWorld(new PlaybookPlanner());
        w.catalogue =
                tools ->
                        tools.stream()
                                .map(
                                        t ->
                                                Set.of(GET_ELEMENT, CHECK_STOCK, LIST_ENGINEERS)
                                                                .contains(t.name())
                                                        ? around(
                                                                t,
                                                                () -> {
                                                                    threads.add(
                                                                            Thread.currentThread()
                                                                                    .getName());
                                                                    try {
                                                                        allStarted.await(
                                                                                30,
                                                                                TimeUnit.SECONDS);
                                                                        met.add(t.name());
                                                                    } catch (Exception e) {
                                                                        // not met: asserted below
                                                                    }
                                                                })
                                                        : t)
                                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            w.planningReads = pool;
            w.predict(ROUTER, 0.9, Duration.ofHours(30));
            w.tick();
        } finally {
            pool.shutdownNow();
        }

        assertThat(met).containsExactlyInAnyOrder(GET_ELEMENT, CHECK_STOCK, LIST_ENGINEERS);
        assertThat(threads).hasSize(3);
        assertThat(w.calledTools(LoopWorld.CASE))
                .startsWith(GET_ELEMENT, CHECK_STOCK, LIST_ENGINEERS);
    }

    @Test
    void reads_after_one_that_failed_were_asked_too_and_are_in_the_ledger() {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            LoopWorld alone = new LoopWorld(new PlaybookPlanner());
            alone.net.fail(CHECK_STOCK, Outcome.TRANSIENT);
            alone.predict(ROUTER, 0.9, Duration.ofHours(30));
            alone.tick();
            LoopWorld together = new LoopWorld(new PlaybookPlanner());
            together.planningReads = pool;
            together.net.fail(CHECK_STOCK, Outcome.TRANSIENT);
            together.predict(ROUTER, 0.9, Duration.ofHours(30));
            together.tick();

            assertThat(alone.calledTools(LoopWorld.CASE)).containsExactly(GET_ELEMENT, CHECK_STOCK);
            assertThat(together.calledTools(LoopWorld.CASE))
                    .containsExactly(GET_ELEMENT, CHECK_STOCK, LIST_ENGINEERS);
            // either way the planning waits for the stock's backoff, nothing planned yet
            assertThat(together.only().plan()).isEmpty();
            assertThat(together.only().replanDue()).isEqualTo(alone.only().replanDue());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Two cases to their first proposals and on for a while; the ledger's events, in order. */
    private static List<AuditEvent> run(
            java.util.concurrent.Executor pool,
            int busyCrewLists,
            int hoursToFailure,
            int jitterMicros) {
        LoopWorld w = new LoopWorld(new PlaybookPlanner());
        w.staged = true;
        w.planningReads = pool;
        // the fake operator is one object: its calls are taken one at a time, after a jitter that
        // shakes the order the reads asked at once answer in
        UnaryOperator<List<Tool>> serialized =
                tools ->
                        tools.stream()
                                .map(
                                        t ->
                                                around(
                                                        t,
                                                        () ->
                                                                LockSupport.parkNanos(
                                                                        jitterMicros
                                                                                * 1000L
                                                                                * (t.name().length()
                                                                                        % 3))))
                                .toList();
        w.catalogue = serialized;
        for (int i = 0; i < busyCrewLists; i++) {
            w.net.fail(LIST_ENGINEERS, Outcome.TRANSIENT);
        }
        w.predict(ROUTER, 0.9, Duration.ofHours(hoursToFailure));
        w.predict(ROUTER_3, 0.9, Duration.ofHours(hoursToFailure + 7));
        w.tick();
        w.run(minutes(10), Duration.ofHours(2));
        return w.audit.entries.stream().map(AuditEntry::event).toList();
    }

    /** {@code tool}, with {@code before} run first and its calls taken one at a time. */
    private static Tool around(Tool tool, Runnable before) {
        return new Tool() {
            @Override
            public ToolDescriptor descriptor() {
                return tool.descriptor();
            }

            @Override
            public Estimate estimate(Map<String, Object> arguments) {
                synchronized (PlanningReadsTogetherTest.class) {
                    return tool.estimate(arguments);
                }
            }

            @Override
            public ToolResult execute(ToolInvocation invocation) {
                before.run();
                synchronized (PlanningReadsTogetherTest.class) {
                    return tool.execute(invocation);
                }
            }
        };
    }
}
