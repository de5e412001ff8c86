package dev.autonoc.evals.cli;

import dev.autonoc.audit.AuditVerifier;
import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.audit.AuditVerification;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
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
        subcommands = {AuditCommand.Verify.class})
final class AuditCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = {
                "Walks a ledger's hash chain and says OK with the number of entries, or names the first"
                        + " entry that does not match.",
                "Give either --db (an H2 file ledger) or FILE (a JSON Lines export, as `autonoc eval"
                        + " --trails` writes)."
            },
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:the chain is intact",
                "1:an entry does not match",
                "2:bad input (no such file, both or neither given)"
            })
    static final class Verify implements Callable<Integer> {

        private static final String H2_SUFFIX = ".mv.db";

        @Spec CommandSpec spec;

        @Option(
                names = "--db",
                paramLabel = "PATH",
                description =
                        "An H2 file ledger: the database path with or without its .mv.db suffix.")
        Optional<Path> db;

        @Parameters(
                arity = "0..1",
                paramLabel = "FILE",
                description = "A JSON Lines export of a ledger.")
        Optional<Path> export;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (db.isPresent() == export.isPresent()) {
                err.println(
                        "autonoc audit verify: give either --db PATH or FILE, not "
                                + (db.isPresent() ? "both" : "neither"));
                return AutonocCli.BAD_INPUT;
            }
            AuditVerification result;
            String what;
            try {
                if (db.isPresent()) {
                    Path base = withoutSuffix(db.get());
                    Path file = Path.of(base + H2_SUFFIX);
                    if (!Files.isRegularFile(file)) {
                        // opening an absent H2 file would create an empty ledger and call it intact
                        err.println("autonoc audit verify: no H2 ledger at " + file);
                        return AutonocCli.BAD_INPUT;
                    }
                    what = file.toString();
                    try (JdbcAuditLog log = JdbcAuditLog.h2File(base, Clock.systemUTC())) {
                        result = log.verify();
                    }
                } else {
                    Path file = export.get();
                    if (!Files.isRegularFile(file)) {
                        err.println("autonoc audit verify: no such file " + file);
                        return AutonocCli.BAD_INPUT;
                    }
                    what = file.toString();
                    result = AuditVerifier.verifyExport(file);
                }
            } catch (UncheckedIOException e) {
                err.println("autonoc audit verify: " + e.getMessage());
                return AutonocCli.BAD_INPUT;
            }
            if (result.intact()) {
                out.println(
                        "OK: "
                                + what
                                + ": "
                                + result.entriesChecked()
                                + " entries; "
                                + result.detail());
                return 0;
            }
            out.println(
                    "BROKEN: "
                            + what
                            + ": first bad entry "
                            + (result.firstBadSequence().isPresent()
                                    ? result.firstBadSequence().getAsLong()
                                    : "?")
                            + " ("
                            + result.entriesChecked()
                            + " entries checked): "
                            + result.detail());
            return AutonocCli.FAILED;
        }

        private static Path withoutSuffix(Path path) {
            String s = path.toString();
            return s.endsWith(H2_SUFFIX)
                    ? Path.of(s.substring(0, s.length() - H2_SUFFIX.length()))
                    : path;
        }
    }
}
