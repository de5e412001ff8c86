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
import java.nio.file.StandardCopyOption;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.IntStream;
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
 * second writer on the same database fails instead of forking it. One writer per ledger.
 *
 * <p>Events read back come from the stored canonical JSON: payload numbers come back as Long or
 * Double (see {@link CanonicalJson}), so read them through {@link Number}.
 */
public final class JdbcAuditLog implements AuditLog, AutoCloseable {

    /** Rows per page when walking the whole ledger (verify, export). */
    private static final int PAGE = 5_000;

    private static final String INSERT =
            "INSERT INTO audit_entry (sequence, type, correlation_id, element, actor, sim_time,"
                    + " recorded_at, previous_hash, hash, event_json)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String COLUMNS =
            "sequence, recorded_at, previous_hash, hash, event_json,"
                    + " type, correlation_id, element, actor, sim_time";

    private final DataSource dataSource;
    private final Clock clock;

    // Guarded by this: the single writer and the chain's tail as it knows it.
    private Connection writer;
    private PreparedStatement insert;
    private long lastSequence;
    private String lastHash;
    private boolean closed;

    /** Built on first use (checkpoint or proof), then kept up to date by each append. */
    private MerkleTree tree;

    private JdbcAuditLog(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        synchronized (this) {
            connectWriter();
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

    @Override
    public synchronized AuditEntry append(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        String json = CanonicalJson.event(event); // refuses a bad event before touching the store
        ensureWriter();
        Instant recordedAt = now();
        long sequence = lastSequence + 1;
        String hash = AuditChain.hash(sequence, lastHash, json);
        AuditEntry entry = new AuditEntry(sequence, event, recordedAt, lastHash, hash);
        try {
            bind(entry, json);
            insert.executeUpdate();
            writer.commit();
        } catch (SQLException | RuntimeException e) {
            // Any failure, not only SQL ones, must roll back: a half-sent batch left in the open
            // transaction would otherwise be committed by the next append.
            throw writeFailed("append of entry " + sequence, e);
        }
        lastSequence = sequence;
        lastHash = hash;
        if (tree != null) {
            tree.append(MerkleTree.leafOfEntryHash(hash));
        }
        return entry;
    }

    /**
     * Appends the events in one transaction, in one JDBC batch: all of them are recorded, or none.
     * Every event is canonicalised before anything is written, so a bad one refuses the batch.
     */
    public synchronized List<AuditEntry> appendAll(List<AuditEvent> events) {
        Objects.requireNonNull(events, "events");
        if (events.isEmpty()) {
            return List.of();
        }
        List<String> jsons = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            AuditEvent event = Objects.requireNonNull(events.get(i), "events[" + i + "]");
            try {
                jsons.add(CanonicalJson.event(event));
            } catch (CanonicalJsonException e) {
                throw e.at(i);
            }
        }
        ensureWriter();
        Instant recordedAt = now();
        List<AuditEntry> entries = new ArrayList<>(events.size());
        long sequence = lastSequence;
        String previous = lastHash;
        try {
            for (int i = 0; i < events.size(); i++) {
                sequence++;
                String hash = AuditChain.hash(sequence, previous, jsons.get(i));
                AuditEntry entry =
                        new AuditEntry(sequence, events.get(i), recordedAt, previous, hash);
                bind(entry, jsons.get(i));
                insert.addBatch();
                entries.add(entry);
                previous = hash;
            }
            insert.executeBatch();
            writer.commit();
        } catch (SQLException | RuntimeException e) {
            throw writeFailed("batch append of entries " + (lastSequence + 1) + ".." + sequence, e);
        }
        lastSequence = sequence;
        lastHash = previous;
        if (tree != null) {
            entries.forEach(e -> tree.append(MerkleTree.leafOfEntryHash(e.hash())));
        }
        return List.copyOf(entries);
    }

    /**
     * Filters combine with AND; {@code from} is inclusive and {@code to} exclusive, on the event's
     * sim time; results are in sequence order, after {@code afterSequence}, at most {@code limit}.
     */
    @Override
    public List<AuditEntry> query(AuditQuery query) {
        Objects.requireNonNull(query, "query");
        return select(query, List.of(), List.of());
    }

    /**
     * {@link #query}, also by the payload's {@code tool} and {@code effect}. Those are not indexed
     * columns: the database narrows the rows by a text match on the event JSON, and each candidate
     * is then checked on its parsed payload (a tool named inside the arguments does not match), a
     * page at a time until {@code limit} entries are found or the ledger ends.
     */
    public List<AuditEntry> find(AuditFilter filter) {
        Objects.requireNonNull(filter, "filter");
        AuditQuery q = filter.query();
        if (!filter.filtersPayload()) {
            return select(q, List.of(), List.of());
        }
        List<String> clauses = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        filter.tool().ifPresent(t -> likeMember(clauses, args, "tool", t));
        filter.effect().ifPresent(t -> likeMember(clauses, args, "effect", t));
        List<AuditEntry> found = new ArrayList<>();
        long after = q.afterSequence();
        while (found.size() < q.limit()) {
            AuditQuery page =
                    new AuditQuery(
                            q.correlationId(),
                            q.element(),
                            q.actor(),
                            q.type(),
                            q.from(),
                            q.to(),
                            after,
                            q.limit());
            List<AuditEntry> candidates = select(page, clauses, args);
            for (AuditEntry e : candidates) {
                if (filter.payloadMatches(e.event()) && found.size() < q.limit()) {
                    found.add(e);
                }
            }
            if (candidates.size() < q.limit()) {
                break;
            }
            after = candidates.get(candidates.size() - 1).sequence();
        }
        return found;
    }

    /** A LIKE on the canonical text {@code "key":"value"}; the exact check follows on the parse. */
    private static void likeMember(List<String> clauses, List<Object> args, String key, String v) {
        String text = CanonicalJson.canonicalise(key) + ":" + CanonicalJson.canonicalise(v);
        String escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        clauses.add("event_json LIKE ? ESCAPE '\\'");
        args.add("%" + escaped + "%");
    }

    private List<AuditEntry> select(AuditQuery query, List<String> clauses, List<Object> more) {
        StringBuilder sql =
                new StringBuilder("SELECT ")
                        .append(COLUMNS)
                        .append(" FROM audit_entry WHERE sequence > ?");
        List<Object> args = new ArrayList<>();
        args.add(query.afterSequence());
        query.correlationId().ifPresent(v -> filter(sql, args, "correlation_id = ?", v));
        query.element().ifPresent(v -> filter(sql, args, "element = ?", v));
        query.actor().ifPresent(v -> filter(sql, args, "actor = ?", v));
        query.type().ifPresent(v -> filter(sql, args, "type = ?", v.name()));
        query.from().ifPresent(v -> filter(sql, args, "sim_time >= ?", utc(v)));
        query.to().ifPresent(v -> filter(sql, args, "sim_time < ?", utc(v)));
        for (int i = 0; i < clauses.size(); i++) {
            filter(sql, args, clauses.get(i), more.get(i));
        }
        sql.append(" ORDER BY sequence LIMIT ?");
        args.add(query.limit());
        List<AuditEntry> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    result.add(toEntry(row(rs).stored()));
                }
            }
        } catch (SQLException e) {
            throw new AuditStoreException("audit query failed: " + e.getMessage(), e);
        }
        return result;
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
        forEachRow(row -> action.accept(toEntry(row.stored())));
    }

    /** Walks every entry as stored (event as canonical JSON), in sequence order. */
    public void forEachStored(Consumer<StoredEntry> action) {
        Objects.requireNonNull(action, "action");
        forEachRow(row -> action.accept(row.stored()));
    }

    /**
     * Checks the whole chain (see {@link AuditVerifier}), that each row's indexed columns still
     * match its event (a query by case or element reads those columns), and that each stored
     * checkpoint's root matches the entries; signatures are not checked: see {@link
     * #verify(PublicKey)}.
     */
    @Override
    public AuditVerification verify() {
        return verifyWith(null);
    }

    /**
     * {@link #verify()}, and also every checkpoint's Ed25519 signature under {@code key}. With
     * checkpoints, a tail cut off or rewritten with fresh hashes is caught, which the chain alone
     * cannot show.
     */
    public AuditVerification verify(PublicKey key) {
        return verifyWith(Objects.requireNonNull(key, "key"));
    }

    /** The chain's verdict and, if it is intact, the Merkle tree of its entries. */
    private record Walk(AuditVerification chain, MerkleTree tree) {}

    private Walk walkChain() {
        MerkleTree rebuilt = new MerkleTree();
        String[] archivedHead = {AuditChain.GENESIS_HASH};
        AuditVerification archived = walkArchived(rebuilt, archivedHead);
        if (archived != null) {
            return new Walk(archived, rebuilt);
        }
        ChainChecker checker = new ChainChecker(rebuilt.size(), archivedHead[0]);
        try {
            forEachPagePrefetched(
                    page -> {
                        // what each entry shows alone (canonical form, hash), on every core;
                        // then the links between them, in order
                        ChainChecker.Precheck[] pre = new ChainChecker.Precheck[page.size()];
                        IntStream.range(0, page.size())
                                .parallel()
                                .forEach(
                                        i ->
                                                pre[i] =
                                                        ChainChecker.Precheck.of(
                                                                page.get(i).stored()));
                        for (int i = 0; i < pre.length; i++) {
                            Row row = page.get(i);
                            if (!checker.accept(
                                    row.stored(), (entry, event) -> row.mismatch(event), pre[i])) {
                                throw new StopWalk();
                            }
                            rebuilt.append(checker.lastLeaf());
                        }
                    });
        } catch (StopWalk stop) {
            // the first bad entry is in the checker
        }
        return new Walk(checker.result(), rebuilt);
    }

    /**
     * Feeds the archived entries' hashes to the tree, checking that they run 1, 2, … with no gap;
     * leaves the last one's hash in {@code head[0]}. A problem found is returned, else null.
     */
    private AuditVerification walkArchived(MerkleTree tree, String[] head) {
        String sql =
                "SELECT sequence, hash FROM audit_archived WHERE sequence > ?"
                        + " ORDER BY sequence LIMIT "
                        + PAGE;
        long after = 0;
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            while (true) {
                s.setLong(1, after);
                int rows = 0;
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        long sequence = rs.getLong(1);
                        String hash = rs.getString(2);
                        if (sequence != after + 1) {
                            return AuditVerification.broken(
                                    0,
                                    after + 1,
                                    "archived entry "
                                            + (after + 1)
                                            + ": its hash is missing from audit_archived (found "
                                            + sequence
                                            + " next)");
                        }
                        if (!isHash(hash)) {
                            return AuditVerification.broken(
                                    0,
                                    sequence,
                                    "archived entry "
                                            + sequence
                                            + ": its kept hash '"
                                            + hash
                                            + "' is not 64 lowercase hex digits");
                        }
                        tree.append(MerkleTree.leafOfEntryHash(hash));
                        head[0] = hash;
                        after = sequence;
                    }
                }
                if (rows < PAGE) {
                    return null;
                }
            }
        } catch (SQLException e) {
            throw new AuditStoreException(
                    "reading the archived hashes failed: " + e.getMessage(), e);
        }
    }

    private static boolean isHash(String s) {
        if (s == null || s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char ch = s.charAt(i);
            if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private AuditVerification verifyWith(PublicKey key) {
        return verdict(walkChain(), checkpoints(), key);
    }

    /** The walk's verdict once every checkpoint is checked against its tree. */
    private static AuditVerification verdict(
            Walk walk, List<Checkpoint> checkpoints, PublicKey key) {
        if (!walk.chain().intact()) {
            return walk.chain();
        }
        MerkleTree rebuilt = walk.tree();
        AuditVerification chain = walk.chain();
        long covered = 0; // entries covered by the checkpoints found good so far
        Checkpoint lastGood = null;
        for (Checkpoint c : checkpoints) {
            String problem = AuditVerifier.checkpointProblem(c, rebuilt, key);
            if (problem == null && lastGood != null) {
                problem = AuditVerifier.consistencyProblem(lastGood, c, rebuilt);
            }
            if (problem != null) {
                long firstBad = Math.min(covered + 1, Math.max(1, rebuilt.size()));
                if (c.treeSize() > rebuilt.size()) {
                    firstBad = rebuilt.size() + 1;
                }
                return AuditVerification.broken(
                        chain.entriesChecked(),
                        firstBad,
                        "checkpoint at size " + c.treeSize() + ": " + problem);
            }
            covered = c.treeSize();
            lastGood = c;
        }
        long archived = rebuilt.size() - chain.entriesChecked();
        return new AuditVerification(
                true,
                chain.entriesChecked(),
                chain.firstBadSequence(),
                chain.detail()
                        + (archived == 0
                                ? ""
                                : " after "
                                        + archived
                                        + " archived entries (their kept hashes are in the tree)")
                        + "; "
                        + AuditVerifier.checkpointSummary(
                                checkpoints.size(), covered, rebuilt, key));
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
        MerkleTree t = tree();
        if (t.size() == 0) {
            throw new IllegalStateException("an empty ledger has nothing to checkpoint");
        }
        List<Checkpoint> existing = checkpoints();
        if (!existing.isEmpty() && existing.get(existing.size() - 1).treeSize() == t.size()) {
            return existing.get(existing.size() - 1);
        }
        Checkpoint c = signer.sign(t.size(), t.root(), now());
        try (PreparedStatement s =
                writer.prepareStatement(
                        "INSERT INTO audit_checkpoint (tree_size, root_hash, signed_at, signature)"
                                + " VALUES (?, ?, ?, ?)")) {
            s.setLong(1, c.treeSize());
            s.setString(2, c.rootHash());
            s.setObject(3, utc(c.time()));
            s.setString(4, c.signature());
            s.executeUpdate();
            writer.commit();
        } catch (SQLException | RuntimeException e) {
            throw writeFailed("checkpoint at size " + c.treeSize(), e);
        }
        return c;
    }

    /** The stored checkpoints, by tree size. */
    public List<Checkpoint> checkpoints() {
        List<Checkpoint> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement(
                                "SELECT tree_size, root_hash, signed_at, signature"
                                        + " FROM audit_checkpoint ORDER BY tree_size");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                result.add(
                        new Checkpoint(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getObject(3, OffsetDateTime.class).toInstant(),
                                rs.getString(4)));
            }
        } catch (SQLException e) {
            throw new AuditStoreException("reading checkpoints failed: " + e.getMessage(), e);
        }
        return result;
    }

    /**
     * The RFC 9162 inclusion proof of entry {@code sequence} in the tree of the first {@code
     * treeSize} entries; check it with {@link MerkleTree#verifyInclusion} against a checkpoint's
     * root, the entry's leaf being {@link MerkleTree#leafOfEntryHash}.
     */
    public synchronized List<byte[]> inclusionProof(long sequence, long treeSize) {
        return tree().inclusionProof(sequence - 1, treeSize);
    }

    /** The RFC 9162 proof that the tree of size {@code second} extends that of {@code first}. */
    public synchronized List<byte[]> consistencyProof(long first, long second) {
        return tree().consistencyProof(first, second);
    }

    /** The Merkle root of the first {@code treeSize} entries. */
    public synchronized byte[] rootOf(long treeSize) {
        return tree().rootOf(treeSize);
    }

    /**
     * The tree, built on first use from a walk that also verifies the chain, so that the ledger
     * never signs or proves entries that were changed behind its back.
     */
    private MerkleTree tree() {
        ensureWriter();
        if (tree == null) {
            Walk walk = walkChain();
            if (!walk.chain().intact()) {
                throw new IllegalStateException(
                        "the ledger does not verify, so it will not sign or prove it: "
                                + walk.chain().detail());
            }
            if (walk.tree().size() != lastSequence) {
                throw new IllegalStateException(
                        "the ledger holds "
                                + walk.tree().size()
                                + " entries but its last sequence is "
                                + lastSequence);
            }
            tree = walk.tree();
        }
        return tree;
    }

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
        return export(ExportSink.jsonLines(out), archivedPrefix(), Long.MAX_VALUE, sealWith);
    }

    /**
     * Hands every entry to {@code sink} in order, each checkpoint right after the entry at its tree
     * size, after the {@link ArchivedPrefix} if entries were archived (and the checkpoint at its
     * size): what a file needs to be verified alone, in whatever format the sink writes.
     */
    long export(ExportSink sink, CheckpointSigner sealWith) throws IOException {
        return export(sink, archivedPrefix(), Long.MAX_VALUE, sealWith);
    }

    private long writeExport(Writer out, ArchivedPrefix prefix, long through) throws IOException {
        return export(ExportSink.jsonLines(out), prefix, through, null);
    }

    private long export(
            ExportSink sink, ArchivedPrefix prefix, long through, CheckpointSigner sealWith)
            throws IOException {
        long start = prefix == null ? 0 : prefix.treeSize();
        Iterator<Checkpoint> checkpoints =
                checkpoints().stream()
                        .filter(c -> c.treeSize() >= start && c.treeSize() <= through)
                        .iterator();
        Checkpoint[] next = {checkpoints.hasNext() ? checkpoints.next() : null};
        if (prefix != null) {
            sink.prefix(prefix);
            if (next[0] != null && next[0].treeSize() == start) {
                sink.checkpoint(next[0]);
                next[0] = checkpoints.hasNext() ? checkpoints.next() : null;
            }
        }
        long[] count = {0};
        try {
            forEachPage(
                    through,
                    page -> {
                        for (Row row : page) {
                            StoredEntry entry = row.stored();
                            try {
                                sink.entry(entry);
                                while (next[0] != null && next[0].treeSize() <= entry.sequence()) {
                                    sink.checkpoint(next[0]);
                                    next[0] = checkpoints.hasNext() ? checkpoints.next() : null;
                                }
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                            count[0]++;
                        }
                        return true;
                    });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        long last = start + count[0];
        if (sealWith != null) {
            // the entries written are 1..last (none, for an empty ledger: signed as such);
            // appends made meanwhile are not in this file
            sink.checkpoint(sealWith.signFinal(last, rootOf(last), now()));
        }
        sink.end();
        return count[0];
    }

    // ---------------------------------------------------------------- retention

    /** How many entries were archived: entries 1..this are in archive files, their hashes here. */
    public long archivedThrough() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT MAX(sequence) FROM audit_archived");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1); // 0 when NULL: nothing archived
        } catch (SQLException e) {
            throw new AuditStoreException(
                    "reading the archive boundary failed: " + e.getMessage(), e);
        }
    }

    /**
     * The entries that archiving {@code before} a sequence may move: up to the largest checkpoint
     * size below {@code beforeSequence} that is past what is already archived. Empty when there is
     * none: only whole checkpointed stretches are archived, so that each archive file ends with a
     * signed checkpoint and the hashes left behind are all under a signature.
     */
    public OptionalLong archivableBefore(long beforeSequence) {
        long archived = archivedThrough();
        return checkpoints().stream()
                .mapToLong(Checkpoint::treeSize)
                .filter(size -> size < beforeSequence && size > archived)
                .max();
    }

    /**
     * The first entry still in the ledger recorded (wall clock) at or after {@code time}; the next
     * sequence to be written if there is none. Archiving before it archives what is older.
     */
    public long firstRecordedAtOrAfter(Instant time) {
        Objects.requireNonNull(time, "time");
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement(
                                "SELECT MIN(sequence) FROM audit_entry WHERE recorded_at >= ?")) {
            s.setObject(1, utc(time));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long first = rs.getLong(1);
                return rs.wasNull() ? size() + 1 : first;
            }
        } catch (SQLException e) {
            throw new AuditStoreException("audit query failed: " + e.getMessage(), e);
        }
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
        ensureWriter();
        long archived = archivedThrough();
        List<Checkpoint> checkpoints = checkpoints();
        Checkpoint at =
                checkpoints.stream().filter(c -> c.treeSize() == through).findFirst().orElse(null);
        if (through <= archived || through > lastSequence || at == null) {
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
        Walk walk = walkChain();
        AuditVerification before = verdict(walk, checkpoints, null);
        if (!before.intact()) {
            throw new IllegalStateException(
                    "the ledger does not verify, so it will not be archived: " + before.detail());
        }
        if (tree == null) {
            tree = walk.tree();
        }
        ArchivedPrefix prefix =
                archived == 0 ? null : ArchivedPrefix.of(walk.tree(), archived, hashOf(archived));
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                writeExport(out, prefix, through);
            }
            AuditVerification written = AuditVerifier.verifyExport(partial);
            if (!written.intact() || written.entriesChecked() != through - archived) {
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
        try (PreparedStatement keep =
                        writer.prepareStatement(
                                "INSERT INTO audit_archived (sequence, hash) SELECT sequence, hash"
                                        + " FROM audit_entry WHERE sequence > ? AND sequence <= ?");
                PreparedStatement delete =
                        writer.prepareStatement(
                                "DELETE FROM audit_entry WHERE sequence > ? AND sequence <= ?")) {
            keep.setLong(1, archived);
            keep.setLong(2, through);
            delete.setLong(1, archived);
            delete.setLong(2, through);
            int kept = keep.executeUpdate();
            int deleted = delete.executeUpdate();
            if (kept != through - archived || deleted != kept) {
                throw new SQLException(
                        "expected "
                                + (through - archived)
                                + " entries, kept "
                                + kept
                                + " hashes and deleted "
                                + deleted
                                + " rows");
            }
            writer.commit();
        } catch (SQLException | RuntimeException e) {
            deleteQuietly(file);
            throw writeFailed("archive of entries " + (archived + 1) + ".." + through, e);
        }
        return new ArchiveResult(archived + 1, through, file, at);
    }

    /** The prefix an export of this ledger starts with, or null if nothing was archived. */
    private ArchivedPrefix archivedPrefix() {
        long archived = archivedThrough();
        if (archived == 0) {
            return null;
        }
        MerkleTree hashes;
        synchronized (this) {
            hashes = tree;
        }
        if (hashes == null) {
            // Built from the kept hashes alone, so that a ledger whose entries do not verify can
            // still be exported and looked at.
            hashes = new MerkleTree();
            AuditVerification problem = walkArchived(hashes, new String[1]);
            if (problem != null) {
                throw new IllegalStateException(
                        "the archived hashes do not verify: " + problem.detail());
            }
        }
        synchronized (this) {
            return ArchivedPrefix.of(hashes, archived, hashOf(archived));
        }
    }

    private String hashOf(long archivedSequence) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT hash FROM audit_archived WHERE sequence = ?")) {
            s.setLong(1, archivedSequence);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new AuditStoreException(
                            "the hash of archived entry " + archivedSequence + " is missing", null);
                }
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new AuditStoreException("reading an archived hash failed: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // what is left is a partial or orphan file, named so; the error thrown says why
        }
    }

    /** How many entries the ledger holds, which is also the last sequence. */
    public synchronized long size() {
        ensureWriter();
        return lastSequence;
    }

    /** The hash of the last entry, {@link AuditChain#GENESIS_HASH} when empty. */
    public synchronized String headHash() {
        ensureWriter();
        return lastHash;
    }

    /** Closes the writer connection; for an H2 file this closes the database. */
    @Override
    public synchronized void close() {
        closed = true;
        disconnectWriter();
    }

    // ---------------------------------------------------------------- writing

    private Instant now() {
        // The columns hold microseconds (PostgreSQL's precision); what append returns must equal
        // what a read gives back.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private void bind(AuditEntry entry, String json) throws SQLException {
        AuditEvent event = entry.event();
        insert.setLong(1, entry.sequence());
        insert.setString(2, event.type().name());
        insert.setString(3, event.correlationId());
        insert.setString(4, event.element());
        insert.setString(5, event.actor());
        insert.setObject(6, utc(event.simTime().truncatedTo(ChronoUnit.MICROS)));
        insert.setObject(7, utc(entry.recordedAt()));
        insert.setString(8, entry.previousHash());
        insert.setString(9, entry.hash());
        insert.setString(10, json);
    }

    private void ensureWriter() {
        if (closed) {
            throw new IllegalStateException("the audit log is closed");
        }
        if (writer == null) {
            connectWriter();
        }
    }

    private void connectWriter() {
        try {
            Connection c = dataSource.getConnection();
            try {
                c.setAutoCommit(false);
                try (PreparedStatement s =
                                c.prepareStatement(
                                        "SELECT sequence, hash FROM audit_entry"
                                                + " ORDER BY sequence DESC LIMIT 1");
                        ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        lastSequence = rs.getLong(1);
                        lastHash = rs.getString(2);
                    } else {
                        lastSequence = 0;
                        lastHash = AuditChain.GENESIS_HASH;
                    }
                }
                if (lastSequence == 0) {
                    // every entry may have been archived: the chain goes on from the last one
                    try (PreparedStatement s =
                                    c.prepareStatement(
                                            "SELECT sequence, hash FROM audit_archived"
                                                    + " ORDER BY sequence DESC LIMIT 1");
                            ResultSet rs = s.executeQuery()) {
                        if (rs.next()) {
                            lastSequence = rs.getLong(1);
                            lastHash = rs.getString(2);
                        }
                    }
                }
                c.commit();
                insert = c.prepareStatement(INSERT);
                writer = c;
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new AuditStoreException(
                    "cannot open the audit ledger's writer connection: " + e.getMessage(), e);
        }
    }

    /**
     * Rolls back, drops the writer and returns the error to throw. The next append reconnects and
     * re-reads the tail from the database, the only truth after a failed or uncertain commit.
     */
    private AuditStoreException writeFailed(String what, Exception e) {
        try {
            writer.rollback();
        } catch (SQLException ignored) {
            // the connection is likely gone; reconnecting below is what matters
        }
        disconnectWriter();
        tree = null; // rebuilt from the database, like the tail
        return new AuditStoreException(what + " failed, nothing recorded: " + e.getMessage(), e);
    }

    private void disconnectWriter() {
        if (writer != null) {
            try {
                writer.close();
            } catch (SQLException ignored) {
                // closing a broken connection may fail; it is dropped either way
            }
        }
        writer = null;
        insert = null;
    }

    // ---------------------------------------------------------------- reading

    /** A row: the stored entry and the indexed copies of its event's fields. */
    private record Row(
            StoredEntry stored,
            String type,
            String correlationId,
            String element,
            String actor,
            Instant simTime) {

        /** What differs between the indexed columns and the event, or null. */
        String mismatch(FastEventCheck.Header event) {
            if (!type.equals(event.type().name())) {
                return column("type", type, event.type().name());
            }
            if (!correlationId.equals(event.correlationId())) {
                return column("correlation_id", correlationId, event.correlationId());
            }
            if (!element.equals(event.element())) {
                return column("element", element, event.element());
            }
            if (!actor.equals(event.actor())) {
                return column("actor", actor, event.actor());
            }
            // the column holds microseconds; compared without making a truncated Instant
            Instant t = event.simTime();
            if (simTime.getEpochSecond() != t.getEpochSecond()
                    || simTime.getNano() != t.getNano() / 1_000 * 1_000) {
                Instant eventTime = t.truncatedTo(ChronoUnit.MICROS);
                return column("sim_time", simTime.toString(), eventTime.toString());
            }
            return null;
        }

        private static String column(String name, String stored, String inEvent) {
            return "column "
                    + name
                    + " holds '"
                    + stored
                    + "' but the event says '"
                    + inEvent
                    + "'";
        }
    }

    private static final class StopWalk extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopWalk() {
            super(null, null, false, false);
        }
    }

    private void forEachRow(Consumer<Row> action) {
        forEachPage(
                Long.MAX_VALUE,
                page -> {
                    for (Row row : page) {
                        action.accept(row);
                    }
                    return true;
                });
    }

    /** What the page walk hands each page to; false stops the walk. */
    private interface PageAction {
        boolean accept(List<Row> page);
    }

    /** Hands over the entries up to sequence {@code through}, a page at a time, in order. */
    private void forEachPage(long through, PageAction action) {
        // No upper bound unless one is asked for: PostgreSQL planned the walk of a freshly filled,
        // not yet analysed table five times slower with "sequence <= 2^63-1" in it.
        boolean bounded = through != Long.MAX_VALUE;
        String sql =
                "SELECT "
                        + COLUMNS
                        + " FROM audit_entry WHERE sequence > ?"
                        + (bounded ? " AND sequence <= ?" : "")
                        + " ORDER BY sequence LIMIT "
                        + PAGE;
        long after = Long.MIN_VALUE;
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            while (true) {
                s.setLong(1, after);
                if (bounded) {
                    s.setLong(2, through);
                }
                List<Row> page = new ArrayList<>(PAGE);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        page.add(row(rs));
                    }
                }
                if (!page.isEmpty()) {
                    after = page.get(page.size() - 1).stored().sequence();
                    if (!action.accept(page)) {
                        return;
                    }
                }
                if (page.size() < PAGE) {
                    return;
                }
            }
        } catch (SQLException e) {
            throw new AuditStoreException("reading the audit ledger failed: " + e.getMessage(), e);
        }
    }

    /** Marks the end of the walk in the page queue. */
    private static final List<Row> END = List.of();

    /**
     * {@link #forEachPage}, with the next pages fetched by another thread while this one works on
     * the page before: verify spends about as long in the database as in checking, so the two
     * overlap. The reader is never interrupted (an interrupt can close H2's file channel); it stops
     * at the next page once the walk ends.
     */
    private void forEachPagePrefetched(Consumer<List<Row>> action) {
        BlockingQueue<Object> pages = new ArrayBlockingQueue<>(4);
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader =
                new Thread(
                        () -> {
                            try {
                                forEachPage(Long.MAX_VALUE, page -> offer(pages, page, stop));
                                offer(pages, END, stop);
                            } catch (RuntimeException e) {
                                offer(pages, e, stop);
                            } catch (Error e) {
                                // the walk must not wait for ever on a reader that died
                                offer(
                                        pages,
                                        new AuditStoreException(
                                                "reading the audit ledger failed: " + e, e),
                                        stop);
                                throw e;
                            }
                        },
                        "audit-ledger-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            while (true) {
                Object item = pages.take();
                if (item == END) {
                    return;
                }
                if (item instanceof RuntimeException e) {
                    throw e;
                }
                @SuppressWarnings("unchecked")
                List<Row> page = (List<Row>) item;
                action.accept(page);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditStoreException("interrupted while reading the audit ledger", e);
        } finally {
            stop.set(true);
            pages.clear(); // frees a reader waiting to hand over a page
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Hands an item over unless the walk has stopped; false once it has. */
    private static boolean offer(BlockingQueue<Object> pages, Object item, AtomicBoolean stop) {
        try {
            while (!pages.offer(item, 50, TimeUnit.MILLISECONDS)) {
                if (stop.get()) {
                    return false;
                }
            }
            return !stop.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        StoredEntry stored =
                new StoredEntry(
                        rs.getLong(1),
                        rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5));
        return new Row(
                stored,
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getObject(10, OffsetDateTime.class).toInstant());
    }

    private static AuditEntry toEntry(StoredEntry stored) {
        try {
            return stored.toEntry();
        } catch (CanonicalJsonException e) {
            throw new AuditStoreException(
                    "entry "
                            + stored.sequence()
                            + " holds an event that cannot be read (run verify): "
                            + e.getMessage(),
                    e);
        }
    }

    private static void filter(StringBuilder sql, List<Object> args, String clause, Object value) {
        sql.append(" AND ").append(clause);
        args.add(value);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
