package dev.autonoc.audit;

import java.io.IOException;
import java.io.Writer;

/** Where {@link JdbcAuditLog#export} puts what a verifiable file holds, in order. */
interface ExportSink {

    /** First, if entries were archived before the ones that follow. */
    void prefix(ArchivedPrefix prefix) throws IOException;

    void entry(StoredEntry entry) throws IOException;

    /** Right after the entry at its tree size. */
    void checkpoint(Checkpoint checkpoint) throws IOException;

    void end() throws IOException;

    /** The JSON Lines export: one {@link ExportLines} line each. */
    static ExportSink jsonLines(Writer out) {
        return new ExportSink() {
            @Override
            public void prefix(ArchivedPrefix prefix) throws IOException {
                line(ExportLines.format(prefix));
            }

            @Override
            public void entry(StoredEntry entry) throws IOException {
                line(ExportLines.format(entry));
            }

            @Override
            public void checkpoint(Checkpoint checkpoint) throws IOException {
                line(ExportLines.format(checkpoint));
            }

            @Override
            public void end() throws IOException {
                out.flush();
            }

            private void line(String text) throws IOException {
                out.write(text);
                out.write('\n');
            }
        };
    }
}
