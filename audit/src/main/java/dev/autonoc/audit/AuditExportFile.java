package dev.autonoc.audit;

import dev.autonoc.core.audit.AuditEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a JSON Lines export ({@link JdbcAuditLog#exportJsonLines}) for queries, with no database.
 * Reading does not verify: use {@link AuditVerifier#verifyExport} for that.
 */
public final class AuditExportFile {

    private AuditExportFile() {}

    /**
     * The entries of the file that pass the filter, in file order, after the filter's sequence, at
     * most its limit; checkpoint lines are skipped.
     *
     * @throws AuditStoreException naming the line that is not an export line
     */
    public static List<AuditEntry> find(Path file, AuditFilter filter) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(filter, "filter");
        List<AuditEntry> found = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long lineNumber = 0;
            while (found.size() < filter.query().limit() && (line = reader.readLine()) != null) {
                lineNumber++;
                Object parsed;
                try {
                    parsed = ExportLines.parse(line);
                } catch (CanonicalJsonException e) {
                    throw new AuditStoreException(
                            file + " line " + lineNumber + ": " + e.getMessage(), e);
                }
                if (parsed instanceof StoredEntry stored
                        && stored.sequence() > filter.query().afterSequence()) {
                    AuditEntry entry = stored.toEntry();
                    if (filter.matches(entry)) {
                        found.add(entry);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit export " + file, e);
        }
        return found;
    }

    /** An entry as one export line (the same form {@link JdbcAuditLog#exportJsonLines} writes). */
    public static String jsonLine(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        return ExportLines.format(
                new StoredEntry(
                        entry.sequence(),
                        entry.recordedAt(),
                        entry.previousHash(),
                        entry.hash(),
                        CanonicalJson.event(entry.event())));
    }
}
