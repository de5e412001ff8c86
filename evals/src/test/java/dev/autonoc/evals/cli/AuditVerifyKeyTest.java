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
}
