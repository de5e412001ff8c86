package dev.autonoc.audit;

import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditVerification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Measures {@code verify} over a large H2 file ledger and where its time goes: JDBC fetch alone,
 * parsing the event JSON, re-canonicalising it, SHA-256 of the chain, and the whole verify. Not a
 * test (timings never fail a build): run it by hand.
 *
 * <pre>
 * mvn -B -q install -pl audit -Dspotless.check.skip=true -DskipTests
 * mvn -B -q dependency:build-classpath -pl audit -Dmdep.outputFile=/tmp/audit-cp.txt -Dmdep.includeScope=test
 * java -cp audit/target/classes:audit/target/test-classes:$(cat /tmp/audit-cp.txt) \
 *     dev.autonoc.audit.AuditVerifyRate [entries] [db-path-without-suffix] [runs] [verify-only]
 * </pre>
 *
 * With {@code verify-only}, only {@code verify()} is run, and each run reports its wall time, the
 * process's CPU time over it and the load average.
 *
 * <p>The ledger is made once (plain INSERTs of the rows the ledger would write) and reused when the
 * file already holds that many entries.
 */
public final class AuditVerifyRate {

    private AuditVerifyRate() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path base =
                args.length > 1
                        ? Path.of(args[1])
                        : Files.createTempDirectory("audit-verify").resolve("ledger");
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Clock clock = Clock.systemUTC(); // wall clock is fine for a benchmark's recorded_at
        DataSource ds = H2DataSources.file(base);
        JdbcAuditLog.migrate(ds);
        try (JdbcAuditLog log = JdbcAuditLog.open(ds, clock)) {
            if (log.size() != n) {
                if (log.size() != 0) {
                    throw new IllegalStateException(
                            base + " holds " + log.size() + " entries, not " + n);
                }
            }
        }
        fillIfEmpty(ds, n);

        if (args.length > 3 && args[3].equals("verify-only")) {
            verifyOnly(ds, clock, runs);
            return;
        }
        try (JdbcAuditLog log = JdbcAuditLog.open(ds, clock)) {
            for (int run = 1; run <= runs; run++) {
                System.out.println("run " + run);
                long t = System.nanoTime();
                long[] count = {0};
                log.forEachStored(e -> count[0]++);
                report("JDBC fetch of every row", count[0], System.nanoTime() - t);

                List<String> sample = new ArrayList<>(200_000);
                log.forEachStored(
                        e -> {
                            if (sample.size() < 200_000) {
                                sample.add(e.eventJson());
                            }
                        });
                t = System.nanoTime();
                List<AuditEvent> parsed = new ArrayList<>(sample.size());
                for (String json : sample) {
                    parsed.add(CanonicalJson.parseEvent(json));
                }
                report("parse event JSON", sample.size(), System.nanoTime() - t);
                t = System.nanoTime();
                long chars = 0;
                for (AuditEvent e : parsed) {
                    chars += CanonicalJson.event(e).length();
                }
                report(
                        "re-canonicalise (" + chars + " chars)",
                        sample.size(),
                        System.nanoTime() - t);
                t = System.nanoTime();
                String previous = AuditChain.GENESIS_HASH;
                for (int i = 0; i < sample.size(); i++) {
                    previous = AuditChain.hash(i + 1, previous, sample.get(i));
                }
                report("chain SHA-256", sample.size(), System.nanoTime() - t);

                // The check verify made of each entry before the fast path and the prefetch: parse,
                // re-canonicalise, compare, hash, Merkle leaf; on the same rows and the same load.
                t = System.nanoTime();
                MerkleTree tree = new MerkleTree();
                long[] bad = {0};
                log.forEachStored(
                        e -> {
                            AuditEvent parsedEvent = CanonicalJson.parseEvent(e.eventJson());
                            if (!CanonicalJson.event(parsedEvent).equals(e.eventJson())
                                    || !AuditChain.hash(
                                                    e.sequence(), e.previousHash(), e.eventJson())
                                            .equals(e.hash())) {
                                bad[0]++;
                            }
                            tree.append(MerkleTree.leafOfEntryHash(e.hash()));
                        });
                report(
                        "the old per-entry check (" + bad[0] + " bad)",
                        tree.size(),
                        System.nanoTime() - t);

                t = System.nanoTime();
                AuditVerification v = log.verify();
                report(
                        "verify (" + (v.intact() ? "intact" : "BROKEN: " + v.detail()) + ")",
                        v.entriesChecked(),
                        System.nanoTime() - t);
            }
        }
    }

    /**
     * Only {@code verify()}, each run with its wall time, the CPU time of the whole process over it
     * (all threads: the fetch, the checks, GC) and the load average, since wall time on a shared
     * machine says more about the other builds than about verify.
     */
    private static void verifyOnly(DataSource ds, Clock clock, int runs) {
        var os =
                (com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        try (JdbcAuditLog log = JdbcAuditLog.open(ds, clock)) {
            for (int run = 1; run <= runs; run++) {
                long cpu = os.getProcessCpuTime();
                long t = System.nanoTime();
                AuditVerification v = log.verify();
                long wall = System.nanoTime() - t;
                cpu = os.getProcessCpuTime() - cpu;
                System.out.printf(
                        "verify run %d: %,d entries %s in %,.0f ms wall, %,.0f ms CPU (all"
                                + " threads), load average %.1f%n",
                        run,
                        v.entriesChecked(),
                        v.intact() ? "intact" : "BROKEN: " + v.detail(),
                        wall / 1e6,
                        cpu / 1e6,
                        os.getSystemLoadAverage());
            }
        }
    }

    private static void fillIfEmpty(DataSource ds, int n) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM audit_entry");
                java.sql.ResultSet rs = count.executeQuery()) {
            rs.next();
            if (rs.getLong(1) > 0) {
                return;
            }
        }
        long t = System.nanoTime();
        try (Connection c = ds.getConnection();
                PreparedStatement s =
                        c.prepareStatement(
                                "INSERT INTO audit_entry (sequence, type, correlation_id, element,"
                                        + " actor, sim_time, recorded_at, previous_hash, hash,"
                                        + " event_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            String previous = AuditChain.GENESIS_HASH;
            for (int i = 0; i < n; i++) {
                AuditEvent e = event(i);
                String json = CanonicalJson.event(e);
                String hash = AuditChain.hash(i + 1, previous, json);
                s.setLong(1, i + 1);
                s.setString(2, e.type().name());
                s.setString(3, e.correlationId());
                s.setString(4, e.element());
                s.setString(5, e.actor());
                s.setObject(6, OffsetDateTime.ofInstant(e.simTime(), ZoneOffset.UTC));
                s.setObject(7, OffsetDateTime.ofInstant(e.simTime(), ZoneOffset.UTC));
                s.setString(8, previous);
                s.setString(9, hash);
                s.setString(10, json);
                s.addBatch();
                previous = hash;
                if ((i + 1) % 1000 == 0) {
                    s.executeBatch();
                    c.commit();
                }
            }
            s.executeBatch();
            c.commit();
        }
        report("made the ledger (plain INSERTs)", n, System.nanoTime() - t);
    }

    /** Events of the size and shape the loop writes: a decision or a tool call with arguments. */
    private static AuditEvent event(int i) {
        var types = dev.autonoc.core.audit.AuditEventType.values();
        return new AuditEvent(
                types[i % types.length],
                "case-" + (i / 20),
                "rtr-" + (i % 97),
                i % 3 == 0 ? "agent:autonoc" : "person:alice",
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
                        "reasons",
                        List.of("cost above 500 GBP needs a supervisor"),
                        "arguments",
                        Map.of("part", "PSU-48V", "quantity", 1L + i % 3, "site", "LDN-04")));
    }

    private static void report(String what, long n, long nanos) {
        System.out.printf(
                "  %-45s %,9d in %,7.0f ms = %,9.0f /s%n", what, n, nanos / 1e6, n * 1e9 / nanos);
    }
}
