package dev.autonoc.service.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The group commit of several events per caller ({@link GroupCommitLedger#appendAll}), over random
 * interleavings of callers and batch sizes.
 */
class GroupCommitBatchesTest {

    private static final Instant T0 = GroupCommitLedgerTest.T0;

    /**
     * What the loop's units hand in ({@code appendAll}: the events a unit staged, then the one that
     * needed them durable), from several threads at once: each caller's events stand together and
     * in order in the chain, and the chain is, hash for hash, the one the ledger writes appending
     * those events one at a time in that order.
     */
    @Property(tries = 15)
    void batches_from_several_threads_stay_together_and_the_chain_is_the_one_at_a_time_chain(
            @ForAll @Size(min = 2, max = 6)
                    List<@Size(min = 1, max = 8) List<@IntRange(min = 1, max = 12) Integer>>
                            threads)
            throws Exception {
        String name = "group-commit-p-" + System.nanoTime();
        JdbcAuditLog jdbc = JdbcAuditLog.h2InMemory(name, Clock.fixed(T0, ZoneOffset.UTC));
        GroupCommitLedger ledger = new GroupCommitLedger(jdbc);
        ExecutorService pool = Executors.newFixedThreadPool(threads.size());
        String again = name + "-again";
        JdbcAuditLog oneAtATime = JdbcAuditLog.h2InMemory(again, Clock.fixed(T0, ZoneOffset.UTC));
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<List<AuditEntry>>>> done = new ArrayList<>();
            for (int t = 0; t < threads.size(); t++) {
                String caseId = "case-" + t;
                List<Integer> batches = threads.get(t);
                done.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    List<List<AuditEntry>> mine = new ArrayList<>();
                                    int i = 0;
                                    for (int size : batches) {
                                        List<AuditEvent> batch = new ArrayList<>();
                                        for (int k = 0; k < size; k++) {
                                            batch.add(GroupCommitLedgerTest.event(caseId, i++));
                                        }
                                        mine.add(ledger.appendAll(batch));
                                    }
                                    return mine;
                                }));
            }
            start.countDown();
            for (Future<List<List<AuditEntry>>> f : done) {
                int i = 0;
                for (List<AuditEntry> batch : f.get()) {
                    for (int k = 0; k < batch.size(); k++) {
                        // its own events, in order, one after another in the chain
                        assertThat(GroupCommitLedgerTest.indexOf(batch.get(k))).isEqualTo(i++);
                        assertThat(batch.get(k).sequence()).isEqualTo(batch.get(0).sequence() + k);
                    }
                }
            }
            assertThat(ledger.verify().intact()).isTrue();
            List<AuditEntry> chain = jdbc.entries();
            List<String> replayed = new ArrayList<>();
            for (AuditEntry e : chain) {
                replayed.add(oneAtATime.append(e.event()).hash());
            }
            assertThat(chain.stream().map(AuditEntry::hash).toList()).isEqualTo(replayed);
        } finally {
            pool.shutdownNow();
            jdbc.close();
            oneAtATime.close();
            JdbcAuditLog.dropH2InMemory(name);
            JdbcAuditLog.dropH2InMemory(again);
        }
    }
}
