package dev.autonoc.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.function.LongFunction;

/**
 * Hands the ledger's entries to an {@link ExportSink} in order, each stored checkpoint right after
 * the entry at its tree size, after the {@link ArchivedPrefix} if entries were archived: what a
 * file needs to be verified alone, in whatever format the sink writes. Exports and archive files
 * are both made here.
 */
final class LedgerExport {

    private final LedgerReader reader;

    LedgerExport(LedgerReader reader) {
        this.reader = reader;
    }

    /**
     * Exports the entries after {@code prefix} (from the first if it is null) up to {@code
     * through}, and the checkpoints among them; then, if {@code seal} is not null, the final
     * checkpoint it signs over the last entry written. Returns how many entries were written.
     */
    long export(ExportSink sink, ArchivedPrefix prefix, long through, LongFunction<Checkpoint> seal)
            throws IOException {
        long start = prefix == null ? 0 : prefix.treeSize();
        Iterator<Checkpoint> checkpoints =
                reader.checkpoints().stream()
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
            reader.forEachPage(
                    through,
                    page -> {
                        for (LedgerRow row : page) {
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
        if (seal != null) {
            // the entries written are 1..last (none, for an empty ledger: signed as such);
            // appends made meanwhile are not in this file
            sink.checkpoint(seal.apply(start + count[0]));
        }
        sink.end();
        return count[0];
    }
}
