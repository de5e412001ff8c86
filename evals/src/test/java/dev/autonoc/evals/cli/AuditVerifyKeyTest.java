package dev.autonoc.evals.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.audit.CheckpointSigner;
import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AuditVerifyKeyTest {

    @TempDir Path dir;

    private Path db;
    private Path keyFile;
    private Path export;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @BeforeEach
    void aSignedLedgerAndItsExport() {
        db = dir.resolve("ledger");
        keyFile = dir.resolve("checkpoint.key");
        export = dir.resolve("ledger.jsonl");
        Clock clock = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
        try (JdbcAuditLog log = JdbcAuditLog.h2File(db, clock)) {
            for (int i = 0; i < 5; i++) {
                log.append(
                        new AuditEvent(
                                AuditEventType.TOOL_CALL,
                                "case-1",
                                "rtr-1",
                                "agent:autonoc",
                                Instant.parse("2026-03-01T08:00:00Z").plusSeconds(i),
                                Map.of("step", (long) i)));
            }
            log.checkpoint(CheckpointSigner.loadOrCreate(keyFile));
            log.exportJsonLines(export);
        }
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = AutonocCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void verify_with_the_signers_public_key_checks_the_checkpoints_of_a_database_and_an_export()
            throws IOException {
        String publicKey = Files.readAllLines(keyFile).get(1);

        assertThat(run("audit", "verify", "--db", db.toString(), "--public-key", publicKey))
                .as(err.toString())
                .isZero();
        assertThat(run("audit", "verify", export.toString(), "--public-key", keyFile.toString()))
                .as(err.toString())
                .isZero();
        assertThat(out.toString()).startsWith("OK: ");
    }

    @Test
    void verify_with_another_key_names_the_checkpoint_whose_signature_fails() {
        String otherKey = CheckpointSigner.generate().publicKeyText();

        int code = run("audit", "verify", export.toString(), "--public-key", otherKey);

        assertThat(code).isEqualTo(1);
        assertThat(out.toString())
                .startsWith("BROKEN: ")
                .contains("checkpoint at size 5: signature does not verify");
        assertThat(run("audit", "verify", "--db", db.toString(), "--public-key", otherKey))
                .isEqualTo(1);
    }

    @Test
    void verify_refuses_a_public_key_that_is_not_one_with_exit_2() {
        int code = run("audit", "verify", export.toString(), "--public-key", "not-a-key");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--public-key: not a base64 X.509 Ed25519 public key");
    }

    @Test
    void verify_of_a_file_uses_the_checkpoint_pub_beside_it_and_says_so() throws IOException {
        run("audit", "verify", export.toString());
        assertThat(out.toString()).contains("signatures NOT checked: no public key");

        Files.writeString(dir.resolve("checkpoint.pub"), Files.readAllLines(keyFile).get(1) + "\n");
        assertThat(run("audit", "verify", export.toString())).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("signatures valid")
                .contains("signatures checked with " + dir.resolve("checkpoint.pub"));

        Files.writeString(
                dir.resolve("checkpoint.pub"), CheckpointSigner.generate().publicKeyText() + "\n");
        assertThat(run("audit", "verify", export.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("signature does not verify");
    }

    @Test
    void archive_moves_the_checkpointed_entries_and_both_halves_verify() throws IOException {
        Path archive = dir.resolve("archive.jsonl");
        String publicKey = Files.readAllLines(keyFile).get(1);
        try (JdbcAuditLog log = JdbcAuditLog.h2File(db, Clock.systemUTC())) {
            log.append(
                    new AuditEvent(
                            AuditEventType.CASE_CLOSED,
                            "case-1",
                            "rtr-1",
                            "agent:autonoc",
                            Instant.parse("2026-03-01T09:00:00Z"),
                            Map.of()));
        }

        assertThat(
                        run(
                                "audit",
                                "archive",
                                "--db",
                                db.toString(),
                                "--before",
                                "5",
                                "--to",
                                archive.toString()))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains("nothing to archive before entry 5")
                .contains("checkpoints at [5]");

        int code =
                run(
                        "audit",
                        "archive",
                        "--db",
                        db.toString(),
                        "--before",
                        "2031-01-01T00:00:00Z",
                        "--to",
                        archive.toString(),
                        "--public-key",
                        publicKey);

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("archived entries 1..5 (5) to " + archive)
                .contains("OK: " + db + ": chain intact: 1 entries")
                .contains("after 5 archived entries")
                .contains("OK: " + archive + ": chain intact: 5 entries");
        assertThat(run("audit", "verify", archive.toString(), "--public-key", publicKey)).isZero();
        assertThat(run("audit", "verify", "--db", db.toString(), "--public-key", publicKey))
                .isZero();
        assertThat(
                        run(
                                "audit",
                                "archive",
                                "--db",
                                db.toString(),
                                "--before",
                                "9",
                                "--to",
                                archive.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("exists; give a new file");
        assertThat(
                        run(
                                "audit",
                                "archive",
                                "--db",
                                db.toString(),
                                "--before",
                                "yesterday",
                                "--to",
                                dir.resolve("x").toString()))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains("--before 'yesterday' is neither a sequence number nor");
    }
}
