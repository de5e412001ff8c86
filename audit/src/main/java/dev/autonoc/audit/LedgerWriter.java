package dev.autonoc.audit;

import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The ledger's one writer connection and the chain's tail as it knows it (last sequence and hash):
 * appends, checkpoint rows and the archive's delete, each committed before it returns.
 *
 * <p>The tail is read when the writer connects and again after any failed write: the database is
 * the only truth after a failed or uncertain commit, so such a write never forks the chain. Not
 * thread-safe: {@link JdbcAuditLog} calls it holding its own lock.
 *
 * <p>On PostgreSQL several writers may share the ledger (several service instances on one database,
 * docs/connected-mode.md): each append first takes a transaction-scoped advisory lock named after
 * the schema's ledger, then reads the tail again under it, so the appends of all writers are
 * serialised into one chain, never forked, at the cost of two round trips per append (the lock, and
 * the entries after the tail this writer knew, usually none). What other writers appended is handed
 * on, so that the Merkle tree built on the tail grows with it. An embedded H2 file has one process
 * by construction (H2 locks the file), so there the tail this writer knows is the tail.
 */
final class LedgerWriter {

    private static final String INSERT =
            "INSERT INTO audit_entry (sequence, type, correlation_id, element, actor, sim_time,"
                    + " recorded_at, previous_hash, hash, event_json)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final Clock clock;

    /** Told after a failed write, when what was built on the tail must be rebuilt too. */
    private final Runnable afterFailedWrite;

    /** Told, on a shared ledger, the hashes of the entries other writers appended, in order. */
    private final Consumer<List<String>> appendedElsewhere;

    private Connection connection;
    private PreparedStatement insert;
    private PreparedStatement lockTail;
    private boolean shared;
    private long lastSequence;
    private String lastHash;
    private boolean closed;

    LedgerWriter(
            DataSource dataSource,
            Clock clock,
            Runnable afterFailedWrite,
            Consumer<List<String>> appendedElsewhere) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.afterFailedWrite = afterFailedWrite;
        this.appendedElsewhere = appendedElsewhere;
        connect();
    }

    /** The wall-clock time to record now, at the columns' precision. */
    Instant now() {
        // The columns hold microseconds (PostgreSQL's precision); what append returns must equal
        // what a read gives back.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** How many entries the ledger holds, which is also the last sequence. */
    long size() {
        ensureOpen();
        return lastSequence;
    }

    /** The hash of the last entry, {@link AuditChain#GENESIS_HASH} when empty. */
    String headHash() {
        ensureOpen();
        return lastHash;
    }

    AuditEntry append(AuditEvent event) {
        String json = CanonicalJson.event(event); // refuses a bad event before touching the store
        ensureOpen();
        try {
            takeTail();
        } catch (SQLException | RuntimeException e) {
            throw writeFailed("append after entry " + lastSequence, e);
        }
        Instant recordedAt = now();
        long sequence = lastSequence + 1;
        String hash = AuditChain.hash(sequence, lastHash, json);
        AuditEntry entry = new AuditEntry(sequence, event, recordedAt, lastHash, hash);
        try {
            bind(entry, json);
            insert.executeUpdate();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            // Any failure, not only SQL ones, must roll back: a half-sent batch left in the open
            // transaction would otherwise be committed by the next append.
            throw writeFailed("append of entry " + sequence, e);
        }
        lastSequence = sequence;
        lastHash = hash;
        return entry;
    }

    /** The events in one transaction, in one JDBC batch; a bad event refuses the batch. */
    List<AuditEntry> appendAll(List<AuditEvent> events) {
        List<String> jsons = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            AuditEvent event = Objects.requireNonNull(events.get(i), "events[" + i + "]");
            try {
                jsons.add(CanonicalJson.event(event));
            } catch (CanonicalJsonException e) {
                throw e.at(i);
            }
        }
        ensureOpen();
        try {
            takeTail();
        } catch (SQLException | RuntimeException e) {
            throw writeFailed("batch append after entry " + lastSequence, e);
        }
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
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            throw writeFailed("batch append of entries " + (lastSequence + 1) + ".." + sequence, e);
        }
        lastSequence = sequence;
        lastHash = previous;
        return entries;
    }

    /** Stores a signed checkpoint. */
    void insertCheckpoint(Checkpoint c) {
        try (PreparedStatement s =
                connection.prepareStatement(
                        "INSERT INTO audit_checkpoint (tree_size, root_hash, signed_at, signature)"
                                + " VALUES (?, ?, ?, ?)")) {
            s.setLong(1, c.treeSize());
            s.setString(2, c.rootHash());
            s.setObject(3, LedgerRow.utc(c.time()));
            s.setString(4, c.signature());
            s.executeUpdate();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            throw writeFailed("checkpoint at size " + c.treeSize(), e);
        }
    }

    /**
     * In one transaction, keeps the hashes of entries {@code archived+1 .. through} in {@code
     * audit_archived} and deletes their rows; {@code onFailure} runs before the error is thrown.
     */
    void moveToArchived(long archived, long through, Runnable onFailure) {
        try (PreparedStatement keep =
                        connection.prepareStatement(
                                "INSERT INTO audit_archived (sequence, hash) SELECT sequence, hash"
                                        + " FROM audit_entry WHERE sequence > ? AND sequence <= ?");
                PreparedStatement delete =
                        connection.prepareStatement(
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
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            onFailure.run();
            throw writeFailed("archive of entries " + (archived + 1) + ".." + through, e);
        }
    }

    /** Closes the writer connection for good; for an H2 file this closes the database. */
    void close() {
        closed = true;
        disconnect();
    }

    /** Reconnects if a failed write dropped the connection; refuses once closed. */
    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the audit log is closed");
        }
        if (connection == null) {
            connect();
        }
    }

    /**
     * On a shared (PostgreSQL) ledger: takes the ledger's append lock for this transaction, held
     * until its commit or rollback, and reads the tail under it. If another writer moved the tail,
     * what was built on the old one is dropped.
     */
    private void takeTail() throws SQLException {
        if (!shared) {
            return;
        }
        try (ResultSet rs = lockTail.executeQuery()) {
            rs.next();
        }
        List<String> missed = readAfter(connection, lastSequence);
        if (!missed.isEmpty()) {
            appendedElsewhere.accept(missed);
        }
    }

    /** Whether other writers may append to this ledger (PostgreSQL). */
    boolean shared() {
        ensureOpen();
        return shared;
    }

    /**
     * Brings {@code tree} (built from a walk of the ledger) and this writer's tail up to the
     * ledger's last entry, which another writer may have appended since the walk.
     */
    void catchUp(MerkleTree tree) {
        ensureOpen();
        try {
            lastSequence = tree.size();
            List<String> missed = readAfter(connection, lastSequence);
            connection.commit();
            missed.forEach(h -> tree.append(MerkleTree.leafOfEntryHash(h)));
            if (missed.isEmpty()) {
                readTail(connection);
                connection.commit();
            }
        } catch (SQLException e) {
            throw writeFailed("reading the ledger's tail", e);
        }
    }

    /**
     * The hashes of the entries after {@code sequence}, in order, and the tail moved to the last of
     * them: what other writers appended since this one last knew the tail.
     */
    private List<String> readAfter(Connection c, long sequence) throws SQLException {
        List<String> hashes = new ArrayList<>();
        try (PreparedStatement s =
                c.prepareStatement(
                        "SELECT sequence, hash FROM audit_entry WHERE sequence > ? ORDER BY"
                                + " sequence")) {
            s.setLong(1, sequence);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long next = rs.getLong(1);
                    if (next != lastSequence + 1) {
                        throw new SQLException(
                                "the ledger's entry after " + lastSequence + " is " + next);
                    }
                    lastSequence = next;
                    lastHash = rs.getString(2);
                    hashes.add(lastHash);
                }
            }
        }
        return hashes;
    }

    private void bind(AuditEntry entry, String json) throws SQLException {
        AuditEvent event = entry.event();
        insert.setLong(1, entry.sequence());
        insert.setString(2, event.type().name());
        insert.setString(3, event.correlationId());
        insert.setString(4, event.element());
        insert.setString(5, event.actor());
        insert.setObject(6, LedgerRow.utc(event.simTime().truncatedTo(ChronoUnit.MICROS)));
        insert.setObject(7, LedgerRow.utc(entry.recordedAt()));
        insert.setString(8, entry.previousHash());
        insert.setString(9, entry.hash());
        insert.setString(10, json);
    }

    private void connect() {
        try {
            Connection c = dataSource.getConnection();
            try {
                c.setAutoCommit(false);
                readTail(c);
                c.commit();
                shared =
                        c.getMetaData()
                                .getDatabaseProductName()
                                .toLowerCase(Locale.ROOT)
                                .contains("postgres");
                insert = c.prepareStatement(INSERT);
                if (shared) {
                    // one lock per schema's ledger: ledgers in other schemas do not wait on it
                    lockTail =
                            c.prepareStatement(
                                    "SELECT pg_advisory_xact_lock(hashtext(current_schema() ||"
                                            + " '.audit_entry'))");
                }
                connection = c;
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new AuditStoreException(
                    "cannot open the audit ledger's writer connection: " + e.getMessage(), e);
        }
    }

    private void readTail(Connection c) throws SQLException {
        lastSequence = 0;
        lastHash = AuditChain.GENESIS_HASH;
        if (!readLastRow(c, "audit_entry")) {
            // every entry may have been archived: the chain goes on from the last one
            readLastRow(c, "audit_archived");
        }
    }

    /** Takes the tail from the last row of {@code table}; false if it has none. */
    private boolean readLastRow(Connection c, String table) throws SQLException {
        try (PreparedStatement s =
                        c.prepareStatement(
                                "SELECT sequence, hash FROM "
                                        + table
                                        + " ORDER BY sequence DESC LIMIT 1");
                ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                return false;
            }
            lastSequence = rs.getLong(1);
            lastHash = rs.getString(2);
            return true;
        }
    }

    /**
     * Rolls back, drops the connection and returns the error to throw. The next write reconnects
     * and re-reads the tail from the database, the only truth after a failed or uncertain commit.
     */
    private AuditStoreException writeFailed(String what, Exception e) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is likely gone; reconnecting below is what matters
        }
        disconnect();
        afterFailedWrite.run();
        return new AuditStoreException(what + " failed, nothing recorded: " + e.getMessage(), e);
    }

    private void disconnect() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing a broken connection may fail; it is dropped either way
            }
        }
        connection = null;
        insert = null;
        lockTail = null;
    }
}
