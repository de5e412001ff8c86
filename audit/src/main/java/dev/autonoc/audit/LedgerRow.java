package dev.autonoc.audit;

import dev.autonoc.core.audit.AuditEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A row of {@code audit_entry}: the stored entry and the indexed copies of its event's fields,
 * which queries read and {@link LedgerVerifier} checks against the event.
 */
record LedgerRow(
        StoredEntry stored,
        String type,
        String correlationId,
        String element,
        String actor,
        Instant simTime) {

    /** The columns {@link #of} reads, in its order. */
    static final String COLUMNS =
            "sequence, recorded_at, previous_hash, hash, event_json,"
                    + " type, correlation_id, element, actor, sim_time";

    /** The row at the result set's cursor, which selected {@link #COLUMNS}. */
    static LedgerRow of(ResultSet rs) throws SQLException {
        StoredEntry stored =
                new StoredEntry(
                        rs.getLong(1),
                        rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5));
        return new LedgerRow(
                stored,
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getObject(10, OffsetDateTime.class).toInstant());
    }

    /** How the ledger's time columns take an instant: UTC. */
    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /**
     * The entry with its event parsed.
     *
     * @throws AuditStoreException naming the entry if its event cannot be read
     */
    AuditEntry entry() {
        return entry(stored);
    }

    /** {@link #entry()} of an entry read as stored (a row or a CSV export's entry). */
    static AuditEntry entry(StoredEntry stored) {
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
        return "column " + name + " holds '" + stored + "' but the event says '" + inEvent + "'";
    }
}
