package dev.autonoc.evals.cli;

import dev.autonoc.audit.AuditVerifier;
import dev.autonoc.audit.CheckpointSigner;
import dev.autonoc.audit.FileVerification;
import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.audit.AuditVerification;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code autonoc audit verify}: an auditor's check of a ledger. An intact chain proves nothing by
 * itself, since whoever edits a file can recompute every hash; so the verdict also rests on a trust
 * anchor the auditor brings (the signer's public key, given or fetched from the service, never one
 * found beside the file) and, for a file, on something that shows it is whole (a signed final
 * checkpoint over its last entry, or the size the auditor expects).
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Checks a ledger: its hash chain, every signed checkpoint's root and signature, and that"
                    + " a file was not cut short. Says OK, BROKEN (names the first bad entry) or"
                    + " UNPROVEN (intact, but nothing you trust vouches for it).",
            "Give either --db (an H2 file ledger) or FILE (a JSON Lines or CSV export, or a trail"
                    + " `autonoc eval --out DIR` wrote to DIR/audit/).",
            "Trust: --public-key is the signer's key as you hold it (kept apart from the file), or"
                    + " --service fetches the running service's. A checkpoint.pub lying beside a"
                    + " file is not used: whoever could edit the file could replace it too.",
            "Whole: a file must end with a final checkpoint signed by that key over its last entry"
                    + " (exports and eval trails do), or its last entry must be --expected-size.",
            "--allow-unsigned accepts a verdict without those (exit 0), saying what is unproven."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:intact, signed with the given key and whole (or --allow-unsigned)",
            "1:broken: an entry or checkpoint does not match, entries are missing, the file is"
                    + " empty",
            "2:bad input (no such file, both or neither given, a bad key, the service unreachable)",
            "3:unproven: the chain holds, but no trust anchor or nothing shows the file is whole"
        })
final class AuditVerify implements Callable<Integer> {

    /** Intact, but not proven authentic or whole. */
    static final int UNPROVEN = 3;

    /** The environment variable holding an API token for {@code --service}. */
    static final String TOKEN_VARIABLE = "AUTONOC_TOKEN";

    /** The public key file {@code autonoc eval} writes beside its trails. */
    static final String BESIDE_KEY_FILE = "checkpoint.pub";

    @Spec CommandSpec spec;

    @Option(
            names = "--db",
            paramLabel = "PATH",
            description = "An H2 file ledger: the database path with or without its .mv.db suffix.")
    Optional<Path> db;

    @Parameters(
            arity = "0..1",
            paramLabel = "FILE",
            description = "An export of a ledger: JSON Lines, or CSV if its name ends in .csv.")
    Optional<Path> export;

    @Option(
            names = "--public-key",
            paramLabel = "KEY",
            description =
                    "The signer's Ed25519 public key as you hold it: base64 X.509 text, or a file"
                            + " whose last line is it (a checkpoint.pub you copied elsewhere, the"
                            + " key GET /api/audit/public-key serves).")
    Optional<String> publicKey;

    @Option(
            names = "--service",
            paramLabel = "URL",
            description =
                    "Fetch the signer's public key from a running service, e.g."
                            + " https://noc.example.net (GET URL/api/audit/public-key, with the API"
                            + " token in the environment variable "
                            + TOKEN_VARIABLE
                            + ").")
    Optional<URI> service;

    @Option(
            names = "--expected-size",
            paramLabel = "N",
            description =
                    "The sequence of the last entry, as you know it from elsewhere (a checkpoint"
                            + " you kept, GET /api/audit/checkpoints): entries cut off the end are"
                            + " then named.")
    Optional<Long> expected;

    private OptionalLong expectedSize = OptionalLong.empty();

    @Option(
            names = "--allow-unsigned",
            description =
                    "Exit 0 for an intact ledger even without a trust anchor or proof that a file"
                            + " is whole; the verdict still says what is unproven.")
    boolean allowUnsigned;

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
        if (publicKey.isPresent() && service.isPresent()) {
            err.println(
                    "autonoc audit verify: give the key once: --public-key or --service, not both");
            return AutonocCli.BAD_INPUT;
        }
        expectedSize = expected.map(OptionalLong::of).orElse(OptionalLong.empty());
        if (expectedSize.isPresent() && expectedSize.getAsLong() < 1) {
            err.println(
                    "autonoc audit verify: --expected-size must be 1 or more (the last entry's"
                            + " sequence), got "
                            + expectedSize.getAsLong());
            return AutonocCli.BAD_INPUT;
        }
        PublicKey key;
        String anchor;
        try {
            if (publicKey.isPresent()) {
                key = AuditCommand.readPublicKey(publicKey.get());
                anchor = "signatures checked with the key you gave";
            } else if (service.isPresent()) {
                key = fetchKey(service.get());
                anchor = "signatures checked with the key " + service.get() + " serves";
            } else {
                key = null;
                anchor = "";
            }
        } catch (IllegalArgumentException | IOException e) {
            err.println(
                    "autonoc audit verify: "
                            + (service.isPresent() ? "--service: " : "--public-key: ")
                            + e.getMessage()
                            + "; give the base64 X.509 Ed25519 public key or a file holding it");
            return AutonocCli.BAD_INPUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("autonoc audit verify: interrupted");
            return AutonocCli.BAD_INPUT;
        }
        try {
            return db.isPresent()
                    ? verifyDatabase(db.get(), key, anchor, out, err)
                    : verifyFile(export.get(), key, anchor, out, err);
        } catch (UncheckedIOException e) {
            err.println("autonoc audit verify: " + e.getMessage());
            return AutonocCli.BAD_INPUT;
        }
    }

    private int verifyFile(
            Path file, PublicKey key, String anchor, PrintWriter out, PrintWriter err) {
        if (!Files.isRegularFile(file)) {
            err.println(
                    "autonoc audit verify: " + AutonocCli.notAFile(file, AuditCommand.LEDGER_FILE));
            return AutonocCli.BAD_INPUT;
        }
        boolean csv = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        Optional<String> notLedger = AuditCommand.notALedger(file, csv);
        if (notLedger.isPresent()) {
            err.println("autonoc audit verify: " + notLedger.get());
            return AutonocCli.BAD_INPUT;
        }
        FileVerification v = AuditVerifier.verifyFile(file, csv, key, expectedSize);
        AuditVerification chain = v.chain();
        if (!chain.intact()) {
            out.println(broken(file.toString(), chain));
            return AutonocCli.FAILED;
        }
        String entries = chain.entriesChecked() + " entries; " + chain.detail();
        if (v.broken()) {
            out.println("BROKEN: " + file + ": " + v.explanation() + " (" + entries + ")");
            return AutonocCli.FAILED;
        }
        if (v.proven()) {
            out.println(
                    "OK: " + file + ": " + entries + "; " + anchor + "; whole: " + v.explanation());
            return 0;
        }
        String lacking =
                (key == null ? noAnchor(file) + "; " : "")
                        + (v.completeness() == FileVerification.Completeness.UNPROVEN
                                ? v.explanation()
                                : "");
        return unproven(file.toString(), entries, lacking, out);
    }

    private int verifyDatabase(
            Path dbPath, PublicKey key, String anchor, PrintWriter out, PrintWriter err) {
        // an absent H2 file would be a new, empty ledger: intact, and wrongly so
        try (JdbcAuditLog log = AuditCommand.openExisting(dbPath, "verify", err)) {
            if (log == null) {
                return AutonocCli.BAD_INPUT;
            }
            AuditVerification chain = key == null ? log.verify() : log.verify(key);
            String what = AuditCommand.h2File(dbPath).toString();
            if (!chain.intact()) {
                out.println(broken(what, chain));
                return AutonocCli.FAILED;
            }
            long size = log.size();
            String entries = chain.entriesChecked() + " entries; " + chain.detail();
            if (expectedSize.isPresent() && expectedSize.getAsLong() != size) {
                out.println(
                        "BROKEN: "
                                + what
                                + ": its last entry is "
                                + size
                                + " but "
                                + expectedSize.getAsLong()
                                + " was expected"
                                + (size < expectedSize.getAsLong()
                                        ? ": entries "
                                                + (size + 1)
                                                + ".."
                                                + expectedSize.getAsLong()
                                                + " are missing"
                                        : "")
                                + " ("
                                + entries
                                + ")");
                return AutonocCli.FAILED;
            }
            if (key == null) {
                return unproven(what, entries, noAnchor(null), out);
            }
            out.println(
                    "OK: "
                            + what
                            + ": "
                            + entries
                            + "; "
                            + anchor
                            + (expectedSize.isPresent()
                                    ? "; its last entry is " + size + ", the size you expected"
                                    : "; a live ledger has no final checkpoint: give"
                                            + " --expected-size to check that none was cut off"
                                            + " after the last checkpoint"));
            return 0;
        }
    }

    private int unproven(String what, String entries, String lacking, PrintWriter out) {
        if (allowUnsigned) {
            out.println(
                    "OK (unproven, --allow-unsigned): " + what + ": " + entries + "; " + lacking);
            return 0;
        }
        out.println(
                "UNPROVEN: "
                        + what
                        + ": the chain holds ("
                        + entries
                        + ") but "
                        + lacking
                        + "; --allow-unsigned accepts that");
        return UNPROVEN;
    }

    private static String broken(String what, AuditVerification chain) {
        return "BROKEN: "
                + what
                + ": first bad entry "
                + (chain.firstBadSequence().isPresent()
                        ? chain.firstBadSequence().getAsLong()
                        : "?")
                + " ("
                + chain.entriesChecked()
                + " entries checked): "
                + chain.detail();
    }

    /** Why there is no trust anchor, and a word on a key found beside the file. */
    private static String noAnchor(Path file) {
        String text =
                "no trust anchor: give --public-key (the signer's key as you hold it) or"
                        + " --service URL";
        if (file != null) {
            Path dir = file.toAbsolutePath().getParent();
            Path beside = dir == null ? Path.of(BESIDE_KEY_FILE) : dir.resolve(BESIDE_KEY_FILE);
            if (Files.isRegularFile(beside)) {
                text +=
                        " (the "
                                + beside
                                + " beside the file is not used: whoever could change the file"
                                + " could change it too; compare it with a copy you kept and give"
                                + " that)";
            }
        }
        return text;
    }

    private static final Pattern KEY_MEMBER =
            Pattern.compile("\"key\"\\s*:\\s*\"([A-Za-z0-9+/=]+)\"");

    /** The key {@code GET <service>/api/audit/public-key} serves. */
    static PublicKey fetchKey(URI service) throws IOException, InterruptedException {
        String scheme = service.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException(
                    "'" + service + "' is not an http(s) URL such as https://noc.example.net");
        }
        String base = service.toString().replaceAll("/+$", "");
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + "/api/audit/public-key"))
                        .timeout(Duration.ofSeconds(20))
                        .header("Accept", "application/json");
        String token = System.getenv(TOKEN_VARIABLE);
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token.strip());
        }
        HttpResponse<String> response;
        try {
            response =
                    HttpClient.newBuilder()
                            .connectTimeout(Duration.ofSeconds(10))
                            .build()
                            .send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("cannot reach " + base + ": " + e.getMessage(), e);
        }
        if (response.statusCode() != 200) {
            throw new IOException(
                    base
                            + "/api/audit/public-key answered "
                            + response.statusCode()
                            + (response.statusCode() == 401
                                    ? " (set "
                                            + TOKEN_VARIABLE
                                            + " to an API token of an auditor or supervisor)"
                                    : ""));
        }
        Matcher m = KEY_MEMBER.matcher(response.body());
        if (!m.find()) {
            throw new IOException(base + "/api/audit/public-key served no \"key\"");
        }
        return CheckpointSigner.publicKey(m.group(1));
    }
}
