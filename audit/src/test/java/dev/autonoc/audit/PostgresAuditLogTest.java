package dev.autonoc.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditQuery;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The contract on a real PostgreSQL server, one fresh schema per test. Runs when {@code
 * AUTONOC_TEST_POSTGRES_URL} names a server, e.g. {@code
 * jdbc:postgresql://127.0.0.1:54329/postgres?user=postgres}; .ci/run starts one on loopback.
 */
@EnabledIfEnvironmentVariable(named = "AUTONOC_TEST_POSTGRES_URL", matches = ".+")
class PostgresAuditLogTest extends AuditLogContractTest {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private PGSimpleDataSource dataSource;
    private String schema;

    @Override
    JdbcAuditLog newLog(Clock clock) {
        schema = "audit_test_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setURL(System.getenv("AUTONOC_TEST_POSTGRES_URL"));
        execute(admin, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        execute(admin, "CREATE SCHEMA " + schema);
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(System.getenv("AUTONOC_TEST_POSTGRES_URL"));
        dataSource.setCurrentSchema(schema);
        return JdbcAuditLog.open(dataSource, clock);
    }

    @Override
    JdbcAuditLog reopen() {
        return JdbcAuditLog.open(dataSource, Events.fixedClock());
    }

    @Override
    boolean sharesTheLedger() {
        return true;
    }

    @Test
    void postgres_refuses_to_update_delete_or_truncate_an_entry() {
        log.append(Events.event(AuditEventType.TOOL_CALL, "c", "e", "a", 0));

        assertThatThrownBy(() -> execute(dataSource, "UPDATE audit_entry SET actor = 'mallory'"))
                .hasMessageContaining("audit_entry is append-only: UPDATE refused");
        assertThatThrownBy(() -> execute(dataSource, "DELETE FROM audit_entry"))
                .hasMessageContaining("audit_entry is append-only: DELETE refused");
        assertThatThrownBy(() -> execute(dataSource, "TRUNCATE audit_entry"))
                .hasMessageContaining("audit_entry is append-only: TRUNCATE refused");
        assertThat(log.verify().intact()).isTrue();
    }

    @Test
    void
            the_application_role_may_append_and_read_but_not_update_delete_truncate_or_disable_the_guard()
                    throws Exception {
        String role = schema + "_app";
        createRole(role, "audit_grant_app_role");
        try {
            PGSimpleDataSource app = as(role);

            log.close();
            try (JdbcAuditLog asApp = JdbcAuditLog.open(app, Events.fixedClock())) {
                asApp.appendAll(List.of(Events.aCase("case-1", "rtr-1", 0)));
                asApp.append(Events.event(AuditEventType.TOOL_CALL, "c", "e", "a", 9));
                asApp.checkpoint(CheckpointSigner.generate());
                assertThat(asApp.query(AuditQuery.forCase("case-1"))).hasSize(5);
                assertThat(asApp.verify().intact()).isTrue();
            }

            for (String sql :
                    List.of(
                            "UPDATE audit_entry SET actor = 'mallory'",
                            "DELETE FROM audit_entry",
                            "TRUNCATE audit_entry",
                            "UPDATE audit_checkpoint SET root_hash = root_hash",
                            "DELETE FROM audit_checkpoint")) {
                assertThatThrownBy(() -> execute(app, sql))
                        .as(sql)
                        .hasMessageContaining("permission denied");
            }
            assertThatThrownBy(() -> execute(app, "ALTER TABLE audit_entry DISABLE TRIGGER ALL"))
                    .hasMessageContaining("must be owner");
            assertThatThrownBy(
                            () ->
                                    execute(
                                            app,
                                            "DROP TRIGGER audit_entry_append_only ON audit_entry"))
                    .hasMessageContaining("must be owner");
            assertThatThrownBy(() -> execute(app, "SELECT audit_grant_app_role('" + role + "')"))
                    .hasMessageContaining("permission denied");
            log = reopen();
            assertThat(log.size()).isEqualTo(7);
            assertThat(log.verify().intact()).isTrue();
        } finally {
            dropRoles(role);
        }
    }

    @Test
    void only_an_archiver_role_may_archive_and_only_checkpointed_entries_whose_hash_it_keeps()
            throws Exception {
        asAppAndArchiver(
                (app, archiver, signer) -> {
                    try (JdbcAuditLog asApp = JdbcAuditLog.open(app, Events.fixedClock())) {
                        assertThatThrownBy(() -> asApp.archive(6, tmp.resolve("by-app.jsonl")))
                                .hasMessageContaining("permission denied for table audit_archived");
                        assertThat(asApp.size()).isEqualTo(7);
                    }
                    assertThat(tmp.resolve("by-app.jsonl")).doesNotExist();

                    // the archiver's own SQL cannot get round the guards
                    assertThatThrownBy(() -> execute(archiver, "DELETE FROM audit_entry"))
                            .hasMessageContaining("DELETE refused for entry 1");
                    assertThatThrownBy(
                                    () ->
                                            execute(
                                                    archiver,
                                                    "INSERT INTO audit_archived VALUES (1, '"
                                                            + "0".repeat(64)
                                                            + "')"))
                            .hasMessageContaining(
                                    "takes only the hash of an entry still in audit_entry");
                    execute(
                            archiver,
                            "INSERT INTO audit_archived SELECT sequence, hash FROM audit_entry"
                                    + " WHERE sequence = 7");
                    assertThatThrownBy(
                                    () ->
                                            execute(
                                                    archiver,
                                                    "DELETE FROM audit_entry WHERE sequence = 7"))
                            .as("entry 7 is under no checkpoint")
                            .hasMessageContaining("DELETE refused for entry 7");
                    for (String sql :
                            List.of(
                                    "UPDATE audit_entry SET actor = 'mallory'",
                                    "TRUNCATE audit_entry",
                                    "UPDATE audit_archived SET hash = hash",
                                    "DELETE FROM audit_archived",
                                    "TRUNCATE audit_archived")) {
                        assertThatThrownBy(() -> execute(archiver, sql))
                                .as(sql)
                                .hasMessageContaining("permission denied");
                    }
                    assertThatThrownBy(() -> execute(dataSource, "DELETE FROM audit_archived"))
                            .as("not even the owner")
                            .hasMessageContaining("audit_archived is append-only: DELETE refused");
                });
    }

    @Test
    void the_archiver_role_archives_and_the_application_role_still_verifies_what_is_left()
            throws Exception {
        asAppAndArchiver(
                (app, archiver, signer) -> {
                    try (JdbcAuditLog asArchiver =
                            JdbcAuditLog.open(archiver, Events.fixedClock())) {
                        ArchiveResult done = asArchiver.archive(6, tmp.resolve("archive.jsonl"));
                        assertThat(done.entries()).isEqualTo(6);
                        assertThatThrownBy(
                                        () ->
                                                asArchiver.append(
                                                        Events.event(
                                                                AuditEventType.TOOL_CALL,
                                                                "c",
                                                                "e",
                                                                "a",
                                                                10)))
                                .hasMessageContaining("permission denied for table audit_entry");
                    }
                    assertThat(
                                    AuditVerifier.verifyExport(
                                                    tmp.resolve("archive.jsonl"),
                                                    signer.publicKey())
                                            .intact())
                            .isTrue();
                    try (JdbcAuditLog asApp = JdbcAuditLog.open(app, Events.fixedClock())) {
                        assertThat(asApp.verify(signer.publicKey()).intact()).isTrue();
                        assertThat(
                                        asApp.append(
                                                        Events.event(
                                                                AuditEventType.TOOL_CALL,
                                                                "c",
                                                                "e",
                                                                "a",
                                                                11))
                                                .sequence())
                                .isEqualTo(8);
                        assertThat(asApp.query(AuditQuery.all())).hasSize(2);
                    }
                    log = reopen();
                });
    }

    /** What a test does as the application's and the archiver's roles. */
    private interface AppAndArchiverTest {
        void run(PGSimpleDataSource app, PGSimpleDataSource archiver, CheckpointSigner signer)
                throws Exception;
    }

    /**
     * Runs {@code test} on the ledger of {@link #sixCheckpointedAndOneMore} as fresh application
     * and archiver roles (V5, V7), with the checkpoint's signer; drops the roles after.
     */
    private void asAppAndArchiver(AppAndArchiverTest test) throws Exception {
        String appRole = schema + "_app";
        String archiverRole = schema + "_arc";
        createRole(appRole, "audit_grant_app_role");
        createRole(archiverRole, "audit_grant_archiver_role");
        try {
            CheckpointSigner signer = CheckpointSigner.generate();
            sixCheckpointedAndOneMore(signer);
            test.run(as(appRole), as(archiverRole), signer);
        } finally {
            dropRoles(appRole, archiverRole);
        }
    }

    /**
     * A case's six entries under a checkpoint signed by {@code signer}, then a seventh under none;
     * the test's own log is closed, so that the roles work on the ledger alone.
     */
    private void sixCheckpointedAndOneMore(CheckpointSigner signer) {
        log.appendAll(List.of(Events.aCase("case-1", "rtr-1", 0)));
        log.checkpoint(signer);
        log.append(Events.event(AuditEventType.TOOL_CALL, "c", "e", "a", 9));
        log.close();
    }

    /** A login role made afresh, given its grants by {@code grantFunction} (V5, V7). */
    @Test
    void two_ledgers_on_one_database_appending_at_once_keep_one_chain() throws Exception {
        // two service instances' ledgers: two writers, two connections, the same tables
        PGSimpleDataSource second = new PGSimpleDataSource();
        second.setURL(System.getenv("AUTONOC_TEST_POSTGRES_URL"));
        second.setCurrentSchema(schema);
        int each = 150;
        try (JdbcAuditLog other = JdbcAuditLog.open(second, Events.fixedClock())) {
            List<JdbcAuditLog> writers = List.of(log, other, log, other);
            ExecutorService pool = Executors.newFixedThreadPool(writers.size());
            try {
                List<Future<List<Long>>> sequences = new ArrayList<>();
                for (int w = 0; w < writers.size(); w++) {
                    JdbcAuditLog writer = writers.get(w);
                    String actor = "instance-" + w;
                    sequences.add(
                            pool.submit(
                                    () -> {
                                        List<Long> mine = new ArrayList<>();
                                        for (int i = 0; i < each; i++) {
                                            if (i % 10 == 9) {
                                                for (AuditEntry e :
                                                        writer.appendAll(
                                                                List.of(
                                                                        Events.aCase(
                                                                                actor + "-" + i,
                                                                                "rtr",
                                                                                i)))) {
                                                    mine.add(e.sequence());
                                                }
                                            } else {
                                                mine.add(
                                                        writer.append(
                                                                        Events.event(
                                                                                AuditEventType
                                                                                        .TOOL_CALL,
                                                                                actor,
                                                                                "rtr",
                                                                                actor,
                                                                                i))
                                                                .sequence());
                                            }
                                        }
                                        return mine;
                                    }));
                }
                Set<Long> all = new HashSet<>();
                int appended = 0;
                for (Future<List<Long>> f : sequences) {
                    List<Long> mine = f.get(2, TimeUnit.MINUTES);
                    appended += mine.size();
                    all.addAll(mine);
                }
                assertThat(all).as("no sequence handed out twice").hasSize(appended);
                assertThat(all)
                        .containsExactlyInAnyOrderElementsOf(
                                LongStream.rangeClosed(1, appended).boxed().toList());
                assertThat(other.verify().intact()).isTrue();
                assertThat(log.verify().intact()).isTrue();
                assertThat(log.entries()).hasSize(appended);
                // each writer's proofs are built over the one chain, whoever wrote it
                assertThat(other.checkpoint(CheckpointSigner.generate()).treeSize())
                        .isEqualTo(appended);
                assertThat(log.rootOf(appended)).isEqualTo(other.rootOf(appended));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private void createRole(String role, String grantFunction) {
        execute(dataSource, "DROP ROLE IF EXISTS " + role);
        execute(dataSource, "CREATE ROLE " + role + " LOGIN");
        execute(dataSource, "SELECT " + grantFunction + "('" + role + "')");
    }

    private void dropRoles(String... roles) {
        for (String role : roles) {
            execute(dataSource, "DROP OWNED BY " + role);
            execute(dataSource, "DROP ROLE " + role);
        }
    }

    private PGSimpleDataSource as(String role) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(System.getenv("AUTONOC_TEST_POSTGRES_URL"));
        ds.setUser(role);
        ds.setCurrentSchema(schema);
        return ds;
    }

    private static void execute(PGSimpleDataSource ds, String sql) {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
