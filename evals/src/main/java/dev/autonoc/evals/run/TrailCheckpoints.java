package dev.autonoc.evals.run;

import dev.autonoc.audit.CheckpointSigner;
import dev.autonoc.audit.JdbcAuditLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed checkpoints in a run's ledger, so that its exported trail carries them: one every {@link
 * #EVERY} of simulated time while the run goes, and one at its end. The key is the trail folder's:
 * {@code checkpoint.key} (private, mode 600, created on first use and kept, so that every trail
 * written to the folder verifies with one key) and {@code checkpoint.pub} beside it, which {@code
 * autonoc audit verify FILE} picks up. A key kept beside the files shows they were not changed by
 * anyone without the key file; for more, copy checkpoint.pub somewhere safe and give it with
 * --public-key.
 */
final class TrailCheckpoints {

    /** Simulated time between two checkpoints of a run. */
    static final Duration EVERY = Duration.ofHours(6);

    static final String KEY_FILE = "checkpoint.key";
    static final String PUBLIC_KEY_FILE = "checkpoint.pub";

    private static final Map<Path, CheckpointSigner> SIGNERS = new ConcurrentHashMap<>();

    private final JdbcAuditLog log;
    private final CheckpointSigner signer;
    private Instant next;

    TrailCheckpoints(JdbcAuditLog log, Path trailFolder, Instant start) {
        this.log = log;
        this.signer = signerFor(trailFolder);
        this.next = start.plus(EVERY);
    }

    /** Signs a checkpoint if {@link #EVERY} has passed in simulated time since the last. */
    void tick(Instant simTime) {
        if (!simTime.isBefore(next)) {
            sign();
            while (!next.isAfter(simTime)) {
                next = next.plus(EVERY);
            }
        }
    }

    /** Signs a checkpoint of everything so far (nothing if the ledger is empty or unchanged). */
    void sign() {
        if (log.size() > 0) {
            log.checkpoint(signer);
        }
    }

    /** The folder's signer, its key files created on first use (once per folder per process). */
    static CheckpointSigner signerFor(Path folder) {
        return SIGNERS.computeIfAbsent(
                folder.toAbsolutePath().normalize(),
                dir -> {
                    try {
                        Files.createDirectories(dir);
                        CheckpointSigner s = CheckpointSigner.loadOrCreate(dir.resolve(KEY_FILE));
                        Files.writeString(
                                dir.resolve(PUBLIC_KEY_FILE),
                                s.publicKeyText() + "\n",
                                StandardCharsets.US_ASCII);
                        return s;
                    } catch (IOException e) {
                        throw new UncheckedIOException(
                                "cannot write the checkpoint key in " + dir, e);
                    }
                });
    }
}
