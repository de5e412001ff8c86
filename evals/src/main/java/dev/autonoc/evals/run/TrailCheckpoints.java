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
 * #EVERY} of simulated time while the run goes, and, when the trail is exported, a final checkpoint
 * over its last entry that says the file ends there.
 *
 * <p>The private key never lands in the trail folder: whoever holds the folder could otherwise
 * re-sign an edited trail. It is either a key file the user names ({@link #signWith}, kept
 * elsewhere) or a fresh key held in memory for this process only and discarded with it. Only the
 * public key is written, as {@code checkpoint.pub}, and given to the user to keep apart ({@link
 * #publicKeyOf}): {@code autonoc audit verify} trusts the key the auditor brings, not the one
 * beside the trail.
 */
public final class TrailCheckpoints {

    /** Simulated time between two checkpoints of a run. */
    static final Duration EVERY = Duration.ofHours(6);

    public static final String PUBLIC_KEY_FILE = "checkpoint.pub";

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

    /**
     * Signs the trails written to {@code trailFolder} in this process with the key pair in {@code
     * keyFile} (created, readable by its owner only, if absent), so that trails of several runs
     * verify with one key the user keeps.
     *
     * @throws IllegalArgumentException if the key file lies inside the trail folder, or is not a
     *     key pair
     */
    public static CheckpointSigner signWith(Path trailFolder, Path keyFile) {
        Path folder = normal(trailFolder);
        if (normal(keyFile).startsWith(folder)) {
            throw new IllegalArgumentException(
                    "the signing key "
                            + keyFile
                            + " lies inside the trail folder "
                            + trailFolder
                            + ": whoever holds the folder could re-sign an edited trail; keep it"
                            + " elsewhere");
        }
        CheckpointSigner signer = CheckpointSigner.loadOrCreate(keyFile);
        SIGNERS.put(folder, signer);
        writePublicKey(folder, signer);
        return signer;
    }

    /** The public key (base64 X.509) that verifies the trails written to {@code trailFolder}. */
    public static String publicKeyOf(Path trailFolder) {
        return signerFor(trailFolder).publicKeyText();
    }

    /**
     * The folder's signer: the one {@link #signWith} named, else a fresh key pair made on first use
     * and held in memory only; its public key is written beside the trails.
     */
    static CheckpointSigner signerFor(Path folder) {
        return SIGNERS.computeIfAbsent(
                normal(folder),
                dir -> {
                    CheckpointSigner fresh = CheckpointSigner.generate();
                    writePublicKey(dir, fresh);
                    return fresh;
                });
    }

    private static void writePublicKey(Path dir, CheckpointSigner signer) {
        try {
            Files.createDirectories(dir);
            Files.writeString(
                    dir.resolve(PUBLIC_KEY_FILE),
                    signer.publicKeyText() + "\n",
                    StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint public key in " + dir, e);
        }
    }

    private static Path normal(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
