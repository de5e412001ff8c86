package dev.autonoc.evals.cli;

import dev.autonoc.audit.ArchiveResult;
import dev.autonoc.audit.AuditCsv;
import dev.autonoc.audit.AuditStoreException;
import dev.autonoc.audit.AuditVerifier;
import dev.autonoc.audit.CheckpointSigner;
import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.audit.AuditVerification;
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
import picocli.CommandLine.Spec;

@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Works with audit ledgers.",
        subcommands = {
            AuditVerify.class,
            AuditShow.class,
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
    static boolean oneSourceGiven(
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
