package dev.autonoc.audit;

import dev.autonoc.core.audit.AuditVerification;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.OptionalLong;

/**
 * Retention: moves checkpointed stretches of old entries to archive files that verify alone and
 * keeps their hashes in the ledger (see {@link JdbcAuditLog#archive} for the steps and what holds
 * after). Not thread-safe: {@link JdbcAuditLog} calls {@link #archive} holding its own lock.
 */
final class LedgerArchive {

    private final LedgerReader reader;
    private final LedgerWriter writer;
    private final LedgerVerifier verifier;
    private final LedgerProofs proofs;
    private final LedgerExport export;

    LedgerArchive(
            LedgerReader reader,
            LedgerWriter writer,
            LedgerVerifier verifier,
            LedgerProofs proofs,
            LedgerExport export) {
        this.reader = reader;
        this.writer = writer;
        this.verifier = verifier;
        this.proofs = proofs;
        this.export = export;
    }

    /** See {@link JdbcAuditLog#archivableBefore}. */
    OptionalLong archivableBefore(long beforeSequence) {
        long archived = reader.archivedThrough();
        return reader.checkpoints().stream()
                .mapToLong(Checkpoint::treeSize)
                .filter(size -> size < beforeSequence && size > archived)
                .max();
    }

    /** See {@link JdbcAuditLog#archive}. */
    ArchiveResult archive(long through, Path file) {
        writer.ensureOpen();
        long archived = reader.archivedThrough();
        List<Checkpoint> checkpoints = reader.checkpoints();
        Checkpoint at =
                checkpoints.stream().filter(c -> c.treeSize() == through).findFirst().orElse(null);
        if (through <= archived || through > writer.size() || at == null) {
            throw new IllegalArgumentException(
                    "can archive only up to a checkpoint past the "
                            + archived
                            + " entries already archived; "
                            + through
                            + " is not one (checkpoints at "
                            + checkpoints.stream()
                                    .map(c -> Long.toString(c.treeSize()))
                                    .filter(size -> Long.parseLong(size) > archived)
                                    .toList()
                            + ")");
        }
        if (Files.exists(file)) {
            throw new IllegalArgumentException(
                    "the archive file " + file + " exists; an archive is never overwritten");
        }
        LedgerVerifier.Walk walk = verifier.walk();
        AuditVerification before = LedgerVerifier.verdict(walk, checkpoints, null);
        if (!before.intact()) {
            throw new IllegalStateException(
                    "the ledger does not verify, so it will not be archived: " + before.detail());
        }
        proofs.adopt(walk.tree());
        ArchivedPrefix prefix =
                archived == 0
                        ? null
                        : ArchivedPrefix.of(walk.tree(), archived, reader.archivedHash(archived));
        writeVerified(file, prefix, through, through - archived);
        writer.moveToArchived(archived, through, () -> deleteQuietly(file));
        return new ArchiveResult(archived + 1, through, file, at);
    }

    /** Writes the archive file as {@code <name>.partial}, verifies it, then moves it into place. */
    private void writeVerified(Path file, ArchivedPrefix prefix, long through, long entries) {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                export.export(ExportSink.jsonLines(out), prefix, through, null);
            }
            AuditVerification written = AuditVerifier.verifyExport(partial);
            if (!written.intact() || written.entriesChecked() != entries) {
                throw new IllegalStateException(
                        "the archive file written does not verify: " + written.detail());
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new UncheckedIOException("cannot write the archive file " + file, e);
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // what is left is a partial or orphan file, named so; the error thrown says why
        }
    }
}
