package dev.autonoc.service.audit;

import dev.autonoc.audit.Checkpoint;
import dev.autonoc.audit.CheckpointSigner;
import dev.autonoc.audit.JdbcAuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Signs checkpoints of the ledger: on a schedule ({@link CheckpointProperties#due}), on request
 * ({@link #checkpointNow()}), and once more when the service stops, so that the entries of a run
 * end under a signature.
 */
public final class AuditCheckpoints implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);

    private final JdbcAuditLog ledger;
    private final CheckpointSigner signer;
    private final CheckpointProperties settings;
    private final Clock wall;

    private volatile ScheduledExecutorService thread;
    private volatile Instant lastAt;

    public AuditCheckpoints(
            JdbcAuditLog ledger,
            CheckpointSigner signer,
            CheckpointProperties settings,
            Clock wall) {
        this.ledger = ledger;
        this.signer = signer;
        this.settings = settings;
        this.wall = wall;
        this.lastAt = wall.instant();
    }

    /** The signer's public key, base64 X.509: what an auditor verifies checkpoints with. */
    public String publicKeyText() {
        return signer.publicKeyText();
    }

    public CheckpointSigner signer() {
        return signer;
    }

    /**
     * A checkpoint of the ledger as it is now; the latest one when nothing was added since.
     *
     * @return empty when the ledger is empty
     */
    public synchronized Optional<Checkpoint> checkpointNow() {
        if (ledger.size() == 0) {
            return Optional.empty();
        }
        Checkpoint c = ledger.checkpoint(signer);
        lastAt = wall.instant();
        return Optional.of(c);
    }

    synchronized void checkIfDue() {
        List<Checkpoint> existing = ledger.checkpoints();
        long checkpointed = existing.isEmpty() ? 0 : existing.get(existing.size() - 1).treeSize();
        if (settings.due(ledger.size(), checkpointed, Duration.between(lastAt, wall.instant()))) {
            Checkpoint c = ledger.checkpoint(signer);
            lastAt = wall.instant();
            log.info("audit checkpoint signed: {} entries, root {}", c.treeSize(), c.rootHash());
        }
    }

    private void tick() {
        try {
            checkIfDue();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: log and keep going
            log.error("audit checkpoint failed", e);
        }
    }

    @Override
    public synchronized void start() {
        thread =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "autonoc-audit-checkpoints");
                            t.setDaemon(true);
                            return t;
                        });
        long every = settings.checkInterval().toMillis();
        thread.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService stopping = thread;
        thread = null;
        if (stopping == null) {
            return;
        }
        stopping.shutdownNow();
        try {
            checkpointNow();
        } catch (RuntimeException e) {
            log.warn("no checkpoint at shutdown: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /**
     * Stops after the simulation's driver (a higher phase stops first): its last entries are
     * signed.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }
}
