package dev.autonoc.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.audit.AuditEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Two writers of one ledger (several service instances) signing checkpoints at the same moment. */
class SharedCheckpointTest {

    @Test
    void two_writers_signing_the_same_tree_at_once_keep_one_checkpoint_and_neither_fails() {
        String name = "shared-checkpoint-" + System.nanoTime();
        try {
            JdbcAuditLog a = JdbcAuditLog.h2InMemory(name, Events.fixedClock());
            AuditEvent[] events = Events.aCase("case-1", "core-rtr-01", 0);
            for (AuditEvent e : events) {
                a.append(e);
            }
            CheckpointSigner key = CheckpointSigner.generate();
            // b reads its clock between its look at the stored checkpoints and its insert: that is
            // where the other writer signs first
            AtomicReference<Runnable> inBetween = new AtomicReference<>(() -> {});
            JdbcAuditLog b = JdbcAuditLog.h2InMemory(name, clockRunning(inBetween));
            b.verify();
            inBetween.set(() -> a.checkpoint(key));

            Checkpoint byB = b.checkpoint(key);

            assertThat(b.checkpoints()).singleElement().isEqualTo(byB);
            assertThat(byB.treeSize()).isEqualTo(events.length);
            assertThat(a.checkpoints()).containsExactly(byB);
        } finally {
            JdbcAuditLog.dropH2InMemory(name);
        }
    }

    /** A fixed clock that runs the action handed to it once, the next time it is read. */
    private static Clock clockRunning(AtomicReference<Runnable> once) {
        return new Clock() {
            @Override
            public Instant instant() {
                once.getAndSet(() -> {}).run();
                return Events.T0;
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
    }
}
