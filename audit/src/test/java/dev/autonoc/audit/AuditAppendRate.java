package dev.autonoc.audit;

import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditVerification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Measures appends per second on an H2 file: one at a time, batched by 100, and plain INSERTs of
 * the same rows for comparison; then verify's rate. Not a test (timings never fail a build): run it
 * by hand, see the report in the audit module's notes.
 *
 * <pre>
 * mvn -B -q install -pl audit -Dspotless.check.skip=true -DskipTests
 * mvn -B -q dependency:build-classpath -pl audit -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp audit/target/classes:audit/target/test-classes:$(cat /tmp/cp.txt) \
 *     dev.autonoc.audit.AuditAppendRate [singles] [batched] [postgres-jdbc-url]
 * </pre>
 */
public final class AuditAppendRate {

    private AuditAppendRate() {}

    public static void main(String[] args) throws Exception {
        int singles = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int batched = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        Clock clock = Clock.systemUTC(); // wall clock is fine for a benchmark's recorded_at
        Path dir = Files.createTempDirectory("audit-rate");
        List<AuditEvent> events = new ArrayList<>(batched);
        for (int i = 0; i < batched; i++) {
            events.add(event(i));
        }

        // Warm up the JIT on a throw-away ledger.
        try (JdbcAuditLog warm = JdbcAuditLog.h2File(dir.resolve("warm"), clock)) {
            for (int i = 0; i < 20_000; i += 100) {
                warm.appendAll(events.subList(i, i + 100));
            }
            for (int i = 0; i < 500; i++) {
                warm.append(events.get(i));
            }
            warm.verify();
        }

        run(
                "H2 file",
                name -> H2DataSources.file(dir.resolve(name)),
                events,
                singles,
                batched,
                clock);
        if (args.length > 2) {
            String url = args[2];
            String prefix = "audit_rate_" + ProcessHandle.current().pid() + "_";
            run(
                    "PostgreSQL",
                    name -> postgres(url, prefix + name),
                    events,
                    singles,
                    batched,
                    clock);
        }

        long t = System.nanoTime();
        String previous = AuditChain.GENESIS_HASH;
        for (int i = 0; i < batched; i++) {
            previous = AuditChain.hash(i + 1, previous, CanonicalJson.event(events.get(i)));
        }
        report("canonical JSON + SHA-256 only", batched, System.nanoTime() - t);
    }

    private static void run(
            String label,
            Function<String, DataSource> db,
            List<AuditEvent> events,
            int singles,
            int batched,
            Clock clock)
            throws Exception {
        try (JdbcAuditLog log = JdbcAuditLog.open(db.apply("single"), clock)) {
            long t = System.nanoTime();
            for (int i = 0; i < singles; i++) {
                log.append(events.get(i));
            }
            report(label + ": append, one per transaction", singles, System.nanoTime() - t);
        }

        try (JdbcAuditLog log = JdbcAuditLog.open(db.apply("batched"), clock)) {
            long t = System.nanoTime();
            for (int i = 0; i + 100 <= batched; i += 100) {
                log.appendAll(events.subList(i, i + 100));
            }
            report(label + ": appendAll, batches of 100", batched, System.nanoTime() - t);

            t = System.nanoTime();
            AuditVerification v = log.verify();
            report(
                    label + ": verify (" + (v.intact() ? "intact" : "BROKEN") + ")",
                    v.entriesChecked(),
                    System.nanoTime() - t);

            t = System.nanoTime();
            long size = log.size();
            log.rootOf(size); // builds the Merkle tree from the stored hashes
            report(label + ": verify + build Merkle tree", size, System.nanoTime() - t);
            t = System.nanoTime();
            for (long i = 0; i < 10_000; i++) {
                log.inclusionProof(1 + (i * 7919) % size, size);
            }
            report(label + ": inclusion proofs", 10_000, System.nanoTime() - t);
        }

        DataSource plain = db.apply("plain");
        JdbcAuditLog.migrate(plain);
        try (Connection c = plain.getConnection();
                PreparedStatement s =
                        c.prepareStatement(
                                "INSERT INTO audit_entry (sequence, type, correlation_id, element,"
                                        + " actor, sim_time, recorded_at, previous_hash, hash,"
                                        + " event_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            // The very rows the ledger writes, made before the clock starts: what is left is
            // the database's own cost.
            List<String> jsons = new ArrayList<>(batched);
            List<String> hashes = new ArrayList<>(batched);
            String previous = AuditChain.GENESIS_HASH;
            for (int i = 0; i < batched; i++) {
                jsons.add(CanonicalJson.event(events.get(i)));
                previous = AuditChain.hash(i + 1, previous, jsons.get(i));
                hashes.add(previous);
            }
            long t = System.nanoTime();
            for (int i = 0; i < batched; i++) {
                AuditEvent e = events.get(i);
                s.setLong(1, i + 1);
                s.setString(2, e.type().name());
                s.setString(3, e.correlationId());
                s.setString(4, e.element());
                s.setString(5, e.actor());
                s.setObject(6, OffsetDateTime.ofInstant(e.simTime(), ZoneOffset.UTC));
                s.setObject(7, OffsetDateTime.ofInstant(e.simTime(), ZoneOffset.UTC));
                s.setString(8, i == 0 ? AuditChain.GENESIS_HASH : hashes.get(i - 1));
                s.setString(9, hashes.get(i));
                s.setString(10, jsons.get(i));
                s.addBatch();
                if ((i + 1) % 100 == 0) {
                    s.executeBatch();
                    c.commit();
                }
            }
            report(
                    label + ": plain INSERTs, batches of 100 (no ledger)",
                    batched,
                    System.nanoTime() - t);
        }
    }

    private static DataSource postgres(String url, String schema) {
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setURL(url);
        try (Connection c = admin.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setCurrentSchema(schema);
        return ds;
    }

    private static AuditEvent event(int i) {
        return new AuditEvent(
                AuditEventType.values()[i % AuditEventType.values().length],
                "case-" + (i / 20),
                "rtr-" + (i % 97),
                i % 3 == 0 ? "agent:autonoc" : "policy",
                Instant.parse("2026-03-01T08:00:00Z").plusMillis(1000L * i),
                Map.of(
                        "tool",
                        "order_part",
                        "idempotency_key",
                        "case-" + (i / 20) + "/" + (i % 20) + "/1",
                        "probability",
                        0.5 + (i % 1000) / 2000.0,
                        "policy_version",
                        "v3",
                        "rule_ids",
                        List.of("R-12", "R-40"),
                        "arguments",
                        Map.of("part", "PSU-48V", "quantity", 1L + i % 3)));
    }

    private static void report(String what, long n, long nanos) {
        System.out.printf(
                "%-45s %,9d in %,7.0f ms = %,9.0f /s%n", what, n, nanos / 1e6, n * 1e9 / nanos);
    }
}
