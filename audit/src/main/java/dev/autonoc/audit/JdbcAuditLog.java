package dev.autonoc.audit;

import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.audit.AuditVerification;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The audit ledger on JDBC: embedded H2 by default, PostgreSQL in production, one schema (Flyway,
 * {@code db/audit/common/V1__audit_log.sql}; on PostgreSQL also a trigger that refuses UPDATE and
 * DELETE).
 *
 * <p>Appends go through one writer connection, one at a time ({@code synchronized}); each commits
 * before it returns, so nothing is reported done before its event is committed. The chain's tail
 * (last sequence and hash) is read when the log opens and again after any failed write, so a write
 * whose commit outcome was unknown never forks the chain; the sequence is the primary key, so a
 * second writer on the same database fails instead of forking it. On PostgreSQL several writers
 * (several service instances on one database) may append to one ledger: each append takes the
 * ledger's lock in the database and reads the tail under it ({@link LedgerWriter}), so the chain
 * stays one; {@link #size()} and {@link #headHash()} are then this writer's last view of it. On H2,
 * one writer per ledger.
 *
 * <p>Events read back come from the stored canonical JSON: payload numbers come back as Long or
 * Double (see {@link CanonicalJson}), so read them through {@link Number}.
 *
 * <p>This class is the ledger's public face and its lock: what writes, signs, proves or archives
 * runs holding it. The work is done by package-private collaborators, one job each: {@link
 * LedgerWriter} (the writer connection and the tail), {@link LedgerQuery} (queries), {@link
 * LedgerReader} (page walks and small reads), {@link LedgerVerifier} (verify), {@link LedgerProofs}
 * (the Merkle tree, checkpoints, proofs), {@link LedgerExport} (exports) and {@link LedgerArchive}
 * (retention).
 */
public final class JdbcAuditLog implements AuditLog, AutoCloseable {

    private final LedgerReader reader;
    private final LedgerQuery queries;
    private final LedgerVerifier verifier;
    private final LedgerExport exporter;

    // Guarded by this.
    private final LedgerWriter writer;
    private final LedgerProofs proofs;
    private final LedgerArchive archiver;

    private JdbcAuditLog(DataSource dataSource, Clock clock) {
        reader = new LedgerReader(dataSource);
        queries = new LedgerQuery(dataSource);
        verifier = new LedgerVerifier(reader);
        exporter = new LedgerExport(reader);
        synchronized (this) {
            writer = new LedgerWriter(dataSource, clock, this::forgetTree, this::appendedElsewhere);
            proofs = new LedgerProofs(reader, writer, verifier);
            archiver = new LedgerArchive(reader, writer, verifier, proofs, exporter);
        }
    }

    /** Migrates the schema if needed and opens the ledger on the given database. */
    public static JdbcAuditLog open(DataSource dataSource, Clock clock) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(clock, "clock");
        migrate(dataSource);
        return new JdbcAuditLog(dataSource, clock);
    }

    /**
     * The ledger in an embedded H2 file, {@code dbFileWithoutSuffix + ".mv.db"}, created if absent.
     * Opening an existing file continues its chain.
     */
    public static JdbcAuditLog h2File(Path dbFileWithoutSuffix, Clock clock) {
        Objects.requireNonNull(dbFileWithoutSuffix, "dbFileWithoutSuffix");
        return open(H2DataSources.file(dbFileWithoutSuffix), clock);
    }

    /** The ledger in a named in-memory H2 database, for tests and throw-away runs. */
    public static JdbcAuditLog h2InMemory(String name, Clock clock) {
        Objects.requireNonNull(name, "name");
        return open(H2DataSources.memory(name), clock);
    }

    /**
     * Frees the in-memory database {@link #h2InMemory} made under this name. It outlives its
     * ledgers (several may share it), so its owner drops it when the last is closed.
     */
    public static void dropH2InMemory(String name) {
        H2DataSources.dropMemory(Objects.requireNonNull(name, "name"));
    }

    /**
     * Runs the ledger's migrations: {@code db/audit/common} everywhere, and {@code
     * db/audit/postgresql} (the append-only trigger) on PostgreSQL. They have their own location
     * and history table ({@code audit_schema_history}), so the service's migrations in {@code
     * db/migration} and ours never see each other's versions.
     */
    static void migrate(DataSource dataSource) {
        List<String> locations = new ArrayList<>(List.of("classpath:db/audit/common"));
        if (isPostgres(dataSource)) {
            locations.add("classpath:db/audit/postgresql");
        }
        Flyway.configure()
                .dataSource(dataSource)
                .locations(locations.toArray(String[]::new))
                .table("audit_schema_history")
                .load()
                .migrate();
    }

    private static boolean isPostgres(DataSource dataSource) {
        try {
            return Databases.isPostgres(dataSource);
        } catch (SQLException e) {
            throw new AuditStoreException(
                    "cannot connect to the audit ledger's database: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- writing

    @Override
    public synchronized AuditEntry append(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        AuditEntry entry = writer.append(event);
        proofs.appended(List.of(entry));
        return entry;
    }

    /**
     * Appends the events in one transaction, in one JDBC batch: all of them are recorded, or none.
     * Every event is canonicalised before anything is written, so a bad one refuses the batch.
     */
    @Override
    public synchronized List<AuditEntry> appendAll(List<AuditEvent> events) {
        Objects.requireNonNull(events, "events");
        if (events.isEmpty()) {
            return List.of();
        }
        List<AuditEntry> entries = writer.appendAll(events);
        proofs.appended(entries);
        return List.copyOf(entries);
    }

    /** How many entries the ledger holds, which is also the last sequence. */
    public synchronized long size() {
        return writer.size();
    }

    /** The hash of the last entry, {@link AuditChain#GENESIS_HASH} when empty. */
    public synchronized String headHash() {
        return writer.headHash();
    }

    /** Closes the writer connection; for an H2 file this closes the database. */
    @Override
    public synchronized void close() {
        writer.close();
    }

    /** Called by the writer, holding this lock, with what other writers appended. */
    private void appendedElsewhere(List<String> hashes) {
        proofs.appendedHashes(hashes);
    }

    /** Called by the writer after a failed write, holding this lock. */
    private void forgetTree() {
        proofs.forget();
    }

    // ---------------------------------------------------------------- reading

    /**
     * Filters combine with AND; {@code from} is inclusive and {@code to} exclusive, on the event's
     * sim time; results are in sequence order, after {@code afterSequence}, at most {@code limit}.
     */
    @Override
    public List<AuditEntry> query(AuditQuery query) {
        Objects.requireNonNull(query, "query");
        return queries.query(query);
    }

    /**
     * {@link #query}, also by the payload's {@code tool} and {@code effect}. Those are not indexed
     * columns: the database narrows the rows by a text match on the event JSON, and each candidate
     * is then checked on its parsed payload (a tool named inside the arguments does not match), a
     * page at a time until {@code limit} entries are found or the ledger ends.
     */
    public List<AuditEntry> find(AuditFilter filter) {
        Objects.requireNonNull(filter, "filter");
        return queries.find(filter);
    }

    /**
     * Every entry, in order. Holds them all in memory: for large ledgers use {@link #forEachEntry}.
     */
    public List<AuditEntry> entries() {
        List<AuditEntry> all = new ArrayList<>();
        forEachEntry(all::add);
        return all;
    }

    /** Walks every entry in sequence order, a page at a time. */
    public void forEachEntry(Consumer<AuditEntry> action) {
        Objects.requireNonNull(action, "action");
        reader.forEachRow(row -> action.accept(row.entry()));
    }

    /** Walks every entry as stored (event as canonical JSON), in sequence order. */
    public void forEachStored(Consumer<StoredEntry> action) {
        Objects.requireNonNull(action, "action");
        reader.forEachRow(row -> action.accept(row.stored()));
    }

    // ---------------------------------------------------------------- verifying

    /**
     * Checks the whole chain (see {@link AuditVerifier}), that each row's indexed columns still
     * match its event (a query by case or element reads those columns), and that each stored
     * checkpoint's root matches the entries; signatures are not checked: see {@link
     * #verify(PublicKey)}.
     */
    @Override
    public AuditVerification verify() {
        return verifier.verify(null);
    }

    /**
     * {@link #verify()}, and also every checkpoint's Ed25519 signature under {@code key}. With
     * checkpoints, a tail cut off or rewritten with fresh hashes is caught, which the chain alone
     * cannot show.
     */
    public AuditVerification verify(PublicKey key) {
        return verifier.verify(Objects.requireNonNull(key, "key"));
    }

    // ---------------------------------------------------------------- checkpoints and proofs

    /**
     * Signs and stores a checkpoint of the ledger as it is now (size, Merkle root, wall-clock
     * time). Returns the latest checkpoint unchanged if no entry was added since.
     *
     * @throws IllegalStateException if the ledger is empty
     */
    public synchronized Checkpoint checkpoint(CheckpointSigner signer) {
        Objects.requireNonNull(signer, "signer");
        return proofs.checkpoint(signer);
    }

    /** The stored checkpoints, by tree size. */
    public List<Checkpoint> checkpoints() {
        return reader.checkpoints();
    }

    /**
     * The RFC 9162 inclusion proof of entry {@code sequence} in the tree of the first {@code
     * treeSize} entries; check it with {@link MerkleTree#verifyInclusion} against a checkpoint's
     * root, the entry's leaf being {@link MerkleTree#leafOfEntryHash}.
     */
    public synchronized List<byte[]> inclusionProof(long sequence, long treeSize) {
        return proofs.inclusionProof(sequence, treeSize);
    }

    /** The RFC 9162 proof that the tree of size {@code second} extends that of {@code first}. */
    public synchronized List<byte[]> consistencyProof(long first, long second) {
        return proofs.consistencyProof(first, second);
    }

    /** The Merkle root of the first {@code treeSize} entries. */
    public synchronized byte[] rootOf(long treeSize) {
        return proofs.rootOf(treeSize);
    }

    // ---------------------------------------------------------------- exporting

    /**
     * Writes every entry as one JSON Lines line (see {@link AuditVerifier#verifyExport}); returns
     * how many. The file can be verified alone, with no database.
     */
    public long exportJsonLines(Path file) {
        return exportJsonLines(file, null);
    }

    /**
     * {@link #exportJsonLines(Path)}, ending with a final checkpoint signed by {@code sealWith}
     * over every entry written (when {@code sealWith} is not null; over none for an empty ledger):
     * the signed statement that the file ends there, so that a file cut short, even right after an
     * ordinary checkpoint, is told from a whole one ({@link AuditVerifier#verifyFile}).
     */
    public long exportJsonLines(Path file, CheckpointSigner sealWith) {
        Objects.requireNonNull(file, "file");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            return exportJsonLines(out, sealWith);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit export " + file, e);
        }
    }

    /**
     * Writes the entries, each checkpoint right after the entry at its tree size, so that the file
     * alone proves what was signed. If entries were archived, the file starts with their {@link
     * ArchivedPrefix} (count, last hash, tree frontier) and the checkpoint at that size if there is
     * one; checkpoints of smaller trees are left to the archive files.
     */
    public long exportJsonLines(Writer out) throws IOException {
        return exportJsonLines(out, null);
    }

    /**
     * {@link #exportJsonLines(Writer)}, sealed by a final checkpoint as {@link
     * #exportJsonLines(Path, CheckpointSigner)}.
     */
    public long exportJsonLines(Writer out, CheckpointSigner sealWith) throws IOException {
        Objects.requireNonNull(out, "out");
        return export(ExportSink.jsonLines(out), sealWith);
    }

    /**
     * Hands every entry to {@code sink} in order, each checkpoint right after the entry at its tree
     * size, after the {@link ArchivedPrefix} if entries were archived (and the checkpoint at its
     * size): what a file needs to be verified alone, in whatever format the sink writes.
     */
    long export(ExportSink sink, CheckpointSigner sealWith) throws IOException {
        return exporter.export(sink, archivedPrefix(), Long.MAX_VALUE, seal(sealWith));
    }

    /** The final checkpoint over entries 1..last, signed by {@code sealWith}; null for none. */
    private LongFunction<Checkpoint> seal(CheckpointSigner sealWith) {
        if (sealWith == null) {
            return null;
        }
        return last -> sealWith.signFinal(last, rootOf(last), writer.now());
    }

    /** The prefix an export of this ledger starts with, or null if nothing was archived. */
    private ArchivedPrefix archivedPrefix() {
        long archived = reader.archivedThrough();
        if (archived == 0) {
            return null;
        }
        MerkleTree hashes;
        synchronized (this) {
            hashes = proofs.treeIfBuilt();
        }
        if (hashes == null) {
            hashes = verifier.archivedTree();
        }
        synchronized (this) {
            return ArchivedPrefix.of(hashes, archived, reader.archivedHash(archived));
        }
    }

    // ---------------------------------------------------------------- retention

    /** How many entries were archived: entries 1..this are in archive files, their hashes here. */
    public long archivedThrough() {
        return reader.archivedThrough();
    }

    /**
     * The entries that archiving {@code before} a sequence may move: up to the largest checkpoint
     * size below {@code beforeSequence} that is past what is already archived. Empty when there is
     * none: only whole checkpointed stretches are archived, so that each archive file ends with a
     * signed checkpoint and the hashes left behind are all under a signature.
     */
    public OptionalLong archivableBefore(long beforeSequence) {
        return archiver.archivableBefore(beforeSequence);
    }

    /**
     * The first entry still in the ledger recorded (wall clock) at or after {@code time}; the next
     * sequence to be written if there is none. Archiving before it archives what is older.
     */
    public long firstRecordedAtOrAfter(Instant time) {
        Objects.requireNonNull(time, "time");
        OptionalLong first = reader.firstRecordedAtOrAfter(time);
        return first.isPresent() ? first.getAsLong() : size() + 1;
    }

    /**
     * Moves entries {@code archivedThrough()+1 .. through} to a new archive file, leaving their
     * hashes in the ledger. {@code through} must be the size of a stored checkpoint. In order:
     *
     * <ol>
     *   <li>the whole ledger is verified (chain, archived hashes, every checkpoint's root): a
     *       ledger that does not verify is not archived;
     *   <li>the file is written as an export of those entries, with the {@link ArchivedPrefix} of
     *       what was archived before them and every checkpoint among them, the last at {@code
     *       through}; it is verified, then moved into place (an existing file is never replaced);
     *   <li>in one transaction their hashes are copied to {@code audit_archived} and their rows
     *       deleted; if that fails, the file is removed and nothing changed.
     * </ol>
     *
     * <p>After it, {@link #verify} still checks the chain from the first kept entry, every
     * checkpoint's root (the tree is rebuilt from the kept hashes) and signature; proofs of any
     * entry, archived or not, still work. On PostgreSQL the database's guard (V7) lets only a role
     * granted by {@code audit_grant_archiver_role} do the delete, and only of such entries.
     * Appends, checkpoints and proofs wait while it runs; a {@link #verify} running at the very
     * moment it commits reads the kept hashes and the entries in two queries and may see a gap at
     * the boundary: run it again.
     *
     * @throws IllegalArgumentException if {@code through} is not a checkpoint past the archived
     *     entries, or the file exists
     * @throws IllegalStateException if the ledger does not verify
     */
    public synchronized ArchiveResult archive(long through, Path file) {
        Objects.requireNonNull(file, "file");
        return archiver.archive(through, file);
    }
}
