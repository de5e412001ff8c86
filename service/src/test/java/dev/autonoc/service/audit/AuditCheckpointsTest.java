package dev.autonoc.service.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.audit.Checkpoint;
import dev.autonoc.audit.CheckpointSigner;
import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.service.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditCheckpointsTest {

    private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");

    private final MovableClock clock = new MovableClock(T0);
    private final String db = "checkpoints-" + System.nanoTime();
    private JdbcAuditLog ledger;
    private CheckpointSigner signer;
    private AuditCheckpoints checkpoints;

    @BeforeEach
    void open() {
        ledger = JdbcAuditLog.h2InMemory(db, clock);
        signer = CheckpointSigner.generate();
        checkpoints =
                new AuditCheckpoints(
                        ledger,
                        signer,
                        new CheckpointProperties(
                                null, Duration.ofMinutes(10), 5, Duration.ofSeconds(1)),
                        clock);
    }

    @AfterEach
    void close() {
        checkpoints.stop();
        ledger.close();
        JdbcAuditLog.dropH2InMemory(db);
    }

    private void append(int n) {
        for (int i = 0; i < n; i++) {
            ledger.append(
                    new AuditEvent(
                            AuditEventType.CASE_OPENED,
                            "case-" + i,
                            "core-rtr-01",
                            "agent:autonoc",
                            T0,
                            Map.of("n", (long) i)));
        }
    }

    @Test
    void an_empty_ledger_gets_no_checkpoint() {
        clock.move(Duration.ofHours(1));
        checkpoints.checkIfDue();

        assertThat(ledger.checkpoints()).isEmpty();
        assertThat(checkpoints.checkpointNow()).isEmpty();
    }

    @Test
    void a_checkpoint_comes_after_so_many_entries_or_so_much_time_and_is_signed() {
        append(3);
        clock.move(Duration.ofMinutes(1));
        checkpoints.checkIfDue();
        assertThat(ledger.checkpoints()).as("3 entries, 1 minute: not yet").isEmpty();

        append(2);
        checkpoints.checkIfDue();
        assertThat(ledger.checkpoints()).extracting(Checkpoint::treeSize).containsExactly(5L);

        append(1);
        clock.move(Duration.ofMinutes(9));
        checkpoints.checkIfDue();
        assertThat(ledger.checkpoints()).as("1 entry, 9 minutes: not yet").hasSize(1);
        clock.move(Duration.ofMinutes(1));
        checkpoints.checkIfDue();
        assertThat(ledger.checkpoints()).extracting(Checkpoint::treeSize).containsExactly(5L, 6L);

        clock.move(Duration.ofHours(1));
        checkpoints.checkIfDue();
        assertThat(ledger.checkpoints()).as("nothing new, nothing signed").hasSize(2);
        assertThat(ledger.checkpoints())
                .allSatisfy(
                        c -> assertThat(CheckpointSigner.verify(c, signer.publicKey())).isTrue());
        assertThat(ledger.verify(signer.publicKey()).intact()).isTrue();
    }

    @Test
    void stopping_signs_what_was_added_since_the_last_checkpoint() {
        checkpoints.start();
        append(2);

        checkpoints.stop();

        assertThat(ledger.checkpoints()).extracting(Checkpoint::treeSize).containsExactly(2L);
    }

    @Property
    void never_due_without_new_entries(
            @ForAll @LongRange(min = 0, max = 1_000_000) long size,
            @ForAll @LongRange(min = 0, max = 1_000_000) long ahead,
            @ForAll @LongRange(min = 0, max = 100_000) long seconds) {
        CheckpointProperties p =
                new CheckpointProperties(null, Duration.ofMinutes(5), 100, Duration.ofSeconds(5));
        assertThat(p.due(size, size + ahead, Duration.ofSeconds(seconds))).isFalse();
    }

    @Property
    void due_by_count_or_time_and_by_nothing_when_both_are_off(
            @ForAll @LongRange(min = 1, max = 10_000) long added,
            @ForAll @LongRange(min = 0, max = 1_000) long every,
            @ForAll @LongRange(min = 0, max = 3_600) long intervalSeconds,
            @ForAll @LongRange(min = 0, max = 7_200) long sinceSeconds) {
        CheckpointProperties p =
                new CheckpointProperties(
                        null, Duration.ofSeconds(intervalSeconds), every, Duration.ofSeconds(5));
        boolean byCount = every > 0 && added >= every;
        boolean byTime = intervalSeconds > 0 && sinceSeconds >= intervalSeconds;

        assertThat(p.due(1_000 + added, 1_000, Duration.ofSeconds(sinceSeconds)))
                .isEqualTo(byCount || byTime);
    }

    @Test
    void bad_settings_name_the_setting_and_what_is_accepted() {
        assertThatThrownBy(
                        () ->
                                new CheckpointProperties(
                                        null, Duration.ofMinutes(-1), 0, Duration.ofSeconds(5)))
                .hasMessageContaining("autonoc.audit.checkpoint-interval")
                .hasMessageContaining("0 (off)");
        assertThatThrownBy(
                        () ->
                                new CheckpointProperties(
                                        null, Duration.ZERO, -2, Duration.ofSeconds(5)))
                .hasMessageContaining("autonoc.audit.checkpoint-every");
        assertThatThrownBy(() -> new CheckpointProperties(null, Duration.ZERO, 0, Duration.ZERO))
                .hasMessageContaining("autonoc.audit.check-interval");
    }

    @Test
    void the_key_file_defaults_to_the_data_folder() {
        assertThat(
                        new CheckpointProperties(null, Duration.ZERO, 0, Duration.ofSeconds(1))
                                .keyFileIn(java.nio.file.Path.of("/var/autonoc")))
                .isEqualTo(java.nio.file.Path.of("/var/autonoc/audit-checkpoint.key"));
        assertThat(
                        new CheckpointProperties(
                                        java.nio.file.Path.of("/etc/k"),
                                        Duration.ZERO,
                                        0,
                                        Duration.ofSeconds(1))
                                .keyFileIn(java.nio.file.Path.of("/var/autonoc")))
                .isEqualTo(java.nio.file.Path.of("/etc/k"));
    }
}
