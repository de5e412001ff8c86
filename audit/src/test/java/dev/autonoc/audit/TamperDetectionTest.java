package dev.autonoc.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.audit.AuditVerification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Someone with write access to the database, or to an export file, changes it behind the ledger's
 * back; verify must name the first entry that no longer matches.
 */
class TamperDetectionTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private DataSource db;
    private JdbcAuditLog log;

    @TempDir Path tmp;

    /** Twelve entries: two cases of six events. */
    @BeforeEach
    void writeTwoCases() {
        db = H2DataSources.memory("tamper-" + DATABASES.incrementAndGet());
        log = JdbcAuditLog.open(db, Events.fixedClock());
        for (AuditEvent e : Events.aCase("case-1", "rtr-7", 0)) {
            log.append(e);
        }
        log.appendAll(Arrays.asList(Events.aCase("case-2", "olt-3", 10)));
        assertThat(log.verify().intact()).isTrue();
    }

    @AfterEach
    void close() {
        log.close();
    }

    @Test
    void an_edited_event_is_named_by_a_hash_mismatch() {
        String storedHash = column(4, "hash");
        sql(
                "UPDATE audit_entry SET event_json = REPLACE(event_json, 'APPROVED', 'REJECTED')"
                        + " WHERE sequence = 4");

        AuditVerification v = log.verify();

        assertThat(v.intact()).isFalse();
        assertThat(v.firstBadSequence()).hasValue(4);
        assertThat(v.entriesChecked()).isEqualTo(4);
        assertThat(v.detail())
                .startsWith("entry 4: hash mismatch: stored " + storedHash + ", computed ");
    }

    @Test
    void an_edit_that_breaks_canonical_form_is_named() {
        sql(
                "UPDATE audit_entry SET event_json = REPLACE(event_json, ',', ', ') WHERE sequence = 7");

        AuditVerification v = log.verify();

        assertThat(v.firstBadSequence()).hasValue(7);
        assertThat(v.detail()).startsWith("entry 7: event JSON is not in canonical form");
    }

    @Test
    void an_edited_and_rehashed_entry_is_caught_at_the_next_one() {
        String edited = column(4, "event_json").replace("person:alice", "person:mallory");
        sql(
                "UPDATE audit_entry SET event_json = ?, actor = 'person:mallory', hash = ?"
                        + " WHERE sequence = 4",
                edited,
                AuditChain.hash(4, column(4, "previous_hash"), edited));

        AuditVerification v = log.verify();

        assertThat(v.firstBadSequence()).hasValue(5);
        assertThat(v.detail()).isEqualTo("entry 5: previous hash does not match entry 4");
    }

    @Test
    void a_deleted_middle_row_is_named_as_a_gap() {
        sql("DELETE FROM audit_entry WHERE sequence = 5");

        AuditVerification v = log.verify();

        assertThat(v.firstBadSequence()).hasValue(6);
        assertThat(v.detail()).isEqualTo("entry 6: sequence gap: expected 5, found 6");
    }

    @Test
    void deleting_the_first_row_is_caught() {
        sql("DELETE FROM audit_entry WHERE sequence = 1");

        assertThat(log.verify().detail()).isEqualTo("entry 2: sequence gap: expected 1, found 2");
    }

    @Test
    void two_rows_with_their_whole_content_swapped_are_caught() {
        swap(
                3,
                4,
                "type",
                "correlation_id",
                "element",
                "actor",
                "sim_time",
                "event_json",
                "previous_hash",
                "hash");

        AuditVerification v = log.verify();

        assertThat(v.firstBadSequence()).hasValue(3);
        assertThat(v.detail()).isEqualTo("entry 3: previous hash does not match entry 2");
    }

    @Test
    void two_rows_with_only_their_events_swapped_are_caught() {
        swap(8, 9, "type", "correlation_id", "element", "actor", "sim_time", "event_json");

        AuditVerification v = log.verify();

        assertThat(v.firstBadSequence()).hasValue(8);
        assertThat(v.detail()).startsWith("entry 8: hash mismatch");
    }

    @Test
    void an_index_column_that_no_longer_matches_its_event_is_named() {
        sql("UPDATE audit_entry SET correlation_id = 'case-x' WHERE sequence = 2");

        AuditVerification v = log.verify();

        assertThat(v.firstBadSequence()).hasValue(2);
        assertThat(v.detail())
                .isEqualTo(
                        "entry 2: column correlation_id holds 'case-x' but the event says"
                                + " 'case-1'");
    }

    @Test
    void a_stored_previous_hash_of_the_first_entry_other_than_zeros_is_named() {
        sql("UPDATE audit_entry SET previous_hash = ? WHERE sequence = 1", "f".repeat(64));

        assertThat(log.verify().detail())
                .isEqualTo("entry 1: previous hash of the first entry is not " + "0".repeat(64));
    }

    @Test
    void any_single_character_changed_in_a_stored_event_is_caught_at_that_entry() {
        String original = column(5, "event_json");
        for (int i = 0; i < original.length(); i++) {
            char c = original.charAt(i);
            String changed =
                    original.substring(0, i) + (c == 'x' ? 'y' : 'x') + original.substring(i + 1);
            sql("UPDATE audit_entry SET event_json = ? WHERE sequence = 5", changed);

            AuditVerification v = log.verify();

            assertThat(v.firstBadSequence())
                    .as("changing offset %d ('%s') of %s", i, c, original)
                    .hasValue(5);
        }
        sql("UPDATE audit_entry SET event_json = ? WHERE sequence = 5", original);
        assertThat(log.verify().intact()).isTrue();
    }

    @Test
    void a_query_over_a_row_whose_json_was_mangled_says_which_entry_and_to_verify() {
        sql("UPDATE audit_entry SET event_json = '{not json' WHERE sequence = 3");

        assertThatThrownBy(() -> log.query(AuditQuery.all()))
                .isInstanceOf(AuditStoreException.class)
                .hasMessageContaining("entry 3 holds an event that cannot be read (run verify)");
        assertThat(log.verify().detail())
                .startsWith("entry 3: event JSON is not a readable event: not valid JSON");
    }

    @Test
    void cutting_entries_off_the_end_leaves_a_chain_whose_reported_head_differs() {
        String head = log.headHash();
        sql("DELETE FROM audit_entry WHERE sequence > 10");

        AuditVerification v = log.verify();

        // The chain alone cannot show a cut tail; the head it reports no longer matches a head
        // kept elsewhere, which is how checkpoints will catch it.
        assertThat(v.intact()).isTrue();
        assertThat(v.entriesChecked()).isEqualTo(10);
        assertThat(v.detail()).doesNotContain(head).contains(column(10, "hash"));
    }

    @Test
    void a_batch_that_fails_in_the_database_half_way_leaves_no_entry_of_it() {
        // A row planted at the 50th sequence of the coming batch makes its insert fail there.
        String json = column(12, "event_json");
        sql(
                "INSERT INTO audit_entry SELECT 62, type, correlation_id, element, actor, sim_time,"
                        + " recorded_at, previous_hash, hash, event_json FROM audit_entry"
                        + " WHERE sequence = 12");
        List<AuditEvent> batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            batch.add(Events.event(AuditEventType.TOOL_CALL, "case-3", "e", "a", 20 + i));
        }

        assertThatThrownBy(() -> log.appendAll(batch))
                .isInstanceOf(AuditStoreException.class)
                .hasMessageContaining("batch append of entries 13..112 failed, nothing recorded");

        assertThat(count("sequence BETWEEN 13 AND 61")).isZero();
        assertThat(count("correlation_id = 'case-3'")).isZero();
        assertThat(json).isEqualTo(column(62, "event_json"));
    }

    @Test
    void an_edited_export_line_is_named() throws Exception {
        Path file = tmp.resolve("audit.jsonl");
        log.exportJsonLines(file);
        List<String> lines = Files.readAllLines(file);
        lines.set(3, lines.get(3).replace("person:alice", "person:mallory"));
        Files.write(file, lines);

        AuditVerification v = AuditVerifier.verifyExport(file);

        assertThat(v.firstBadSequence()).hasValue(4);
        assertThat(v.detail()).startsWith("entry 4: hash mismatch");
    }

    @Test
    void a_deleted_or_reordered_export_line_is_named() throws Exception {
        Path file = tmp.resolve("audit.jsonl");
        log.exportJsonLines(file);
        List<String> lines = Files.readAllLines(file);

        List<String> deleted = new ArrayList<>(lines);
        deleted.remove(4);
        Files.write(file, deleted);
        assertThat(AuditVerifier.verifyExport(file).detail())
                .isEqualTo("entry 6: sequence gap: expected 5, found 6");

        List<String> reordered = new ArrayList<>(lines);
        reordered.set(7, lines.get(8));
        reordered.set(8, lines.get(7));
        Files.write(file, reordered);
        assertThat(AuditVerifier.verifyExport(file).firstBadSequence()).hasValue(9);
    }

    @Test
    void an_export_line_that_is_not_json_or_not_canonical_is_named_by_line() throws Exception {
        Path file = tmp.resolve("audit.jsonl");
        log.exportJsonLines(file);
        List<String> lines = Files.readAllLines(file);

        List<String> broken = new ArrayList<>(lines);
        broken.set(2, lines.get(2).substring(0, 40));
        Files.write(file, broken);
        AuditVerification v = AuditVerifier.verifyExport(file);
        assertThat(v.firstBadSequence()).hasValue(3);
        assertThat(v.detail()).startsWith("line 3: not valid JSON");

        List<String> spaced = new ArrayList<>(lines);
        spaced.set(5, lines.get(5).replace("\"sequence\":6", "\"sequence\": 6"));
        Files.write(file, spaced);
        assertThat(AuditVerifier.verifyExport(file).detail())
                .isEqualTo("line 6: entry 6 is not in canonical form as exported");
    }

    @Test
    void an_export_verifies_with_no_database_at_all() throws Exception {
        Path file = tmp.resolve("audit.jsonl");
        log.exportJsonLines(file);
        log.close();
        sql("DROP ALL OBJECTS");

        AuditVerification v = AuditVerifier.verifyExport(file);

        assertThat(v.intact()).isTrue();
        assertThat(v.entriesChecked()).isEqualTo(12);
        log = JdbcAuditLog.open(db, Events.fixedClock()); // for @AfterEach
    }

    @Test
    void entries_cut_off_after_a_checkpoint_are_named_missing() {
        CheckpointSigner signer = CheckpointSigner.generate();
        log.checkpoint(signer);
        sql("DELETE FROM audit_entry WHERE sequence > 10");

        AuditVerification v = log.verify(signer.publicKey());

        assertThat(v.firstBadSequence()).hasValue(11);
        assertThat(v.detail())
                .isEqualTo(
                        "checkpoint at size 12: the ledger holds only 10 entries:"
                                + " entries 11..12 are missing");
    }

    @Test
    void a_tail_rewritten_with_fresh_hashes_is_caught_by_the_checkpoint_after_the_last_good_one() {
        CheckpointSigner signer = CheckpointSigner.generate();
        // A checkpoint taken back when the ledger held 6 entries, and one now.
        Checkpoint at6 = signer.sign(6, log.rootOf(6), Events.fixedClock().instant());
        Checkpoint at12 = log.checkpoint(signer);
        sql(
                "INSERT INTO audit_checkpoint VALUES (?, ?, ?, ?)",
                at6.treeSize(),
                at6.rootHash(),
                java.time.OffsetDateTime.ofInstant(at6.time(), java.time.ZoneOffset.UTC),
                at6.signature());
        assertThat(log.verify(signer.publicKey()).intact()).isTrue();

        // Rewrite entry 9 (the policy decision) and re-chain 9..12 so the chain still verifies.
        String previous = column(8, "hash");
        for (long seq = 9; seq <= 12; seq++) {
            String json = column(seq, "event_json");
            if (seq == 9) {
                json = json.replace("REQUIRE_APPROVAL", "ALLOW");
            }
            String hash = AuditChain.hash(seq, previous, json);
            sql(
                    "UPDATE audit_entry SET event_json = ?, previous_hash = ?, hash = ? WHERE sequence = ?",
                    json,
                    previous,
                    hash,
                    seq);
            previous = hash;
        }
        assertThat(column(9, "event_json")).contains("\"effect\":\"ALLOW\"");

        AuditVerification v = log.verify(signer.publicKey());

        assertThat(v.intact()).isFalse();
        assertThat(v.firstBadSequence()).hasValue(7);
        assertThat(v.detail())
                .startsWith("checkpoint at size 12: signed root " + at12.rootHash())
                .endsWith("an entry at or before 12 was changed since it was signed");
    }

    @Test
    void a_checkpoint_whose_root_was_edited_fails_its_signature() {
        CheckpointSigner signer = CheckpointSigner.generate();
        log.checkpoint(signer);
        sql("UPDATE audit_checkpoint SET root_hash = ?", "0".repeat(64));

        assertThat(log.verify(signer.publicKey()).detail())
                .isEqualTo(
                        "checkpoint at size 12: signature does not verify with the given public"
                                + " key");
        assertThat(log.verify().detail()).startsWith("checkpoint at size 12: signed root 0000");
    }

    @Test
    void an_export_carries_its_checkpoints_and_they_verify_offline_with_the_public_key()
            throws Exception {
        CheckpointSigner signer = CheckpointSigner.generate();
        log.checkpoint(signer);
        Path file = tmp.resolve("audit.jsonl");
        log.exportJsonLines(file);
        List<String> lines = Files.readAllLines(file);

        assertThat(lines).hasSize(13);
        assertThat(lines.get(12)).startsWith("{\"checkpoint\":{\"root_hash\":");
        assertThat(AuditVerifier.verifyExport(file, signer.publicKey()).intact()).isTrue();
        assertThat(
                        AuditVerifier.verifyExport(
                                        file,
                                        CheckpointSigner.publicKey(
                                                CheckpointSigner.generate().publicKeyText()))
                                .detail())
                .isEqualTo(
                        "line 13: checkpoint at size 12: signature does not verify with the given"
                                + " public key");
    }

    @Test
    void an_export_whose_tail_was_rewritten_with_fresh_hashes_fails_its_checkpoint()
            throws Exception {
        CheckpointSigner signer = CheckpointSigner.generate();
        log.checkpoint(signer);
        Path file = tmp.resolve("audit.jsonl");
        log.exportJsonLines(file);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        String previous = column(8, "hash");
        for (int seq = 9; seq <= 12; seq++) {
            StoredEntry e = (StoredEntry) ExportLines.parse(lines.get(seq - 1));
            String json = e.eventJson().replace("REQUIRE_APPROVAL", "ALLOW");
            String hash = AuditChain.hash(seq, previous, json);
            lines.set(
                    seq - 1,
                    ExportLines.format(new StoredEntry(seq, e.recordedAt(), previous, hash, json)));
            previous = hash;
        }
        Files.write(file, lines);

        AuditVerification v = AuditVerifier.verifyExport(file, signer.publicKey());

        assertThat(v.intact()).isFalse();
        assertThat(v.firstBadSequence()).hasValue(1);
        assertThat(v.detail())
                .startsWith("line 13: checkpoint at size 12: signed root ")
                .endsWith("was changed since it was signed");
    }

    @Test
    void a_ledger_changed_behind_its_back_is_not_signed() {
        JdbcAuditLog reopened = JdbcAuditLog.open(db, Events.fixedClock());
        sql("UPDATE audit_entry SET event_json = REPLACE(event_json, 'resolved', 'failed')");

        assertThatThrownBy(() -> reopened.checkpoint(CheckpointSigner.generate()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(
                        "the ledger does not verify, so it will not sign or prove it: entry 6:"
                                + " hash mismatch");
        assertThat(reopened.checkpoints()).isEmpty();
        reopened.close();
    }

    // ---------------------------------------------------------------- plain JDBC

    @Test
    void a_ledger_broken_at_its_start_is_named_at_once_and_leaves_no_reader_running() {
        // more rows than the pages the reader fetches ahead, so it is waiting when the walk stops
        List<AuditEvent> many = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            many.add(Events.event(AuditEventType.TOOL_CALL, "case-9", "rtr-9", "a", i));
        }
        for (int i = 0; i < many.size(); i += 5_000) {
            log.appendAll(many.subList(i, i + 5_000));
        }
        sql("UPDATE audit_entry SET hash = ? WHERE sequence = 2", "f".repeat(64));

        AuditVerification v = log.verify();

        assertThat(v.firstBadSequence()).hasValue(2);
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().equals("audit-ledger-reader") && t.isAlive());
    }

    @Test
    void an_edited_event_past_the_first_pages_is_named() {
        List<AuditEvent> many = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            many.add(Events.event(AuditEventType.TOOL_CALL, "case-9", "rtr-9", "a", i));
        }
        log.appendAll(many);
        sql(
                "UPDATE audit_entry SET event_json = REPLACE(event_json, 'step', 'stop')"
                        + " WHERE sequence = 11000");

        AuditVerification v = log.verify();

        assertThat(v.firstBadSequence()).hasValue(11_000);
        assertThat(v.detail()).contains("hash mismatch");
    }

    // ---------------------------------------------------------------- insertions

    @Test
    void a_forged_line_inserted_into_an_export_is_caught_at_the_line_after_it() throws Exception {
        Path file = tmp.resolve("audit.jsonl");
        log.exportJsonLines(file);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        // A well-formed entry 7 that chains to entry 6, put in before the real entry 7.
        String forgedJson =
                CanonicalJson.event(
                        Events.event(AuditEventType.TOOL_CALL, "case-1", "rtr-7", "x", 5));
        StoredEntry forged =
                new StoredEntry(
                        7,
                        Events.fixedClock().instant(),
                        column(6, "hash"),
                        AuditChain.hash(7, column(6, "hash"), forgedJson),
                        forgedJson);
        lines.add(6, ExportLines.format(forged));
        Files.write(file, lines);

        AuditVerification v = AuditVerifier.verifyExport(file);

        assertThat(v.firstBadSequence()).hasValue(7);
        assertThat(v.detail()).isEqualTo("entry 7: sequence out of order: expected 8, found 7");
    }

    @Test
    void
            an_entry_inserted_into_the_database_with_everything_after_it_rechained_fails_the_checkpoint() {
        CheckpointSigner signer = CheckpointSigner.generate();
        Checkpoint at12 = log.checkpoint(signer);
        // Shift 7..12 up by one, re-chained with fresh hashes, and plant a new entry 7.
        sql("CREATE TABLE saved AS SELECT * FROM audit_entry WHERE sequence >= 7");
        sql("DELETE FROM audit_entry WHERE sequence >= 7");
        String previous = column(6, "hash");
        String planted =
                CanonicalJson.event(
                        Events.event(AuditEventType.CASE_CLOSED, "case-1", "rtr-7", "x", 5));
        String hash = AuditChain.hash(7, previous, planted);
        sql(
                "INSERT INTO audit_entry VALUES (7, 'CASE_CLOSED', 'case-1', 'rtr-7', 'x', ?, ?,"
                        + " ?, ?, ?)",
                java.time.OffsetDateTime.ofInstant(
                        Events.T0.plusSeconds(300), java.time.ZoneOffset.UTC),
                java.time.OffsetDateTime.ofInstant(
                        Events.fixedClock().instant(), java.time.ZoneOffset.UTC),
                previous,
                hash,
                planted);
        previous = hash;
        for (long original = 7; original <= 12; original++) {
            String json =
                    (String) value("SELECT event_json FROM saved WHERE sequence = " + original);
            hash = AuditChain.hash(original + 1, previous, json);
            sql(
                    "INSERT INTO audit_entry SELECT ?, type, correlation_id, element, actor,"
                            + " sim_time, recorded_at, ?, ?, event_json FROM saved WHERE sequence = ?",
                    original + 1,
                    previous,
                    hash,
                    original);
            previous = hash;
        }
        sql("DROP TABLE saved");
        log.close();
        log = JdbcAuditLog.open(db, Events.fixedClock());

        AuditVerification v = log.verify(signer.publicKey());

        assertThat(v.intact()).isFalse();
        assertThat(v.detail())
                .startsWith("checkpoint at size 12: signed root " + at12.rootHash())
                .endsWith("an entry at or before 12 was changed since it was signed");
    }

    // ---------------------------------------------------------------- archived entries

    @Test
    void a_kept_hash_of_an_archived_entry_that_was_changed_fails_the_checkpoint_over_it() {
        CheckpointSigner signer = CheckpointSigner.generate();
        log.checkpoint(signer);
        log.archive(12, tmp.resolve("archive.jsonl"));
        assertThat(log.verify(signer.publicKey()).intact()).isTrue();

        sql("UPDATE audit_archived SET hash = ? WHERE sequence = 3", "ab".repeat(32));
        log.close();
        log = JdbcAuditLog.open(db, Events.fixedClock());

        AuditVerification v = log.verify(signer.publicKey());
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBadSequence()).hasValue(1);
        assertThat(v.detail()).startsWith("checkpoint at size 12: signed root");
    }

    @Test
    void a_missing_or_mangled_kept_hash_is_named() {
        log.checkpoint(CheckpointSigner.generate());
        log.archive(12, tmp.resolve("archive.jsonl"));

        sql("UPDATE audit_archived SET hash = ? WHERE sequence = 5", "X".repeat(64));
        assertThat(log.verify().detail())
                .isEqualTo(
                        "archived entry 5: its kept hash '"
                                + "X".repeat(64)
                                + "' is not 64 lowercase hex digits");
        sql("DELETE FROM audit_archived WHERE sequence = 5");
        AuditVerification v = log.verify();
        assertThat(v.firstBadSequence()).hasValue(5);
        assertThat(v.detail())
                .isEqualTo(
                        "archived entry 5: its hash is missing from audit_archived (found 6 next)");
    }

    @Test
    void the_first_kept_entry_must_chain_to_the_last_archived_hash() {
        CheckpointSigner signer = CheckpointSigner.generate();
        log.checkpoint(signer);
        log.archive(12, tmp.resolve("archive.jsonl"));
        log.append(Events.event(AuditEventType.TOOL_CALL, "c", "e", "a", 99));

        sql("UPDATE audit_archived SET hash = ? WHERE sequence = 12", "ab".repeat(32));

        assertThat(log.verify().detail())
                .isEqualTo("entry 13: previous hash does not match entry 12");
    }

    @Test
    void a_ledger_that_does_not_verify_is_not_archived() {
        log.checkpoint(CheckpointSigner.generate());
        sql("UPDATE audit_entry SET actor = 'mallory' WHERE sequence = 2");
        Path file = tmp.resolve("archive.jsonl");

        assertThatThrownBy(() -> log.archive(12, file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not verify, so it will not be archived: entry 2:");
        assertThat(file).doesNotExist();
        assertThat(count("1 = 1")).isEqualTo(12);
    }

    @Test
    void an_archive_file_whose_prefix_or_entries_were_changed_fails_its_checkpoint()
            throws Exception {
        CheckpointSigner signer = CheckpointSigner.generate();
        Checkpoint c6 = signer.sign(6, log.rootOf(6), Events.fixedClock().instant());
        sql(
                "INSERT INTO audit_checkpoint VALUES (?, ?, ?, ?)",
                6L,
                c6.rootHash(),
                java.time.OffsetDateTime.ofInstant(c6.time(), java.time.ZoneOffset.UTC),
                c6.signature());
        log.checkpoint(signer);
        log.archive(6, tmp.resolve("first.jsonl"));
        Path second = tmp.resolve("second.jsonl");
        log.archive(12, second);
        List<String> lines = Files.readAllLines(second);
        assertThat(lines.get(0)).startsWith("{\"archived\":");
        assertThat(lines.get(1)).startsWith("{\"checkpoint\":").contains("\"tree_size\":6");
        assertThat(AuditVerifier.verifyExport(second, signer.publicKey()).intact()).isTrue();

        // a frontier hash swapped for another: the checkpoint at 6 right after it fails
        List<String> badPrefix = new ArrayList<>(lines);
        String frontierHash = lines.get(0).substring(26, 90);
        badPrefix.set(0, lines.get(0).replace(frontierHash, "ab".repeat(32)));
        Files.write(second, badPrefix);
        AuditVerification v = AuditVerifier.verifyExport(second, signer.publicKey());
        assertThat(v.intact()).isFalse();
        assertThat(v.detail()).startsWith("line 2: checkpoint at size 6: signed root");

        // a prefix line anywhere but first is refused
        List<String> twice = new ArrayList<>(lines);
        twice.add(3, lines.get(0));
        Files.write(second, twice);
        assertThat(AuditVerifier.verifyExport(second).detail())
                .isEqualTo("line 4: an archived prefix may only come first");

        // an entry changed and re-chained to the end of the file: the last checkpoint fails
        List<String> rewritten = new ArrayList<>(lines);
        rewritten.set(2, lines.get(2).replace("olt-3", "olt-4"));
        Files.write(second, rewritten);
        assertThat(AuditVerifier.verifyExport(second, signer.publicKey()).detail())
                .startsWith("entry 7: hash mismatch");
    }

    // ---------------------------------------------------------------- CSV

    @Test
    void a_csv_export_whose_event_or_readable_column_or_checkpoint_was_edited_is_named()
            throws Exception {
        CheckpointSigner signer = CheckpointSigner.generate();
        log.checkpoint(signer);
        Path csv = tmp.resolve("audit.csv");
        try (var out = Files.newBufferedWriter(csv)) {
            AuditCsv.write(log, out);
        }
        List<String> rows = Files.readAllLines(csv);
        assertThat(AuditVerifier.verifyCsv(csv, signer.publicKey()).intact()).isTrue();

        // the actor edited everywhere in the row, JSON too: the entry's hash no longer matches
        List<String> json = new ArrayList<>(rows);
        json.set(4, rows.get(4).replace("person:alice", "person:mallory"));
        Files.write(csv, json);
        AuditVerification v = AuditVerifier.verifyCsv(csv, signer.publicKey());
        assertThat(v.firstBadSequence()).hasValue(4);
        assertThat(v.detail()).startsWith("entry 4: hash mismatch");

        // only a readable column edited (the JSON left alone): named too, not silently shown
        List<String> column = new ArrayList<>(rows);
        column.set(3, rows.get(3).replace(",policy,", ",person:mallory,"));
        Files.write(csv, column);
        assertThat(AuditVerifier.verifyCsv(csv, signer.publicKey()).detail())
                .startsWith(
                        "row 4: column actor holds 'person:mallory' but the row's JSON says 'policy'");

        // a row deleted, rows swapped
        List<String> deleted = new ArrayList<>(rows);
        deleted.remove(5);
        Files.write(csv, deleted);
        assertThat(AuditVerifier.verifyCsv(csv, null).detail())
                .isEqualTo("entry 6: sequence gap: expected 5, found 6");

        // the checkpoint's signature made by another key
        Files.write(csv, rows);
        assertThat(AuditVerifier.verifyCsv(csv, CheckpointSigner.generate().publicKey()).detail())
                .isEqualTo(
                        "row 14: checkpoint at size 12: signature does not verify with the given"
                                + " public key");

        // not an audit CSV at all
        Files.writeString(csv, "a,b\r\n1,2\r\n");
        assertThat(AuditVerifier.verifyCsv(csv, null).detail())
                .startsWith("row 1: not an audit CSV export: the header must be sequence,");
    }

    private void sql(String sql, Object... args) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private String column(long sequence, String column) {
        return (String)
                value("SELECT " + column + " FROM audit_entry WHERE sequence = " + sequence);
    }

    private long count(String where) {
        return ((Number) value("SELECT COUNT(*) FROM audit_entry WHERE " + where)).longValue();
    }

    private Object value(String sql) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getObject(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Swaps the given columns' values between two rows. */
    private void swap(long a, long b, String... columns) {
        Map<String, Object> rowA = new HashMap<>();
        Map<String, Object> rowB = new HashMap<>();
        for (String col : columns) {
            rowA.put(col, value("SELECT " + col + " FROM audit_entry WHERE sequence = " + a));
            rowB.put(col, value("SELECT " + col + " FROM audit_entry WHERE sequence = " + b));
        }
        for (String col : columns) {
            sql("UPDATE audit_entry SET " + col + " = ? WHERE sequence = " + a, rowB.get(col));
            sql("UPDATE audit_entry SET " + col + " = ? WHERE sequence = " + b, rowA.get(col));
        }
    }
}
