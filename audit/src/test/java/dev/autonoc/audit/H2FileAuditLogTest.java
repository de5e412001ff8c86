package dev.autonoc.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class H2FileAuditLogTest extends AuditLogContractTest {

    private static final AtomicInteger FILES = new AtomicInteger();

    private Path file;

    @Override
    JdbcAuditLog newLog(Clock clock) {
        file = tmp.resolve("ledger-" + FILES.incrementAndGet());
        return JdbcAuditLog.h2File(file, clock);
    }

    @Override
    JdbcAuditLog reopen() {
        return JdbcAuditLog.h2File(file, Events.fixedClock());
    }

    @Test
    void reopening_the_file_continues_the_chain() {
        log.appendAll(java.util.Arrays.asList(Events.aCase("case-1", "rtr-7", 0)));
        String head = log.headHash();
        log.close();
        assertThat(Files.exists(Path.of(file + ".mv.db"))).isTrue();

        try (JdbcAuditLog again = reopen()) {
            assertThat(again.size()).isEqualTo(6);
            assertThat(again.headHash()).isEqualTo(head);

            AuditEntry next =
                    again.append(
                            Events.event(AuditEventType.CASE_CLOSED, "case-1", "rtr-7", "a", 9));

            assertThat(next.sequence()).isEqualTo(7);
            assertThat(next.previousHash()).isEqualTo(head);
            assertThat(again.query(AuditQuery.all())).hasSize(7);
            assertThat(again.verify().intact()).isTrue();
        }
        log = reopen(); // so that the contract's @AfterEach has an open log to close
    }

    @Test
    void a_database_path_with_a_suffix_or_a_url_separator_is_refused() {
        assertThatThrownBy(() -> JdbcAuditLog.h2File(tmp.resolve("x.mv.db"), Events.fixedClock()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without its .mv.db suffix");
        assertThatThrownBy(() -> JdbcAuditLog.h2File(tmp.resolve("a;b"), Events.fixedClock()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("';'");
    }

    @Test
    void an_append_on_an_interrupted_thread_does_not_break_the_database() throws Exception {
        log.append(Events.event(AuditEventType.PREDICTION, "-", "e", "system", 0));
        java.util.List<Object> outcome = new java.util.ArrayList<>();
        Thread t =
                new Thread(
                        () -> {
                            Thread.currentThread().interrupt();
                            try {
                                outcome.add(
                                        log.append(
                                                        Events.event(
                                                                AuditEventType.TOOL_CALL,
                                                                "c",
                                                                "e",
                                                                "a",
                                                                1))
                                                .sequence());
                            } catch (RuntimeException e) {
                                outcome.add(e);
                            }
                        });
        t.start();
        t.join();

        AuditEntry next = log.append(Events.event(AuditEventType.TOOL_CALL, "c", "e", "a", 2));

        assertThat(outcome).hasSize(1);
        assertThat(next.sequence()).isEqualTo(outcome.get(0) instanceof Long ? 3 : 2);
        assertThat(log.verify().intact()).isTrue();
        log.close();
        log = reopen();
        assertThat(log.size()).isEqualTo(next.sequence());
    }
}
