package dev.autonoc.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.audit.AuditVerification;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link JdbcAuditLog} store must do, whatever the database. Subclasses open the ledger
 * on H2 in memory, on an H2 file, and (when a server is there) on PostgreSQL.
 */
abstract class AuditLogContractTest {

    /** A fresh, empty ledger whose recorded times come from {@code clock}. */
    abstract JdbcAuditLog newLog(Clock clock);

    JdbcAuditLog log;

    @TempDir Path tmp;

    @BeforeEach
    void openLog() {
        log = newLog(Events.fixedClock());
    }

    @AfterEach
    void closeLog() {
        log.close();
    }

    private List<AuditEntry> appendAll(AuditEvent... events) {
        List<AuditEntry> entries = new ArrayList<>();
        for (AuditEvent e : events) {
            entries.add(log.append(e));
        }
        return entries;
    }

    private static QueryBuilder query() {
        return new QueryBuilder();
    }

    @Test
    void an_empty_ledger_verifies_and_has_the_genesis_head() {
        assertThat(log.size()).isZero();
        assertThat(log.headHash()).isEqualTo(AuditChain.GENESIS_HASH);
        AuditVerification v = log.verify();
        assertThat(v.intact()).isTrue();
        assertThat(v.entriesChecked()).isZero();
        assertThat(log.query(AuditQuery.all())).isEmpty();
    }

    @Test
    void append_returns_increasing_sequences_each_chained_to_the_hash_before() {
        List<AuditEntry> entries = appendAll(Events.aCase("case-1", "rtr-7", 0));

        assertThat(entries)
                .extracting(AuditEntry::sequence)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(entries.get(0).previousHash()).isEqualTo(AuditChain.GENESIS_HASH);
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).previousHash()).isEqualTo(entries.get(i - 1).hash());
        }
        for (AuditEntry e : entries) {
            assertThat(e.hash())
                    .matches("[0-9a-f]{64}")
                    .isEqualTo(
                            AuditChain.hash(
                                    e.sequence(),
                                    e.previousHash(),
                                    CanonicalJson.event(e.event())));
        }
        assertThat(log.size()).isEqualTo(6);
        assertThat(log.headHash()).isEqualTo(entries.get(5).hash());
    }

    @Test
    void entries_read_back_equal_what_append_returned() {
        List<AuditEntry> appended = appendAll(Events.aCase("case-1", "rtr-7", 0));

        List<AuditEntry> read = log.query(AuditQuery.all());

        assertThat(read).hasSameSizeAs(appended);
        for (int i = 0; i < read.size(); i++) {
            AuditEntry a = appended.get(i);
            AuditEntry r = read.get(i);
            assertThat(r.sequence()).isEqualTo(a.sequence());
            assertThat(r.hash()).isEqualTo(a.hash());
            assertThat(r.previousHash()).isEqualTo(a.previousHash());
            assertThat(r.recordedAt()).isEqualTo(a.recordedAt());
            assertThat(CanonicalJson.event(r.event())).isEqualTo(CanonicalJson.event(a.event()));
        }
        assertThat(log.entries()).isEqualTo(read);
    }

    @Test
    void recorded_at_comes_from_the_clock_and_stays_out_of_the_hash() {
        AuditEvent[] events = Events.aCase("case-1", "rtr-7", 0);
        List<AuditEntry> first = appendAll(events);
        try (JdbcAuditLog other =
                newLog(Clock.fixed(Instant.parse("2031-06-01T12:00:00Z"), ZoneOffset.UTC))) {
            List<AuditEntry> second = new ArrayList<>();
            for (AuditEvent e : events) {
                second.add(other.append(e));
            }
            assertThat(second.get(0).recordedAt()).isEqualTo(Instant.parse("2031-06-01T12:00:00Z"));
            assertThat(second)
                    .extracting(AuditEntry::hash)
                    .containsExactlyElementsOf(first.stream().map(AuditEntry::hash).toList());
        }
        assertThat(first.get(0).recordedAt()).isEqualTo(Events.fixedClock().instant());
    }

    @Test
    void a_cases_events_come_back_in_order_and_no_others() {
        appendAll(Events.aCase("case-1", "rtr-7", 0));
        appendAll(Events.aCase("case-2", "olt-3", 10));
        appendAll(Events.event(AuditEventType.TOOL_CALL, "case-1", "rtr-7", "agent:autonoc", 30));

        List<AuditEntry> case1 = log.query(AuditQuery.forCase("case-1"));

        assertThat(case1).extracting(e -> e.event().correlationId()).containsOnly("case-1");
        assertThat(case1)
                .extracting(e -> e.event().type())
                .containsExactly(
                        AuditEventType.CASE_OPENED,
                        AuditEventType.POLICY_DECISION,
                        AuditEventType.APPROVAL_ANSWERED,
                        AuditEventType.TOOL_CALL,
                        AuditEventType.CASE_CLOSED,
                        AuditEventType.TOOL_CALL);
        assertThat(case1).extracting(AuditEntry::sequence).isSorted();
    }

    @Test
    void query_filters_by_element_actor_and_type() {
        appendAll(Events.aCase("case-1", "rtr-7", 0));
        appendAll(Events.aCase("case-2", "olt-3", 10));

        assertThat(log.query(query().element("olt-3").build()))
                .hasSize(6)
                .allMatch(e -> e.event().element().equals("olt-3"));
        assertThat(log.query(query().actor("person:alice").build()))
                .extracting(e -> e.event().correlationId())
                .containsExactly("case-1", "case-2");
        assertThat(log.query(query().type(AuditEventType.PREDICTION).build()))
                .extracting(e -> e.event().element())
                .containsExactly("rtr-7", "olt-3");
    }

    @Test
    void query_by_sim_time_includes_from_and_excludes_to() {
        for (int minute = 0; minute < 10; minute++) {
            log.append(Events.event(AuditEventType.TOOL_CALL, "c", "e", "a", minute));
        }
        AuditQuery window =
                query().from(Events.T0.plusSeconds(120)).to(Events.T0.plusSeconds(300)).build();

        assertThat(log.query(window))
                .extracting(e -> ((Number) e.event().payload().get("minute")).intValue())
                .containsExactly(2, 3, 4);
    }

    @Test
    void filters_combine_with_and() {
        appendAll(Events.aCase("case-1", "rtr-7", 0));
        appendAll(Events.aCase("case-2", "rtr-7", 10));

        List<AuditEntry> found =
                log.query(
                        query().correlationId("case-2")
                                .element("rtr-7")
                                .actor("agent:autonoc")
                                .type(AuditEventType.TOOL_CALL)
                                .build());

        assertThat(found).hasSize(1);
        assertThat(found.get(0).event().payload()).containsEntry("idempotency_key", "case-2/2/1");
        assertThat(log.query(query().correlationId("case-1").element("olt-3").build())).isEmpty();
    }

    @Test
    void paging_by_after_sequence_and_limit_visits_every_entry_once_in_order() {
        for (int i = 0; i < 23; i++) {
            log.append(Events.event(AuditEventType.TOOL_CALL, "c", "e", "a", i));
        }
        List<Long> seen = new ArrayList<>();
        long after = 0;
        while (true) {
            List<AuditEntry> page = log.query(query().afterSequence(after).limit(5).build());
            if (page.isEmpty()) {
                break;
            }
            assertThat(page).hasSizeLessThanOrEqualTo(5);
            page.forEach(e -> seen.add(e.sequence()));
            after = page.get(page.size() - 1).sequence();
        }
        assertThat(seen).hasSize(23).isSorted().doesNotHaveDuplicates();
        assertThat(seen.get(0)).isEqualTo(1L);
    }

    @Test
    void append_all_records_a_batch_as_one_stretch_of_the_chain() {
        log.append(Events.event(AuditEventType.PREDICTION, "-", "e", "system", 0));

        List<AuditEntry> batch = log.appendAll(Arrays.asList(Events.aCase("case-1", "rtr-7", 1)));

        assertThat(batch).extracting(AuditEntry::sequence).containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(log.query(AuditQuery.all()))
                .extracting(AuditEntry::hash)
                .endsWith(batch.stream().map(AuditEntry::hash).toArray(String[]::new));
        assertThat(log.verify().intact()).isTrue();
        assertThat(log.appendAll(List.of())).isEmpty();
    }

    @Test
    void a_batch_with_an_event_that_has_no_canonical_form_records_nothing() {
        log.append(Events.event(AuditEventType.PREDICTION, "-", "e", "system", 0));
        List<AuditEvent> batch = new ArrayList<>(Arrays.asList(Events.aCase("case-1", "rtr-7", 1)));
        batch.add(
                3,
                new AuditEvent(
                        AuditEventType.PREDICTION,
                        "-",
                        "e",
                        "system",
                        Events.T0,
                        Map.of("probability", Double.NaN)));

        assertThatThrownBy(() -> log.appendAll(batch))
                .isInstanceOf(CanonicalJsonException.class)
                .hasMessageContaining("NaN")
                .hasMessageContaining("[3].payload.probability");

        assertThat(log.size()).isEqualTo(1);
        assertThat(log.query(AuditQuery.all())).hasSize(1);
        assertThat(log.append(Events.event(AuditEventType.TOOL_CALL, "c", "e", "a", 2)).sequence())
                .isEqualTo(2);
        assertThat(log.verify().intact()).isTrue();
    }

    @Test
    void a_second_writer_never_forks_the_chain() throws Exception {
        log.append(Events.event(AuditEventType.PREDICTION, "-", "e", "system", 0));
        // A second writer takes sequence 2 first. On H2 (one writer per ledger) this log's insert
        // of sequence 2 fails on the primary key instead of forking the chain, records nothing,
        // and the next append goes on from the database's tail; on PostgreSQL (several writers
        // share the ledger) the append reads the tail under the ledger's lock and takes 3.
        try (JdbcAuditLog intruder = reopen()) {
            intruder.append(Events.event(AuditEventType.TOOL_CALL, "x", "e", "intruder", 1));
        }
        if (!sharesTheLedger()) {
            assertThatThrownBy(
                            () ->
                                    log.append(
                                            Events.event(
                                                    AuditEventType.TOOL_CALL, "c", "e", "a", 2)))
                    .isInstanceOf(AuditStoreException.class)
                    .hasMessageContaining("append of entry 2 failed, nothing recorded");
        }

        AuditEntry next = log.append(Events.event(AuditEventType.TOOL_CALL, "c", "e", "a", 2));

        assertThat(next.sequence()).isEqualTo(3);
        assertThat(log.size()).isEqualTo(3);
        assertThat(log.verify().intact()).isTrue();
    }

    /** Whether several writers may append to the ledger (PostgreSQL), rather than one (H2). */
    boolean sharesTheLedger() {
        return false;
    }

    /** A second ledger object on the same database as {@link #log}. */
    abstract JdbcAuditLog reopen();

    @Test
    void an_intact_chain_verifies_and_names_its_head() {
        appendAll(Events.aCase("case-1", "rtr-7", 0));
        log.appendAll(Arrays.asList(Events.aCase("case-2", "olt-3", 10)));

        AuditVerification v = log.verify();

        assertThat(v.intact()).isTrue();
        assertThat(v.entriesChecked()).isEqualTo(12);
        assertThat(v.firstBadSequence()).isEmpty();
        assertThat(v.detail()).contains("12 entries").contains(log.headHash());
    }

    @Test
    void an_export_verifies_offline_and_holds_every_entry() throws Exception {
        appendAll(Events.aCase("case-1", "rtr-7", 0));
        Path file = tmp.resolve("audit.jsonl");

        long written = log.exportJsonLines(file);

        assertThat(written).isEqualTo(6);
        assertThat(java.nio.file.Files.readAllLines(file)).hasSize(6);
        AuditVerification v = AuditVerifier.verifyExport(file);
        assertThat(v.intact()).isTrue();
        assertThat(v.entriesChecked()).isEqualTo(6);
        assertThat(v.detail()).contains(log.headHash());
        StringWriter again = new StringWriter();
        log.exportJsonLines(again);
        assertThat(again.toString()).isEqualTo(java.nio.file.Files.readString(file));
    }

    @Test
    void the_stored_chain_verifies_through_the_plain_verifier_too() {
        appendAll(Events.aCase("case-1", "rtr-7", 0));
        List<StoredEntry> stored = new ArrayList<>();
        log.forEachStored(stored::add);

        assertThat(AuditVerifier.verify(stored).intact()).isTrue();
        assertThat(stored.get(0).toEntry().event().type()).isEqualTo(AuditEventType.PREDICTION);
    }

    @Test
    void a_closed_log_refuses_appends() {
        log.close();
        assertThatThrownBy(
                        () -> log.append(Events.event(AuditEventType.TOOL_CALL, "c", "e", "a", 0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void more_entries_than_one_page_are_all_walked() {
        List<AuditEvent> many = new ArrayList<>();
        for (int i = 0; i < 5_003; i++) {
            many.add(Events.event(AuditEventType.TOOL_CALL, "c" + (i % 7), "e", "a", i));
        }
        log.appendAll(many);

        assertThat(log.verify().entriesChecked()).isEqualTo(5_003);
        long[] count = {0};
        log.forEachEntry(e -> count[0]++);
        assertThat(count[0]).isEqualTo(5_003);
    }

    @Test
    void a_checkpoint_signs_the_merkle_root_of_every_entry_so_far() {
        CheckpointSigner signer = CheckpointSigner.generate();
        List<AuditEntry> first = appendAll(Events.aCase("case-1", "rtr-7", 0));

        Checkpoint c6 = log.checkpoint(signer);

        assertThat(c6.treeSize()).isEqualTo(6);
        assertThat(c6.rootHash())
                .isEqualTo(
                        HexFormat.of()
                                .formatHex(
                                        MerkleTree.ofEntryHashes(
                                                        first.stream()
                                                                .map(AuditEntry::hash)
                                                                .toList())
                                                .root()));
        assertThat(CheckpointSigner.verify(c6, signer.publicKey())).isTrue();
        assertThat(log.checkpoint(signer)).as("nothing new to sign").isEqualTo(c6);

        log.appendAll(Arrays.asList(Events.aCase("case-2", "olt-3", 10)));
        Checkpoint c12 = log.checkpoint(signer);

        assertThat(log.checkpoints()).containsExactly(c6, c12);
        assertThat(
                        MerkleTree.verifyConsistency(
                                6,
                                12,
                                HexFormat.of().parseHex(c6.rootHash()),
                                HexFormat.of().parseHex(c12.rootHash()),
                                log.consistencyProof(6, 12)))
                .isTrue();
        assertThat(
                        MerkleTree.verifyInclusion(
                                2,
                                12,
                                MerkleTree.leafOfEntryHash(first.get(2).hash()),
                                log.inclusionProof(3, 12),
                                HexFormat.of().parseHex(c12.rootHash())))
                .isTrue();
        assertThat(log.verify(signer.publicKey()).intact()).isTrue();
    }

    @Test
    void checkpoints_signed_with_another_key_do_not_verify() {
        appendAll(Events.aCase("case-1", "rtr-7", 0));
        log.checkpoint(CheckpointSigner.generate());

        AuditVerification v = log.verify(CheckpointSigner.generate().publicKey());

        assertThat(v.intact()).isFalse();
        assertThat(v.detail())
                .isEqualTo(
                        "checkpoint at size 6: signature does not verify with the given public"
                                + " key");
        assertThat(log.verify().intact()).as("roots still match the entries").isTrue();
    }

    @Test
    void the_merkle_tree_survives_a_reopen_and_keeps_up_with_appends() {
        appendAll(Events.aCase("case-1", "rtr-7", 0));
        byte[] root6 = log.rootOf(6);
        log.append(Events.event(AuditEventType.TOOL_CALL, "c", "e", "a", 99));
        try (JdbcAuditLog again = reopen()) {
            assertThat(again.rootOf(6)).isEqualTo(root6);
            assertThat(again.rootOf(7)).isEqualTo(log.rootOf(7));
        }
    }

    // ---------------------------------------------------------------- retention

    @Test
    void
            archiving_moves_checkpointed_entries_to_files_that_verify_alone_and_the_rest_still_verifies()
                    throws Exception {
        CheckpointSigner signer = CheckpointSigner.generate();
        List<AuditEntry> all = new ArrayList<>(appendAll(Events.aCase("case-1", "rtr-7", 0)));
        Checkpoint c6 = log.checkpoint(signer);
        all.addAll(appendAll(Events.aCase("case-2", "olt-3", 10)));
        Checkpoint c12 = log.checkpoint(signer);
        all.addAll(appendAll(Events.aCase("case-3", "rtr-9", 20)));
        String head = log.headHash();

        assertThat(log.archivableBefore(13)).hasValue(12);
        assertThat(log.archivableBefore(12)).hasValue(6);
        assertThat(log.archivableBefore(6)).isEmpty();

        Path first = tmp.resolve("archive-1.jsonl");
        ArchiveResult a1 = log.archive(6, first);

        assertThat(a1).isEqualTo(new ArchiveResult(1, 6, first, c6));
        AuditVerification alone = AuditVerifier.verifyExport(first, signer.publicKey());
        assertThat(alone.intact()).as(alone.detail()).isTrue();
        assertThat(alone.entriesChecked()).isEqualTo(6);
        assertThat(alone.detail()).contains("every entry is under a checkpoint");
        assertThat(log.archivedThrough()).isEqualTo(6);
        assertThat(log.archivableBefore(100)).hasValue(12);
        assertThat(log.query(AuditQuery.all()))
                .extracting(AuditEntry::sequence)
                .containsExactly(7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L);
        AuditVerification rest = log.verify(signer.publicKey());
        assertThat(rest.intact()).as(rest.detail()).isTrue();
        assertThat(rest.entriesChecked()).isEqualTo(12);
        assertThat(rest.detail()).contains("after 6 archived entries");
        assertThat(log.size()).isEqualTo(18);
        assertThat(log.headHash()).isEqualTo(head);

        Path second = tmp.resolve("archive-2.jsonl");
        log.archive(12, second);

        assertThat(Files.readAllLines(second).get(0)).startsWith("{\"archived\":{\"frontier\":[");
        AuditVerification alone2 = AuditVerifier.verifyExport(second, signer.publicKey());
        assertThat(alone2.intact()).as(alone2.detail()).isTrue();
        assertThat(alone2.entriesChecked()).isEqualTo(6);
        assertThat(AuditExportFile.find(second, AuditFilter.builder().build()))
                .containsExactlyElementsOf(all.subList(6, 12));

        // every checkpoint, archived or not, still verifies against the kept hashes, and proofs
        // of archived entries still work
        for (Checkpoint c : List.of(c6, c12)) {
            assertThat(HexFormat.of().formatHex(log.rootOf(c.treeSize()))).isEqualTo(c.rootHash());
        }
        for (int i = 0; i < 12; i++) {
            assertThat(
                            MerkleTree.verifyInclusion(
                                    i,
                                    12,
                                    MerkleTree.leafOfEntryHash(all.get(i).hash()),
                                    log.inclusionProof(i + 1, 12),
                                    HexFormat.of().parseHex(c12.rootHash())))
                    .as("entry %d", i + 1)
                    .isTrue();
        }
        assertThat(log.verify(signer.publicKey()).intact()).isTrue();

        // an export of what is left verifies alone, starting from the archived prefix
        Path export = tmp.resolve("rest.jsonl");
        assertThat(log.exportJsonLines(export)).isEqualTo(6);
        AuditVerification exported = AuditVerifier.verifyExport(export, signer.publicKey());
        assertThat(exported.intact()).as(exported.detail()).isTrue();
        assertThat(exported.entriesChecked()).isEqualTo(6);

        // reopened, the ledger goes on from the same head
        log.close();
        log = reopen();
        assertThat(log.size()).isEqualTo(18);
        assertThat(log.headHash()).isEqualTo(head);
        assertThat(log.verify(signer.publicKey()).intact()).isTrue();
        AuditEntry next = log.append(Events.event(AuditEventType.TOOL_CALL, "c", "e", "a", 99));
        assertThat(next.sequence()).isEqualTo(19);
        assertThat(next.previousHash()).isEqualTo(head);
        assertThat(HexFormat.of().formatHex(log.rootOf(12))).isEqualTo(c12.rootHash());
    }

    @Test
    void when_every_entry_is_archived_the_chain_goes_on_from_the_last_kept_hash() {
        CheckpointSigner signer = CheckpointSigner.generate();
        appendAll(Events.aCase("case-1", "rtr-7", 0));
        log.checkpoint(signer);
        String head = log.headHash();

        log.archive(6, tmp.resolve("all.jsonl"));
        log.close();
        log = reopen();

        assertThat(log.query(AuditQuery.all())).isEmpty();
        assertThat(log.size()).isEqualTo(6);
        assertThat(log.verify(signer.publicKey()).intact()).isTrue();
        AuditEntry next = log.append(Events.event(AuditEventType.TOOL_CALL, "c", "e", "a", 99));
        assertThat(next.sequence()).isEqualTo(7);
        assertThat(next.previousHash()).isEqualTo(head);
        assertThat(log.verify(signer.publicKey()).intact()).isTrue();
    }

    @Test
    void archiving_takes_only_whole_checkpointed_stretches_and_never_overwrites_a_file()
            throws Exception {
        appendAll(Events.aCase("case-1", "rtr-7", 0));
        log.checkpoint(CheckpointSigner.generate());
        log.append(Events.event(AuditEventType.TOOL_CALL, "c", "e", "a", 99));

        assertThatThrownBy(() -> log.archive(7, tmp.resolve("a.jsonl")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("7 is not one (checkpoints at [6])");
        Path existing = Files.writeString(tmp.resolve("b.jsonl"), "keep me");
        assertThatThrownBy(() -> log.archive(6, existing))
                .hasMessageContaining("an archive is never overwritten");
        assertThat(Files.readString(existing)).isEqualTo("keep me");
        log.archive(6, tmp.resolve("c.jsonl"));
        assertThatThrownBy(() -> log.archive(6, tmp.resolve("d.jsonl")))
                .hasMessageContaining("past the 6 entries already archived");
        assertThat(tmp.resolve("a.jsonl")).doesNotExist();
        assertThat(tmp.resolve("d.jsonl")).doesNotExist();
        assertThat(log.query(AuditQuery.all())).hasSize(1);
    }

    @Test
    void archiving_before_a_time_takes_the_entries_recorded_before_it() {
        MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        log.close();
        log = newLog(clock);
        CheckpointSigner signer = CheckpointSigner.generate();
        appendAll(Events.aCase("case-1", "rtr-7", 0));
        log.checkpoint(signer);
        clock.set(Instant.parse("2030-02-01T00:00:00Z"));
        appendAll(Events.aCase("case-2", "rtr-7", 10));
        log.checkpoint(signer);

        long cut = log.firstRecordedAtOrAfter(Instant.parse("2030-01-15T00:00:00Z"));

        assertThat(cut).isEqualTo(7);
        assertThat(log.archivableBefore(cut)).hasValue(6);
        assertThat(log.firstRecordedAtOrAfter(Instant.parse("2031-01-01T00:00:00Z"))).isEqualTo(13);
    }

    @Test
    void a_csv_export_carries_its_checkpoints_and_archived_prefix_and_verifies_alone()
            throws Exception {
        CheckpointSigner signer = CheckpointSigner.generate();
        appendAll(Events.aCase("case-1", "rtr-7", 0));
        log.checkpoint(signer);
        appendAll(Events.aCase("case-2", "olt-3", 10));
        log.checkpoint(signer);
        log.append(Events.event(AuditEventType.TOOL_CALL, "c", "e", "a", 99));
        Path whole = tmp.resolve("whole.csv");
        try (var out = Files.newBufferedWriter(whole)) {
            assertThat(AuditCsv.write(log, out)).isEqualTo(13);
        }

        AuditVerification v = AuditVerifier.verifyCsv(whole, signer.publicKey());
        assertThat(v.intact()).as(v.detail()).isTrue();
        assertThat(v.entriesChecked()).isEqualTo(13);
        assertThat(v.detail()).contains("2 checkpoints", "signatures valid");
        List<String> rows = Files.readAllLines(whole);
        assertThat(rows).hasSize(1 + 13 + 2);
        assertThat(rows.get(7)).startsWith("6,2030-01-01T00:00:00.123456Z,,CHECKPOINT,,,,,,,");

        log.archive(6, tmp.resolve("archive.jsonl"));
        Path rest = tmp.resolve("rest.csv");
        try (var out = Files.newBufferedWriter(rest)) {
            assertThat(AuditCsv.write(log, out)).isEqualTo(7);
        }
        assertThat(Files.readAllLines(rest).get(1)).startsWith("6,,,ARCHIVED,,,,,,,");
        AuditVerification after = AuditVerifier.verifyCsv(rest, signer.publicKey());
        assertThat(after.intact()).as(after.detail()).isTrue();
        assertThat(after.entriesChecked()).isEqualTo(7);
    }

    // ---------------------------------------------------------------- find: tool and effect

    private static AuditEvent withPayload(int minute, Map<String, Object> payload) {
        return new AuditEvent(
                AuditEventType.POLICY_DECISION,
                "case-f",
                "rtr-1",
                "agent:autonoc",
                Events.T0.plusSeconds(60L * minute),
                payload);
    }

    @Test
    void find_by_tool_and_effect_matches_the_payload_not_a_tool_named_inside_its_arguments() {
        log.appendAll(
                List.of(
                        withPayload(0, Map.of("tool", "order_part", "effect", "ALLOW")),
                        withPayload(
                                1,
                                Map.of(
                                        "tool", "notify_customers",
                                        "effect", "DENY",
                                        "arguments", Map.of("tool", "order_part"))),
                        withPayload(2, Map.of("tool", "order_part", "effect", "DENY")),
                        withPayload(3, Map.of("note", "\"tool\":\"order_part\""))));

        assertThat(log.find(AuditFilter.builder().tool("order_part").build()))
                .extracting(AuditEntry::sequence)
                .containsExactly(1L, 3L);
        assertThat(log.find(AuditFilter.builder().tool("order_part").effect("DENY").build()))
                .extracting(AuditEntry::sequence)
                .containsExactly(3L);
        assertThat(log.find(AuditFilter.builder().effect("DENY").build()))
                .extracting(AuditEntry::sequence)
                .containsExactly(2L, 3L);
    }

    @Test
    void find_treats_like_wildcards_in_a_tool_name_as_plain_characters() {
        log.appendAll(
                List.of(
                        withPayload(0, Map.of("tool", "axb")),
                        withPayload(1, Map.of("tool", "a_b")),
                        withPayload(2, Map.of("tool", "50%\\off")),
                        withPayload(3, Map.of("tool", "50xyz\\off"))));

        assertThat(log.find(AuditFilter.builder().tool("a_b").build()))
                .extracting(AuditEntry::sequence)
                .containsExactly(2L);
        assertThat(log.find(AuditFilter.builder().tool("50%\\off").build()))
                .extracting(AuditEntry::sequence)
                .containsExactly(3L);
    }

    @Test
    void find_reads_on_past_non_matching_candidates_until_the_page_is_full() {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // every candidate names order_part, but only every third as its own tool
            events.add(
                    withPayload(
                            i,
                            i % 3 == 0
                                    ? Map.of("tool", "order_part")
                                    : Map.of(
                                            "tool",
                                            "x",
                                            "arguments",
                                            Map.of("tool", "order_part"))));
        }
        log.appendAll(events);

        List<AuditEntry> first =
                log.find(AuditFilter.builder().tool("order_part").limit(4).build());
        assertThat(first).extracting(AuditEntry::sequence).containsExactly(1L, 4L, 7L, 10L);
        List<AuditEntry> next =
                log.find(
                        AuditFilter.builder()
                                .tool("order_part")
                                .afterSequence(10)
                                .limit(4)
                                .build());
        assertThat(next).extracting(AuditEntry::sequence).containsExactly(13L, 16L, 19L, 22L);
        assertThat(
                        log.find(
                                AuditFilter.builder()
                                        .tool("order_part")
                                        .afterSequence(22)
                                        .limit(4)
                                        .build()))
                .extracting(AuditEntry::sequence)
                .containsExactly(25L, 28L);
    }

    @Test
    void find_on_an_export_file_gives_what_find_on_the_ledger_gives() throws Exception {
        appendAll(Events.aCase("case-1", "rtr-7", 0));
        appendAll(Events.aCase("case-2", "rtr-8", 10));
        log.checkpoint(CheckpointSigner.generate());
        log.append(withPayload(30, Map.of("tool", "order_part", "effect", "ALLOW")));
        Path export = tmp.resolve("export.jsonl");
        log.exportJsonLines(export);

        for (AuditFilter f :
                List.of(
                        AuditFilter.builder().correlationId("case-2").build(),
                        AuditFilter.builder().tool("order_part").build(),
                        AuditFilter.builder().effect("REQUIRE_APPROVAL").build(),
                        AuditFilter.builder().actor("person:alice").limit(1).build(),
                        AuditFilter.builder()
                                .from(Events.T0.plusSeconds(60L * 10))
                                .to(Events.T0.plusSeconds(60L * 10 + 3))
                                .build(),
                        AuditFilter.builder().afterSequence(5).limit(3).build())) {
            List<AuditEntry> fromLog = log.find(f);
            assertThat(fromLog).as(f.toString()).isNotEmpty();
            assertThat(AuditExportFile.find(export, f)).as(f.toString()).isEqualTo(fromLog);
        }
    }
}
