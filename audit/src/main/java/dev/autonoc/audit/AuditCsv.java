package dev.autonoc.audit;

import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
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
 * <p>To be verifiable alone, like the JSON Lines export, the file also has a row per signed
 * checkpoint, right after the entry at its tree size: {@code sequence} its tree size, {@code
 * recorded_at} its time, {@code type} {@code CHECKPOINT}, {@code hash} its root, {@code event_json}
 * the checkpoint as its JSON Lines line (what is verified); and, if entries were archived, a first
 * row {@code ARCHIVED} likewise (archived count, last archived hash, the prefix line). {@link
 * AuditVerifier#verifyCsv} checks it all, and that each entry row is exactly what this writer makes
 * of its entry. A spreadsheet that re-saves the file may change bytes: verify then names the first
 * row it changed.
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

    /** The {@code type} of a checkpoint row. */
    public static final String CHECKPOINT = "CHECKPOINT";

    /** The {@code type} of the row standing for archived entries. */
    public static final String ARCHIVED = "ARCHIVED";

    /**
     * Writes the header and every entry of the ledger, in order, with the checkpoint rows; returns
     * how many entries.
     */
    public static long write(JdbcAuditLog log, Writer out) throws IOException {
        return write(log, out, null);
    }

    /**
     * {@link #write(JdbcAuditLog, Writer)}, ending with a final checkpoint row signed by {@code
     * sealWith} (see {@link JdbcAuditLog#exportJsonLines(java.nio.file.Path, CheckpointSigner)}).
     */
    public static long write(JdbcAuditLog log, Writer out, CheckpointSigner sealWith)
            throws IOException {
        out.write(String.join(",", COLUMNS));
        out.write(CRLF);
        return log.export(
                new ExportSink() {
                    @Override
                    public void prefix(ArchivedPrefix prefix) throws IOException {
                        row(line(prefix));
                    }

                    @Override
                    public void entry(StoredEntry entry) throws IOException {
                        row(line(entry));
                    }

                    @Override
                    public void checkpoint(Checkpoint checkpoint) throws IOException {
                        row(line(checkpoint));
                    }

                    @Override
                    public void end() throws IOException {
                        out.flush();
                    }

                    private void row(String text) throws IOException {
                        out.write(text);
                        out.write(CRLF);
                    }
                },
                sealWith);
    }

    static String line(Checkpoint c) {
        return special(
                c.treeSize(), c.time().toString(), CHECKPOINT, c.rootHash(), ExportLines.format(c));
    }

    static String line(ArchivedPrefix p) {
        return special(p.treeSize(), "", ARCHIVED, p.headHash(), ExportLines.format(p));
    }

    private static String special(
            long sequence, String time, String type, String hash, String json) {
        StringBuilder line = new StringBuilder(json.length() + 120);
        line.append(sequence).append(',').append(time).append(",,").append(type);
        line.append(",,,,,,,").append(hash).append(',');
        return field(line, json).toString();
    }

    /** One entry's line, without its line end. */
    static String line(StoredEntry stored) {
        AuditEntry entry = LedgerRow.entry(stored);
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

    /**
     * What a CSV export holds, row by row, for {@link AuditVerifier}: a row that cannot be read, or
     * whose readable columns are not what the writer makes of its JSON, is an item with an error
     * naming the row and the column.
     */
    static Iterator<AuditVerifier.Item> items(BufferedReader reader) throws IOException {
        List<String> header = record(reader);
        if (header == null || !header.equals(COLUMNS)) {
            return List.of(
                            new AuditVerifier.Item(
                                    "row 1",
                                    null,
                                    "not an audit CSV export: the header must be "
                                            + String.join(",", COLUMNS)))
                    .iterator();
        }
        // row 1 is the header, so the n-th record after it is row n + 1
        return AuditVerifier.items(
                () -> record(reader),
                (number, fields) -> {
                    String where = "row " + (number + 1);
                    try {
                        return new AuditVerifier.Item(where, value(fields), null);
                    } catch (IllegalArgumentException e) {
                        return new AuditVerifier.Item(where, null, e.getMessage());
                    }
                });
    }

    /** The entry, checkpoint or prefix a row holds, if it is exactly what the writer wrote. */
    private static Object value(List<String> fields) {
        if (fields.size() != COLUMNS.size()) {
            throw new IllegalArgumentException(
                    "has " + fields.size() + " columns, expected " + COLUMNS.size());
        }
        String type = fields.get(3);
        Object value;
        String expected;
        if (type.equals(CHECKPOINT) || type.equals(ARCHIVED)) {
            value = ExportLines.parse(fields.get(11));
            if (value instanceof Checkpoint c && type.equals(CHECKPOINT)) {
                expected = line(c);
            } else if (value instanceof ArchivedPrefix p && type.equals(ARCHIVED)) {
                expected = line(p);
            } else {
                throw new IllegalArgumentException(
                        "a "
                                + type
                                + " row whose event_json is not a "
                                + type.toLowerCase(java.util.Locale.ROOT));
            }
        } else {
            long sequence;
            Instant recordedAt;
            try {
                sequence = Long.parseLong(fields.get(0));
                recordedAt = Instant.parse(fields.get(1));
            } catch (NumberFormatException | java.time.DateTimeException e) {
                throw new IllegalArgumentException(
                        "sequence must be an integer and recorded_at an ISO-8601 UTC instant");
            }
            StoredEntry entry =
                    new StoredEntry(
                            sequence, recordedAt, fields.get(9), fields.get(10), fields.get(11));
            value = entry;
            try {
                expected = line(entry);
            } catch (AuditStoreException e) {
                return entry; // not a readable event: the chain check names it
            }
        }
        List<String> wanted = parse(expected);
        for (int i = 0; i < COLUMNS.size(); i++) {
            if (!wanted.get(i).equals(fields.get(i))) {
                throw new IllegalArgumentException(
                        "column "
                                + COLUMNS.get(i)
                                + " holds '"
                                + fields.get(i)
                                + "' but the row's JSON says '"
                                + wanted.get(i)
                                + "'");
            }
        }
        return value;
    }

    private static List<String> parse(String line) {
        try {
            return record(new BufferedReader(new java.io.StringReader(line)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next RFC 4180 record's fields, or null at the end; a quoted field may span lines. */
    static List<String> record(BufferedReader in) throws IOException {
        int c = in.read();
        if (c == -1) {
            return null;
        }
        List<String> fields = new ArrayList<>(COLUMNS.size());
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    throw new IllegalArgumentException("a quoted field is not closed at the end");
                }
                if (c == '"') {
                    in.mark(1);
                    int n = in.read();
                    if (n == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        if (n != -1) {
                            in.reset();
                        }
                    }
                } else {
                    field.append((char) c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' || c == '\n' || c == -1) {
                if (c == '\r') {
                    in.mark(1);
                    if (in.read() != '\n') {
                        in.reset();
                    }
                }
                fields.add(field.toString());
                return fields;
            } else {
                field.append((char) c);
            }
            c = in.read();
        }
    }
}
