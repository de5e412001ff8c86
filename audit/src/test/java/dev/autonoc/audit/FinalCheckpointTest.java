package dev.autonoc.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.audit.FileVerification.Completeness;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file is whole only if something signed says where it ends: a final checkpoint over its last
 * entry, or the size the auditor expected. Before, a trail cut back to an ordinary checkpoint, or
 * to no checkpoint, or emptied, verified "OK".
 */
class FinalCheckpointTest {

    @TempDir Path dir;

    private final CheckpointSigner signer = CheckpointSigner.generate();
    private JdbcAuditLog log;

    @BeforeEach
    void writeThreeCasesWithCheckpoints() {
        log = JdbcAuditLog.h2InMemory("final-" + System.nanoTime(), Events.fixedClock());
        log.appendAll(List.of(Events.aCase("case-1", "rtr-1", 0)));
        log.checkpoint(signer); // at 6
        log.appendAll(List.of(Events.aCase("case-2", "rtr-2", 10)));
        log.checkpoint(signer); // at 12
        log.appendAll(List.of(Events.aCase("case-3", "rtr-3", 20)));
    }

    @AfterEach
    void close() {
        log.close();
    }

    @Test
    void a_sealed_export_ends_with_a_final_checkpoint_over_its_last_entry_and_is_proven() {
        Path file = dir.resolve("sealed.jsonl");
        log.exportJsonLines(file, signer);

        List<String> lines = lines(file);
        assertThat(lines).hasSize(18 + 2 + 1);
        assertThat(lines.get(lines.size() - 1)).startsWith("{\"checkpoint\":{\"final\":true,");
        FileVerification v = verify(file, OptionalLong.empty());
        assertThat(v.proven()).isTrue();
        assertThat(v.completeness()).isEqualTo(Completeness.SEALED);
        assertThat(v.chain().detail()).contains("final checkpoint at entry 18, signed");
    }

    @Test
    void every_cut_of_a_sealed_export_short_of_the_whole_file_is_not_proven() throws IOException {
        Path whole = dir.resolve("whole.jsonl");
        log.exportJsonLines(whole, signer);
        List<String> lines = lines(whole);
        for (int keep = 0; keep < lines.size(); keep++) {
            Path cut = write("cut-" + keep + ".jsonl", lines.subList(0, keep));
            FileVerification v = verify(cut, OptionalLong.empty());
            assertThat(v.proven()).as("cut to %d of %d lines", keep, lines.size()).isFalse();
        }
        // the finding: cut back to just after the ordinary checkpoint at 12 it said "OK"
        Path afterCheckpoint = write("after-12.jsonl", lines.subList(0, 12 + 2));
        FileVerification v = verify(afterCheckpoint, OptionalLong.empty());
        assertThat(v.chain().intact()).isTrue();
        assertThat(v.completeness()).isEqualTo(Completeness.UNPROVEN);
        assertThat(v.explanation()).contains("no final checkpoint");
    }

    @Test
    void an_empty_file_is_broken_not_ok() throws IOException {
        Path empty = write("empty.jsonl", List.of());
        FileVerification v = verify(empty, OptionalLong.empty());
        assertThat(v.completeness()).isEqualTo(Completeness.EMPTY);
        assertThat(v.broken()).isTrue();
        assertThat(v.explanation()).contains("holds no entry");
    }

    @Test
    void an_empty_ledger_exports_as_a_final_checkpoint_over_no_entry_which_is_proven() {
        Path file = dir.resolve("empty-sealed.jsonl");
        try (JdbcAuditLog empty =
                JdbcAuditLog.h2InMemory("final-empty-" + System.nanoTime(), Events.fixedClock())) {
            empty.exportJsonLines(file, signer);
        }
        assertThat(lines(file)).singleElement().asString().contains("\"tree_size\":0");
        FileVerification v = verify(file, OptionalLong.empty());
        assertThat(v.proven()).isTrue();
        assertThat(v.explanation()).contains("says the file holds no entry");
    }

    @Test
    void the_expected_size_names_entries_cut_off_the_end() throws IOException {
        Path whole = dir.resolve("unsealed.jsonl");
        log.exportJsonLines(whole); // no final checkpoint: the auditor brings the size
        List<String> lines = lines(whole);
        assertThat(verify(whole, OptionalLong.of(18)).proven()).isTrue();

        Path cut = write("cut.jsonl", lines.subList(0, 14)); // entries 1..12 and two checkpoints
        FileVerification v = verify(cut, OptionalLong.of(18));
        assertThat(v.completeness()).isEqualTo(Completeness.CUT_SHORT);
        assertThat(v.broken()).isTrue();
        assertThat(v.explanation()).contains("entries 13..18 are missing");
    }

    @Test
    void a_line_added_after_the_final_checkpoint_is_named() throws IOException {
        Path file = dir.resolve("sealed.jsonl");
        log.exportJsonLines(file, signer);
        List<String> lines = new ArrayList<>(lines(file));
        lines.add(lines.get(0));
        Path extended = write("extended.jsonl", lines);

        FileVerification v = verify(extended, OptionalLong.empty());
        assertThat(v.chain().intact()).isFalse();
        assertThat(v.chain().detail())
                .contains("line 22: comes after the final checkpoint at size 18");
    }

    @Test
    void an_ordinary_checkpoint_marked_final_fails_its_signature() throws IOException {
        Path file = dir.resolve("sealed.jsonl");
        log.exportJsonLines(file, signer);
        List<String> lines = lines(file);
        // cut after the checkpoint at 12 and mark that one final: its signature is over the other
        // header, so it cannot pass for the file's end
        List<String> forged = new ArrayList<>(lines.subList(0, 14));
        forged.set(
                13,
                forged.get(13).replace("{\"checkpoint\":{", "{\"checkpoint\":{\"final\":true,"));
        Path file2 = write("forged.jsonl", forged);

        FileVerification v = verify(file2, OptionalLong.empty());
        assertThat(v.chain().intact()).isFalse();
        assertThat(v.chain().detail())
                .contains("final checkpoint at size 12: signature does not verify");
    }

    @Test
    void a_final_checkpoint_that_does_not_cover_the_entries_before_it_is_refused()
            throws IOException {
        Checkpoint early = signer.signFinal(6, log.rootOf(6), Events.fixedClock().instant());
        Path whole = dir.resolve("unsealed.jsonl");
        log.exportJsonLines(whole);
        List<String> lines = new ArrayList<>(lines(whole));
        lines.add(ExportLines.format(early));
        Path file = write("early-final.jsonl", lines);

        FileVerification v = verify(file, OptionalLong.empty());
        assertThat(v.chain().intact()).isFalse();
        assertThat(v.chain().detail())
                .contains("a final checkpoint covers every entry before it, and 18 come before");
    }

    @Test
    void without_the_auditors_key_a_final_checkpoint_proves_nothing() {
        Path file = dir.resolve("sealed.jsonl");
        log.exportJsonLines(file, signer);
        FileVerification v = AuditVerifier.verifyFile(file, false, null, OptionalLong.empty());
        assertThat(v.chain().intact()).isTrue();
        assertThat(v.signaturesChecked()).isFalse();
        assertThat(v.proven()).isFalse();
        assertThat(v.completeness()).isEqualTo(Completeness.UNPROVEN);
    }

    @Test
    void another_key_than_the_signers_is_refused() {
        Path file = dir.resolve("sealed.jsonl");
        log.exportJsonLines(file, signer);
        FileVerification v =
                AuditVerifier.verifyFile(
                        file, false, CheckpointSigner.generate().publicKey(), OptionalLong.empty());
        assertThat(v.chain().intact()).isFalse();
        assertThat(v.chain().detail()).contains("signature does not verify");
    }

    @Test
    void a_sealed_csv_export_is_proven_and_a_cut_one_is_not() throws IOException {
        Path csv = dir.resolve("sealed.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            AuditCsv.write(log, w, signer);
        }
        assertThat(
                        AuditVerifier.verifyFile(
                                        csv, true, signer.publicKey(), OptionalLong.empty())
                                .proven())
                .isTrue();
        List<String> rows = List.of(Files.readString(csv, StandardCharsets.UTF_8).split("\r\n"));
        Path cut = dir.resolve("cut.csv");
        Files.writeString(cut, String.join("\r\n", rows.subList(0, 15)) + "\r\n");
        FileVerification v =
                AuditVerifier.verifyFile(cut, true, signer.publicKey(), OptionalLong.empty());
        assertThat(v.chain().intact()).isTrue();
        assertThat(v.proven()).isFalse();
    }

    private FileVerification verify(Path file, OptionalLong expected) {
        return AuditVerifier.verifyFile(file, false, signer.publicKey(), expected);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path write(String name, List<String> lines) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }
}
