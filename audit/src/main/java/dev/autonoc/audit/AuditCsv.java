package dev.autonoc.audit;

import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * The ledger as CSV (RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote, CR or
 * LF quoted, quotes doubled), for spreadsheets and BI tools. One header line, then one line per
 * entry with these columns:
 *
 * <ol>
 *   <li>{@code sequence}: the entry's place in the ledger, from 1
 *   <li>{@code recorded_at}: wall-clock time of the append, ISO-8601 UTC (not hashed)
 *   <li>{@code sim_time}: the event's (possibly simulated) time, ISO-8601 UTC
 *   <li>{@code type}: the event type, e.g. {@code POLICY_DECISION}
 *   <li>{@code correlation_id}: the case, {@code -} outside a case
 *   <li>{@code element}: the network element, or empty
 *   <li>{@code actor}: who did it ({@code agent:autonoc}, a person, {@code system})
 *   <li>{@code tool}: the payload's {@code tool}, or empty
 *   <li>{@code effect}: the payload's {@code effect} (policy decisions), or empty
 *   <li>{@code previous_hash}, {@code hash}: the chain, lowercase hex SHA-256
 *   <li>{@code event_json}: the event's canonical JSON, the text the hash covers
 * </ol>
 *
 * <p>The CSV has no checkpoints, and a spreadsheet that re-saves it may change the JSON's bytes: to
 * verify a ledger offline, export it as JSON Lines ({@link JdbcAuditLog#exportJsonLines}) and use
 * {@link AuditVerifier#verifyExport}.
 */
public final class AuditCsv {

    public static final List<String> COLUMNS =
            List.of(
                    "sequence",
                    "recorded_at",
                    "sim_time",
                    "type",
                    "correlation_id",
                    "element",
                    "actor",
                    "tool",
                    "effect",
                    "previous_hash",
                    "hash",
                    "event_json");

    private static final String CRLF = "\r\n";

    private AuditCsv() {}

    /** Writes the header and every entry of the ledger, in order; returns how many entries. */
    public static long write(JdbcAuditLog log, Writer out) throws IOException {
        out.write(String.join(",", COLUMNS));
        out.write(CRLF);
        long[] count = {0};
        try {
            log.forEachStored(
                    stored -> {
                        try {
                            out.write(line(stored));
                            out.write(CRLF);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        count[0]++;
                    });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
        return count[0];
    }

    /** One entry's line, without its line end. */
    static String line(StoredEntry stored) {
        AuditEntry entry;
        try {
            entry = stored.toEntry();
        } catch (CanonicalJsonException e) {
            throw new AuditStoreException(
                    "entry "
                            + stored.sequence()
                            + " holds an event that cannot be read (run verify): "
                            + e.getMessage(),
                    e);
        }
        AuditEvent e = entry.event();
        StringBuilder line = new StringBuilder(stored.eventJson().length() + 300);
        line.append(stored.sequence()).append(',');
        line.append(stored.recordedAt()).append(',');
        line.append(e.simTime()).append(',');
        line.append(e.type().name()).append(',');
        field(line, e.correlationId()).append(',');
        field(line, e.element()).append(',');
        field(line, e.actor()).append(',');
        field(line, text(e.payload().get("tool"))).append(',');
        field(line, text(e.payload().get("effect"))).append(',');
        line.append(stored.previousHash()).append(',');
        line.append(stored.hash()).append(',');
        field(line, stored.eventJson());
        return line.toString();
    }

    private static String text(Object value) {
        return value instanceof String s ? s : "";
    }

    private static StringBuilder field(StringBuilder line, String value) {
        boolean quote =
                value.indexOf(',') >= 0
                        || value.indexOf('"') >= 0
                        || value.indexOf('\n') >= 0
                        || value.indexOf('\r') >= 0;
        if (!quote) {
            return line.append(value);
        }
        return line.append('"').append(value.replace("\"", "\"\"")).append('"');
    }
}
