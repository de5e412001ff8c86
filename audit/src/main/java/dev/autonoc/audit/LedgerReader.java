package dev.autonoc.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The ledger's reads that walk or look up its tables, each on a connection of its own: the entries
 * a page at a time (plainly, or with a reader thread fetching ahead), the kept hashes of archived
 * entries, the stored checkpoints. Queries by filter are {@link LedgerQuery}'s.
 */
final class LedgerReader {

    /** Rows per page when walking the whole ledger (verify, export). */
    static final int PAGE = 5_000;

    /** Marks the end of the walk in the page queue. */
    private static final List<LedgerRow> END = List.of();

    private final DataSource dataSource;

    LedgerReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What the page walk hands each page to; false stops the walk. */
    interface PageAction {
        boolean accept(List<LedgerRow> page);
    }

    /** What the walk of the kept hashes hands each to; false stops the walk. */
    interface ArchivedHashAction {
        boolean accept(long sequence, String hash);
    }

    /** Walks every row in sequence order, a page at a time. */
    void forEachRow(Consumer<LedgerRow> action) {
        forEachPage(
                Long.MAX_VALUE,
                page -> {
                    for (LedgerRow row : page) {
                        action.accept(row);
                    }
                    return true;
                });
    }

    /** Hands over the entries up to sequence {@code through}, a page at a time, in order. */
    void forEachPage(long through, PageAction action) {
        // No upper bound unless one is asked for: PostgreSQL planned the walk of a freshly filled,
        // not yet analysed table five times slower with "sequence <= 2^63-1" in it.
        boolean bounded = through != Long.MAX_VALUE;
        String sql =
                "SELECT "
                        + LedgerRow.COLUMNS
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
                List<LedgerRow> page = new ArrayList<>(PAGE);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        page.add(LedgerRow.of(rs));
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

    /**
     * {@link #forEachPage}, with the next pages fetched by another thread while this one works on
     * the page before: verify spends about as long in the database as in checking, so the two
     * overlap. The reader is never interrupted (an interrupt can close H2's file channel); it stops
     * at the next page once the walk ends.
     */
    void forEachPagePrefetched(Consumer<List<LedgerRow>> action) {
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
                List<LedgerRow> page = (List<LedgerRow>) item;
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

    /** Walks the kept hashes of archived entries in sequence order, a page at a time. */
    void forEachArchivedHash(ArchivedHashAction action) {
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
                        after = rs.getLong(1);
                        if (!action.accept(after, rs.getString(2))) {
                            return;
                        }
                    }
                }
                if (rows < PAGE) {
                    return;
                }
            }
        } catch (SQLException e) {
            throw new AuditStoreException(
                    "reading the archived hashes failed: " + e.getMessage(), e);
        }
    }

    /** How many entries were archived: entries 1..this are in archive files, their hashes here. */
    long archivedThrough() {
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

    /** The kept hash of archived entry {@code archivedSequence}. */
    String archivedHash(long archivedSequence) {
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

    /** The stored checkpoints, by tree size. */
    List<Checkpoint> checkpoints() {
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

    /** The first entry still in the ledger recorded (wall clock) at or after {@code time}. */
    OptionalLong firstRecordedAtOrAfter(Instant time) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement(
                                "SELECT MIN(sequence) FROM audit_entry WHERE recorded_at >= ?")) {
            s.setObject(1, LedgerRow.utc(time));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long first = rs.getLong(1);
                return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(first);
            }
        } catch (SQLException e) {
            throw new AuditStoreException("audit query failed: " + e.getMessage(), e);
        }
    }
}
