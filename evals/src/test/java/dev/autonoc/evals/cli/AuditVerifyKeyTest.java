package dev.autonoc.evals.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.audit.CheckpointSigner;
import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditVerifyKeyTest {

    @TempDir Path dir;

    private Path db;
    private Path keyFile;
    private Path export;
    private final InProcessCli cli = InProcessCli.lastRunOnly();

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
            CheckpointSigner signer = CheckpointSigner.loadOrCreate(keyFile);
            log.checkpoint(signer);
            log.exportJsonLines(export, signer); // sealed: a final checkpoint ends it
        }
    }

    /** {@code autonoc audit archive --db DB --before BEFORE --to TO} and any further options. */
    private int archive(String before, Path to, String... options) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "audit",
                                "archive",
                                "--db",
                                db.toString(),
                                "--before",
                                before,
                                "--to",
                                to.toString()));
        args.addAll(List.of(options));
        return cli.run(args.toArray(String[]::new));
    }

    @Test
    void verify_with_the_signers_public_key_checks_the_checkpoints_of_a_database_and_an_export()
            throws IOException {
        String publicKey = Files.readAllLines(keyFile).get(1);

        assertThat(cli.run("audit", "verify", "--db", db.toString(), "--public-key", publicKey))
                .as(cli.err())
                .isZero();
        assertThat(
                        cli.run(
                                "audit",
                                "verify",
                                export.toString(),
                                "--public-key",
                                keyFile.toString()))
                .as(cli.err())
                .isZero();
        assertThat(cli.out()).startsWith("OK: ");
    }

    @Test
    void verify_with_another_key_names_the_checkpoint_whose_signature_fails() {
        String otherKey = CheckpointSigner.generate().publicKeyText();

        int code = cli.run("audit", "verify", export.toString(), "--public-key", otherKey);

        assertThat(code).isEqualTo(1);
        assertThat(cli.out())
                .startsWith("BROKEN: ")
                .contains("checkpoint at size 5: signature does not verify");
        assertThat(cli.run("audit", "verify", "--db", db.toString(), "--public-key", otherKey))
                .isEqualTo(1);
    }

    @Test
    void verify_refuses_a_public_key_that_is_not_one_with_exit_2() {
        int code = cli.run("audit", "verify", export.toString(), "--public-key", "not-a-key");

        assertThat(code).isEqualTo(2);
        assertThat(cli.err()).contains("--public-key: not a base64 X.509 Ed25519 public key");
    }

    @Test
    void a_checkpoint_pub_beside_the_file_is_no_trust_anchor() throws IOException {
        Files.writeString(dir.resolve("checkpoint.pub"), Files.readAllLines(keyFile).get(1) + "\n");

        assertThat(cli.run("audit", "verify", export.toString())).isEqualTo(3);
        assertThat(cli.out())
                .startsWith("UNPROVEN: ")
                .contains("no trust anchor")
                .contains("checkpoint.pub beside the file is not used");
    }

    @Test
    void a_trail_edited_and_re_signed_with_another_key_fails_against_the_auditors_key()
            throws IOException {
        // the finding: with the key beside the trail, whoever held the folder could re-sign an
        // edited trail; the auditor's own copy of the public key catches it
        Path forgedDb = dir.resolve("forged");
        CheckpointSigner mallory = CheckpointSigner.generate();
        try (JdbcAuditLog log =
                JdbcAuditLog.h2File(
                        forgedDb,
                        Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC))) {
            for (int i = 0; i < 5; i++) {
                log.append(
                        new AuditEvent(
                                AuditEventType.TOOL_CALL,
                                "case-1",
                                "rtr-1",
                                "agent:autonoc",
                                Instant.parse("2026-03-01T08:00:00Z").plusSeconds(i),
                                Map.of("step", (long) i, "forged", true)));
            }
            log.exportJsonLines(export, mallory);
        }
        Files.writeString(dir.resolve("checkpoint.pub"), mallory.publicKeyText() + "\n");

        assertThat(cli.run("audit", "verify", export.toString())).isEqualTo(3);
        String auditorsKey = Files.readAllLines(keyFile).get(1);
        assertThat(cli.run("audit", "verify", export.toString(), "--public-key", auditorsKey))
                .isEqualTo(1);
        assertThat(cli.out()).startsWith("BROKEN: ").contains("signature does not verify");
    }

    @Test
    void a_trail_cut_back_to_an_earlier_checkpoint_is_unproven_and_with_the_size_broken()
            throws IOException {
        List<String> lines = Files.readAllLines(export);
        // 5 entries, the checkpoint at 5, the final checkpoint: cut the final one off
        Path cut = dir.resolve("cut.jsonl");
        Files.write(cut, lines.subList(0, lines.size() - 1));
        String key = Files.readAllLines(keyFile).get(1);

        assertThat(cli.run("audit", "verify", cut.toString(), "--public-key", key)).isEqualTo(3);
        assertThat(cli.out()).startsWith("UNPROVEN: ").contains("no final checkpoint");
        Path cutMore = dir.resolve("cut-more.jsonl");
        Files.write(cutMore, lines.subList(0, 3));
        assertThat(
                        cli.run(
                                "audit",
                                "verify",
                                cutMore.toString(),
                                "--public-key",
                                key,
                                "--expected-size",
                                "5"))
                .isEqualTo(1);
        assertThat(cli.out()).contains("entries 4..5 are missing");
        Path empty = dir.resolve("empty.jsonl");
        Files.writeString(empty, "");
        assertThat(cli.run("audit", "verify", empty.toString(), "--public-key", key)).isEqualTo(1);
        assertThat(cli.out()).startsWith("BROKEN: ").contains("holds no entry");
    }

    @Test
    void verify_says_what_it_checked_with_and_that_the_file_is_whole() throws IOException {
        String key = Files.readAllLines(keyFile).get(1);
        assertThat(cli.run("audit", "verify", export.toString(), "--public-key", key)).isZero();
        assertThat(cli.out())
                .startsWith("OK: ")
                .contains("signatures checked with the key you gave")
                .contains("whole: a final checkpoint signed with your key covers entry 5");
        assertThat(
                        cli.run(
                                "audit",
                                "verify",
                                export.toString(),
                                "--public-key",
                                key,
                                "--service",
                                "http://localhost:1"))
                .isEqualTo(2);
        assertThat(cli.err()).contains("not both");
    }

    @Test
    void the_key_may_be_fetched_from_the_running_service() throws IOException {
        String key = Files.readAllLines(keyFile).get(1);
        com.sun.net.httpserver.HttpServer service =
                com.sun.net.httpserver.HttpServer.create(
                        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext(
                "/api/audit/public-key",
                exchange -> {
                    byte[] body =
                            ("{\"algorithm\":\"Ed25519\",\"format\":\"X.509\",\"key\":\""
                                            + key
                                            + "\"}")
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        service.createContext(
                "/locked/api/audit/public-key",
                exchange -> {
                    exchange.sendResponseHeaders(401, -1);
                    exchange.close();
                });
        service.start();
        try {
            String base = "http://127.0.0.1:" + service.getAddress().getPort();
            assertThat(cli.run("audit", "verify", export.toString(), "--service", base))
                    .as(cli.err())
                    .isZero();
            assertThat(cli.out()).contains("signatures checked with the key " + base + " serves");
            assertThat(cli.run("audit", "verify", export.toString(), "--service", base + "/locked"))
                    .isEqualTo(2);
            assertThat(cli.err()).contains("answered 401").contains("AUTONOC_TOKEN");
        } finally {
            service.stop(0);
        }
    }

    @Test
    void archive_moves_the_checkpointed_entries_and_both_halves_verify() throws IOException {
        Path archiveFile = dir.resolve("archive.jsonl");
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

        assertThat(archive("5", archiveFile)).isEqualTo(2);
        assertThat(cli.err())
                .contains("nothing to archive before entry 5")
                .contains("checkpoints at [5]");

        int code = archive("2031-01-01T00:00:00Z", archiveFile, "--public-key", publicKey);

        assertThat(code).as(cli.err()).isZero();
        assertThat(cli.out())
                .contains("archived entries 1..5 (5) to " + archiveFile)
                .contains("OK: " + db + ": chain intact: 1 entries")
                .contains("after 5 archived entries")
                .contains("OK: " + archiveFile + ": chain intact: 5 entries");
        // an archive file ends with an ordinary checkpoint: the auditor brings its size
        assertThat(cli.run("audit", "verify", archiveFile.toString(), "--public-key", publicKey))
                .isEqualTo(3);
        assertThat(
                        cli.run(
                                "audit",
                                "verify",
                                archiveFile.toString(),
                                "--public-key",
                                publicKey,
                                "--expected-size",
                                "5"))
                .isZero();
        assertThat(cli.run("audit", "verify", "--db", db.toString(), "--public-key", publicKey))
                .isZero();
        assertThat(archive("9", archiveFile)).isEqualTo(2);
        assertThat(cli.err()).contains("exists; give a new file");
        assertThat(archive("yesterday", dir.resolve("x"))).isEqualTo(2);
        assertThat(cli.err()).contains("--before 'yesterday' is neither a sequence number nor");
    }
}
