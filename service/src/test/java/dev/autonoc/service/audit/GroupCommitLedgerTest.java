package dev.autonoc.service.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger's appends from several threads at once, committed together: every append returns its
 * own durable entry, each thread's events keep their order, the chain verifies, and a bad event
 * fails its own caller alone.
 */
class GroupCommitLedgerTest {

    static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");

    private final String db = "group-commit-" + System.nanoTime();
    private final JdbcAuditLog jdbc = JdbcAuditLog.h2InMemory(db, Clock.systemUTC());
    private final GroupCommitLedger ledger = new GroupCommitLedger(jdbc);
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void close() {
        pool.shutdownNow();
        jdbc.close();
        JdbcAuditLog.dropH2InMemory(db);
    }

    @Test
    void appends_from_eight_threads_each_return_their_entry_in_order_and_the_chain_verifies()
            throws Exception {
        int threads = 8;
        int each = 150;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<AuditEntry>>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String caseId = "case-" + t;
            done.add(
                    pool.submit(
                            (Callable<List<AuditEntry>>)
                                    () -> {
                                        start.await();
                                        List<AuditEntry> mine = new ArrayList<>();
                                        for (int i = 0; i < each; i++) {
                                            mine.add(ledger.append(event(caseId, i)));
                                        }
                                        return mine;
                                    }));
        }
        start.countDown();
        Set<Long> sequences = new HashSet<>();
        for (int t = 0; t < threads; t++) {
            List<AuditEntry> mine = done.get(t).get();
            assertThat(mine).hasSize(each);
            for (int i = 0; i < each; i++) {
                AuditEntry e = mine.get(i);
                // the entry is this call's own event, durable under its sequence
                assertThat(e.event().correlationId()).isEqualTo("case-" + t);
                assertThat(indexOf(e)).isEqualTo(i);
                assertThat(sequences.add(e.sequence())).isTrue();
                if (i > 0) {
                    assertThat(e.sequence()).isGreaterThan(mine.get(i - 1).sequence());
                }
            }
        }
        assertThat(jdbc.size()).isEqualTo((long) threads * each);
        assertThat(ledger.verify().intact()).isTrue();
        // in the ledger, each thread's events stand in the order it appended them
        for (int t = 0; t < threads; t++) {
            String caseId = "case-" + t;
            List<Integer> order =
                    jdbc.entries().stream()
                            .filter(e -> e.event().correlationId().equals(caseId))
                            .map(GroupCommitLedgerTest::indexOf)
                            .toList();
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < each; i++) {
                expected.add(i);
            }
            assertThat(order).isEqualTo(expected);
        }
    }

    @Test
    void a_bad_event_fails_its_own_append_and_no_other() throws Exception {
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<AuditEntry>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int n = t;
            done.add(
                    pool.submit(
                            () -> {
                                start.await();
                                AuditEntry last = null;
                                for (int i = 0; i < 40; i++) {
                                    // thread 3's twentieth event has no canonical form (NaN)
                                    last =
                                            ledger.append(
                                                    n == 3 && i == 20
                                                            ? bad("case-" + n)
                                                            : event("case-" + n, i));
                                }
                                return last;
                            }));
        }
        start.countDown();
        for (int t = 0; t < threads; t++) {
            if (t == 3) {
                Future<AuditEntry> f = done.get(t);
                assertThatThrownBy(f::get)
                        .isInstanceOf(ExecutionException.class)
                        .hasMessageContaining("NaN");
            } else {
                assertThat(indexOf(done.get(t).get())).isEqualTo(39);
            }
        }
        // seven threads' 40 events and thread 3's first 20: nothing else lost, nothing twice
        assertThat(jdbc.size()).isEqualTo(7L * 40 + 20);
        assertThat(ledger.verify().intact()).isTrue();
    }

    @Test
    void a_batch_with_a_bad_event_fails_whole_and_alone() throws Exception {
        int threads = 6;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<AuditEntry>>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int n = t;
            done.add(
                    pool.submit(
                            () -> {
                                start.await();
                                List<AuditEntry> last = List.of();
                                for (int b = 0; b < 10; b++) {
                                    List<AuditEvent> batch = new ArrayList<>();
                                    for (int i = 0; i < 4; i++) {
                                        batch.add(
                                                n == 2 && b == 5 && i == 2
                                                        ? bad("case-" + n)
                                                        : event("case-" + n, 4 * b + i));
                                    }
                                    last = ledger.appendAll(batch);
                                }
                                return last;
                            }));
        }
        start.countDown();
        for (int t = 0; t < threads; t++) {
            if (t == 2) {
                assertThatThrownBy(done.get(t)::get)
                        .isInstanceOf(ExecutionException.class)
                        .hasMessageContaining("NaN");
            } else {
                assertThat(done.get(t).get()).hasSize(4);
            }
        }
        // five threads' 40 events and thread 2's first five batches: none of its bad batch
        assertThat(jdbc.size()).isEqualTo(5L * 40 + 20);
        assertThat(
                        jdbc.entries().stream()
                                .filter(e -> e.event().correlationId().equals("case-2"))
                                .map(GroupCommitLedgerTest::indexOf)
                                .toList())
                .hasSize(20)
                .allSatisfy(i -> assertThat(i).isLessThan(20));
        assertThat(ledger.verify().intact()).isTrue();
    }

    @Test
    void one_thread_alone_appends_as_the_ledger_does() {
        AuditEntry first = ledger.append(event("case-a", 0));
        AuditEntry second = ledger.append(event("case-a", 1));
        assertThat(first.sequence()).isEqualTo(1);
        assertThat(second.sequence()).isEqualTo(2);
        assertThat(second.previousHash()).isEqualTo(first.hash());
        assertThat(ledger.query(dev.autonoc.core.audit.AuditQuery.forCase("case-a"))).hasSize(2);
    }

    static int indexOf(AuditEntry e) {
        return ((Number) e.event().payload().get("i")).intValue();
    }

    static AuditEvent event(String caseId, int i) {
        return new AuditEvent(
                AuditEventType.TOOL_CALL,
                caseId,
                "core-rtr-01",
                "agent:autonoc",
                T0,
                Map.of("tool", "get_element", "i", i));
    }

    static AuditEvent bad(String caseId) {
        return new AuditEvent(
                AuditEventType.TOOL_RESULT,
                caseId,
                "core-rtr-01",
                "agent:autonoc",
                T0,
                Map.of("value", Double.NaN));
    }
}
