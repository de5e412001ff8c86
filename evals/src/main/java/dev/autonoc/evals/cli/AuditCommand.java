package dev.autonoc.evals.cli;

import dev.autonoc.audit.ArchiveResult;
import dev.autonoc.audit.AuditCsv;
import dev.autonoc.audit.AuditExportFile;
import dev.autonoc.audit.AuditFilter;
import dev.autonoc.audit.AuditStoreException;
import dev.autonoc.audit.AuditVerifier;
import dev.autonoc.audit.CheckpointSigner;
import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditVerification;
import dev.autonoc.core.policy.Effect;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Works with audit ledgers.",
        subcommands = {
            AuditVerify.class,
            AuditCommand.Show.class,
            AuditCommand.Export.class,
            AuditCommand.Archive.class
        })
final class AuditCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Why {@code file} is not a ledger export at all (a wrong file given, not a tampered ledger):
     * its first line is neither the CSV header nor an export line, which always holds an entry's
     * {@code previous_hash}, a {@code checkpoint} or an {@code archived} prefix. A ledger with a
     * first line edited is still recognised and reported BROKEN by the verifier.
     */
    static Optional<String> notALedger(Path file, boolean csv) throws UncheckedIOException {
        String first;
        try (java.io.BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            do {
                line = in.readLine();
            } while (line != null && line.isBlank());
            if (line == null) {
                return Optional.empty(); // an empty ledger exports as an empty file
            }
            first = line.strip();
        } catch (java.nio.charset.CharacterCodingException e) {
            return Optional.of(
                    file
                            + " is not a ledger export: it is not UTF-8 text; expected "
                            + LEDGER_FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean looksLikeOne =
                csv
                        ? first.startsWith(AuditCsv.COLUMNS.get(0) + ",")
                        : first.startsWith("{")
                                && (first.contains("\"previous_hash\"")
                                        || first.contains("\"checkpoint\"")
                                        || first.contains("\"archived\""));
        if (looksLikeOne) {
            return Optional.empty();
        }
        String shown = first.length() > 60 ? first.substring(0, 60) + "..." : first;
        return Optional.of(
                file
                        + " is not a ledger export: its first line is '"
                        + shown
                        + "'; expected "
                        + LEDGER_FILE);
    }

    /** What a ledger FILE is, for the errors that say what is accepted. */
    static final String LEDGER_FILE =
            "a ledger export (JSON Lines or CSV from `autonoc audit export` or GET"
                    + " /api/audit/export)";

    /** The key given as text, or in a file whose last non-empty line is it. */
    static PublicKey readPublicKey(String given) throws IOException {
        Path file = Path.of(given);
        String text = given;
        if (given.length() < 1000 && Files.isRegularFile(file)) {
            List<String> lines =
                    Files.readAllLines(file, StandardCharsets.US_ASCII).stream()
                            .filter(l -> !l.isBlank())
                            .toList();
            if (lines.isEmpty()) {
                throw new IllegalArgumentException(file + " is empty");
            }
            text = lines.get(lines.size() - 1);
        }
        return CheckpointSigner.publicKey(text);
    }

    private static final String H2_SUFFIX = ".mv.db";

    /** The database path without H2's {@code .mv.db} suffix. */
    static Path withoutH2Suffix(Path path) {
        String s = path.toString();
        return s.endsWith(H2_SUFFIX)
                ? Path.of(s.substring(0, s.length() - H2_SUFFIX.length()))
                : path;
    }

    /**
     * Opens an existing H2 file ledger, or says on {@code err} that there is none and gives null:
     * opening an absent file would create an empty ledger.
     */
    static JdbcAuditLog openExisting(Path db, String command, PrintWriter err) {
        Path file = h2File(db);
        if (!Files.isRegularFile(file)) {
            err.println("autonoc audit " + command + ": no H2 ledger at " + file);
            return null;
        }
        // Only reads: the clock would stamp appends, and none is made.
        return JdbcAuditLog.h2File(withoutH2Suffix(db), Clock.systemUTC());
    }

    /** The file H2 keeps the ledger at {@code db} (given with or without its suffix) in. */
    static Path h2File(Path db) {
        return Path.of(withoutH2Suffix(db) + H2_SUFFIX);
    }

    /**
     * Whether exactly one ledger is given, an H2 file or an export; if not, says on {@code err}
     * that both or neither were.
     */
    private static boolean oneSourceGiven(
            Optional<Path> db, Optional<Path> export, String command, PrintWriter err) {
        if (db.isPresent() != export.isPresent()) {
            return true;
        }
        err.println(
                "autonoc audit "
                        + command
                        + ": give either --db PATH or FILE, not "
                        + (db.isPresent() ? "both" : "neither"));
        return false;
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = {
                "Lists a ledger's entries, filtered and a page at a time, one line per entry or"
                        + " --json (one export line per entry).",
                "Give either --db (an H2 file ledger) or FILE (a JSON Lines export). Filters"
                        + " combine with AND; --from is inclusive and --to exclusive, on the"
                        + " event's simulated time. When a page is full, the command to get the"
                        + " next one is printed on stderr."
            },
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:the entries were listed (maybe none)",
                "2:bad input (no such ledger, a bad filter, both or neither source given)"
            })
    static final class Show implements Callable<Integer> {

        @Spec CommandSpec spec;

        @Option(names = "--db", paramLabel = "PATH", description = "An H2 file ledger.")
        Optional<Path> db;

        @Parameters(arity = "0..1", paramLabel = "FILE", description = "A JSON Lines export.")
        Optional<Path> export;

        @Option(names = "--case", paramLabel = "ID", description = "The case (correlation id).")
        Optional<String> caseId;

        @Option(names = "--element", paramLabel = "ID", description = "The network element.")
        Optional<String> element;

        @Option(
                names = "--tool",
                paramLabel = "NAME",
                description = "The tool named in the payload, e.g. order_part.")
        Optional<String> tool;

        @Option(
                names = "--actor",
                paramLabel = "WHO",
                description = "Who did it, e.g. agent:autonoc or a person's id.")
        Optional<String> actor;

        @Option(
                names = "--type",
                paramLabel = "TYPE",
                description = "The event type, one of: ${COMPLETION-CANDIDATES}.")
        Optional<AuditEventType> type;

        @Option(
                names = "--effect",
                paramLabel = "EFFECT",
                description = "A policy decision's effect, one of: ${COMPLETION-CANDIDATES}.")
        Optional<Effect> effect;

        @Option(
                names = "--from",
                paramLabel = "INSTANT",
                description = "Sim time at or after, ISO-8601 UTC, e.g. 2026-03-01T08:00:00Z.")
        Optional<String> from;

        @Option(
                names = "--to",
                paramLabel = "INSTANT",
                description = "Sim time before, ISO-8601 UTC.")
        Optional<String> to;

        @Option(
                names = "--after",
                paramLabel = "SEQ",
                defaultValue = "0",
                description = "Only entries after this sequence (the last one of the page before).")
        long after;

        @Option(
                names = "--limit",
                paramLabel = "N",
                defaultValue = "100",
                description = "At most N entries, 1..10000 (default ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--json", description = "One JSON Lines export line per entry.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!oneSourceGiven(db, export, "show", err)) {
                return AutonocCli.BAD_INPUT;
            }
            AuditFilter filter;
            try {
                filter = filter();
            } catch (IllegalArgumentException | DateTimeException e) {
                err.println("autonoc audit show: " + e.getMessage());
                return AutonocCli.BAD_INPUT;
            }
            List<AuditEntry> entries;
            try {
                if (db.isPresent()) {
                    try (JdbcAuditLog log = openExisting(db.get(), "show", err)) {
                        if (log == null) {
                            return AutonocCli.BAD_INPUT;
                        }
                        entries = log.find(filter);
                    }
                } else {
                    if (!Files.isRegularFile(export.get())) {
                        err.println(
                                "autonoc audit show: "
                                        + AutonocCli.notAFile(export.get(), LEDGER_FILE));
                        return AutonocCli.BAD_INPUT;
                    }
                    // show reads JSON Lines only: a CSV export is refused here too
                    Optional<String> notLedger = notALedger(export.get(), false);
                    if (notLedger.isPresent()) {
                        err.println("autonoc audit show: " + notLedger.get());
                        return AutonocCli.BAD_INPUT;
                    }
                    entries = AuditExportFile.find(export.get(), filter);
                }
            } catch (UncheckedIOException | AuditStoreException e) {
                err.println("autonoc audit show: " + e.getMessage());
                return AutonocCli.BAD_INPUT;
            }
            for (AuditEntry e : entries) {
                out.println(json ? AuditExportFile.jsonLine(e) : line(e));
            }
            if (entries.size() == limit) {
                err.println(
                        "autonoc audit show: "
                                + limit
                                + " entries shown; there may be more: add --after "
                                + entries.get(entries.size() - 1).sequence());
            }
            out.flush();
            return 0;
        }

        private AuditFilter filter() {
            if (limit < 1 || limit > 10_000) {
                throw new IllegalArgumentException("--limit must be 1..10000, got " + limit);
            }
            if (after < 0) {
                throw new IllegalArgumentException("--after must be 0 or more, got " + after);
            }
            AuditFilter.Builder b = AuditFilter.builder().afterSequence(after).limit(limit);
            caseId.ifPresent(b::correlationId);
            element.ifPresent(b::element);
            tool.ifPresent(b::tool);
            actor.ifPresent(b::actor);
            type.ifPresent(b::type);
            effect.ifPresent(e -> b.effect(e.name()));
            from.ifPresent(v -> b.from(instant("--from", v)));
            to.ifPresent(v -> b.to(instant("--to", v)));
            return b.build();
        }

        private static Instant instant(String option, String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(
                        option
                                + " '"
                                + value
                                + "' is not an ISO-8601 UTC instant such as"
                                + " 2026-03-01T08:00:00Z");
            }
        }

        /** {@code seq sim_time type case element actor [tool=…] [effect=…]}. */
        static String line(AuditEntry entry) {
            AuditEvent e = entry.event();
            StringBuilder line = new StringBuilder(160);
            line.append(entry.sequence())
                    .append("  ")
                    .append(e.simTime())
                    .append("  ")
                    .append(e.type().name())
                    .append("  case=")
                    .append(e.correlationId())
                    .append("  element=")
                    .append(e.element().isEmpty() ? "-" : e.element())
                    .append("  actor=")
                    .append(e.actor());
            for (String key : List.of("step", "tool", "effect", "verdict", "outcome", "status")) {
                Object v = e.payload().get(key);
                if (v != null) {
                    line.append("  ").append(key).append('=').append(v);
                }
            }
            return line.toString();
        }
    }

    /** The format of {@code audit export}. */
    enum ExportFormat {
        jsonl,
        csv
    }

    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = {
                "Writes every entry of an H2 file ledger to a file, with the signed checkpoints,"
                        + " verifiable alone by `autonoc audit verify FILE`: JSON Lines (default)"
                        + " or CSV (for spreadsheets; columns sequence, recorded_at, sim_time,"
                        + " type, correlation_id, element, actor, tool, effect, previous_hash,"
                        + " hash, event_json; a CHECKPOINT row after the entry at each"
                        + " checkpoint's size)."
            },
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:the export was written",
                "2:bad input (no such ledger, cannot write)"
            })
    static final class Export implements Callable<Integer> {

        @Spec CommandSpec spec;

        @Option(
                names = "--db",
                required = true,
                paramLabel = "PATH",
                description = "An H2 file ledger.")
        Path db;

        @Option(
                names = "--out",
                required = true,
                paramLabel = "FILE",
                description = "The file to write.")
        Path out;

        @Option(
                names = "--format",
                paramLabel = "FORMAT",
                defaultValue = "jsonl",
                description = "One of: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
        ExportFormat format;

        @Option(
                names = "--signing-key",
                paramLabel = "KEYFILE",
                description =
                        "End the file with a final checkpoint signed by this key file (two lines,"
                                + " private and public key, as the service keeps its checkpoint key),"
                                + " so that `audit verify` can tell the file was not cut short."
                                + " Without it, verify needs --expected-size.")
        Optional<Path> signingKey;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            CheckpointSigner seal = null;
            if (signingKey.isPresent()) {
                if (!Files.isRegularFile(signingKey.get())) {
                    err.println(
                            "autonoc audit export: --signing-key "
                                    + signingKey.get()
                                    + " is not a file; expected the checkpoint key file"
                                    + " (PKCS#8 private key and X.509 public key, base64, a line"
                                    + " each)");
                    return AutonocCli.BAD_INPUT;
                }
                try {
                    seal = CheckpointSigner.loadOrCreate(signingKey.get());
                } catch (IllegalArgumentException | UncheckedIOException e) {
                    err.println("autonoc audit export: --signing-key: " + e.getMessage());
                    return AutonocCli.BAD_INPUT;
                }
            }
            long n;
            try (JdbcAuditLog log = openExisting(db, "export", err)) {
                if (log == null) {
                    return AutonocCli.BAD_INPUT;
                }
                if (format == ExportFormat.jsonl) {
                    n = log.exportJsonLines(out, seal);
                } else {
                    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                        n = AuditCsv.write(log, w, seal);
                    }
                }
            } catch (IOException e) {
                err.println("autonoc audit export: cannot write " + out + ": " + e.getMessage());
                return AutonocCli.BAD_INPUT;
            } catch (UncheckedIOException | AuditStoreException e) {
                err.println("autonoc audit export: " + e.getMessage());
                return AutonocCli.BAD_INPUT;
            }
            spec.commandLine()
                    .getOut()
                    .println(
                            "wrote "
                                    + n
                                    + " entries to "
                                    + out
                                    + " ("
                                    + format
                                    + (seal == null
                                            ? "; not sealed: give --signing-key to end it with a"
                                                    + " final checkpoint"
                                            : ", sealed by a final checkpoint")
                                    + ")");
            return 0;
        }
    }

    @Command(
            name = "archive",
            mixinStandardHelpOptions = true,
            description = {
                "Moves old entries of an H2 file ledger to an archive file, keeping their hashes in"
                        + " the ledger so that what is left, every checkpoint and every proof"
                        + " still verify; then verifies the ledger and the archive file.",
                "Only whole checkpointed stretches move: the entries up to the largest checkpoint"
                        + " before --before. The archive file is a JSON Lines export that verifies"
                        + " alone (`autonoc audit verify FILE`) and ends with that signed"
                        + " checkpoint; it is never overwritten."
            },
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:archived, and the ledger and the file verify",
                "1:the ledger does not verify (nothing archived), or does not after archiving",
                "2:bad input (no such ledger, nothing to archive, the file exists)"
            })
    static final class Archive implements Callable<Integer> {

        @Spec CommandSpec spec;

        @Option(
                names = "--db",
                required = true,
                paramLabel = "PATH",
                description = "An H2 file ledger.")
        Path db;

        @Option(
                names = "--before",
                required = true,
                paramLabel = "SEQ|TIME",
                description =
                        "Archive entries before this sequence number, or recorded (wall clock)"
                                + " before this ISO-8601 UTC instant, e.g. 2026-01-01T00:00:00Z.")
        String before;

        @Option(
                names = "--to",
                required = true,
                paramLabel = "FILE",
                description = "The archive file to write (must not exist).")
        Path to;

        @Option(
                names = "--public-key",
                paramLabel = "KEY",
                description =
                        "Check the checkpoints' signatures too when verifying, before and after:"
                                + " as for `audit verify`.")
        Optional<String> publicKey;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            PublicKey key = null;
            if (publicKey.isPresent()) {
                try {
                    key = readPublicKey(publicKey.get());
                } catch (IllegalArgumentException | IOException e) {
                    err.println("autonoc audit archive: --public-key: " + e.getMessage());
                    return AutonocCli.BAD_INPUT;
                }
            }
            if (Files.exists(to)) {
                err.println(
                        "autonoc audit archive: "
                                + to
                                + " exists; give a new file (an archive is never overwritten)");
                return AutonocCli.BAD_INPUT;
            }
            try (JdbcAuditLog log = openExisting(db, "archive", err)) {
                if (log == null) {
                    return AutonocCli.BAD_INPUT;
                }
                long cut;
                if (before.chars().allMatch(Character::isDigit) && !before.isEmpty()) {
                    cut = Long.parseLong(before);
                } else {
                    try {
                        cut = log.firstRecordedAtOrAfter(Instant.parse(before));
                    } catch (DateTimeException e) {
                        err.println(
                                "autonoc audit archive: --before '"
                                        + before
                                        + "' is neither a sequence number nor an ISO-8601 UTC"
                                        + " instant such as 2026-01-01T00:00:00Z");
                        return AutonocCli.BAD_INPUT;
                    }
                }
                OptionalLong through = log.archivableBefore(cut);
                if (through.isEmpty()) {
                    err.println(
                            "autonoc audit archive: nothing to archive before entry "
                                    + cut
                                    + ": no checkpoint between the "
                                    + log.archivedThrough()
                                    + " entries already archived and it (only whole"
                                    + " checkpointed stretches are archived; checkpoints at "
                                    + log.checkpoints().stream().map(c -> c.treeSize()).toList()
                                    + ")");
                    return AutonocCli.BAD_INPUT;
                }
                ArchiveResult done;
                try {
                    done = log.archive(through.getAsLong(), to);
                } catch (IllegalStateException e) {
                    out.println("BROKEN: " + e.getMessage());
                    return AutonocCli.FAILED;
                }
                out.println(
                        "archived entries "
                                + done.firstSequence()
                                + ".."
                                + done.lastSequence()
                                + " ("
                                + done.entries()
                                + ") to "
                                + to
                                + ", ending with the checkpoint at size "
                                + done.checkpoint().treeSize()
                                + "; their hashes stay in the ledger");
                AuditVerification ledger = key == null ? log.verify() : log.verify(key);
                AuditVerification file = AuditVerifier.verifyExport(to, key);
                out.println((ledger.intact() ? "OK: " : "BROKEN: ") + db + ": " + ledger.detail());
                out.println((file.intact() ? "OK: " : "BROKEN: ") + to + ": " + file.detail());
                return ledger.intact() && file.intact() ? 0 : AutonocCli.FAILED;
            } catch (UncheckedIOException | AuditStoreException | IllegalArgumentException e) {
                err.println("autonoc audit archive: " + e.getMessage());
                return AutonocCli.BAD_INPUT;
            }
        }
    }
}
